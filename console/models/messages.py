"""A customer's phone channels for messages: binding and consent (issue 18 item 5).

One row per customer and channel. `address` is the channel's recipient (a WeChat or
Alipay openid, a mobile number): personal data, shown and logged masked only. A message
goes to a binding only while consent stands (`withdrawn_at` is NULL); withdrawing keeps
the row, with who gave consent and when, as the record of it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, UTCDateTime, enum_check, utcnow
from console.models.enums import MessageChannel, values


class ChannelBinding(Base):
    """Customer X agreed to messages on channel Y at address Z (until withdrawn)."""

    __tablename__ = "channel_binding"
    __table_args__ = (
        Index("ux_channel_binding_customer_channel", "customer_id", "channel", unique=True),
        enum_check("channel", values(MessageChannel), "channel"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    channel: Mapped[str] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(String(64))
    consent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    consent_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
