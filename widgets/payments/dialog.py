"""The counter payment dialog (收费): what is due, how it is paid, the receipt.

Keyboard first (journey 08:05): F5 opens it with the amount due filled in and
the caret in "Tendered"; the clerk types what the customer hands over, sees
the change, presses Enter; the payment posts off the UI thread and the
receipt prints. One idempotency key per dialog: a second Enter, or a retry
after a timeout, can only ever post this payment once. Once the receipt is out
the dialog closes by itself (`outcome` says what happened, for the customer
view), and a scan typed meanwhile is handed on (`type_ahead`): three inputs a
customer in steady state — scan, F5, Enter.
"""

from __future__ import annotations

import uuid
from concurrent.futures import Future
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.billing.money import parse_amount
from console.devices.transport import PrinterConfig
from console.errors import AccountClosed, InvalidAmount
from console.models.enums import CustomerStatus, PaymentMethod
from console.payment_journal import PaymentJournal
from console.privacy import mask_name
from console.services.payments.counter import METHODS, amount_due, post_payment
from console.services.payments.types import AmountDue, PostedPayment
from widgets.desk import Desk
from widgets.devices.printer_settings import load_printer_config
from widgets.domain_labels import method_name, money
from widgets.errors import MessageBar, error_text
from widgets.payments.counter_amounts import counter_amounts
from widgets.payments.doubt import DoubtSteps, PaymentDoubt, outcome_unknown
from widgets.payments.receipt import ReceiptSteps
from widgets.payments.receipt_printer import PrintReceipt, ReceiptPrinter, receipts_folder
from widgets.payments.scan_pay import ScanPaySteps
from widgets.payments.thermal_steps import ThermalSteps
from widgets.payments.topup import first_amount, prepaid_note
from widgets.payments.typeahead import TypeAhead
from widgets.plain_text import rich
from widgets.rows_model import ColumnSpec, RowsModel

translate = QCoreApplication.translate
MIN_WIDTH = 720

def due_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("PaymentDialog", "Period"), lambda b: b.period),
        ColumnSpec(translate("PaymentDialog", "Bill no."), lambda b: b.bill_no),
        ColumnSpec(translate("PaymentDialog", "Due"), lambda b: b.due_date.isoformat()),
        ColumnSpec(translate("PaymentDialog", "Days overdue"), lambda b: str(b.days_overdue), True),
        ColumnSpec(translate("PaymentDialog", "Electricity (yuan)"), lambda b: money(b.principal), True),
        ColumnSpec(translate("PaymentDialog", "Late fee (yuan)"), lambda b: money(b.late_fee), True),
        ColumnSpec(translate("PaymentDialog", "Subtotal (yuan)"), lambda b: money(b.total), True),
    ]

class PaymentDialog(ScanPaySteps, DoubtSteps, ThermalSteps, ReceiptSteps, QDialog):
    """Take one payment from one customer; closes by itself once the receipt is out."""

    sig_payment_posted = Signal(object)
    """A payment was recorded (PostedPayment); the customer view reloads."""

    sig_receipt_done = Signal(str)
    """The receipt went to the printer or a file; carries what the clerk was told."""

    # For the customer display (widgets.devices): what the customer may see, nothing more.
    sig_customer_chosen = Signal(str)
    """The amount due is loaded; carries the customer's name masked (张*)."""

    sig_amounts_changed = Signal(object)
    """The figures changed (a CounterAmounts): typed, method chosen, or posted."""

    sig_scan_code = Signal(str)
    """The scan-to-pay code the customer should scan, or "" once there is none."""

    def __init__(self, desk: Desk, customer_id: int, *,
                 print_receipt: PrintReceipt | None = None, journal: PaymentJournal | None = None,
                 printer_config: PrinterConfig | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor, self._customer_id = desk.db, desk.actor, customer_id
        self._print = print_receipt or ReceiptPrinter(receipts_folder(desk.db))
        # A thermal receipt printer of this workstation, or PDF receipts (kind NONE).
        self._printer_config = printer_config or load_printer_config()
        self.idempotency_key = uuid.uuid4().hex
        self.due: AmountDue | None = None
        self.posted: PostedPayment | None = None
        # What the clerk should still see once the dialog has gone: (text, succeeded).
        self.outcome: tuple[str, bool] | None = None
        self.type_ahead = TypeAhead(self)
        # Keys of payments sent but not answered, on disk (issue 14 item 11).
        self.doubt = PaymentDoubt(desk, customer_id, parent=self,
                                  journal=journal or PaymentJournal.for_database(desk.db))
        self._posting = self._printing = False
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self._load()

    # -- building ---------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.message_bar = MessageBar(self)
        self.customer_label = QLabel(self, objectName="DialogHeading")
        self.bills_model = RowsModel(due_columns(), self)
        self.bills_view = self._bills_table()
        self.summary_label = rich(QLabel(self, objectName="DueSummary"))
        self.summary_label.setWordWrap(True)
        self.method_caption = QLabel(self)
        self.method_buttons = QButtonGroup(self)
        methods = QHBoxLayout()
        for index, method in enumerate(METHODS):
            button = QPushButton(self, objectName="MethodButton")
            button.setCheckable(True)
            button.setProperty("method", method)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.method_buttons.addButton(button, index)
            methods.addWidget(button)
        self.method_buttons.button(0).setChecked(True)
        methods.addStretch(1)
        self.amount_edit, self.tendered_edit = QLineEdit(self), QLineEdit(self)
        for edit in (self.amount_edit, self.tendered_edit):
            edit.setObjectName("MoneyEdit")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMaximumWidth(200)
        self.change_label = QLabel("0.00", self, objectName="ChangeValue")
        self.note_label = QLabel(self, objectName="PaymentNote")
        self.note_label.setWordWrap(True)
        # Room for a prepaid note's three lines: typing must not make the dialog jump.
        self.note_label.setMinimumHeight(3 * self.fontMetrics().lineSpacing())
        self.note_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(16)
        self.form.addRow(self.method_caption, methods)
        self.form.addRow(QLabel(self), self.amount_edit)
        self.form.addRow(QLabel(self), self.tendered_edit)
        self.form.addRow(QLabel(self), self.change_label)
        self.result_label = rich(QLabel(self, objectName="PaymentResult"))
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self._lay_out()

    def _bills_table(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.bills_model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _lay_out(self) -> None:
        self.post_button, self.cancel_button = QPushButton(self), QPushButton(self)
        self.reprint_button = QPushButton(self)  # shown when the receipt did not print
        self.reprint_button.setAutoDefault(False)
        self.reprint_button.hide()
        self.post_button.setObjectName("PrimaryButton")
        self.post_button.setDefault(True)
        self.post_button.setEnabled(False)
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self._build_scan_pay())  # widgets.payments.scan_pay
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.post_button)
        line = QFrame(self, frameShape=QFrame.Shape.HLine, objectName="Rule")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(10)
        for widget in (self.message_bar, self.customer_label, self.bills_view, self.summary_label,
                       line):
            layout.addWidget(widget)
        layout.addLayout(self.form)
        layout.addWidget(self.note_label)
        layout.addWidget(self.scan_pay)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(MIN_WIDTH)

    def _connect_signals(self) -> None:
        self.post_button.clicked.connect(self._on_post_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.reprint_button.clicked.connect(self._on_reprint_button_clicked)
        self.type_ahead.sig_close_requested.connect(self._on_type_ahead_close_requested)
        self.doubt.sig_answered.connect(self._on_doubt_answered)
        self.doubt.sig_still_unknown.connect(self._on_doubt_still_unknown)
        self.method_buttons.idToggled.connect(self._on_method_toggled)
        self.amount_edit.textChanged.connect(self._on_inputs_changed)
        self.tendered_edit.textChanged.connect(self._on_inputs_changed)
        for index in range(len(METHODS)):
            shortcut = QShortcut(QKeySequence(f"Alt+{index + 1}"), self)
            # click(): a disabled button (posted, or a scan-to-pay order open) ignores it.
            shortcut.activated.connect(lambda i=index: self.method_buttons.button(i).click())


    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Take payment"))
        self.method_caption.setText(self.tr("Method"))
        for index, method in enumerate(METHODS):
            # The whole key, not a bare digit: a digit types into the amount fields.
            keys = QKeySequence(f"Alt+{index + 1}").toString(QKeySequence.SequenceFormat.NativeText)
            button = self.method_buttons.button(index)
            button.setText(f"{keys}  {method_name(method)}")
            button.setToolTip(self.tr("Alt+{key}").format(key=index + 1))
        labels = (self.tr("Amount (yuan)"), self.tr("Tendered (yuan)"), self.tr("Change (yuan)"))
        for row, text in enumerate(labels, start=1):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.tendered_edit.setPlaceholderText(self.tr("exact amount"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.reprint_button.setText(self.tr("&Reprint receipt"))
        self.cancel_button.setVisible(self.posted is None)
        self._retranslate_scan_pay()
        self.post_button.setText(self.tr("Close (Enter)") if self.posted
                                 else self.tr("Check the earlier payment (Enter)") if self._in_doubt
                                 else self.tr("Post payment (Enter)"))
        self.bills_model.set_columns(due_columns())
        if self.due is not None:
            self._show_due(self.due)

    # -- loading ----------------------------------------------------------------------------

    def _load(self) -> None:
        db, actor, customer_id = self._db, self._actor, self._customer_id
        self._desk.run(lambda: amount_due(db, actor, customer_id), self, self._on_due_loaded,
                       self.message_bar.show_error)

    def _on_due_loaded(self, due: AmountDue) -> None:
        self.due = due
        self.sig_customer_chosen.emit(mask_name(due.customer_name))
        self._show_due(due)
        if due.status == CustomerStatus.CLOSED:
            self.message_bar.show_error(AccountClosed("closed", customer_id=due.customer_id))
            return
        first = first_amount(due)  # prepaid: the policy's top-up, not just the arrears
        self.amount_edit.setText(f"{first}" if first > 0 else "")
        self.post_button.setEnabled(True)
        self.scan_button.setEnabled(True)
        self._focus_first_field()
        self._check_doubt()

    def _show_due(self, due: AmountDue) -> None:
        self.customer_label.setText(self.tr("{name}  ·  customer no. {number}").format(
            name=due.customer_name, number=due.customer_no))
        self.bills_model.set_rows(due.bills)
        self.bills_view.setVisible(bool(due.bills))
        rows = min(max(len(due.bills), 1), 6)  # the table as tall as its bills, up to six
        self.bills_view.setFixedHeight(self.bills_view.horizontalHeader().sizeHint().height()
                                       + rows * self.bills_view.verticalHeader().defaultSectionSize()
                                       + 4)
        self._fit_bills_width()
        if due.bills:
            text = self.tr("Electricity {principal} + late fees {fees} = <b>{total} yuan due</b>")
            text = text.format(principal=money(due.principal), fees=money(due.late_fees),
                               total=money(due.total))
        else:
            text = self.tr("Nothing is owed. A payment is credited to the balance.")
        if due.total == 0 and due.balance > 0:
            text += "  " + self.tr("Balance on the account: {balance} yuan.").format(
                balance=money(due.balance))
        self.summary_label.setText(text)
        self._on_inputs_changed()

    def _fit_bills_width(self) -> None:
        """As wide as every column's whole text (English headers are long): no column cut."""
        view = self.bills_view
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        width = sum(header.sectionSize(c) for c in range(header.count())) + 2 * view.frameWidth()
        if len(self.due.bills if self.due else ()) > 6:  # more bills than rows shown
            width += view.verticalScrollBar().sizeHint().width()
        view.setMinimumWidth(width)
        # The dialog's own minimum is explicit (the layout does not raise it): widen it.
        margins = self.layout().contentsMargins()
        self.setMinimumWidth(max(MIN_WIDTH, width + margins.left() + margins.right()))

    def _focus_first_field(self) -> None:
        edit = self.tendered_edit if self.method == PaymentMethod.CASH else self.amount_edit
        edit.setFocus()
        edit.selectAll()

    # -- input ------------------------------------------------------------------------------

    @property
    def method(self) -> str:
        return METHODS[max(0, self.method_buttons.checkedId())]

    def _on_method_toggled(self, _index: int, checked: bool) -> None:
        if not checked:
            return
        cash = self.method == PaymentMethod.CASH
        for row in (2, 3):
            self.form.setRowVisible(row, cash)
        self._on_inputs_changed()
        if self.due is not None and not self.posted:
            self._focus_first_field()

    def _amounts(self) -> tuple[Decimal, Decimal | None]:
        """The amount and (cash) the tendered sum, or InvalidAmount as the service says it."""
        amount = parse_amount(self.amount_edit.text())
        if self.method != PaymentMethod.CASH or not self.tendered_edit.text().strip():
            return amount, None
        tendered = parse_amount(self.tendered_edit.text(), field="tendered", ceiling=None)
        if tendered < amount:
            raise InvalidAmount("tendered less than the amount", field="tendered",
                                value=self.tendered_edit.text(), reason="less_than_amount")
        return amount, tendered

    def _on_inputs_changed(self) -> None:
        if self.posted is not None:
            return
        try:
            amount, tendered = self._amounts()
        except InvalidAmount:
            self.change_label.setText("—")
            self.note_label.clear()
            self._emit_amounts(None, None)
            return
        self.change_label.setText(money((tendered or amount) - amount))
        self.note_label.setText(self._note(amount))
        self._emit_amounts(amount, tendered)

    def _emit_amounts(self, amount: Decimal | None, tendered: Decimal | None, *,
                      paid: bool = False) -> None:
        if self.due is not None:
            self.sig_amounts_changed.emit(counter_amounts(
                self.due.total, self.due.late_fees, amount, tendered, self.method, paid=paid))

    def _note(self, amount: Decimal) -> str:
        if self.due is None:
            return ""
        if self.due.prepaid is not None:
            return prepaid_note(self.due, amount)
        if amount > self.due.total:
            return self.tr("{excess} yuan more than is due goes to the account balance "
                           "(credit for future bills).").format(excess=money(amount - self.due.total))
        if amount < self.due.total:
            return self.tr("Part payment: {rest} yuan stays owed (oldest bill is paid first)."
                           ).format(rest=money(self.due.total - amount))
        return ""

    # -- posting ----------------------------------------------------------------------------

    def _on_post_button_clicked(self) -> None:
        if self.posted is not None:
            self.accept()
            return
        if self._posting or self.due is None:
            return
        if self._in_doubt:
            self.post_button.setEnabled(False)
            self.doubt.check()
            return
        try:
            amount, tendered = self._amounts()
        except InvalidAmount as exc:
            self.message_bar.show_error(exc)
            self._focus_bad_field(exc)
            return
        self._post(amount, tendered)

    def _focus_bad_field(self, exc: InvalidAmount) -> None:
        edit = self.tendered_edit if exc.params.get("field") == "tendered" else self.amount_edit
        edit.setFocus()
        edit.selectAll()

    def _post(self, amount: Decimal, tendered: Decimal | None) -> Future:
        self._posting = True
        self.post_button.setEnabled(False)
        self.message_bar.clear()
        db, actor, cid, key, method = (self._db, self._actor, self._customer_id,
                                       self.idempotency_key, self.method)
        self.doubt.sending(key, amount, method)
        return self._desk.run(
            lambda: post_payment(db, actor, customer_id=cid, amount=amount, method=method,
                                 idempotency_key=key, tendered=tendered),
            self, self._on_posted, self._on_post_failed, write=True)

    def reject(self) -> None:
        if self.scan_pay.cancel():  # Esc with a scan-to-pay order open cancels the order
            return
        # Closing now would lose the receipt of a payment that is being recorded.
        if not self._posting and not self._printing:
            super().reject()

    def _on_post_failed(self, exc: BaseException) -> None:
        if self.posted is not None:
            return  # a retry's refusal after the first post went through
        self._posting = False
        self.post_button.setEnabled(True)
        if outcome_unknown(exc):  # its key stays journalled; Enter asks the database by it
            self.retranslate_ui()
            self.message_bar.show_error(self.tr(
                "{error} The payment may or may not be recorded: press Enter to ask the "
                "database — it is never recorded twice.").format(error=error_text(exc)))
            self.post_button.setFocus()
            return
        self.message_bar.show_error(exc)
        self.doubt.answered(self.idempotency_key)  # refused: nothing was written
        if isinstance(exc, InvalidAmount):
            self._focus_bad_field(exc)

    def _on_posted(self, posted: PostedPayment) -> None:
        self._posting = False
        if self.posted is not None:
            return  # the same payment again (a retry with this dialog's key)
        self.doubt.answered(self.idempotency_key)
        self.posted, self._printing = posted, True
        for widget in (self.amount_edit, self.tendered_edit):
            widget.setReadOnly(True)
        for button in self.method_buttons.buttons():
            button.setEnabled(False)
        self.result_label.setText(self._result_text(posted))
        self.result_label.show()
        self.retranslate_ui()
        self.type_ahead.start()  # the next scan may come before the receipt is out
        self.sig_payment_posted.emit(posted)
        self._emit_amounts(posted.amount, posted.tendered, paid=True)
        self._render_receipt(posted.payment_id)
