"""Post a held phone payment to the customer the supervisor chooses.

The number the channel sent is offered (often a digit off); Enter or "Look up" shows the
customer, what they owe today and what this money would leave, so the supervisor confirms
with the amount check in view. Only the customer looked up last can be posted to, and
never a closed account.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from console.services.channels.held import HeldPayment
from console.services.channels.review import HeldDecision, HeldTarget, held_target, post_held
from widgets.channels.labels import held_reason_name, held_subject
from widgets.desk import Desk
from widgets.form_dialog import FormDialog
from widgets.rows_model import fixed


class PostHeldDialog(FormDialog):
    """One held payment, a customer number with its lookup, and Post."""

    sig_posted = Signal(object)
    """The payment was posted (a HeldDecision)."""

    def __init__(self, desk: Desk, held: HeldPayment, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.held = held
        self.target: HeldTarget | None = None
        self.paid_label, self.reason_label = QLabel(self), QLabel(self)
        self.number_edit = QLineEdit(held.customer_no, self)
        self.number_edit.setMaxLength(32)
        self.lookup_button = QPushButton(self)
        # Enter belongs to the number (look up) and to Post: never to Cancel or Look up,
        # whichever of them last had the focus.
        for button in (self.lookup_button, self.cancel_button):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.number_edit, 1)
        row.addWidget(self.lookup_button)
        self.customer_label, self.check_label = QLabel(self), QLabel(self)
        for label in (self.customer_label, self.check_label, self.reason_label):
            label.setWordWrap(True)
        for field in (self.paid_label, self.reason_label, row, self.customer_label,
                      self.check_label):
            self.add_row(field)
        self.number_edit.textEdited.connect(self._on_number_edit_text_edited)
        self.number_edit.returnPressed.connect(self.look_up)
        self.lookup_button.clicked.connect(self.look_up)
        self.retranslate_ui()
        self._show_target()
        self.number_edit.setFocus()
        self.number_edit.selectAll()
        if held.customer_no:
            self.look_up()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Post a held phone payment"))
        self.intro_label.setText(self.tr(
            "The channel has taken this money. Check the customer number, press Enter to "
            "look it up, then post the payment to that customer."))
        self.set_labels(self.tr("Paid"), self.tr("Held because"), self.tr("&Customer no."),
                        self.tr("Customer"), self.tr("Amount check"))
        self.labels[2].setBuddy(self.number_edit)
        held = self.held
        self.paid_label.setText(held_subject(held))
        self.reason_label.setText(self.tr("{reason}; number sent: {number}").format(
            reason=held_reason_name(held.reason), number=held.customer_no or "—"))
        self.lookup_button.setText(self.tr("&Look up"))
        self.ok_button.setText(self.tr("&Post to this customer"))
        self.cancel_button.setText(self.tr("Cancel"))

    def look_up(self) -> None:
        """Read the customer numbered as typed, off the UI thread."""
        number = self.number_edit.text().strip()
        if not number:
            return
        db, actor, held_id = self._desk.db, self._desk.actor, self.held.held_id
        self.message_bar.clear()
        self._desk.run(lambda: held_target(db, actor, held_id=held_id, customer_no=number),
                       self, self._on_target_loaded, self._on_lookup_failed, key="target")

    def _on_target_loaded(self, target: HeldTarget) -> None:
        self.target = target if target.customer_no == self.number_edit.text().strip() else None
        self._show_target()
        if self.target is not None and not self.target.closed:
            self.ok_button.setFocus()

    def _on_lookup_failed(self, exc: BaseException) -> None:
        self.target = None
        self._show_target()
        self.message_bar.show_error(exc)

    def _on_number_edit_text_edited(self, _text: str) -> None:
        self.target = None  # what is shown no longer answers what is typed
        self._show_target()

    def _show_target(self) -> None:
        target = self.target
        self.ok_button.setEnabled(target is not None and not target.closed)
        if target is None:
            self.customer_label.setText(self.tr("— press Enter to look the number up —"))
            self.check_label.setText("")
            return
        self.customer_label.setText(" · ".join(part for part in (
            f"{target.customer_no} {target.customer_name}", target.address) if part))
        self.check_label.setText(self._check_text(target))

    def _check_text(self, target: HeldTarget) -> str:
        if target.closed:
            return self.tr("The account is closed: it takes no payment. Mark the money for "
                           "refund instead.")
        owes = self.tr("Owes {due} today; pays {amount}: ").format(
            due=fixed(target.due), amount=fixed(target.amount))
        left = target.balance_after
        if left == 0:
            return owes + self.tr("exactly what is due.")
        if left > 0:
            return owes + self.tr("the account then holds {credit} credit.").format(
                credit=fixed(left))
        return owes + self.tr("{rest} is still owed afterwards.").format(rest=fixed(-left))

    def _on_ok_clicked(self) -> None:
        target = self.target
        if target is None or target.closed:
            return
        db, actor = self._desk.db, self._desk.actor
        held_id, customer_id = self.held.held_id, target.customer_id
        self._save(lambda: post_held(db, actor, held_id=held_id, customer_id=customer_id))

    def _on_saved(self, value: HeldDecision) -> None:
        self.sig_posted.emit(value)
