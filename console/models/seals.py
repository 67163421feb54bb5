"""Anti-theft seals (防窃电封印): batches, seals and every move they make."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, validates

from console import ids
from console.models.base import Base, UTCDateTime, Versioned, digits_check, enum_check, utcnow
from console.models.enums import SealPosition, SealState, SealType, values


class SealBatch(Base):
    """A manufactured range of seals received into a unit's stock."""

    __tablename__ = "seal_batch"
    __table_args__ = (
        enum_check("seal_type", values(SealType), "seal_type"),
        # An index, not a column constraint: SQLite cannot ALTER TABLE ADD a UNIQUE column.
        Index("ux_seal_batch_idempotency_key", "idempotency_key", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_no: Mapped[str] = mapped_column(String(24), unique=True)
    seal_type: Mapped[str] = mapped_column(String(12))
    colour: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    manufacturer: Mapped[str] = mapped_column(String(80))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    first_no: Mapped[str] = mapped_column(String(22))
    last_no: Mapped[str] = mapped_column(String(22))
    quantity: Mapped[int] = mapped_column(Integer)
    key_id: Mapped[str] = mapped_column(String(16), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A dialog's retry after a lost answer returns the batch it made instead of a second one.
    idempotency_key: Mapped[str | None] = mapped_column(String(64))


class Seal(Versioned, Base):
    """One seal; its number is a 22-digit asset code and is never made twice."""

    __tablename__ = "seal"
    __table_args__ = (
        *digits_check("seal_no", 22, "seal_no_digits"),
        enum_check("state", values(SealState), "state"),
        enum_check("position", values(SealPosition), "position"),
        # Two seals can never be installed at one position of one meter.
        Index(
            "ux_seal_installed_position",
            "meter_id",
            "position",
            unique=True,
            sqlite_where=text("state = 'installed'"),
            postgresql_where=text("state = 'installed'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seal_no: Mapped[str] = mapped_column(String(22), unique=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("seal_batch.id"), index=True)
    state: Mapped[str] = mapped_column(String(14), default=SealState.IN_STOCK)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    meter_id: Mapped[int | None] = mapped_column(ForeignKey("meter.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(16))
    installed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    @validates("seal_no")
    def _check_seal_no(self, _key: str, value: str) -> str:
        return ids.check_asset_code(value, asset_type=ids.ASSET_TYPE_SEAL)


class SealEvent(Base):
    """One move of one seal: who, when, where, and under which work order."""

    __tablename__ = "seal_event"
    __table_args__ = (Index("ix_seal_event_seal_time", "seal_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seal_id: Mapped[int] = mapped_column(ForeignKey("seal.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    from_state: Mapped[str | None] = mapped_column(String(14))
    to_state: Mapped[str] = mapped_column(String(14))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    meter_id: Mapped[int | None] = mapped_column(ForeignKey("meter.id"))
    position: Mapped[str | None] = mapped_column(String(16))
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_order.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)


class SealScan(Base):
    """One scan at a workstation, seal or not: what was read and what it turned out to be.

    verdict: genuine / forged / barcode / not_a_seal; purpose: scan / inspection / count.
    """

    __tablename__ = "seal_scan"
    __table_args__ = (Index("ix_seal_scan_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    workstation: Mapped[str] = mapped_column(String(64), default="")
    purpose: Mapped[str] = mapped_column(String(12), default="scan")
    text: Mapped[str] = mapped_column(String(200), default="")  # what the scanner sent, cut short
    verdict: Mapped[str] = mapped_column(String(12))
    seal_id: Mapped[int | None] = mapped_column(ForeignKey("seal.id"), index=True)
    meter_id: Mapped[int | None] = mapped_column(ForeignKey("meter.id"))
    key_id: Mapped[str] = mapped_column(String(16), default="")
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)


class SealAnomaly(Base):
    """What an inspection check found wrong on a meter, and the work order it opened.

    kind: mismatch (a seal recorded elsewhere) / missing / unknown / forged.
    """

    __tablename__ = "seal_anomaly"
    __table_args__ = (Index("ix_seal_anomaly_unit_at", "unit_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(12))
    seal_no: Mapped[str] = mapped_column(String(64), default="")
    seal_id: Mapped[int | None] = mapped_column(ForeignKey("seal.id"))
    meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id"), index=True)
    position: Mapped[str] = mapped_column(String(16), default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_order.id"))
    reported_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    detail: Mapped[str] = mapped_column(String(200), default="")
