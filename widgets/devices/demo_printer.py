"""The embedded demo's receipt printer: a fake printer inside the process (issue 19), so a
newcomer's cash payment prints a thermal receipt with nothing else to run.

    printer = DemoPrinter(data_folder / "receipts-printer")
    printer.start()      # 127.0.0.1:<free port>; this workstation points at it if unset
    ...
    printer.stop()       # the workstation's printer is "none" again, if it still was ours

Each job lands in the folder as `job-NNNN.png` (the receipt as printed), `.txt` and
`.json` (console.devices.fake_printer). The workstation is pointed at the demo printer
only when it has no printer of its own: a real one set up in the settings is never
replaced. The demo's own setting is marked (`demo_where`) so that the next start, on a
new port, moves it along, and a stop — or a start on a real database after a demo that
was killed — takes it back.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings

from console.devices.fake_printer import FakePrinter
from console.devices.transport import PrinterConfig, PrinterKind
from widgets.devices.printer_settings import (
    PREFIX,
    load_printer_config,
    save_printer_config,
    workstation_settings,
)

log = logging.getLogger(__name__)
MARK = PREFIX + "demo_where"  # the address the demo wrote, while it is still the setting
FOLDER = "receipts-printer"


class DemoPrinter:
    """A FakePrinter on loopback for the embedded demo, and this workstation's setting."""

    def __init__(self, folder: Path, settings: QSettings | None = None) -> None:
        self.folder = Path(folder)
        self._settings = settings
        self.printer: FakePrinter | None = None
        self.adopted = False  # the workstation prints to it

    def start(self) -> bool:
        """Listen on 127.0.0.1 (a free port); True when this workstation now prints to it."""
        self.printer = FakePrinter(self.folder).start()
        host, port = self.printer.address
        settings = self._settings or workstation_settings()
        config = load_printer_config(settings)
        self.adopted = not config.thermal or is_demo_setting(config, settings)
        if self.adopted:
            demo = PrinterConfig(kind=PrinterKind.NETWORK, host=host, port=port)
            save_printer_config(demo, settings)
            settings.setValue(MARK, demo.where)
            settings.sync()
        log.info("demo receipt printer on %s:%d, jobs in %s (%s)", host, port, self.folder,
                 "this workstation prints to it" if self.adopted else
                 "the workstation keeps its own printer")
        return self.adopted

    def stop(self) -> None:
        if self.printer is not None:
            self.printer.stop()
            self.printer = None
        if self.adopted:
            forget_demo_printer(self._settings)
            self.adopted = False


def is_demo_setting(config: PrinterConfig, settings: QSettings) -> bool:
    """The printer setting is still the one a demo wrote (nobody changed it since)."""
    mark = str(settings.value(MARK, "") or "")
    return bool(mark) and config.kind == PrinterKind.NETWORK and config.where == mark


def forget_demo_printer(settings: QSettings | None = None) -> None:
    """Back to "no printer" if the setting is the demo's; anything else is left alone."""
    s = settings or workstation_settings()
    if is_demo_setting(load_printer_config(s), s):
        save_printer_config(PrinterConfig(), s)
    s.remove(MARK)
    s.sync()
