"""Customers, their meters and the readings the collector stores."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from console import ids
from console.models.base import (
    Base,
    Energy,
    UTCDateTime,
    Versioned,
    digits_check,
    enum_check,
    utcnow,
)
from console.models.enums import (
    ControlState,
    CostControlMode,
    CustomerCategory,
    CustomerStatus,
    MeterStatus,
    ReadingQuality,
    ReadingSource,
    RelayState,
    values,
)
from console.models.org import Unit
from console.pinyin import pinyin_keys


class Customer(Versioned, Base):
    """An account (户): who is supplied, where, on which tariff and control mode."""

    __tablename__ = "customer"
    __table_args__ = (
        *digits_check("customer_no", 10, "customer_no_digits"),
        enum_check("category", values(CustomerCategory), "category"),
        enum_check("status", values(CustomerStatus), "status"),
        enum_check("cost_control_mode", values(CostControlMode), "cost_control_mode"),
        enum_check("control_state", values(ControlState), "control_state"),
        Index("ix_customer_phone", "phone"),
        Index("ix_customer_name", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_no: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    # Written with the name (pypinyin) so lookup by 拼音 needs no work at read time.
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")
    name_initials: Mapped[str] = mapped_column(String(40), default="")
    category: Mapped[str] = mapped_column(String(16))
    phone: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    protected: Mapped[bool] = mapped_column(Boolean, default=False)
    protected_reason: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(8), default=CustomerStatus.ACTIVE)
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariff.id"), index=True)
    cost_control_mode: Mapped[str] = mapped_column(String(8), default=CostControlMode.POSTPAID)
    control_state: Mapped[str] = mapped_column(String(12), default=ControlState.NORMAL)
    opened_on: Mapped[dt.date | None] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()
    meters: Mapped[list[Meter]] = relationship(back_populates="customer")

    @validates("customer_no")
    def _check_customer_no(self, _key: str, value: str) -> str:
        return ids.check_customer_no(value)

    @validates("name")
    def _set_pinyin(self, _key: str, value: str) -> str:
        self.name_pinyin, self.name_initials = pinyin_keys(value)
        return value


class CommState(StrEnum):
    """Whether the collector hears the meter (meter.comm_state)."""

    UNKNOWN = "unknown"  # never polled yet
    OK = "ok"
    UNREACHABLE = "unreachable"  # failed `unreachable_after` polls in a row


class Meter(Versioned, Base):
    """An energy meter: asset number on its barcode, DL/T 645 address on the bus."""

    __tablename__ = "meter"
    __table_args__ = (
        *digits_check("asset_no", 22, "asset_no_digits"),
        *digits_check("address", 12, "address_digits"),
        enum_check("relay_state", values(RelayState), "relay_state"),
        enum_check("status", values(MeterStatus), "status"),
        enum_check("comm_state", values(CommState), "comm_state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset_no: Mapped[str] = mapped_column(String(22), unique=True)
    address: Mapped[str] = mapped_column(String(12), unique=True)
    model: Mapped[str] = mapped_column(String(40), default="")
    manufacturer: Mapped[str] = mapped_column(String(60), default="")
    phases: Mapped[int] = mapped_column(Integer, default=1)
    ct_ratio: Mapped[int] = mapped_column(Integer, default=1)
    pt_ratio: Mapped[int] = mapped_column(Integer, default=1)
    # host:port of the serial server or concentrator whose bus the meter is on.
    endpoint: Mapped[str] = mapped_column(String(80), default="")
    relay_state: Mapped[str] = mapped_column(String(8), default=RelayState.CLOSED)
    relay_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    guarantee: Mapped[bool] = mapped_column(Boolean, default=False)  # 保电
    # False for meters that cannot switch the supply (CT-connected industrial
    # meters: the breaker is elsewhere); no switch command is sent to them.
    has_relay: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    status: Mapped[str] = mapped_column(String(12), default=MeterStatus.IN_SERVICE)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    installed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    removed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Written by the collector (not version-bumped: telemetry must not make an
    # open edit dialog conflict). comm_error is a reason code: timeout, garbled,
    # wrong_address, connection, refused, password_wrong.
    comm_state: Mapped[str] = mapped_column(String(12), default=CommState.UNKNOWN,
                                            server_default=text("'unknown'"))
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    comm_failures: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    comm_error: Mapped[str] = mapped_column(String(200), default="", server_default=text("''"))

    customer: Mapped[Customer | None] = relationship(back_populates="meters")

    @validates("asset_no")
    def _check_asset_no(self, _key: str, value: str) -> str:
        return ids.check_asset_code(value, asset_type=ids.ASSET_TYPE_METER)

    @validates("address")
    def _check_address(self, _key: str, value: str) -> str:
        return ids.check_meter_address(value)

    @property
    def multiplier(self) -> int:
        return self.ct_ratio * self.pt_ratio


class Reading(Base):
    """One reading of a meter's registers at a moment (UTC)."""

    __tablename__ = "reading"
    __table_args__ = (
        Index("ux_reading_meter_time", "meter_id", "read_at", unique=True),
        enum_check("source", values(ReadingSource), "source"),
        enum_check("quality", values(ReadingQuality), "quality"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True
    )
    meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id"))
    read_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Forward active energy: total and the 尖/峰/平/谷 registers (kWh, meter side).
    energy_total: Mapped[Decimal] = mapped_column(Energy)
    energy_sharp: Mapped[Decimal | None] = mapped_column(Energy)
    energy_peak: Mapped[Decimal | None] = mapped_column(Energy)
    energy_flat: Mapped[Decimal | None] = mapped_column(Energy)
    energy_valley: Mapped[Decimal | None] = mapped_column(Energy)
    # Instantaneous values are measurements, not accounts: floats are honest here.
    power_kw: Mapped[float | None] = mapped_column(Float)
    voltage_a: Mapped[float | None] = mapped_column(Float)
    voltage_b: Mapped[float | None] = mapped_column(Float)
    voltage_c: Mapped[float | None] = mapped_column(Float)
    current_a: Mapped[float | None] = mapped_column(Float)
    current_b: Mapped[float | None] = mapped_column(Float)
    current_c: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(10), default=ReadingSource.COLLECTED)
    quality: Mapped[str] = mapped_column(String(8), default=ReadingQuality.GOOD)
