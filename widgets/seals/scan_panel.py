"""Scan a seal: genuine or forged, its state, where it is installed, and its history."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from console.models.enums import SealState
from console.services.seals.types import ScanResult
from console.timeutil import local_time
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.rows_model import RowsModel
from widgets.seals import calls
from widgets.seals.details import FactsCard, history_columns
from widgets.seals.scan_field import ScanField
from widgets.seals.table import make_table
from widgets.seals.texts import (
    colour_name,
    joined,
    position_name,
    state_name,
    type_name,
)
from widgets.seals.verdict import Tone, VerdictBanner

translate = QCoreApplication.translate

FACTS = ("seal_no", "state", "batch", "kind", "unit", "holder", "customer", "meter",
         "position", "installed_at")


class SealScanPanel(QWidget):
    """One scan field; each Enter asks the seal service and shows its answer."""

    sig_scan_shown = Signal(object)
    """A scan's answer is on screen; carries its ScanResult."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.last: ScanResult | None = None
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.scan_field = ScanField(self)
        self.message_bar = MessageBar(self, reserve_space=True)
        self.banner = VerdictBanner(self)
        self.banner.hide()
        self.facts = FactsCard(FACTS, self)
        self.history_title = QLabel(self)
        self.history_title.setObjectName("SectionLabel")
        self.history_model = RowsModel(history_columns(), self)
        # Not sortable: the service gives newest first, and text sorting of times is wrong.
        self.history = make_table(self.history_model, self, key="scan_history", sortable=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.setSpacing(10)
        for widget in (self.hint, self.scan_field, self.message_bar, self.banner, self.facts,
                       self.history_title):
            layout.addWidget(widget)
        layout.addWidget(self.history, 1)
        layout.addStretch(0)  # takes the room while no seal is shown (junk, first start)
        self._show_seal(False)

    def _connect_signals(self) -> None:
        self.scan_field.sig_scanned.connect(self.scan)

    def retranslate_ui(self) -> None:
        self.hint.setText(self.tr(
            "Scan the QR code or barcode on a seal, or type its 22-digit number and press "
            "Enter. A QR code is checked against the site's signature."))
        self.scan_field.setPlaceholderText(self.tr("Scan or type a seal code…"))
        self.history_title.setText(self.tr("History"))
        self.facts.set_captions({
            "seal_no": self.tr("Seal number"), "state": self.tr("State"),
            "batch": self.tr("Batch"), "kind": self.tr("Type, colour"),
            "unit": self.tr("Unit"), "holder": self.tr("Held by"),
            "customer": self.tr("Customer"), "meter": self.tr("Meter"),
            "position": self.tr("Position"), "installed_at": self.tr("Installed on")})
        self.history_model.set_columns(history_columns())
        if self.last is not None:
            self._show(self.last)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def focus_search(self) -> None:
        """The main window calls this on opening the panel: the scanner types at once."""
        self.scan_field.take_focus()

    # -- scanning ---------------------------------------------------------------------------

    def scan(self, text: str) -> None:
        """Ask the service about `text` (a scan attempt is logged, so it runs as a write)."""
        db, actor, key = self._db, self._actor, uuid.uuid4().hex
        self.message_bar.clear()
        self._desk.run(lambda: calls.scan(db, actor, text, idempotency_key=key), self,
                       self._on_scanned, self._on_failed, key="scans", write=True)

    def _on_failed(self, exc: BaseException) -> None:
        self.message_bar.show_error(calls.seal_error_text(exc))

    def _on_scanned(self, view: ScanResult) -> None:
        self.last = view
        self._show(view)
        self.scan_field.take_focus()
        self.sig_scan_shown.emit(view)

    def _show(self, view: ScanResult) -> None:
        tone, headline, detail = verdict_words(view)
        self.banner.show_answer(tone, headline, detail)
        self.banner.show()
        self._show_seal(view.known)
        if view.known:
            self.facts.set_values(self._facts(view))
            self.history_model.set_rows(view.history)

    def _show_seal(self, shown: bool) -> None:
        for widget in (self.facts, self.history_title, self.history):
            widget.setVisible(shown)

    def _facts(self, view: ScanResult) -> dict[str, str]:
        customer = " ".join(p for p in (view.customer_no, view.customer_name) if p)
        return {
            "seal_no": view.seal_no, "state": state_name(view.state), "batch": view.batch_no,
            "kind": joined(type_name(view.seal_type), colour_name(view.colour)),
            "unit": view.unit, "holder": view.holder, "customer": customer,
            "meter": view.meter_no, "position": position_name(view.position),
            "installed_at": local_time(view.installed_at)}


def _where(view: ScanResult) -> str:
    if view.state == SealState.INSTALLED and view.meter_no:
        return translate("Seals", "installed on meter {meter}, {position}").format(
            meter=view.meter_no, position=position_name(view.position))
    return state_name(view.state)


def verdict_words(view: ScanResult) -> tuple[Tone, str, str]:
    """Tone, headline and detail of a scan's answer, in the current language."""
    if view.verdict == "genuine" and view.state in ("scrapped", "lost", "damaged"):
        return (Tone.WARN, translate("Seals", "Genuine, but recorded as {state}").format(
                    state=state_name(view.state)),
                translate("Seals", "This seal must not be on a meter: keep it and report it."))
    if view.verdict == "genuine":
        return (Tone.GOOD, translate("Seals", "Genuine seal"), translate(
            "Seals", "The signature verifies (key {key}). Seal {seal}: {where}.").format(
                key=view.key_id, seal=view.seal_no, where=_where(view)))
    if view.verdict == "forged":
        return (Tone.BAD, translate("Seals", "FORGED — the signature does not verify"), translate(
            "Seals", "This QR code was not signed by this site. Keep the seal as evidence; "
            "the scan has been recorded.") + (f" ({view.seal_no})" if view.seal_no else ""))
    if view.verdict == "revoked":
        return (Tone.BAD, translate("Seals", "REVOKED KEY — not proof of a genuine seal"), translate(
            "Seals", "This QR code was signed with key {key}, which the administrator revoked "
            "as compromised: anyone may have made it. Keep the seal and report it; the scan has "
            "been recorded.").format(key=view.key_id) + (f" ({view.seal_no})" if view.seal_no else ""))
    if view.verdict == "barcode" and view.known:
        return (Tone.NEUTRAL,
                translate("Seals", "Seal {seal} is on record").format(seal=view.seal_no),
                translate("Seals", "State: {where}. A barcode carries no signature: scan the QR "
                          "code to check the seal is genuine.").format(where=_where(view)))
    if view.verdict == "barcode":
        return (Tone.WARN, translate("Seals", "Unknown seal {seal}").format(seal=view.seal_no),
                translate("Seals", "The number is well-formed but no batch of this site "
                          "contains it."))
    return (Tone.WARN, translate("Seals", "Not a seal code"), translate(
        "Seals", "\"{text}\" is neither a seal's QR code nor a 22-digit seal number with a valid "
        "check digit. Nothing was changed.").format(text=_short(view.text)))


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
