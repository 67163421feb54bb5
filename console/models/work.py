"""Field and service work orders (工单)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, UTCDateTime, Versioned, enum_check, utcnow
from console.models.enums import WorkOrderKind, WorkOrderState, values

COUNTER_VISIT = "counter_visit"  # a satisfaction rating of a visit, not of an order


class WorkOrder(Versioned, Base):
    """A job with an SLA due time: replacement, closure, inspection, complaint…"""

    __tablename__ = "work_order"
    __table_args__ = (
        Index("ix_work_order_unit_state", "unit_id", "state"),
        Index("ux_work_order_idempotency_key", "idempotency_key", unique=True),
        enum_check("kind", values(WorkOrderKind), "kind"),
        enum_check("state", values(WorkOrderState), "state"),
        CheckConstraint("satisfaction BETWEEN 1 AND 5", name="satisfaction_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_no: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(12), default=WorkOrderState.OPEN)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    meter_id: Mapped[int | None] = mapped_column(ForeignKey("meter.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    description: Mapped[str] = mapped_column(Text, default="")
    resolution: Mapped[str] = mapped_column(Text, default="")
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    satisfaction_comment: Mapped[str] = mapped_column(String(400), default="")
    # Engines (seal anomalies, cost control, theft analysis) retry: one order per key.
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    # Who opened it: counter, seal_engine, cost_control, analysis, inspection…
    source: Mapped[str] = mapped_column(String(20), default="counter",
                                        server_default=text("'counter'"))


class WorkOrderSla(Base):
    """How long each kind of order may take (hours from creation to due); one row per kind.

    Kinds without a row use console.services.work_orders.types.DEFAULT_SLA_HOURS.
    """

    __tablename__ = "work_order_sla"
    __table_args__ = (enum_check("kind", values(WorkOrderKind), "kind"),
                      CheckConstraint("hours > 0", name="hours_positive"))

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    hours: Mapped[int] = mapped_column(Integer)
    same_day: Mapped[bool] = mapped_column(Boolean, default=False)  # due at the local day's end


class MeterChange(Base):
    """A meter replaced on an account: where the old meter stopped and the new one started.

    Billing and charts add the old meter's use up to `old_final_reading_id` to the
    new meter's use from `new_first_reading_id`: no gap, no double count.
    """

    __tablename__ = "meter_change"
    __table_args__ = (Index("ix_meter_change_customer_at", "customer_id", "changed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_order.id"))
    old_meter_id: Mapped[int] = mapped_column(ForeignKey("meter.id"))
    new_meter_id: Mapped[int | None] = mapped_column(ForeignKey("meter.id"))  # None: removed (closure)
    old_final_reading_id: Mapped[int] = mapped_column(ForeignKey("reading.id"))
    new_first_reading_id: Mapped[int | None] = mapped_column(ForeignKey("reading.id"))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Satisfaction(Base):
    """A customer's rating (1–5) of a work order or of a counter visit, with a comment."""

    __tablename__ = "satisfaction"
    __table_args__ = (
        Index("ix_satisfaction_unit_kind", "unit_id", "kind"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
        enum_check("kind", (*values(WorkOrderKind), COUNTER_VISIT), "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_order.id"), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    kind: Mapped[str] = mapped_column(String(20))  # a WorkOrderKind or "counter_visit"
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(String(400), default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
