"""Field and service work orders (工单)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, UTCDateTime, Versioned, enum_check, utcnow
from console.models.enums import WorkOrderKind, WorkOrderState, values


class WorkOrder(Versioned, Base):
    """A job with an SLA due time: replacement, closure, inspection, complaint…"""

    __tablename__ = "work_order"
    __table_args__ = (
        Index("ix_work_order_unit_state", "unit_id", "state"),
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
