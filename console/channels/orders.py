"""The channel's side of counter QR pay (扫码支付): order numbers, the code the QR shows,
and what the gateway does when a verified notification names one of our orders.

A real site would ask the channel for the code (WeChat Pay Native `code_url`, Alipay
precreate `qr_code`); GridDesk talks to the simulated channel only, whose codes carry our
order number so that the simulator, playing the customer's phone, knows what it pays.
The clerk's use cases (create, follow, cancel) and the codes themselves are in
console.services.channels.orders (the services never import this package).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from console.db import Database
from console.models import ChannelOrder, Customer
from console.services.channels.orders import CODE_URLS

_BY_NO = select(ChannelOrder).where(
    ChannelOrder.out_trade_no == bindparam("no")).with_for_update()


def order_no_in(code: str) -> str:
    """The order number a simulated channel's code carries ("" when it carries none)."""
    for template in CODE_URLS.values():
        head = template.split("{no}")[0]
        if code.startswith(head):
            return code[len(head):]
    return ""


def order_named(session: Session, out_trade_no: str) -> ChannelOrder | None:
    """Our order of that number, locked for the notification's transaction."""
    if not out_trade_no:
        return None
    return session.scalars(_BY_NO, {"no": out_trade_no}).first()


@dataclass(frozen=True)
class OrderTicket:
    """What the customer's phone learns from the channel once it has scanned the code."""

    channel: str
    out_trade_no: str
    customer_no: str
    amount: Decimal


def open_orders(db: Database, created_before: dt.datetime) -> list[OrderTicket]:
    """Orders waiting to be paid, created before `created_before` (the simulated phone)."""
    with db.read() as session:
        rows = session.execute(
            select(ChannelOrder.channel, ChannelOrder.out_trade_no, Customer.customer_no,
                   ChannelOrder.amount)
            .join(Customer, Customer.id == ChannelOrder.customer_id)
            .where(ChannelOrder.state == "created", ChannelOrder.created_at < created_before,
                   ChannelOrder.expires_at > dt.datetime.now(dt.UTC))
            .order_by(ChannelOrder.id).limit(20))
        return [OrderTicket(*row) for row in rows]


def ticket_for(db: Database, code: str) -> OrderTicket | None:
    """The order a scanned code names, as the channel tells the phone (None: no such order)."""
    number = order_no_in(code)
    with db.read() as session:
        row = session.execute(
            select(ChannelOrder.channel, ChannelOrder.out_trade_no, Customer.customer_no,
                   ChannelOrder.amount)
            .join(Customer, Customer.id == ChannelOrder.customer_id)
            .where(ChannelOrder.out_trade_no == number)).first()
    return OrderTicket(*row) if row else None
