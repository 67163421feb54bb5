"""Money a channel took that the gateway could not post, for a supervisor of its unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from console.db import Database
from console.models import ChannelNotification, ChannelRejection, HeldNotification
from console.models.channels import CHANNELS
from console.services.acting import in_scope, use_case
from console.services.actor import Actor
from console.services.permissions import Permission

# Who posts a phone payment: the channel's gateway on the channel's authority (its signed
# notification), also when a supervisor posts money it held; the audit trail names it.
CHANNEL_ACTOR = {name: Actor.system(f"channel-{name}") for name in CHANNELS}
# The payment method a channel's money is posted as: a bank agency's collection is a transfer.
METHOD = {"wechat": "wechat", "alipay": "alipay", "bank": "transfer"}


@dataclass(frozen=True)
class HeldPayment:
    held_id: int
    channel: str
    transaction_id: str
    customer_no: str  # as the channel sent it: may be no customer of ours
    customer_id: int | None
    amount: Decimal
    due: Decimal | None  # what was due when it arrived (amount mismatches)
    reason: str  # unknown_customer / amount_mismatch / closed_account
    held_at: dt.datetime
    unit_id: int


@use_case(Permission.REVIEW_CHANNEL_PAYMENTS, filters=True)
def held_payments(db: Database, actor: Actor) -> tuple[HeldPayment, ...]:
    """Open held notifications of the actor's units, oldest first."""
    with db.read() as session:
        rows = session.execute(
            select(HeldNotification, ChannelNotification)
            .join(ChannelNotification, ChannelNotification.id == HeldNotification.notification_id)
            .where(HeldNotification.state == "open", in_scope(HeldNotification.unit_id))
            .order_by(HeldNotification.held_at, HeldNotification.id))
        return tuple(HeldPayment(h.id, n.channel, n.transaction_id, n.customer_no,
                                 h.customer_id, n.amount, h.due, h.reason, h.held_at, h.unit_id)
                     for h, n in rows)


@use_case(Permission.REVIEW_CHANNEL_PAYMENTS)
def rejection_counts(db: Database, actor: Actor, *,
                     since: dt.datetime | None = None) -> dict[tuple[str, str], int]:
    """Refused notifications by (channel, reason): forged, replayed, stale, malformed …
    (those refused at `since` or later). They carry no customer, so every reviewer sees
    the gateway's whole count."""
    query = (select(ChannelRejection.channel, ChannelRejection.reason, func.count())
             .group_by(ChannelRejection.channel, ChannelRejection.reason))
    if since is not None:
        query = query.where(ChannelRejection.at >= since)
    with db.read() as session:
        return {(c, r): n for c, r, n in session.execute(query)}
