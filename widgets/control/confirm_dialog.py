"""The confirmation in front of every manual switch command.

Before a person cuts or restores someone's supply they see who it is: name,
customer number, address, protection, what is owed, the meter's relay and
what is already open on it. The request goes out only from here; a refusal
(four eyes, a guard, a busy meter) stays in the dialog, in words.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.control.commands import request_command
from console.services.control.queries import ControlFacts, control_facts
from console.services.control.types import CommandView
from console.services.customers.search import find_customers
from console.timeutil import local_time
from widgets.control.labels import (
    action_name,
    control_error_text,
    reason_name,
    state_name,
)
from widgets.desk import Desk
from widgets.domain_labels import category_name, control_state_name, money, relay_name
from widgets.errors import MessageBar

ACTIONS = ("disconnect", "reconnect", "guarantee_on", "guarantee_off")
REASONS = ("customer_request", "arrears", "inspection", "account_closure", "safety")
FIELDS = ("name", "number", "address", "unit", "protected", "amount_due", "breakdown", "state",
          "meter", "open")
DANGER = "color: #b3261e; font-weight: 700;"


class ControlConfirmDialog(QDialog):
    """Ask for one switch command on a customer's meter, after showing who they are."""

    sig_requested = Signal(object)
    """A command was requested (or the open one returned): its CommandView."""

    sig_facts_loaded = Signal(object)
    """The customer's facts are on screen (ControlFacts)."""

    def __init__(self, desk: Desk, customer_id: int | None = None, *, action: str = "disconnect",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.facts: ControlFacts | None = None
        # One key per dialog: a double click or a retry after a lost answer asks once.
        self._key = f"manual:{uuid.uuid4().hex}"
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.action_combo.setCurrentIndex(max(0, self.action_combo.findData(action)))
        if customer_id is not None:
            self.number_row.hide()
            self.load(customer_id)

    def _build_ui(self) -> None:
        self.number_label, self.number_edit = QLabel(self), QLineEdit(self)
        self.title_label = QLabel(self, objectName="CardTitle")
        card = QFrame(self, objectName="Card")
        grid = QGridLayout(card)
        grid.setContentsMargins(14, 10, 14, 12)
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.title_label, 0, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, key in enumerate(FIELDS, start=1):
            self.captions[key] = QLabel(card, objectName="FieldCaption")
            self.values[key] = QLabel(card, objectName="FieldValue")
            self.values[key].setWordWrap(True)
            self.values[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(self.captions[key], row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.values[key], row, 1)
        self.action_combo, self.reason_combo = QComboBox(self), QComboBox(self)
        self.meter_combo = QComboBox(self)
        for code in ACTIONS:
            self.action_combo.addItem("", code)
        for code in REASONS:
            self.reason_combo.addItem("", code)
        self.action_label, self.reason_label = QLabel(self), QLabel(self)
        self.meter_label = QLabel(self)
        self.warning_label = QLabel(self)
        self.warning_label.setWordWrap(True)
        self.checked_box = QCheckBox(self)
        # Offered once a request was refused for the missing 30-minute reminder alone.
        self.remind_box = QCheckBox(self)
        self.remind_box.hide()
        self.message_bar = MessageBar(self)
        self.ok_button, self.cancel_button = QPushButton(self), QPushButton(self)
        self.ok_button.setObjectName("PrimaryButton")
        self.ok_button.setDefault(True)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self._lay_out(card)

    def _lay_out(self, card: QFrame) -> None:
        # Who first (typed in, or given), then what is to be done to their supply.
        self.number_row = QWidget(self)
        number = QHBoxLayout(self.number_row)
        number.setContentsMargins(0, 0, 0, 0)
        number.addWidget(self.number_label)
        number.addWidget(self.number_edit, 1)
        self.number_label.setBuddy(self.number_edit)
        form = QGridLayout()
        form.setHorizontalSpacing(12)
        pairs = ((self.action_label, self.action_combo), (self.meter_label, self.meter_combo),
                 (self.reason_label, self.reason_combo))
        for row, (label, field) in enumerate(pairs):
            label.setBuddy(field)
            form.addWidget(label, row, 0)
            form.addWidget(field, row, 1)
        form.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.number_row)
        layout.addWidget(card)
        layout.addLayout(form)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.checked_box)
        layout.addWidget(self.remind_box)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)

    def _connect_signals(self) -> None:
        self.number_edit.returnPressed.connect(self._on_number_edit_return_pressed)
        self.action_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.checked_box.toggled.connect(self._on_choice_changed)
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Switch command for a customer"))
        self.number_label.setText(self.tr("Customer &no."))
        self.number_edit.setPlaceholderText(self.tr("Type or scan the customer number, Enter"))
        self.title_label.setText(self.tr("Check the customer"))
        captions = {"name": self.tr("Name"), "number": self.tr("Customer no."),
                    "address": self.tr("Address"), "unit": self.tr("Unit"),
                    "protected": self.tr("Protected"),
                    "amount_due": self.tr("Owed in total (yuan)"),
                    "breakdown": self.tr("Of which"),
                    "state": self.tr("Control state"), "meter": self.tr("Meters"),
                    "open": self.tr("Open commands")}
        for key, caption in captions.items():
            self.captions[key].setText(caption)
        self.action_label.setText(self.tr("&Action"))
        self.reason_label.setText(self.tr("&Reason"))
        self.meter_label.setText(self.tr("&Meter"))
        for row in range(self.action_combo.count()):
            self.action_combo.setItemText(row, action_name(self.action_combo.itemData(row)))
        for row in range(self.reason_combo.count()):
            self.reason_combo.setItemText(row, reason_name(self.reason_combo.itemData(row)))
        self.checked_box.setText(self.tr("I have checked the name, number and address with "
                                         "the customer's papers"))
        self.remind_box.setText(self.tr("Send the 30-minute reminder before the cut now, with "
                                        "the request"))
        self.cancel_button.setText(self.tr("Cancel"))
        if self.facts is not None:
            self._show(self.facts)
        self._on_choice_changed()

    # -- loading ----------------------------------------------------------------------------


    def _on_number_edit_return_pressed(self) -> None:
        text, db, actor = self.number_edit.text().strip(), self._db, self._actor
        if text:
            self._desk.run(lambda: find_customers(db, actor, text, limit=2), self, self._on_found,
                           self._on_failed)

    def _on_found(self, result) -> None:  # customers.SearchResult
        exact = [r for r in result.rows if r.customer_no == result.query] or list(result.rows)
        if len(exact) != 1:
            self.message_bar.show_error(self.tr("No single customer has the number {number}.")
                                        .format(number=self.number_edit.text().strip()))
            return
        self.load(exact[0].id)

    def load(self, customer_id: int) -> None:
        db, actor = self._db, self._actor
        self._desk.run(lambda: control_facts(db, actor, customer_id), self, self._on_facts_loaded,
                       self._on_failed)

    def _on_facts_loaded(self, facts: ControlFacts) -> None:
        self.message_bar.clear()
        self._show(facts)
        self._on_choice_changed()
        self.adjustSize()  # the card grew: meters, open commands
        self.sig_facts_loaded.emit(facts)

    def _show(self, facts: ControlFacts) -> None:
        self.facts = facts
        protected = (self.tr("Yes — {reason}").format(reason=facts.protected_reason)
                     if facts.protected_reason else self.tr("Yes")) if facts.protected else \
            self.tr("No")
        overdue = self.tr("%n day(s) overdue", "", facts.days_overdue) \
            if facts.days_overdue else ""
        texts = {"name": facts.name, "number": facts.customer_no, "address": facts.address,
                 "unit": f"{facts.unit_name} · {category_name(facts.category)}",
                 "protected": protected,
                 "amount_due": money(facts.amount_due),
                 "breakdown": "  ·  ".join(filter(None, (
                     self.tr("arrears (overdue) {amount}").format(amount=money(facts.arrears)),
                     self.tr("not yet due {amount}").format(amount=money(facts.not_yet_due))
                     if facts.not_yet_due > 0 else "",
                     self.tr("late fees {amount}").format(amount=money(facts.late_fees)),
                     overdue))),
                 "state": control_state_name(facts.control_state),
                 "meter": "\n".join(self._meter_line(m) for m in facts.meters) or self.tr("None"),
                 "open": "\n".join(f"{action_name(c.action)} — {state_name(c.state)}"
                                   for c in facts.open_commands) or self.tr("None")}
        for key, text in texts.items():
            self.values[key].setText(text)
        self.values["protected"].setStyleSheet(DANGER if facts.protected else "")
        self.values["amount_due"].setProperty("alert", facts.amount_due > 0)
        self.values["amount_due"].style().polish(self.values["amount_due"])
        chosen = self.meter_combo.currentData()
        self.meter_combo.clear()
        for m in facts.meters:
            if m.status == "in_service" and m.has_relay:
                self.meter_combo.addItem(f"{m.asset_no} · {relay_name(m.relay_state)}", m.meter_id)
        self.meter_combo.setCurrentIndex(max(0, self.meter_combo.findData(chosen)))

    def _meter_line(self, m) -> str:  # MeterState
        seen = local_time(m.last_seen_at) or self.tr("never")
        guarantee = self.tr(", under power guarantee") if m.guarantee else ""
        if not m.has_relay:
            guarantee += self.tr(", no relay (cannot be switched remotely)")
        return "\n".join((
            self.tr("{asset}: {relay}{guarantee}").format(
                asset=m.asset_no, relay=relay_name(m.relay_state), guarantee=guarantee),
            self.tr("status last read {seen}").format(seen=seen)))

    # -- confirming -------------------------------------------------------------------------

    @property
    def action(self) -> str:
        return str(self.action_combo.currentData())

    def _on_choice_changed(self, *_args: object) -> None:
        cutting = self.action == "disconnect"
        self.checked_box.setVisible(cutting)
        self.ok_button.setText(self.tr("Request approval") if cutting
                               else self.tr("Send to the meter"))
        warning = ""
        if cutting:
            warning = self.tr("This cuts the customer's power. A second supervisor approves "
                              "before the meter is switched; the policy rules are checked again "
                              "just before the trip.")
            if self.facts is not None and self.facts.protected:
                warning = self.tr("Protected customer: a disconnection will be refused.")
        self.warning_label.setText(warning)
        self.warning_label.setStyleSheet(DANGER if cutting else "")
        ready = self.facts is not None and self.meter_combo.count() > 0
        self.ok_button.setEnabled(ready and (not cutting or self.checked_box.isChecked()))

    def _on_ok_clicked(self) -> None:
        if not self.ok_button.isEnabled() or self.facts is None:
            return
        db, actor, key = self._db, self._actor, self._key
        customer_id, action = self.facts.customer_id, self.action
        meter_id, reason = self.meter_combo.currentData(), str(self.reason_combo.currentData())
        remind = self.remind_box.isVisible() and self.remind_box.isChecked()
        self.ok_button.setEnabled(False)
        self._desk.run(lambda: request_command(db, actor, customer_id=customer_id, action=action,
                                               reason=reason, meter_id=meter_id,
                                               idempotency_key=key, send_final_reminder=remind),
                       self, self._on_requested, self._on_failed, write=True)

    def _on_requested(self, view: CommandView) -> None:
        self.sig_requested.emit(view)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.message_bar.show_error(control_error_text(exc))
        if getattr(exc, "params", {}).get("step") == "send_final_reminder":
            self.remind_box.setChecked(True)
            self.remind_box.show()
        self._key = f"manual:{uuid.uuid4().hex}"  # refused: nothing written, ask afresh
        self._on_choice_changed()
