"""Scan to pay (扫码支付) in the counter payment dialog (issue 18 item 4).

Alt+S opens an order on the channel (WeChat, or Alipay when that is the method chosen) for
the amount in the dialog, and shows its code as a QR here and on the customer display. The
customer scans and pays on their phone; the channel's signed notification reaches the
gateway, which posts the payment exactly as a counter payment is posted. Meanwhile the
dialog asks the order's state every second, off the UI thread; once paid it prints the
receipt and closes as after Enter, without the clerk touching anything. Esc cancels the
order; an order nobody paid in time (five minutes) times out. Nothing is charged either way,
and money the channel takes for a closed order is held for a supervisor (console.channels).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from console.changes import Changes
from console.db import Database
from console.errors import InvalidAmount
from console.models.enums import PaymentMethod
from console.services.actor import Actor
from console.services.channels.orders import (
    ORDER_LIFETIME,
    ScanOrder,
    cancel_order,
    create_order,
    order_state,
)
from console.services.payments.counter import METHODS, payment_by_key
from console.services.payments.types import PostedPayment
from widgets.desk import Desk
from widgets.domain_labels import method_name, money
from widgets.errors import error_text
from widgets.payments.qr_picture import qr_pixmap
from widgets.plain_text import rich

translate = QCoreApplication.translate
QR_SIDE = 232  # pixels: 5–7 per module, read by a phone at arm's length and by zxing
POLL_MS = 1000


@dataclass(frozen=True)
class Followed:
    """The order, and its payment once paid (as the counter posted it, not a replay)."""

    order: ScanOrder
    posted: PostedPayment | None = None

    @property
    def changes(self) -> Changes:
        """The payment, for every panel of the desk (the customer view reloads)."""
        return self.posted.changes if self.posted is not None else Changes()


def _follow(database: Database, acting: Actor, order_id: int) -> Followed:
    order = order_state(database, acting, order_id)
    posted = payment_by_key(database, acting, order.payment_key) if order.payment_key else None
    return Followed(order, replace(posted, replayed=False) if posted else None)


def _cancel(database: Database, acting: Actor, order_id: int) -> Followed:
    order = cancel_order(database, acting, order_id)
    if order.state == "paid":  # paid just before Esc: the payment stands
        return _follow(database, acting, order_id)
    return Followed(order)


class ScanPayPanel(QFrame):
    """The order's QR and what is happening to it; asks the order's state while it is open."""

    sig_code_changed = Signal(str)
    """The code the customer should scan ("" once there is none): the customer display."""

    sig_paid = Signal(object)
    """The customer paid: the PostedPayment, as the counter's own posting returns it."""

    sig_closed = Signal(str)
    """The order ended unpaid (timed_out, cancelled) or could not be opened (failed)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="ScanPayPanel")
        self._desk = desk
        self.lifetime: dt.timedelta = ORDER_LIFETIME  # tests shorten it
        self.order: ScanOrder | None = None
        self._asking = self._cancelling = self._cancel_wanted = False
        self.answers = 0  # how often the order's state came back (tests wait on it)
        self.qr_label = QLabel(self, objectName="ScanPayCode")
        self.qr_label.setFixedSize(QR_SIDE, QR_SIDE)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label.setStyleSheet("background: white;")
        self.state_label = rich(QLabel(self, objectName="ScanPayState"))
        self.state_label.setWordWrap(True)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.qr_label)
        layout.addWidget(self.state_label, 1)
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.hide()

    @property
    def active(self) -> bool:
        """An order is being opened, or is open and followed."""
        return self.isVisible() and (self.order is None or self.order.open)

    def start(self, customer_id: int, amount: Decimal, channel: str) -> None:
        """Open an order for `amount` on `channel`; its code appears once the channel has it."""
        self.order, self._asking, self._cancelling = None, False, False
        self._cancel_wanted = False
        self.qr_label.clear()
        self.qr_label.hide()  # until the channel has the order's code
        self.state_label.setText(translate("ScanPay", "Opening the order with {channel}…")
                                 .format(channel=method_name(channel)))
        self.show()
        db, actor, lifetime = self._desk.db, self._desk.actor, self.lifetime
        self._desk.run(lambda: create_order(db, actor, customer_id=customer_id, amount=amount,
                                            channel=channel, lifetime=lifetime),
                       self, self._on_order_created, self._on_create_failed, write=True)

    def cancel(self) -> bool:
        """Cancel the open order (Esc); False when there is none to cancel."""
        if not self.active:
            return False
        self._cancel_wanted = True  # an order still being opened is cancelled once it is
        if self.order is not None and not self._cancelling:
            self._cancelling = True
            self.timer.stop()
            db, actor, order_id = self._desk.db, self._desk.actor, self.order.order_id
            self._desk.run(lambda: _cancel(db, actor, order_id), self, self._on_followed,
                           self._on_follow_failed, key="scan-order", write=True)
        return True

    # -- following --------------------------------------------------------------------------

    def _on_order_created(self, order: ScanOrder) -> None:
        self.order = order
        self.qr_label.setPixmap(qr_pixmap(order.code_url, QR_SIDE))
        self.qr_label.show()
        self.sig_code_changed.emit(order.code_url)
        self._show_waiting()
        self.timer.start()
        if self._cancel_wanted:  # Esc came while the order was being opened
            self.cancel()

    def _on_create_failed(self, exc: BaseException) -> None:
        self.hide()
        self.state_label.setText(error_text(exc))
        self.sig_closed.emit("failed")

    def _on_timer_timeout(self) -> None:
        if self.order is None or self._asking or self._cancelling:
            return
        self._asking = True
        db, actor, order_id = self._desk.db, self._desk.actor, self.order.order_id
        self._desk.run(lambda: _follow(db, actor, order_id), self, self._on_followed,
                       self._on_follow_failed, key="scan-order", write=True)

    def _on_followed(self, answer: Followed) -> None:
        self._asking = False
        self.answers += 1
        order, posted = answer.order, answer.posted
        self.order = order
        if order.open:
            self._show_waiting()
            return
        self.timer.stop()
        self.qr_label.clear()
        self.qr_label.hide()
        self.sig_code_changed.emit("")
        if posted is not None:
            self.hide()
            self.sig_paid.emit(posted)
            return
        self.state_label.setText(self._closed_text(order.state))
        self.sig_closed.emit(order.state)

    def _on_follow_failed(self, exc: BaseException) -> None:
        self._asking = self._cancelling = False
        self.state_label.setText(translate("ScanPay", "{error} The order is still open; it is "
                                           "asked again every second.").format(
            error=error_text(exc)))
        if self.order is not None and not self.timer.isActive():
            self.timer.start()

    # -- words ------------------------------------------------------------------------------

    def _show_waiting(self) -> None:
        assert self.order is not None
        left = max(0, int((self.order.expires_at - dt.datetime.now(dt.UTC)).total_seconds()))
        self.state_label.setText(translate(
            "ScanPay", "<b>Waiting for the customer to pay {amount} yuan with {channel}.</b>"
            "<br>The code is on the customer display too. The payment and the receipt follow "
            "by themselves.<br>{minutes}:{seconds:02d} left · Esc cancels the order.").format(
            amount=money(self.order.amount), channel=method_name(self.order.channel),
            minutes=left // 60, seconds=left % 60))

    @staticmethod
    def _closed_text(state: str) -> str:
        if state == "timed_out":
            return translate("ScanPay", "The customer did not pay in time: the order is closed "
                             "and nothing was charged. Take the payment another way, or offer "
                             "the code again (Alt+S).")
        return translate("ScanPay", "Scan to pay cancelled: nothing was charged.")


class ScanPaySteps:
    """The payment dialog's side (mixed into PaymentDialog): the Alt+S button, locking the
    figures while an order is open, and the customer display's code."""

    def _build_scan_pay(self) -> QPushButton:
        self.scan_pay = ScanPayPanel(self._desk, self)
        self.scan_button = QPushButton(self, objectName="ScanPayButton")
        self.scan_button.setAutoDefault(False)
        self.scan_button.setEnabled(False)
        self.scan_button.clicked.connect(self._on_scan_button_clicked)
        self.scan_pay.sig_code_changed.connect(self.sig_scan_code)
        self.scan_pay.sig_paid.connect(self._on_posted)
        self.scan_pay.sig_closed.connect(self._on_scan_closed)
        return self.scan_button

    def _retranslate_scan_pay(self) -> None:
        self.scan_button.setText(translate("ScanPay", "&Scan to pay"))
        self.scan_button.setToolTip(translate(
            "ScanPay", "Alt+S: a QR code for the customer to pay with WeChat (or Alipay, "
            "when that is the method chosen)"))
        self.scan_button.setVisible(self.posted is None)

    def _on_scan_button_clicked(self) -> None:
        if self.due is None or self.posted is not None or self._posting or self.scan_pay.active:
            return
        if self._in_doubt:  # an earlier payment may be recorded: a QR could charge twice
            self.message_bar.show_error(translate(
                "ScanPay", "An earlier payment of this customer may already be recorded: "
                "press Enter to check it before offering a code."))
            return
        try:
            amount, _tendered = self._amounts()
        except InvalidAmount as exc:
            self.message_bar.show_error(exc)
            self._focus_bad_field(exc)
            return
        if self.method != PaymentMethod.ALIPAY:
            self.method_buttons.button(METHODS.index(PaymentMethod.WECHAT)).setChecked(True)
        self.message_bar.clear()
        self._lock_figures(True)
        self.scan_pay.start(self._customer_id, amount, self.method)

    def _on_scan_closed(self, state: str) -> None:
        self._lock_figures(False)
        if state == "failed":
            self.message_bar.show_error(self.scan_pay.state_label.text())
        self.amount_edit.setFocus()

    def _lock_figures(self, locked: bool) -> None:
        for edit in (self.amount_edit, self.tendered_edit):
            edit.setReadOnly(locked)
        for button in self.method_buttons.buttons():
            button.setEnabled(not locked)
        self.post_button.setEnabled(not locked)
        self.scan_button.setEnabled(not locked)
