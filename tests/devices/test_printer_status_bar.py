"""The receipt printer's line in the status bar, and the embedded demo's own fake printer
(issue 19 item 6 and "Done when"): a real fake printer on loopback TCP."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from console.devices.fake_printer import FakePrinter, PrinterState
from console.devices.transport import PrinterConfig, PrinterKind, printer_status
from tests.devices.test_counter_dialog import pay_cash
from tests.payments.test_dialog import Receipts, open_dialog, open_panel
from widgets.desk import Desk
from widgets.devices.demo_printer import DemoPrinter, forget_demo_printer
from widgets.devices.printer_settings import load_printer_config, save_printer_config
from widgets.devices.settings_dialog import WorkstationSettingsDialog
from widgets.devices.thermal import print_test_page
from widgets.status_bar import ConsoleStatusBar

SHOTS = Path(os.environ["GRIDDESK_SHOTS"]) if os.environ.get("GRIDDESK_SHOTS") else None


@pytest.fixture
def printer(tmp_path):
    with FakePrinter(tmp_path / "jobs") as p:
        yield p


def point_at(printer: FakePrinter) -> None:
    host, port = printer.address
    save_printer_config(PrinterConfig(kind=PrinterKind.NETWORK, host=host, port=port))


def status_bar(qtbot, file_db, tasks, actor) -> ConsoleStatusBar:
    bar = ConsoleStatusBar(Desk(file_db, tasks, actor))
    qtbot.addWidget(bar)
    bar.resize(1100, 30)
    bar.show()
    return bar


def read_again(qtbot, bar: ConsoleStatusBar) -> str:
    """What the printer's line says after the desk asks for a new read (as a print does)."""
    with qtbot.waitSignal(bar.printer_field.sig_checked, timeout=8000):
        bar._desk.sig_printer_used.emit()
    return bar.printer_field.label.text()


def test_the_status_bar_says_ready_out_of_paper_and_unreachable(qtbot, english, file_db, tasks,
                                                               hall, printer):
    english("zh_CN")
    point_at(printer)
    bar = status_bar(qtbot, file_db, tasks, hall["clerk"])
    field = bar.printer_field
    qtbot.waitUntil(lambda: field.state == "ready", timeout=8000)
    assert field.isVisible() and field.label.text() == "打印机就绪"
    assert bar.texts()[3] == "打印机就绪"
    assert "就绪" in field.toolTip() and printer.address[0] in field.toolTip()
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        bar.grab().save(str(SHOTS / "status-bar-printer-ready.png"))
    printer.state = PrinterState(paper_out=True)
    assert read_again(qtbot, bar) == "打印机缺纸"
    assert "纸" in field.toolTip() and field.label.property("state") == "lost"
    if SHOTS:
        bar.grab().save(str(SHOTS / "status-bar-printer-paper-out.png"))
    printer.state = PrinterState(offline=True)
    assert read_again(qtbot, bar) == "打印机纸仓盖打开"
    printer.stop()
    assert read_again(qtbot, bar) == "打印机无法连接"
    assert field.state == "unreachable" and field.toolTip()  # what to check, in Chinese


def test_no_printer_set_up_shows_no_printer_line(qtbot, english, file_db, tasks, hall):
    bar = status_bar(qtbot, file_db, tasks, hall["clerk"])
    assert bar.printer_field.isHidden() and len(bar.texts()) == 4
    assert not bar.printer_field._timer.isActive()  # nothing polls a printer that is not there


def test_saving_the_settings_shows_the_printer_at_once(qtbot, english, file_db, tasks, hall,
                                                       printer):
    bar = status_bar(qtbot, file_db, tasks, hall["clerk"])
    assert bar.printer_field.isHidden()
    dialog = WorkstationSettingsDialog(bar._desk)
    qtbot.addWidget(dialog)
    page = dialog.printer_page
    page.set_config(PrinterConfig(kind=PrinterKind.NETWORK, host=printer.address[0],
                                  port=printer.address[1]))
    with qtbot.waitSignal(bar.printer_field.sig_checked, timeout=8000):
        dialog.accept()
    assert bar.printer_field.isVisible() and bar.printer_field.label.text() == "Printer ready"


def test_a_receipt_that_did_not_print_shows_at_once_in_the_status_bar(qtbot, english, file_db,
                                                                      tasks, hall, printer):
    point_at(printer)
    bar = status_bar(qtbot, file_db, tasks, hall["clerk"])
    qtbot.waitUntil(lambda: bar.printer_field.state == "ready", timeout=8000)
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], Receipts(), hall["farmer_no"],
                       desk=bar._desk)  # the status bar's desk: the window's, in the console
    printer.state = PrinterState(paper_out=True)  # the roll ran out since the last read
    dialog = open_dialog(qtbot, panel)
    with qtbot.waitSignal(bar.printer_field.sig_checked, timeout=8000):
        pay_cash(qtbot, dialog)
    assert "NOT printed" in dialog.message_bar.text
    assert bar.printer_field.label.text() == "Printer out of paper"


# -- the embedded demo's printer -----------------------------------------------------------
# (`qapp`: the workstation settings are the test's own, tests.gui_support)


def test_the_demo_printer_prints_for_an_unconfigured_workstation_and_stops(qapp, tmp_path):
    demo = DemoPrinter(tmp_path / "receipts-printer")
    assert demo.start() and demo.printer is not None
    host, port = demo.printer.address
    config = load_printer_config()
    assert (config.kind, config.host, config.port) == (PrinterKind.NETWORK, "127.0.0.1", port)
    assert printer_status(config).ready
    print_test_page(config)
    assert demo.printer.wait_for_jobs(1)
    assert (tmp_path / "receipts-printer" / "job-0001.png").exists()
    demo.stop()
    assert load_printer_config().kind == PrinterKind.NONE  # as it was before the demo
    with pytest.raises(OSError), socket.create_connection((host, port), timeout=1):
        pass


def test_the_demo_never_replaces_a_real_printer(qapp, tmp_path):
    real = PrinterConfig(kind=PrinterKind.NETWORK, host="192.0.2.60", port=9100, paper_mm=58)
    save_printer_config(real)
    demo = DemoPrinter(tmp_path / "receipts-printer")
    assert not demo.start()
    assert load_printer_config() == real
    demo.stop()
    forget_demo_printer()  # a start on a real database after a demo
    assert load_printer_config() == real


def test_a_killed_demo_is_followed_to_its_new_port_and_jobs_go_on(qapp, tmp_path):
    folder = tmp_path / "receipts-printer"
    first = DemoPrinter(folder)
    first.start()
    print_test_page(load_printer_config())
    assert first.printer is not None and first.printer.wait_for_jobs(1)
    first.printer.stop()  # killed: the setting still points at its port
    second = DemoPrinter(folder)
    assert second.start() and second.printer is not None
    assert load_printer_config().port == second.printer.address[1]
    print_test_page(load_printer_config())
    assert second.printer.wait_for_jobs(2)  # yesterday's job-0001 is kept
    assert (folder / "job-0001.png").exists() and (folder / "job-0002.png").exists()
    second.stop()
    assert load_printer_config().kind == PrinterKind.NONE
