"""Billing data beside the bills: late-fee rules and readings held for review."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import (
    Base,
    Energy,
    Money,
    Price,
    UTCDateTime,
    enum_check,
    utcnow,
)
from console.models.enums import ReviewReason, ReviewStatus, values


class LateFeeRule(Base):
    """Daily late-fee rates (电费违约金) for a customer category from a date on.

    `category` NULL is the rule for every category without a row of its own.
    《供电营业规则》 (1996) Art. 98: residential 1‰ a day; others 2‰ on
    current-year arrears and 3‰ on arrears carried over from earlier years;
    a total under `minimum_fee` is charged as `minimum_fee`. A revision of
    the rules is a new row with a later `effective_from`.
    """

    __tablename__ = "late_fee_rule"
    __table_args__ = (Index("ux_late_fee_rule_category_from", "category", "effective_from",
                            unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str | None] = mapped_column(String(16))
    effective_from: Mapped[dt.date] = mapped_column()
    current_year_rate: Mapped[Decimal] = mapped_column(Price)
    carried_over_rate: Mapped[Decimal] = mapped_column(Price)
    minimum_fee: Mapped[Decimal] = mapped_column(Money)


class ReadingReview(Base):
    """A period the bill run did not bill because the readings make no sense.

    Never billed as negative use: a person decides (meter change, register
    rollover, tampering) and the period is billed after that.
    """

    __tablename__ = "reading_review"
    __table_args__ = (
        Index("ux_reading_review_meter_period", "meter_id", "period", unique=True),
        Index("ix_reading_review_status", "status"),
        enum_check("reason", values(ReviewReason), "reason"),
        enum_check("status", values(ReviewStatus), "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id"))
    period: Mapped[str] = mapped_column(String(7))
    prev_reading_id: Mapped[int | None] = mapped_column(ForeignKey("reading.id"))
    curr_reading_id: Mapped[int | None] = mapped_column(ForeignKey("reading.id"))
    prev_energy: Mapped[Decimal] = mapped_column(Energy)
    curr_energy: Mapped[Decimal] = mapped_column(Energy)
    reason: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(8), default=ReviewStatus.OPEN)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
