"""Cost-control policies, notices to customers and switch commands to meters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import (
    Base,
    Energy,
    Money,
    UTCDateTime,
    Versioned,
    enum_check,
    utcnow,
)
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
    # Send the meter's pre-trip alarm (ALARM_ON) with the low-balance alert.
    alarm_command: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Postpaid: days past the due date before a disconnect notice (Art. 66: 30).
    disconnect_after_days: Mapped[int] = mapped_column(Integer, default=30,
                                                       server_default=text("30"))
    # Prepaid: what the counter suggests topping up beyond what is owed, so that a
    # customer who pays her arrears is not left at 0.00 under the alert line.
    topup_amount: Mapped[Decimal | None] = mapped_column(Money, default=Decimal("100.00"))


class Notice(Base):
    """A reminder, alert or disconnect/reconnect notice sent to a customer."""

    __tablename__ = "notice"
    __table_args__ = (
        Index("ix_notice_customer_created", "customer_id", "created_at"),
        Index("ux_notice_dedupe_key", "dedupe_key", unique=True),
        Index("ix_notice_outbox", "status", "next_attempt_at"),
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
    # One notice per key, ever: the outbox hands it to senders so an idempotent
    # gateway drops a resend. NULL for rows written before keys existed.
    dedupe_key: Mapped[str | None] = mapped_column(String(80))
    rule: Mapped[str] = mapped_column(String(40), default="", server_default=text("''"))
    # Outbox bookkeeping (console.services.notices.issue.deliver_pending).
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    external_ref: Mapped[str] = mapped_column(String(64), default="", server_default=text("''"))
    last_error: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))


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
    # The rule that produced the command (cost_rules.Rule value, or "manual");
    # refused_rule stays the guard that stopped it later (approval, execution).
    rule: Mapped[str] = mapped_column(String(40), default="", server_default=text("''"))
    # The failed or expired command a supervisor sent again as this one. A plain
    # id, no foreign key: SQLite cannot add a referencing column in place (0007).
    retry_of: Mapped[int | None] = mapped_column(Integer)
    # The collector whose claim put the command on the wire, and until when the
    # claim holds; past it, another collector reconciles the command by reading
    # the meter's status word (a collector that died mid-command never records it).
    claimed_by: Mapped[str] = mapped_column(String(64), default="", server_default=text("''"))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class CalendarKind(StrEnum):
    """What a calendar block means for disconnections (calendar_block.kind)."""

    HOLIDAY = "holiday"  # 法定节假日: none where the policy has no_holidays
    BLACKOUT = "blackout"  # declared by a supervisor (heat wave, exams): none at all
    WORKDAY = "workday"  # 调休: a weekend day worked, so the weekend rule does not apply


class CalendarBlock(Base):
    """Days (local, inclusive) with no disconnections; `unit_id` NULL is every unit."""

    __tablename__ = "calendar_block"
    __table_args__ = (
        Index("ix_calendar_block_days", "starts_on", "ends_on"),
        enum_check("kind", values(CalendarKind), "kind"),
        CheckConstraint("ends_on >= starts_on", name="days_ordered"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class PrepaidDrawdown(Base):
    """How far a prepaid meter's use has been charged between bills (high-water mark).

    `base_*` is the reading the latest bill ended at; `drawn` is what has been
    charged for use since then (interim CHARGE entries without a bill). When a
    newer bill arrives the interim charges are credited back and counting
    starts again from its reading, so the bill is never charged twice.
    """

    __tablename__ = "prepaid_drawdown"

    meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id"), primary_key=True,
                                          autoincrement=False)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    base_reading_id: Mapped[int | None] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), ForeignKey("reading.id"))
    through_reading_id: Mapped[int | None] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), ForeignKey("reading.id"))
    through_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    kwh: Mapped[Decimal] = mapped_column(Energy, default=Decimal("0.00"))  # since the base
    drawn: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))  # charged since it
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
