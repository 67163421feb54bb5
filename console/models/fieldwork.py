"""Field inspection packages (现场稽查离线包): what went out, what came back."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, UTCDateTime, enum_check, utcnow

DIRECTIONS = ("export", "import")
ITEM_OUTCOMES = ("applied", "conflict")


class FieldPackage(Base):
    """One signed file: a route exported for an inspector, or results imported.

    An exported route keeps the public half of the key its results must be
    signed with (the private half travels sealed inside the route file) and
    the private half of the key its results are sealed for (`box_key`, X25519:
    the public half travels in the route).
    """

    __tablename__ = "field_package"
    __table_args__ = (enum_check("direction", DIRECTIONS, "direction"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_no: Mapped[str] = mapped_column(String(32), unique=True)
    direction: Mapped[str] = mapped_column(String(8))
    route_no: Mapped[str | None] = mapped_column(String(32), index=True)
    key_id: Mapped[str] = mapped_column(String(16))
    results_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    # Wrapped with the site's key file (console/keywrap.py), 60 bytes; a raw 32 is a
    # route exported before wrapping. The length is nominal on both engines.
    box_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    sha256: Mapped[str] = mapped_column(String(64))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    orders: Mapped[int] = mapped_column(Integer, default=0)
    applied: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)


class FieldDevice(Base):
    """An inspector's enrolled device: the X25519 public key routes are sealed for.

    The private half was written once to the device's key file at enrolment
    and is not kept here. Enrolling a new device retires the inspector's old one.
    """

    __tablename__ = "field_device"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    enrolled_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    enrolled_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class FieldPackageOrder(Base):
    """A work order (customer, meter) that went out in a route package."""

    __tablename__ = "field_package_order"
    __table_args__ = (Index("ux_field_package_order", "package_id", "customer_id", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("field_package.id"))
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_order.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    meter_id: Mapped[int | None] = mapped_column(ForeignKey("meter.id"))


class FieldItem(Base):
    """One result an inspector recorded, applied once (item_key) or held as a conflict."""

    __tablename__ = "field_item"
    __table_args__ = (
        enum_check("outcome", ITEM_OUTCOMES, "outcome"),
        Index("ix_field_item_meter_finding", "meter_id", "finding"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_key: Mapped[str] = mapped_column(String(80), unique=True)  # route_no:item id
    package_id: Mapped[int] = mapped_column(ForeignKey("field_package.id"), index=True)
    item_type: Mapped[str] = mapped_column(String(12))  # reading, seal_check, finding
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_order.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    meter_id: Mapped[int | None] = mapped_column(ForeignKey("meter.id"))
    observed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    finding: Mapped[str | None] = mapped_column(String(16))  # tampering, bypass, broken_seal, meter_fault, none
    outcome: Mapped[str] = mapped_column(String(8))
    conflict: Mapped[str] = mapped_column(String(24), default="")  # order_cancelled, meter_replaced, …
    detail: Mapped[str] = mapped_column(Text, default="")  # the item as JSON
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class FieldAttachment(Base):
    """A photo attached to an item (checked to be a real PNG or JPEG)."""

    __tablename__ = "field_attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("field_item.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    media_type: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
