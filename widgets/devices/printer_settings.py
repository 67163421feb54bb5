"""The workstation's receipt printer, kept in its QSettings (each counter PC has its own).

    config = load_printer_config()          # PrinterConfig(kind=NONE) until someone sets it
    save_printer_config(config)

NONE keeps the A5 PDF receipt (the system printer or a file): a workstation without a
thermal printer works as before.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from console.devices.transport import RAW_PORT, PrinterConfig, PrinterKind

PREFIX = "devices/receipt_printer/"


def workstation_settings() -> QSettings:
    return QSettings("GridDesk", "GridDesk")


def load_printer_config(settings: QSettings | None = None) -> PrinterConfig:
    """What is stored, with anything unreadable read as its default."""
    s = settings or workstation_settings()
    try:
        kind = PrinterKind(str(s.value(PREFIX + "kind", PrinterKind.NONE)))
    except ValueError:
        kind = PrinterKind.NONE
    return PrinterConfig(
        kind=kind, host=str(s.value(PREFIX + "host", "")).strip(),
        port=_int(s.value(PREFIX + "port"), RAW_PORT, 1, 65535),
        device=str(s.value(PREFIX + "device", "")).strip(),
        baud=_int(s.value(PREFIX + "baud"), 9600, 1200, 921600),
        paper_mm=58 if _int(s.value(PREFIX + "paper_mm"), 80, 58, 80) == 58 else 80,
        drawer_open_high=str(s.value(PREFIX + "drawer_open_high", "true")).lower() == "true")


def save_printer_config(config: PrinterConfig, settings: QSettings | None = None) -> None:
    s = settings or workstation_settings()
    for key, value in (("kind", str(config.kind)), ("host", config.host), ("port", config.port),
                       ("device", config.device), ("baud", config.baud),
                       ("paper_mm", config.paper_mm),
                       ("drawer_open_high", "true" if config.drawer_open_high else "false")):
        s.setValue(PREFIX + key, value)
    s.sync()


def _int(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return default
    return number if low <= number <= high else default
