"""Counter cash: receipt numbering per unit and year, and each operator's day close."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import Base, Money, UTCDateTime, enum_check, utcnow
from console.models.enums import PaymentMethod, values


class ReceiptCounter(Base):
    """The next receipt number of a unit in a year.

    A payment increments its row inside its own transaction (UPDATE … RETURNING
    takes the row lock), so two counters never get the same number and a
    rolled-back payment gives its number back: the sequence has no gaps.
    """

    __tablename__ = "receipt_counter"

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    next_no: Mapped[int] = mapped_column(Integer, default=1)


class DayClose(Base):
    """A supervisor's cash-up of one operator's day (local calendar day).

    Once it exists that day's payments of that operator cannot change.
    """

    __tablename__ = "day_close"
    __table_args__ = (Index("ux_day_close_operator_day", "operator_id", "day", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    day: Mapped[dt.date] = mapped_column()
    closed_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    closed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    lines: Mapped[list[DayCloseLine]] = relationship(order_by="DayCloseLine.method")


class DayCloseLine(Base):
    """Expected against counted for one payment method of a day close."""

    __tablename__ = "day_close_line"
    __table_args__ = (
        Index("ux_day_close_line_method", "day_close_id", "method", unique=True),
        enum_check("method", values(PaymentMethod), "method"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day_close_id: Mapped[int] = mapped_column(ForeignKey("day_close.id"))
    method: Mapped[str] = mapped_column(String(10))
    expected: Mapped[Decimal] = mapped_column(Money)
    counted: Mapped[Decimal] = mapped_column(Money)
    difference: Mapped[Decimal] = mapped_column(Money)  # counted - expected: + over, - short


class ReceiptPrint(Base):
    """One paper copy of a payment's receipt that reached a thermal printer ready to print
    it (issue 19). No row: the receipt is "not printed" (the printer was out of paper,
    offline, or the workstation prints PDFs). Copies after the first are 补打 reprints."""

    __tablename__ = "receipt_print"
    __table_args__ = (Index("ux_receipt_print_copy", "payment_id", "copy_no", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"))
    copy_no: Mapped[int] = mapped_column(Integer)  # 1 = the original, 2… = reprints
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)  # printed marked 补打
    printed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    workstation: Mapped[str] = mapped_column(String(60), default="")
    device: Mapped[str] = mapped_column(String(80), default="")  # "network 10.0.0.9:9100"
