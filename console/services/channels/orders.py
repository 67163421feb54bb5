"""Counter QR pay (扫码支付): the clerk opens an order on a channel, follows it, cancels it.

    order = create_order(db, clerk, customer_id=7, amount="98.62", channel="wechat")
    # show order.code_url as a QR; every second:
    order = order_state(db, clerk, order.order_id)   # created → paid | timed_out
    cancel_order(db, clerk, order.order_id)          # Esc at the counter

The order turns paid only in the gateway, when the channel's verified notification names it
(console.channels.posting); then `payment_key` finds the payment (payment_by_key), which was
posted exactly as a counter payment is. An order past `expires_at` is marked timed out by
the next look at it; a notification for a closed order is held for a supervisor.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import update
from sqlalchemy.orm import Session

from console.billing.money import parse_amount
from console.db import Database
from console.errors import AccountClosed, NotFound, ValidationError
from console.models import ChannelOrder, Customer, utcnow
from console.models.channel_orders import ORDER_CHANNELS
from console.models.enums import CustomerStatus
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission

CODE_URLS = {"wechat": "weixin://wxpay/bizpayurl?pr={no}",  # as WeChat Native pay's code_url
             "alipay": "https://qr.alipay.com/{no}"}  # as Alipay precreate's qr_code
ORDER_LIFETIME = dt.timedelta(minutes=5)
LONGEST = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class ScanOrder:
    """One scan-to-pay order as the payment dialog follows it."""

    order_id: int
    out_trade_no: str
    channel: str
    customer_id: int
    amount: Decimal
    code_url: str  # what the QR shows
    state: str  # created / paid / timed_out / cancelled
    expires_at: dt.datetime
    payment_key: str  # the payment's idempotency key once paid, else ""

    @property
    def open(self) -> bool:
        return self.state == "created"


def new_out_trade_no(now: dt.datetime) -> str:
    """Ours for the channel: 26 characters, unique (WeChat takes 6–32, letters and digits)."""
    return f"QR{now:%Y%m%d%H%M%S}{secrets.token_hex(5).upper()}"


def code_url(channel: str, out_trade_no: str) -> str:
    """What the customer scans. GridDesk talks to the simulated channel only, whose code
    carries our order number; a real channel's API would hand back its own code here."""
    return CODE_URLS[channel].format(no=out_trade_no)


def _view(order: ChannelOrder) -> ScanOrder:
    key = f"{order.channel}:{order.transaction_id}" if order.state == "paid" else ""
    return ScanOrder(order.id, order.out_trade_no, order.channel, order.customer_id,
                     order.amount, order.code_url, order.state, order.expires_at, key)


@use_case(Permission.TAKE_PAYMENT, customer="customer_id")
def create_order(db: Database, actor: Actor, *, customer_id: int, amount: Decimal | str,
                 channel: str, lifetime: dt.timedelta = ORDER_LIFETIME) -> ScanOrder:
    """Open an order for `amount` on `channel` (wechat / alipay), open for `lifetime`.

    Refused, writing nothing: InvalidAmount, ValidationError (channel, lifetime),
    NotFound, AccountClosed."""
    value = parse_amount(amount)
    if channel not in ORDER_CHANNELS:
        raise ValidationError(f"no scan-to-pay by {channel!r}", field="channel", value=channel,
                              reason="unknown_channel")
    if not dt.timedelta(0) < lifetime <= LONGEST:
        raise ValidationError("an order is open for up to 30 minutes", field="lifetime",
                              reason="out_of_range")
    with db.uow() as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise NotFound("no such customer", entity="customer", id=customer_id)
        if customer.status == CustomerStatus.CLOSED:
            raise AccountClosed("the account is closed", customer_id=customer_id)
        now = utcnow()
        number = new_out_trade_no(now)
        order = ChannelOrder(out_trade_no=number, channel=channel, customer_id=customer.id,
                             unit_id=customer.unit_id, amount=value,
                             code_url=code_url(channel, number), state="created",
                             created_by=actor.user_id, created_at=now,
                             expires_at=now + lifetime, transaction_id="")
        session.add(order)
        session.flush()
        audit.record(session, actor, "channel.order_created", entity_type="channel_order",
                     entity_id=order.id, after={"out_trade_no": number, "channel": channel,
                                                "customer_id": customer.id, "amount": value})
        return _view(order)


@use_case(Permission.TAKE_PAYMENT, scan_order="order_id")
def order_state(db: Database, actor: Actor, order_id: int) -> ScanOrder:
    """The order as it stands; one past its expiry is marked timed out now."""
    with db.uow() as session:
        order = _order(session, order_id)
        if order.state == "created" and utcnow() >= order.expires_at:
            _close(session, actor, order, "timed_out")
        return _view(order)


@use_case(Permission.TAKE_PAYMENT, scan_order="order_id")
def cancel_order(db: Database, actor: Actor, order_id: int) -> ScanOrder:
    """Cancel an open order; one the customer paid meanwhile stays paid (and says so)."""
    with db.uow() as session:
        order = _order(session, order_id)
        if order.state == "created":
            _close(session, actor, order, "cancelled")
        return _view(order)


def _order(session: Session, order_id: int) -> ChannelOrder:
    order = session.get(ChannelOrder, order_id, with_for_update=True)
    if order is None:
        raise NotFound("no such order", entity="channel_order", id=order_id)
    return order


def _close(session: Session, actor: Actor, order: ChannelOrder, state: str) -> None:
    """created → `state`, unless the gateway got there first (then the row says paid)."""
    now = utcnow()
    done = session.execute(update(ChannelOrder).where(
        ChannelOrder.id == order.id, ChannelOrder.state == "created").values(
        state=state, finished_at=now).execution_options(synchronize_session=False))
    session.refresh(order)
    if getattr(done, "rowcount", 0):
        audit.record(session, actor, f"channel.order_{state}", entity_type="channel_order",
                     entity_id=order.id, after={"out_trade_no": order.out_trade_no,
                                                "state": state})
