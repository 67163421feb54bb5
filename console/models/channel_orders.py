"""Counter QR pay (扫码支付, issue 18 item 4): an order the counter opens on a channel.

The clerk's payment dialog creates one per scan-to-pay attempt: our `out_trade_no`, the
customer, the amount and the channel's `code_url` (what the QR shows). The gateway turns it
paid when the channel's verified notification names it; the clerk's cancel or its expiry
closes it. A notification for a closed order is held for a supervisor, never dropped.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, Money, UTCDateTime, enum_check, utcnow

ORDER_CHANNELS = ("wechat", "alipay")
ORDER_STATES = ("created", "paid", "timed_out", "cancelled")


class ChannelOrder(Base):
    """One scan-to-pay order: created → paid | timed_out | cancelled."""

    __tablename__ = "channel_order"
    __table_args__ = (
        Index("ux_channel_order_out_trade_no", "out_trade_no", unique=True),
        Index("ix_channel_order_open", "state", "expires_at"),
        enum_check("channel", ORDER_CHANNELS, "channel"),
        enum_check("state", ORDER_STATES, "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    out_trade_no: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(10))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))  # the customer's: its scope
    amount: Mapped[Decimal] = mapped_column(Money)
    code_url: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(10), default="created")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    transaction_id: Mapped[str] = mapped_column(String(64), default="")
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
