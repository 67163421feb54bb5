"""Cost-control policies, notices to customers and switch commands to meters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, Money, UTCDateTime, Versioned, enum_check, utcnow
from console.models.enums import (
    CommandAction,
    CommandReason,
    CommandState,
    NoticeChannel,
    NoticeKind,
    NoticeStatus,
    values,
)


class CostControlPolicy(Versioned, Base):
    """Thresholds and guards of smart cost control (智能费控) for a unit or category.

    The most specific active policy wins: unit + category, unit, category, default.
    """

    __tablename__ = "cost_control_policy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    category: Mapped[str | None] = mapped_column(String(16))
    alert_balance: Mapped[Decimal] = mapped_column(Money)  # remind under this balance
    disconnect_balance: Mapped[Decimal] = mapped_column(Money)  # disconnect under this
    notice_days: Mapped[int] = mapped_column(Integer, default=7)
    reminder_minutes: Mapped[int] = mapped_column(Integer, default=30)
    quiet_start: Mapped[dt.time] = mapped_column(Time, default=dt.time(18, 0))
    quiet_end: Mapped[dt.time] = mapped_column(Time, default=dt.time(8, 0))
    no_weekends: Mapped[bool] = mapped_column(Boolean, default=True)
    no_holidays: Mapped[bool] = mapped_column(Boolean, default=True)
    auto_approve: Mapped[bool] = mapped_column(Boolean, default=False)
    # Comma-separated categories never disconnected automatically.
    protected_categories: Mapped[str] = mapped_column(String(120), default="public")
    max_disconnects_per_hour: Mapped[int] = mapped_column(Integer, default=50)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Notice(Base):
    """A reminder, alert or disconnect/reconnect notice sent to a customer."""

    __tablename__ = "notice"
    __table_args__ = (
        Index("ix_notice_customer_created", "customer_id", "created_at"),
        enum_check("kind", values(NoticeKind), "kind"),
        enum_check("channel", values(NoticeChannel), "channel"),
        enum_check("status", values(NoticeStatus), "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_no: Mapped[str] = mapped_column(String(24), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    kind: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(10), default=NoticeStatus.PENDING)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    served_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    deadline: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class ControlCommand(Versioned, Base):
    """A switch command for one meter: the outbox the collector executes.

    requested -> approved -> queued -> sent -> confirmed, or rejected, failed,
    cancelled, expired.
    """

    __tablename__ = "control_command"
    __table_args__ = (
        Index("ix_command_state_next", "state", "next_attempt_at"),
        Index("ix_command_meter_state", "meter_id", "state"),
        enum_check("action", values(CommandAction), "action"),
        enum_check("reason", values(CommandReason), "reason"),
        enum_check("state", values(CommandState), "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(10), default=CommandState.REQUESTED)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    refused_rule: Mapped[str] = mapped_column(String(40), default="")
    error: Mapped[str] = mapped_column(Text, default="")
