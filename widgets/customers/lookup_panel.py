"""Lookup panel: the search box over a results page and the customer view.

Enter (or an exact scan) opens the customer; typing in the box again, or Esc
in the view, goes back to the results. The box stays where the clerk's eyes are.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from console.changes import Changes
from console.models.enums import AccessPurpose
from console.services.customers.search import find_customers
from console.services.customers.view import customer_detail, reveal_contact
from console.services.payments.reversals import reverse_payment
from console.services.permissions import Permission, allowed
from widgets.consumption.consumption_panel import make_chart
from widgets.control.customer_strip import attach_control_strip
from widgets.customers.lookup import CustomerLookup
from widgets.customers.view import CustomerView
from widgets.desk import Desk
from widgets.devices.printer_settings import load_printer_config
from widgets.domain_labels import money
from widgets.errors import MessageBar
from widgets.messages.customer import attach_messages
from widgets.payments.dialog import PaymentDialog
from widgets.payments.pdf_copies import reprint_pdf
from widgets.payments.receipt_printer import PrintReceipt, ReceiptPrinter, receipts_folder
from widgets.payments.reversal_dialog import ReversalDialog
from widgets.payments.thermal_steps import reprint_thermal
from widgets.reports.dialog import wire_statement
from widgets.work_orders.customer import attach_work_orders

# Room for a readable chart or a few table rows in the customer view's tabs.
MIN_TABS_HEIGHT = 300


class LookupPanel(QWidget):
    """Find a customer and look at everything about them."""

    sig_customer_opened = Signal(int)
    """The customer view now shows this customer id."""

    sig_payment_dialog_opened = Signal(object)
    """A PaymentDialog opened (the customer display follows its figures)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *,
                 print_receipt: PrintReceipt | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._print_receipt = print_receipt
        self.payment_dialog: PaymentDialog | None = None
        # The last payment's outcome, kept in sight across the view's reload.
        self._outcome: tuple[int, str, bool] | None = None
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        db, actor = self._db, self._actor
        self.lookup = CustomerLookup(self._desk, lambda text: find_customers(db, actor, text), self)
        may_chart = allowed(actor.role, Permission.VIEW_CONSUMPTION)
        chart = make_chart(self._desk) if may_chart else None
        # Opening a customer from the lookup is counter service; a reveal asks its purpose.
        self.view = CustomerView(self._desk, lambda cid: customer_detail(
                                     db, actor, cid, purpose=AccessPurpose.COUNTER_SERVICE),
                                 lambda cid, why: reveal_contact(db, actor, cid, purpose=why),
                                 self, chart=chart,
                                 can_pay=allowed(actor.role, Permission.TAKE_PAYMENT),
                                 can_reverse=any(allowed(actor.role, p) for p in (
                                     Permission.REVERSE_PAYMENT,
                                     Permission.REVERSE_AFTER_REFUND_WINDOW)))
        # The lookup's box stays on top; below it, results or the open customer.
        self.pages = QStackedWidget(self)
        self.lookup.layout().removeWidget(self.lookup.view)
        self.pages.addWidget(self.lookup.view)
        self.pages.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lookup)
        layout.addWidget(self._scrolling(self.pages), 1)
        self._back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.view)
        # F5 takes a payment from the customer on screen, also with the caret
        # still in the search box after a scan.
        self._pay = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        self._pay.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _connect_signals(self) -> None:
        self.lookup.sig_customer_selected.connect(self._on_lookup_customer_selected)
        self.lookup.sig_results_loaded.connect(self._on_lookup_results_loaded)
        self.view.sig_loaded.connect(self.sig_customer_opened)
        self.view.sig_loaded.connect(self._on_view_loaded)
        self._back.activated.connect(self.show_results)
        self._pay.activated.connect(self._on_pay_shortcut_activated)
        self.view.sig_action_requested.connect(self._on_view_action_requested)
        self.view.sig_reversal_requested.connect(self._on_view_reversal_requested)
        self.view.sig_reprint_requested.connect(self._on_view_reprint_requested)
        self._desk.sig_changed.connect(self._on_changed)

    def retranslate_ui(self) -> None:
        self.lookup.retranslate_ui()
        self.view.retranslate_ui()

    def focus_search(self) -> None:
        self.lookup.focus_search()

    def _scrolling(self, pages: QStackedWidget) -> QScrollArea:
        """On a small screen (1366×768) the customer view scrolls rather than squeeze its
        tabs, the chart above all, into a strip; on a big one there is nothing to scroll."""
        self.view.tabs.setMinimumHeight(MIN_TABS_HEIGHT)
        scroll = QScrollArea(self, objectName="LookupPages")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # The panel's own background shows through, as it did without the scroll area.
        scroll.setStyleSheet("#LookupPages, #LookupPages > #qt_scrollarea_viewport "
                             "{ background: transparent; }")
        scroll.setWidgetResizable(True)
        scroll.setWidget(pages)
        return scroll

    def show_results(self) -> None:
        self.pages.setCurrentWidget(self.lookup.view)
        self.lookup.focus_search()

    def open_customer(self, customer_id: int) -> None:
        self.pages.setCurrentWidget(self.view)
        self.view.load(customer_id)
        self.lookup.search_edit.selectAll()  # the next scan replaces the text

    def _on_lookup_customer_selected(self, customer_id: int) -> None:
        self.open_customer(customer_id)

    def _on_lookup_results_loaded(self, _count: int) -> None:
        # A new search while a customer is open brings the results back; an
        # exact scan then opens its customer straight after.
        self.pages.setCurrentWidget(self.lookup.view)

    # -- payments ---------------------------------------------------------------------------

    def _on_pay_shortcut_activated(self) -> None:
        if self.pages.currentWidget() is self.view and self.view.can_take_payment:
            self.take_payment(self.view.detail.identity.id)

    def _on_view_action_requested(self, action: str, customer_id: int) -> None:
        if action == "payment":
            self.take_payment(customer_id)

    def take_payment(self, customer_id: int) -> PaymentDialog:
        """Open the payment dialog for the customer; the view reloads once it posts."""
        dialog = PaymentDialog(self._desk, customer_id,
                               print_receipt=self._print_receipt, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.finished.connect(self._on_payment_dialog_finished)
        self.payment_dialog = dialog
        self.sig_payment_dialog_opened.emit(dialog)
        dialog.open()
        return dialog

    def _on_changed(self, changes: Changes) -> None:
        # A payment (here, or at this desk's other windows) shows on the open customer.
        detail = self.view.detail
        if changes.payments and detail is not None and changes.touches(detail.identity.id):
            self.view.load(detail.identity.id)

    def _on_payment_dialog_finished(self, _result: int) -> None:
        dialog, self.payment_dialog = self.payment_dialog, None  # modal: the one open
        if dialog is None:
            return
        if dialog.posted is not None and dialog.outcome is not None:
            self._outcome = (dialog.posted.customer_id, *dialog.outcome)
            self._show_outcome()
        # The next customer is scanned straight away; some window managers leave no
        # window active when a dialog closes, and then no key would reach the box.
        self.activateWindow()
        self.lookup.focus_search()
        if dialog.type_ahead.text:  # scanned while the receipt was printing
            self.lookup.type_ahead(dialog.type_ahead.text, enter=dialog.type_ahead.enter)

    def _show_outcome(self) -> None:
        """Receipt number and change stay on the customer view until the next customer."""
        detail = self.view.detail
        if self._outcome is None or detail is None or detail.identity.id != self._outcome[0]:
            return
        _cid, text, printed = self._outcome
        self.view.message_bar.show_message(
            text, MessageBar.Kind.SUCCESS if printed else MessageBar.Kind.ERROR, rich=True)

    def _on_view_loaded(self, customer_id: int) -> None:
        # A reload clears the view's message bar: the payment's outcome comes back;
        # another customer's view ends it.
        if self._outcome is not None and self._outcome[0] != customer_id:
            self._outcome = None
        self._show_outcome()

    def _on_view_reversal_requested(self, payment_id: int, receipt_no: str) -> None:
        db, actor = self._db, self._actor
        dialog = ReversalDialog(self._desk, lambda pid, why: reverse_payment(db, actor, pid, why),
                                payment_id, receipt_no, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.sig_reversed.connect(self._on_payment_reversed)
        dialog.open()

    def _on_payment_reversed(self, reversed_payment) -> None:
        note = self.tr("Payment {receipt} ({amount} yuan) was reversed.").format(
            receipt=reversed_payment.receipt_no, amount=money(reversed_payment.amount))
        if self.view.detail is None:
            return
        # Said once the view shows the reversal (a reload clears the message bar).
        def say(_cid: int) -> None:
            self.view.sig_loaded.disconnect(say)
            self.view.message_bar.show_success(note)
        self.view.sig_loaded.connect(say)
        self.view.load(self.view.detail.identity.id)

    def _on_view_reprint_requested(self, payment_id: int) -> None:
        config = load_printer_config()  # read now: the settings may have changed since
        if config.thermal:
            reprint_thermal(self._desk, self, config, payment_id, self.view.message_bar)
            return
        printer = self._print_receipt or ReceiptPrinter(receipts_folder(self._db))
        number = next((p.receipt_no for p in self.view.detail.payments if p.id == payment_id),
                      str(payment_id)) if self.view.detail else str(payment_id)
        reprint_pdf(self._desk, self, printer, payment_id, number, self.view.message_bar)


def counter_lookup(desk: Desk, parent: QWidget | None = None) -> LookupPanel:
    """The Lookup panel as the console shows it: the customer view with its live switch
    strip (a reconnect after payment), its work orders, and its printable documents."""
    panel = LookupPanel(desk, parent)
    attach_control_strip(panel.view, desk)
    attach_work_orders(panel.view, desk)
    attach_messages(panel.view, desk)
    return wire_statement(panel, desk)
