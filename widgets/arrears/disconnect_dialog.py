"""What requesting disconnection from the arrears panel would do, before anything is written.

The supervisor reads whom it concerns (by number, name and amount), what each
customer still lacks (a disconnect notice, the 30-minute reminder) and from
when a second supervisor can approve; the dialog offers the missing steps
instead of a request that nobody could approve.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from console.services.arrears.disconnect import DisconnectCandidate, DisconnectPlan
from console.timeutil import local_time
from widgets.control.labels import refusal_rule_text
from widgets.domain_labels import money

translate = QCoreApplication.translate
NAMED = 3  # customers named in a question before "and n more"


class ArrearsPlurals(QObject):
    """Counted texts of the arrears requests. lupdate marks a message plural only in
    ``tr(source, "", n)`` (``translate(…, n)`` with a variable n is taken as singular)."""

    def customers(self, n: int) -> str:
        return self.tr("%n customer(s): {names}", "", n)

    def more(self, n: int) -> str:
        return self.tr(" and %n more", "", n)

    def recorded(self, n: int) -> str:
        return self.tr("%n disconnection request(s) recorded; a second supervisor can "
                       "approve from {when}.", "", n)

    def reminders(self, n: int) -> str:
        return self.tr("%n 30-minute reminder(s) sent.", "", n)

    def waiting(self, n: int) -> str:
        return self.tr("%n already waiting for approval.", "", n)

    def refused(self, n: int) -> str:
        return self.tr("%n not requested: {why}.", "", n)


PLURALS = ArrearsPlurals()


def who_text(rows: Sequence[tuple[str, str, object]]) -> str:
    """(number, name, amount) rows in words: the one customer in full, else a count and names."""
    if len(rows) == 1:
        number, name, amount = rows[0]
        return translate("Arrears", "{number} {name} (arrears {amount} yuan)").format(
            number=number, name=name, amount=money(amount))
    names = "、".join(f"{number} {name}" for number, name, _a in rows[:NAMED])
    text = PLURALS.customers(len(rows)).format(names=names)
    if (more := len(rows) - NAMED) > 0:
        text += PLURALS.more(more)
    return text


def earliest(rows: Sequence[DisconnectCandidate]) -> str:
    moments = [r.ready_at for r in rows if r.ready_at is not None]
    return local_time(min(moments)) if moments else ""


class DisconnectRequestDialog(QDialog):
    """The plan of a disconnect request for the selected customers, and its choices."""

    sig_request_clicked = Signal()
    """Record the requests the plan allows (sending the missing reminders)."""

    sig_serve_clicked = Signal(list)
    """Serve disconnect notices on these customer ids first."""

    def __init__(self, plan: DisconnectPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.question_label = QLabel(self, objectName="CardTitle")
        self.question_label.setWordWrap(True)
        self.lines_label = QLabel(self)
        self.lines_label.setWordWrap(True)
        self.request_button = QPushButton(self, objectName="PrimaryButton")
        self.serve_button, self.cancel_button = QPushButton(self), QPushButton(self)
        self.buttons = QDialogButtonBox(self)
        for button in (self.request_button, self.serve_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.question_label)
        layout.addWidget(self.lines_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _connect_signals(self) -> None:
        self.request_button.clicked.connect(self._on_request_button_clicked)
        self.serve_button.clicked.connect(self._on_serve_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

    def retranslate_ui(self) -> None:
        plan = self.plan
        asked = [r for r in plan.rows if r.outcome in ("requestable", "reminder")]
        notice = plan.of("notice")
        self.setWindowTitle(self.tr("Request disconnection"))
        self.question_label.setText(self.tr("Request disconnection of {who}?").format(
            who=who_text([(r.customer_no, r.name, r.arrears) for r in plan.rows])))
        self.lines_label.setText("\n".join(self._lines()))
        self.request_button.setText(self.tr("Request %n disconnection(s)", "", len(asked)))
        self.request_button.setEnabled(bool(asked))
        self.request_button.setDefault(bool(asked))
        self.serve_button.setText(self.tr("Serve %n disconnect notice(s)", "", len(notice)))
        self.serve_button.setVisible(bool(notice))
        self.cancel_button.setText(self.tr("Cancel"))

    def _lines(self) -> list[str]:
        plan, lines = self.plan, []
        if rows := plan.of("requestable"):
            lines.append(self.tr("• %n can be requested now; a second supervisor can approve "
                                 "from {when}.", "", len(rows)).format(when=earliest(rows)))
        if rows := plan.of("reminder"):
            lines.append(self.tr("• %n still lack the 30-minute reminder before the cut: it is "
                                 "sent with the request; approval possible from {when}.", "",
                                 len(rows)).format(when=earliest(rows)))
        if rows := plan.of("notice"):
            lines.append(self.tr("• %n have no disconnect notice served: serve it first; the "
                                 "cut is possible from {when} at the earliest.", "",
                                 len(rows)).format(when=earliest(rows)))
        if rows := plan.of("open"):
            lines.append(self.tr("• %n already requested, waiting for approval.", "", len(rows)))
        for rule, rows in _by_rule(plan.of("refused")).items():
            lines.append(self.tr("• %n cannot be requested: {why}", "", len(rows)).format(
                why=_why(rule, rows)))
        return lines

    def _on_request_button_clicked(self) -> None:
        self.accept()
        self.sig_request_clicked.emit()

    def _on_serve_button_clicked(self) -> None:
        self.accept()
        self.sig_serve_clicked.emit([r.customer_id for r in self.plan.of("notice")])


def _by_rule(rows: list[DisconnectCandidate]) -> dict[str, list[DisconnectCandidate]]:
    found: dict[str, list[DisconnectCandidate]] = {}
    for r in rows:
        found.setdefault(r.rule or r.step, []).append(r)
    return found


def _why(rule: str, rows: list[DisconnectCandidate]) -> str:
    text = refusal_rule_text(rule)
    if when := earliest(rows):
        text = translate("Arrears", "{why} (possible from {when})").format(why=text, when=when)
    return text


def request_outcome_text(plan: DisconnectPlan) -> tuple[str, int]:
    """What a request batch did, in words, and how many requests it recorded."""
    created = [r for r in plan.rows if r.created]
    parts, done = [], len(created)
    if created:
        parts.append(PLURALS.recorded(done).format(when=earliest(created)))
        if sent := sum(r.reminder_sent for r in created):
            parts.append(PLURALS.reminders(sent))
    else:
        parts.append(translate("Arrears", "No disconnection request was recorded."))
    if waiting := len(plan.of("open")):
        parts.append(PLURALS.waiting(waiting))
    rest = [r for r in plan.rows if r.command_id is None]
    for rule, rows in _by_rule(rest).items():
        parts.append(PLURALS.refused(len(rows)).format(why=_why(rule, rows)))
    return " ".join(parts), done
