"""The customer view (客户统一视图): who, what they owe, their meters and history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.services.customers.view_types import Contact, CustomerDetail
from console.timeutil import local_time
from widgets.customers.history import TABS
from widgets.customers.purpose_dialog import PurposeDialog
from widgets.desk import Desk
from widgets.domain_labels import (
    category_name,
    control_mode_name,
    control_state_name,
    customer_status_name,
    money,
    relay_name,
)
from widgets.errors import MessageBar
from widgets.rows_model import RowsModel
from widgets.table_columns import remember_columns

Load = Callable[[int], CustomerDetail]
Reveal = Callable[[int, str], Contact]  # (customer id, purpose code)


def _card(title: QLabel) -> tuple[QFrame, QGridLayout]:
    frame = QFrame(objectName="Card")
    grid = QGridLayout(frame)
    grid.setContentsMargins(14, 10, 14, 12)
    grid.setHorizontalSpacing(16)
    grid.addWidget(title, 0, 0, 1, 3)
    grid.setColumnStretch(1, 1)  # values take the width, captions stay narrow
    title.setObjectName("CardTitle")
    return frame, grid


class CustomerView(QWidget):
    """Read-only view of one customer; loads off the UI thread."""

    sig_loaded = Signal(int)
    """The view now shows this customer id."""

    sig_action_requested = Signal(str, int)
    """(action, customer id): "payment", "control", "statement" — later issues answer."""

    sig_reversal_requested = Signal(int, str)
    """(payment id, receipt no.): a supervisor asked to reverse a payment of the list."""

    sig_reprint_requested = Signal(int)
    """(payment id): print the receipt of a payment of the list again."""

    def __init__(self, desk: Desk, load: Load, reveal: Reveal | None = None,
                 parent: QWidget | None = None, *, chart: QWidget | None = None,
                 can_pay: bool = False, can_reverse: bool = False) -> None:
        super().__init__(parent)
        self._desk, self._load, self._reveal = desk, load, reveal
        self._can_pay, self._can_reverse = can_pay, can_reverse
        # The live consumption chart (widgets.consumption.chart), first tab when given.
        self.chart = chart
        self.detail: CustomerDetail | None = None
        # The live switch strip (widgets.control.customer_strip), when the window attaches one.
        self.control_strip: QWidget | None = None
        self._can_control = False
        # Set by widgets.work_orders.customer.attach_work_orders for roles that open orders.
        self.work_orders_enabled = False
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.message_bar = MessageBar(self)
        self.name_label = QLabel(objectName="CustomerName")
        self.badges = QLabel(objectName="Badges")
        self.identity_title, self.account_title = QLabel(), QLabel()
        identity, self._identity_grid = _card(self.identity_title)
        account, self._account_grid = _card(self.account_title)
        self.fields: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(("number", "category", "unit", "phone", "id_number", "address",
                                   "tariff"), start=1):
            self._add_field(self._identity_grid, key, row, 0)
        for row, key in enumerate(("balance", "arrears", "late_fees", "amount_due", "mode",
                                   "state", "relay"), start=1):
            self._add_field(self._account_grid, key, row, 0)
        self.reveal_button = QPushButton(objectName="RevealButton")
        self._identity_grid.addWidget(self.reveal_button, 4, 2)
        self.actions = {name: QPushButton(objectName=f"Action_{name}")
                        for name in ("payment", "control", "statement", "work_order")}
        self.actions["payment"].setObjectName("PrimaryButton")
        self.tabs = QTabWidget(objectName="CustomerTabs")
        if self.chart is not None:
            self.tabs.addTab(self.chart, "")
        self.models: dict[str, RowsModel] = {}
        self.tables: dict[str, QTableView] = {}
        for _title, columns, attr in TABS:
            self.models[attr] = RowsModel(columns(), self)
            self.tables[attr] = self._table(self.models[attr], attr)
            self.tabs.addTab(self.tables[attr], "")
        self.reprint_action, self.reverse_action = QAction(self), QAction(self)
        payments = self.tables["payments"]
        # Our own menu of the table's actions, to show why "Reverse" is greyed out.
        payments.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        if self._can_pay:
            payments.addAction(self.reprint_action)
        if self._can_reverse:
            payments.addAction(self.reverse_action)
        self._lay_out(identity, account)

    def _add_field(self, grid: QGridLayout, key: str, row: int, col: int) -> None:
        caption, value = QLabel(objectName="FieldCaption"), QLabel(objectName="FieldValue")
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setWordWrap(True)
        grid.addWidget(caption, row, col)
        grid.addWidget(value, row, col + 1)
        self.fields[key] = (caption, value)

    def _table(self, model: RowsModel, key: str) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        remember_columns(view, f"customer.{key}")
        return view

    def _lay_out(self, identity: QFrame, account: QFrame) -> None:
        head = QHBoxLayout()
        head.addWidget(self.name_label)
        head.addWidget(self.badges)
        head.addStretch(1)
        for button in self.actions.values():
            head.addWidget(button)
        cards = QHBoxLayout()
        cards.addWidget(identity, 3)
        cards.addWidget(account, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(head)
        layout.addLayout(cards)
        layout.addWidget(self.tabs, 1)

    def _connect_signals(self) -> None:
        self.reveal_button.clicked.connect(self._on_reveal_button_clicked)
        for name, button in self.actions.items():
            button.clicked.connect(lambda _=False, n=name: self._on_action_clicked(n))
        self.reverse_action.triggered.connect(self._on_reverse_action_triggered)
        self.reprint_action.triggered.connect(self._on_reprint_action_triggered)
        payments = self.tables["payments"]
        payments.customContextMenuRequested.connect(self._on_payments_menu_requested)
        payments.selectionModel().selectionChanged.connect(self._on_payments_selection_changed)

    def retranslate_ui(self) -> None:
        self.identity_title.setText(self.tr("Customer"))
        self.account_title.setText(self.tr("Account"))
        captions = {
            "number": self.tr("Customer no."), "category": self.tr("Category"),
            "unit": self.tr("Unit"), "phone": self.tr("Phone"), "id_number": self.tr("ID no."),
            "address": self.tr("Address"), "tariff": self.tr("Tariff"),
            "balance": self.tr("Balance (yuan)"), "arrears": self.tr("Arrears, overdue (yuan)"),
            "late_fees": self.tr("Late fees to date"),
            "amount_due": self.tr("Owed in total (incl. not yet due)"),
            "mode": self.tr("Cost control"), "state": self.tr("Control state"),
            "relay": self.tr("Supply"),
        }
        for key, (caption, _value) in self.fields.items():
            caption.setText(captions[key])
        self.reveal_button.setText(self.tr("Show full numbers"))
        self.reveal_button.setToolTip(self.tr("Shows the whole phone and ID numbers; recorded in the audit trail."))
        texts = {"payment": self.tr("Take payment (F5)"), "control": self.tr("Disconnect / reconnect"),
                 "statement": self.tr("Print statement"), "work_order": self.tr("New work order")}
        for name, button in self.actions.items():
            button.setText(texts[name])
            button.setToolTip(self.tr("Arrives with a later release of GridDesk."))
        self.actions["payment"].setToolTip(
            self.tr("Take a payment from this customer (F5)") if self._can_pay
            else self.tr("Your role does not take payments."))
        if self._can_control:
            self.actions["control"].setToolTip(self.tr(
                "Disconnect, reconnect or power guarantee for this customer, after a confirmation"))
        if self.control_strip is not None:
            self.control_strip.retranslate_ui()
        if self.work_orders_enabled:
            self.actions["work_order"].setToolTip(self.tr(
                "Open a work order: meter replacement, closure, complaint... (Ctrl+W)"))
        self.reverse_action.setText(self.tr("Reverse this payment..."))
        self._on_payments_selection_changed()
        self.reprint_action.setText(self.tr("Print the receipt again"))
        first = 0 if self.chart is None else 1
        if self.chart is not None:
            self.tabs.setTabText(0, self.tr("Consumption"))
        for index, (title, _columns, _attr) in enumerate(TABS, start=first):
            self.tabs.setTabText(index, QCoreApplication.translate("CustomerHistory", title))
        if self.detail is not None:
            self._show(self.detail)

    def load(self, customer_id: int) -> None:
        """Fetch and show a customer; a newer load overtakes an older one."""
        load = self._load
        # Dropped once stale, or once the view is gone (a panel closed meanwhile).
        self._desk.run(lambda: load(customer_id), self, self._on_loaded,
                       self.message_bar.show_error, key="load")

    def _on_loaded(self, detail: CustomerDetail) -> None:
        # The same customer again (a reload after a payment): the live chart keeps
        # polling what it shows; loading and redrawing its year again cost the counter
        # most of a second per customer on a busy machine.
        again = self.detail is not None and self.detail.identity.id == detail.identity.id
        self.message_bar.clear()
        self._show(detail)
        if self.chart is not None and not again:
            self.chart.set_customer(detail.identity.id)
        self.sig_loaded.emit(detail.identity.id)

    def _show(self, detail: CustomerDetail) -> None:
        self.detail = detail
        self._show_identity(detail)
        self._show_account(detail)
        for _title, columns, attr in TABS:
            self.models[attr].set_columns(columns())
            self.models[attr].set_rows(getattr(detail, attr))
        self._on_payments_selection_changed()  # a reset list has nothing selected
        for button in self.actions.values():
            button.setEnabled(False)  # wired up by the switch and reports work
        self.actions["payment"].setEnabled(self.can_take_payment)
        self.actions["control"].setEnabled(self._can_control and detail.identity.status == "active")
        self.actions["statement"].setEnabled(True)  # widgets.reports.dialog.wire_statement
        self.actions["work_order"].setEnabled(self.work_orders_enabled
                                              and detail.identity.status == "active")

    def attach_control(self, strip: QWidget, *, can_control: bool) -> None:
        """Show the customer's switch commands live under the name (`strip`); with
        `can_control`, the switch button asks the strip for a manual command."""
        self.control_strip, self._can_control = strip, can_control
        self.layout().insertWidget(2, strip)  # under the name and the action buttons
        self.retranslate_ui()

    @property
    def can_take_payment(self) -> bool:
        """The role takes payments and the shown account is open."""
        return (self._can_pay and self.detail is not None
                and self.detail.identity.status == "active")

    def _set(self, key: str, text: str) -> None:
        self.fields[key][1].setText(text)

    def _show_identity(self, detail: CustomerDetail) -> None:
        who = detail.identity
        self.name_label.setText(who.name)
        badges = [category_name(who.category)]
        if who.protected:
            badges.append(self.tr("Protected: {reason}").format(
                reason=who.protected_reason or self.tr("yes")))
        if who.status != "active":
            badges.append(customer_status_name(who.status))
        self.badges.setText("  ·  ".join(badges))
        for key, value in (("number", who.customer_no), ("category", category_name(who.category)),
                           ("unit", who.unit_name), ("phone", who.phone), ("id_number", who.id_number),
                           ("address", who.address), ("tariff", who.tariff_name)):
            self._set(key, value)
        self.reveal_button.setVisible(who.can_reveal and self._reveal is not None)

    def _show_account(self, detail: CustomerDetail) -> None:
        acc = detail.account
        self._set("balance", money(acc.balance))
        later = self.tr("+ {amount} not yet due").format(amount=money(acc.not_yet_due)) \
            if acc.not_yet_due > 0 else ""
        self._set("arrears", "  ".join(filter(None, (money(acc.arrears), later))))
        overdue = self.tr("(%n day(s) overdue)", "", acc.days_overdue) if acc.days_overdue else ""
        self._set("late_fees", "  ".join(filter(None, (money(acc.late_fees), overdue))))
        self._set("amount_due", money(acc.amount_due))
        self._set("mode", control_mode_name(acc.cost_control_mode))
        self._set("state", control_state_name(acc.control_state))
        relays = [f"{relay_name(m.relay_state)} {local_time(m.relay_changed_at)}".strip()
                  for m in detail.meters]
        self._set("relay", "\n".join(relays) or self.tr("No meter"))
        owing = acc.amount_due > 0
        self.fields["amount_due"][1].setProperty("alert", owing)
        self.fields["amount_due"][1].style().polish(self.fields["amount_due"][1])

    def _on_reveal_button_clicked(self) -> None:
        if self.detail is None or self._reveal is None:
            return
        # Whole numbers only for a purpose, asked each time and recorded with the reveal.
        self.purpose_dialog = PurposeDialog(self._desk, self)
        self.purpose_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.purpose_dialog.sig_purpose_chosen.connect(self._on_purpose_chosen)
        self.purpose_dialog.open()

    def _on_purpose_chosen(self, purpose: str) -> None:
        if self.detail is None or self._reveal is None:
            return
        reveal, customer_id = self._reveal, self.detail.identity.id
        self._desk.run(lambda: reveal(customer_id, purpose), self, self._on_revealed,
                       self.message_bar.show_error)

    def _on_revealed(self, contact: Contact) -> None:
        self._set("phone", contact.phone)
        self._set("id_number", contact.id_number)
        self.reveal_button.hide()

    def _on_action_clicked(self, name: str) -> None:
        if self.detail is not None:
            self.sig_action_requested.emit(name, self.detail.identity.id)

    def selected_notice_no(self) -> str | None:
        """The document number of the notice selected in the Notices tab, if any."""
        rows = self.tables["notices"].selectionModel().selectedRows()
        return self.models["notices"].row_at(rows[0].row()).doc_no if rows else None

    def add_notice_action(self, action: QAction) -> None:
        """A right-click action on the Notices tab's rows (Print this notice)."""
        notices = self.tables["notices"]
        notices.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        notices.addAction(action)

    def _selected_payment(self):
        rows = self.tables["payments"].selectionModel().selectedRows()
        return self.models["payments"].row_at(rows[0].row()) if rows else None

    def _on_reprint_action_triggered(self) -> None:
        payment = self._selected_payment()
        if payment is not None:
            self.sig_reprint_requested.emit(payment.id)

    def _on_payments_menu_requested(self, pos: QPoint) -> None:
        table = self.tables["payments"]
        if not table.actions():
            return
        self.payments_menu = QMenu(self)
        self.payments_menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.payments_menu.setToolTipsVisible(True)  # why an action is greyed out
        self.payments_menu.addActions(table.actions())
        self.payments_menu.popup(table.viewport().mapToGlobal(pos))

    def _on_payments_selection_changed(self, *_args: object) -> None:
        """Reverse is offered only for a payment the service would let this user reverse;
        otherwise it is greyed out and its tooltip says who can (separation of duties)."""
        payment = self._selected_payment()
        why = self._refusal_text(payment.refusal) if payment is not None \
            else self.tr("Select a payment in the list first.")
        self.reverse_action.setEnabled(not why)
        self.reverse_action.setToolTip(why or self.tr(
            "Cancel this payment with a reason; the bills it paid become unpaid again."))

    def _refusal_text(self, refusal: str) -> str:
        texts = {
            "own_payment": self.tr("You took this payment yourself: another supervisor of "
                                   "your unit reverses it (separation of duties)."),
            "other_unit": self.tr("This payment was taken at another unit: a supervisor "
                                  "there reverses it."),
            "reversed": self.tr("This payment has been reversed already."),
            "refund_window": self.tr("This online payment is past its channel's refund "
                                     "window: only an administrator can reverse it now."),
            "no_right": self.tr("A supervisor of the unit reverses this payment."),
        }
        return texts.get(refusal, "") if refusal else ""

    def _on_reverse_action_triggered(self) -> None:
        payment = self._selected_payment()
        if payment is None:
            return
        if payment.status == "posted":
            self.sig_reversal_requested.emit(payment.id, payment.receipt_no)
        else:
            self.message_bar.show_error(self.tr("This payment has been reversed already."))
