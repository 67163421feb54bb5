"""What the inspection services return: plain frozen values for widgets and the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select

from console.models import Customer, FieldItem, Meter, WorkOrder


@dataclass(frozen=True)
class ExportedRoute:
    package_no: str
    orders: int
    data: bytes  # the signed file
    seconds: float


@dataclass(frozen=True)
class FindingRow:
    item_id: int
    item_type: str  # reading, seal_check, finding, visit
    observed_at: dt.datetime
    customer_no: str
    customer_name: str
    meter_asset_no: str
    order_no: str
    finding: str  # tampering, bypass, broken_seal, meter_fault, none, or "" (not a finding)
    latitude: float | None
    longitude: float | None
    detail: str  # the item as the device wrote it (JSON)


@dataclass(frozen=True)
class ConflictRow(FindingRow):
    conflict: str = ""  # order_cancelled, meter_replaced, seal_moved, reading_lower, …
    resolved: bool = False


@dataclass(frozen=True)
class ImportOutcome:
    package_no: str
    route_no: str
    items: int
    applied: int
    conflicts: int
    already_imported: bool
    findings: tuple[FindingRow, ...]
    conflict_list: tuple[ConflictRow, ...]
    seconds: float


def item_query() -> Select:
    return (select(FieldItem.id, FieldItem.item_type, FieldItem.observed_at, Customer.customer_no,
                   Customer.name, Meter.asset_no, WorkOrder.order_no, FieldItem.finding,
                   FieldItem.latitude, FieldItem.longitude, FieldItem.detail, FieldItem.outcome,
                   FieldItem.conflict, FieldItem.resolved_at)
            .join(Customer, Customer.id == FieldItem.customer_id)
            .outerjoin(Meter, Meter.id == FieldItem.meter_id)
            .outerjoin(WorkOrder, WorkOrder.id == FieldItem.work_order_id))


# FindingRow's fields in order, counted so ConflictRow's own fields cannot be filled twice.
_BaseFields = tuple[Any, Any, Any, Any, Any, Any, Any, Any, Any, Any, Any]


def _base(r) -> _BaseFields:  # a result row of item_query
    return (r.id, r.item_type, r.observed_at, r.customer_no, r.name, r.asset_no or "",
            r.order_no or "", r.finding or "", r.latitude, r.longitude, r.detail)


def finding_rows(rows: Iterable) -> tuple[FindingRow, ...]:
    return tuple(FindingRow(*_base(r)) for r in rows)


def conflict_rows(rows: Iterable) -> tuple[ConflictRow, ...]:
    return tuple(ConflictRow(*_base(r), conflict=r.conflict, resolved=r.resolved_at is not None)
                 for r in rows)
