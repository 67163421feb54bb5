"""The payment_received message, written with the payment (console.services.payments.counter)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from console.models.enums import NoticeKind
from console.services.actor import Actor
from console.services.messages.fanout import active_channels
from console.services.messages.keys import message_key
from console.services.notices.issue import NoticeSpec, write_notices


def payment_messages(session: Session, actor: Actor | None, *, customer_id: int,
                     payment_id: int, amount: Decimal, now: dt.datetime) -> int:
    """A payment_received message per consenting channel of the customer; how many written."""
    channels = active_channels(session, [customer_id]).get(customer_id, [])
    specs = [NoticeSpec(customer_id, NoticeKind.PAYMENT_RECEIVED, channel,
                        message_key(channel, f"payment:{payment_id}"), "payment", amount)
             for channel in channels]
    return sum(n.created for n in write_notices(session, specs, actor=actor, now=now))
