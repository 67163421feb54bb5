"""Which supply unit an object belongs to, by kind: what `use_case(customer="customer_id")`
checks against the actor's units (console.services.acting).

A kind maps a list of keys (ids, or numbers people type) to one select of (key, unit, …):
a use case naming 500 seals costs one query, not 500. A key with no row, or no unit, is
an object that does not exist (the use case reports that itself) or belongs to no unit yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from console.models import (
    CalendarBlock,
    ChannelOrder,
    ControlCommand,
    CostControlPolicy,
    Customer,
    FieldItem,
    FieldPackage,
    HeldNotification,
    Meter,
    Notice,
    Payment,
    ReportDocument,
    Seal,
    SealBatch,
    Unit,
    User,
    WorkOrder,
)

KEYS: BindParameter[Any] = bindparam("keys", expanding=True)  # the statements are built once: each call only binds


def _meter() -> Select[Any]:
    # A meter serves a customer of a unit; one in stock belongs to the unit its asset
    # number was issued by (Q/GDW 1205: the first five digits are the unit code).
    columns: tuple[Any, ...] = (Meter.id, Customer.unit_id.label("owner"), Unit.id.label("issuer"))
    return (select(*columns)
            .outerjoin(Customer, Customer.id == Meter.customer_id)
            .outerjoin(Unit, Unit.code == func.substr(Meter.asset_no, 1, 5))
            .where(Meter.id.in_(KEYS)))


def _command() -> Select[Any]:
    # The customer it was asked for; a command on no account (or whose meter has since
    # moved off it) belongs where its meter does, so it is never left unscoped.
    asked, owner = aliased(Customer), aliased(Customer)
    columns: tuple[Any, ...] = (ControlCommand.id, asked.unit_id.label("asked"),
                                owner.unit_id.label("owner"), Unit.id.label("issuer"))
    return (select(*columns)
            .outerjoin(asked, asked.id == ControlCommand.customer_id)
            .outerjoin(Meter, Meter.id == ControlCommand.meter_id)
            .outerjoin(owner, owner.id == Meter.customer_id)
            .outerjoin(Unit, Unit.code == func.substr(Meter.asset_no, 1, 5))
            .where(ControlCommand.id.in_(KEYS)))


def _by(key: Any, *units: Any, join: tuple[Any, Any] | None = None) -> Select[Any]:
    """Rows (key, unit) of the objects whose `key` column is one of the keys."""
    rows = select(key, *units)
    if join is not None:
        rows = rows.join(*join)
    return rows.where(key.in_(KEYS))


_NOTICE_CUSTOMER = (Customer, Notice.customer_id == Customer.id)

# kind -> a select of (key, unit, fallback unit, …) of the objects whose key is in "keys".
KINDS: dict[str, Select[Any]] = {
    "customer": _by(Customer.id, Customer.unit_id),
    "customer_no": _by(Customer.customer_no, Customer.unit_id),
    "meter": _meter(),
    "payment": _by(Payment.id, Payment.unit_id),
    "command": _command(),
    "notice": _by(Notice.id, Customer.unit_id, join=_NOTICE_CUSTOMER),
    "seal": _by(Seal.seal_no, Seal.unit_id),
    "batch": _by(SealBatch.id, SealBatch.unit_id),
    "work_order": _by(WorkOrder.id, WorkOrder.unit_id),
    "document": _by(ReportDocument.id, ReportDocument.unit_id),
    "package": _by(FieldPackage.id, FieldPackage.unit_id),
    "user": _by(User.id, User.unit_id),
    "unit": _by(Unit.id, Unit.id),
    # An inspector's result belongs to the unit of the customer it was recorded for.
    "field_item": _by(FieldItem.id, Customer.unit_id,
                      join=(Customer, FieldItem.customer_id == Customer.id)),
    # Named by what people have in hand (scopeA): a payment in doubt by its idempotency
    # key (the payment's unit: the hall that took it), a printed notice by its number.
    "payment_key": _by(Payment.idempotency_key, Payment.unit_id),
    "notice_no": _by(Notice.doc_no, Customer.unit_id, join=_NOTICE_CUSTOMER),
    # A calendar block or policy of no unit (every unit) is checked by its use case.
    "calendar_block": _by(CalendarBlock.id, CalendarBlock.unit_id),
    "policy": _by(CostControlPolicy.id, CostControlPolicy.unit_id),
    "scan_order": _by(ChannelOrder.id, ChannelOrder.unit_id),
    # Money a payment channel took that its gateway held: the customer's unit, or the
    # merchant account's for a customer we do not know (console.channels.posting).
    "held_payment": _by(HeldNotification.id, HeldNotification.unit_id),
}

# Kinds named by text people type or scan, and how such a text is looked up.
NAMED_BY_TEXT: dict[str, Callable[[Any], Any]] = {
    "customer_no": lambda key: key, "seal": str, "payment_key": lambda key: key,
    "notice_no": lambda key: str(key).strip()}
CHUNK = 5000  # keys per IN list, well under SQLite's 32,766 bound parameters


def unit_of(session: Session, kind: str, key: Any) -> int | None:
    """The unit of one object, or None when there is no such object (or it has no unit)."""
    return units_of(session, kind, [key]).get(key)


def units_of(session: Session, kind: str, keys: list[Any]) -> dict[Any, int | None]:
    """The unit of each object named, read with one `IN` query (per 5,000 keys); a key
    that names nothing, or names an object of no unit, is left out.

    A key of the wrong type is left out too, for the use case to refuse by name."""
    text = NAMED_BY_TEXT.get(kind)
    wanted: dict[Any, list[Any]] = {}  # what is looked up -> the keys as the caller gave them
    for key in keys:
        if text is not None:
            wanted.setdefault(text(key), []).append(key)
        elif isinstance(key, int) and not isinstance(key, bool):
            wanted.setdefault(key, []).append(key)
    found: dict[Any, int | None] = {}
    lookups = list(wanted)
    for start in range(0, len(lookups), CHUNK):
        for row in session.execute(KINDS[kind], {"keys": lookups[start:start + CHUNK]}):
            unit_id = next((value for value in row[1:] if value is not None), None)
            for key in wanted.get(row[0], ()):
                found[key] = unit_id
    return {key: unit_id for key, unit_id in found.items() if unit_id is not None}
