"""Printed reports: the document-number counters and the register of what was generated."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, UTCDateTime


class DocumentCounter(Base):
    """The next document number of one kind of report, for one unit, in one (local) year.

    Taken like a receipt number (ReceiptCounter): the row is incremented inside the
    transaction that records the document, so two documents never share a number and a
    document that is not recorded gives its number back.
    """

    __tablename__ = "document_counter"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    next_no: Mapped[int] = mapped_column(Integer, default=1)


class ReportDocument(Base):
    """One generated document: the number printed on it and what it was made from, so a
    printed number can be traced. `seq` is None when the document prints a number of its
    own (a notice's number); numbered documents are unique per kind, unit, year and seq."""

    __tablename__ = "report_document"
    __table_args__ = (
        Index("ux_report_document_seq", "kind", "unit_id", "year", "seq", unique=True),
        Index("ix_report_document_doc_no", "doc_no"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_no: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))  # the report's name: statement, aging, …
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int | None] = mapped_column(Integer)
    params: Mapped[str] = mapped_column(String(200), default="")
    generated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    generated_by: Mapped[str] = mapped_column(String(60))  # the name printed as 制表人
    generated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    pages: Mapped[int | None] = mapped_column(Integer)
