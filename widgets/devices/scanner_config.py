"""The scanner's settings of this workstation, in QSettings (`scanner/...`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QSettings

BAUD_RATES = (9600, 19200, 38400, 57600, 115200)


class ScannerMode(StrEnum):
    WEDGE = "wedge"  # the scanner types like a keyboard
    SERIAL = "serial"  # RS-232 or USB-CDC: lines on a (virtual) COM port


class Suffix(StrEnum):
    """The key a keyboard-wedge scanner sends after the code (set in the scanner itself)."""

    ENTER = "enter"
    TAB = "tab"


@dataclass(frozen=True)
class ScannerConfig:
    mode: ScannerMode = ScannerMode.WEDGE
    port: str = ""
    baudrate: int = 9600
    suffix: Suffix = Suffix.ENTER

    @classmethod
    def load(cls, settings: QSettings) -> ScannerConfig:
        """What is saved; a value nobody could have chosen falls back to the default."""
        def pick(enum: type[StrEnum], key: str, default: StrEnum) -> StrEnum:
            value = str(settings.value(f"scanner/{key}", default.value))
            return enum(value) if value in {e.value for e in enum} else default

        try:
            baud = int(str(settings.value("scanner/baudrate", 9600)))
        except ValueError:
            baud = 9600
        return cls(mode=ScannerMode(pick(ScannerMode, "mode", ScannerMode.WEDGE)),
                   port=str(settings.value("scanner/port", "") or "")[:200],
                   baudrate=baud if baud in BAUD_RATES else 9600,
                   suffix=Suffix(pick(Suffix, "suffix", Suffix.ENTER)))

    def save(self, settings: QSettings) -> None:
        settings.setValue("scanner/mode", self.mode.value)
        settings.setValue("scanner/port", self.port)
        settings.setValue("scanner/baudrate", self.baudrate)
        settings.setValue("scanner/suffix", self.suffix.value)
        settings.sync()
