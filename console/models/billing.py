"""Tariffs, bills, payments and the ledger every balance is derived from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Time,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import (
    Base,
    Energy,
    Money,
    Price,
    UTCDateTime,
    Versioned,
    enum_check,
    utcnow,
)
from console.models.enums import (
    BillStatus,
    CustomerCategory,
    LedgerKind,
    PaymentMethod,
    PaymentStatus,
    TariffKind,
    values,
)


class Tariff(Versioned, Base):
    """A price list for one category, valid from `effective_from` until replaced.

    Versioned by date: a change is a new row with a later `effective_from` and
    the same `code`; bills keep pointing at the version they were priced with.
    """

    __tablename__ = "tariff"
    __table_args__ = (
        Index("ux_tariff_code_from", "code", "effective_from", unique=True),
        enum_check("kind", values(TariffKind), "kind"),
        enum_check("category", values(CustomerCategory), "category"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(16))
    effective_from: Mapped[dt.date] = mapped_column()
    effective_to: Mapped[dt.date | None] = mapped_column()
    # Flat price, and the base price of tiered tariffs (tier 1).
    price: Mapped[Decimal] = mapped_column(Price)
    # Late fee (电费违约金) per day of arrears: 0.001 residential, 0.002/0.003 others.
    late_fee_rate: Mapped[Decimal] = mapped_column(Price, default=Decimal("0.0010"))

    tiers: Mapped[list[TariffTier]] = relationship(
        order_by="TariffTier.seq", cascade="all, delete-orphan"
    )
    tou_periods: Mapped[list[TouPeriod]] = relationship(
        order_by="TouPeriod.start_time", cascade="all, delete-orphan"
    )


class TariffTier(Base):
    """One annual tier (阶梯): kWh of the year up to `upper_kwh` cost `price`."""

    __tablename__ = "tariff_tier"
    __table_args__ = (Index("ux_tariff_tier_seq", "tariff_id", "seq", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariff.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    upper_kwh: Mapped[Decimal | None] = mapped_column(Energy)  # None: no upper limit
    price: Mapped[Decimal] = mapped_column(Price)


class TouPeriod(Base):
    """A time-of-use window priced by register: sharp, peak, flat or valley."""

    __tablename__ = "tou_period"
    __table_args__ = (
        enum_check("register", ("sharp", "peak", "flat", "valley"), "register"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariff.id", ondelete="CASCADE"))
    register: Mapped[str] = mapped_column(String(8))
    start_time: Mapped[dt.time] = mapped_column(Time)
    end_time: Mapped[dt.time] = mapped_column(Time)
    price: Mapped[Decimal] = mapped_column(Price)
    months: Mapped[str] = mapped_column(String(40), default="")  # "" = all year


class Bill(Base):
    """A monthly bill. Immutable once issued: corrections are ledger adjustments."""

    __tablename__ = "bill"
    __table_args__ = (
        Index("ux_bill_customer_period", "customer_id", "period", unique=True),
        Index("ix_bill_status_due", "status", "due_date"),
        enum_check("status", values(BillStatus), "status"),
        CheckConstraint("amount >= 0", name="amount_nonneg"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bill_no: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id"), index=True)
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariff.id"))
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    prev_reading_id: Mapped[int | None] = mapped_column(ForeignKey("reading.id"))
    curr_reading_id: Mapped[int | None] = mapped_column(ForeignKey("reading.id"))
    kwh: Mapped[Decimal] = mapped_column(Energy)
    amount: Mapped[Decimal] = mapped_column(Money)
    paid_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    due_date: Mapped[dt.date] = mapped_column()
    status: Mapped[str] = mapped_column(String(8), default=BillStatus.OPEN)
    estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Late fees (电费违约金) are posted when a payment reaches the bill: what was
    # posted, what of it is paid, and the day they are charged up to (None:
    # nothing yet, they run from the due date). Server defaults: bulk loaders
    # that name their columns need not know these.
    late_fee_charged: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"),
                                                      server_default=text("0"))
    late_fee_paid: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"),
                                                   server_default=text("0"))
    fee_through: Mapped[dt.date | None] = mapped_column()


class Payment(Base):
    """Money received at a counter or through a channel, with its receipt number."""

    __tablename__ = "payment"
    __table_args__ = (
        Index("ix_payment_customer_time", "customer_id", "received_at"),
        Index("ix_payment_operator_time", "operator_id", "received_at"),
        enum_check("method", values(PaymentMethod), "method"),
        enum_check("status", values(PaymentStatus), "status"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    amount: Mapped[Decimal] = mapped_column(Money)
    method: Mapped[str] = mapped_column(String(10))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    workstation: Mapped[str] = mapped_column(String(60), default="")
    receipt_no: Mapped[str] = mapped_column(String(24), unique=True)
    # One key per payment dialog: a resend of the same post is recorded once.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(10), default=PaymentStatus.POSTED)
    reversal_reason: Mapped[str] = mapped_column(String(200), default="")
    # Cash only: what the customer handed over and the change given back.
    tendered: Mapped[Decimal | None] = mapped_column(Money)
    change_given: Mapped[Decimal | None] = mapped_column(Money)
    reversed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class PaymentAllocation(Base):
    """How much of a payment settled which bill (principal and late fee)."""

    __tablename__ = "payment_allocation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"), index=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bill.id"), index=True)
    principal: Mapped[Decimal] = mapped_column(Money)
    late_fee: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    # The late fee this payment posted for the bill, and the bill's fee_through
    # before it: a reversal puts both back exactly.
    fee_charged: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"),
                                                 server_default=text("0"))
    prev_fee_through: Mapped[dt.date | None] = mapped_column()


class LedgerEntry(Base):
    """One movement on a customer's account; the balance is their sum.

    Sign convention: positive credits the customer (payment), negative debits
    (bill charge, late fee). A negative balance is arrears.
    """

    __tablename__ = "ledger_entry"
    __table_args__ = (
        Index("ix_ledger_customer_time", "customer_id", "posted_at"),
        enum_check("kind", values(LedgerKind), "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    kind: Mapped[str] = mapped_column(String(10))
    amount: Mapped[Decimal] = mapped_column(Money)
    posted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    bill_id: Mapped[int | None] = mapped_column(ForeignKey("bill.id"), index=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"), index=True)
    memo: Mapped[str] = mapped_column(String(200), default="")

    bill: Mapped[Bill | None] = relationship()
    payment: Mapped[Payment | None] = relationship()
