"""Payment channels (手机缴费): what the gateway accepted, held and refused (issue 18).

A verified notification leaves one `ChannelNotification` (posted, held or acknowledged)
and its `ChannelNonce` in the transaction that posts or holds it; a refused one leaves one
`ChannelRejection` and nothing else.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, Money, UTCDateTime, enum_check, utcnow

CHANNELS = ("wechat", "alipay", "bank")
OUTCOMES = ("posted", "held", "acknowledged")
HELD_STATES = ("open", "resolved")


class ChannelNotification(Base):
    """One verified notification of a channel transaction: recorded once per transaction."""

    __tablename__ = "channel_notification"
    __table_args__ = (
        Index("ux_channel_notification_txn", "channel", "transaction_id", unique=True),
        enum_check("channel", CHANNELS, "channel"),
        enum_check("outcome", OUTCOMES, "outcome"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(10))
    transaction_id: Mapped[str] = mapped_column(String(64))
    out_trade_no: Mapped[str] = mapped_column(String(64), default="")
    customer_no: Mapped[str] = mapped_column(String(32), default="")
    amount: Mapped[Decimal] = mapped_column(Money)
    trade_status: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(12))
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChannelNonce(Base):
    """A nonce (WeChat) or notify_id (Alipay) already used: the same one again is a replay,
    also after a restart."""

    __tablename__ = "channel_nonce"
    __table_args__ = (
        Index("ux_channel_nonce", "channel", "nonce", unique=True),
        enum_check("channel", CHANNELS, "channel"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(10))
    nonce: Mapped[str] = mapped_column(String(64))
    notification_id: Mapped[int | None] = mapped_column(ForeignKey("channel_notification.id"))
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class HeldNotification(Base):
    """Money a channel took that we could not post: it waits for a supervisor, never dropped.

    `unit_id` is the customer's unit, or the merchant account's unit when the customer is
    unknown: it decides which supervisors see the row.
    """

    __tablename__ = "channel_held"
    __table_args__ = (
        enum_check("state", HELD_STATES, "state"),
        enum_check("reason", ("unknown_customer", "amount_mismatch", "closed_account",
                              "key_conflict", "order_closed"), "reason"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("channel_notification.id"),
                                                 unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    reason: Mapped[str] = mapped_column(String(20))
    due: Mapped[Decimal | None] = mapped_column(Money)  # what was due when it arrived
    state: Mapped[str] = mapped_column(String(10), default="open")
    held_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChannelRejection(Base):
    """A refused notification: forged, replayed, stale or malformed. Counted, never posted."""

    __tablename__ = "channel_rejection"
    __table_args__ = (
        Index("ix_channel_rejection_reason", "channel", "reason"),
        enum_check("channel", CHANNELS, "channel"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(24))
    detail: Mapped[str] = mapped_column(String(200), default="")
    remote: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
