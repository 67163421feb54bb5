"""What the consumption view says about the meter: a status chip beside the title
and a banner over the live curve when the meter does not answer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QLabel, QWidget

from console.models.enums import RelayState
from console.services.consumption.types import MeterState
from console.timeutil import local_time

# Strings keep the chart's translation context: they are the chart's words.
CONTEXT = "ConsumptionChart"

_BANNER_STYLE = ("QLabel { background: #fdecea; color: #a12622; border: 1px solid #f1b0ab;"
                 " border-radius: 4px; padding: 8px 12px; font-weight: bold; }")
_CHIP_STYLES = {
    "ok": "color: #1e7b34; background: #e6f4ea; border: 1px solid #b7dfc2;",
    "warn": "color: #8a5a00; background: #fff4e0; border: 1px solid #f0d39a;",
    "bad": "color: #a12622; background: #fdecea; border: 1px solid #f1b0ab;",
    "idle": "color: #5b6b7d; background: #f1f4f8; border: 1px solid #d5dde7;",
}


class StatusChip(QLabel):
    """A rounded label whose colour says ok / warn / bad / idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="consumptionStatus")
        self.kind = ""
        self.set_state("", "idle")

    def set_state(self, text: str, kind: str) -> None:
        self.setText(text)
        if kind != self.kind:
            self.kind = kind
            self.setStyleSheet(
                f"QLabel {{ {_CHIP_STYLES[kind]} border-radius: 9px; padding: 2px 10px; }}")


class WarningBanner(QLabel):
    """A red, bold line of warning; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="consumptionOffline")
        self.setStyleSheet(_BANNER_STYLE)
        self.setWordWrap(True)
        self.hide()

    def say(self, text: str | None) -> None:
        if text:
            self.setText("⚠ " + text)
        self.setVisible(bool(text))


def comm_error_text(code: str) -> str:
    """The collector's reason code for a silent meter, in words ("" if none)."""
    texts = {
        "timeout": QCoreApplication.translate("ConsumptionChart", "no answer in time"),
        "garbled": QCoreApplication.translate("ConsumptionChart", "garbled answers"),
        "wrong_address": QCoreApplication.translate(
            "ConsumptionChart", "another meter answers at its address"),
        "connection": QCoreApplication.translate(
            "ConsumptionChart", "serial server not reachable"),
        "refused": QCoreApplication.translate("ConsumptionChart", "the meter refused"),
        "password_wrong": QCoreApplication.translate("ConsumptionChart", "wrong meter password"),
    }
    return texts.get(code, code)


def meter_texts(meter: MeterState | None, *, loaded: bool) -> tuple[str, str, str | None]:
    """(chip text, chip kind, banner text or None) for the meter's state."""
    if not loaded:
        return QCoreApplication.translate("ConsumptionChart", "No customer"), "idle", None
    if meter is None:
        return (QCoreApplication.translate("ConsumptionChart", "No meter"), "idle",
                QCoreApplication.translate("ConsumptionChart",
                                           "No meter is in service for this customer."))
    if not meter.reachable:
        chip = QCoreApplication.translate("ConsumptionChart", "Meter not responding")
        if meter.heard_at is None:
            return chip, "bad", QCoreApplication.translate(
                "ConsumptionChart", "Meter not responding: it has not been read yet.")
        text = QCoreApplication.translate(
            "ConsumptionChart", "Meter not responding since {time}. The curve ends at the last "
            "reading; this is not zero consumption.").format(time=local_time(meter.heard_at))
        reason = comm_error_text(meter.comm_error)
        return chip, "bad", f"{text} ({reason})" if reason else text
    if meter.relay_state == RelayState.OPEN:
        since = local_time(meter.relay_changed_at)
        chip = (QCoreApplication.translate("ConsumptionChart", "Relay open since {time}").format(
            time=since) if since else QCoreApplication.translate("ConsumptionChart", "Relay open"))
        return chip, "warn", None
    return QCoreApplication.translate("ConsumptionChart", "Online · last reading {time}").format(
        time=local_time(meter.last_reading_at)), "ok", None


class TitleLabel(QLabel):
    """One line where there is room; wraps rather than being cut off on a narrow window
    (1366 px in English). A plain word-wrapping label asks for half its width always."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:  # Qt's name
        width = self.fontMetrics().horizontalAdvance(self.text()) + 2
        return QSize(width, self.heightForWidth(width))
