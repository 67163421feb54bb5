"""Which supply unit an object belongs to, by kind: what `use_case(customer="customer_id")`
checks against the actor's units (console.services.acting).

A kind maps a key (an id, or a number people type) to a select of the unit id. None means
the object does not exist (the use case reports that itself) or belongs to no unit yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from console.models import (
    CalendarBlock,
    ControlCommand,
    CostControlPolicy,
    Customer,
    FieldItem,
    FieldPackage,
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


def _meter_units(key: Any) -> tuple[Any, Any]:
    # A meter serves a customer of a unit; one in stock belongs to the unit its asset
    # number was issued by (Q/GDW 1205: the first five digits are the unit code).
    owner = select(Customer.unit_id).join(Meter, Meter.customer_id == Customer.id).where(
        Meter.id == key).scalar_subquery()
    issuer = select(Unit.id).join(Meter, Unit.code == func.substr(Meter.asset_no, 1, 5)).where(
        Meter.id == key).limit(1).scalar_subquery()
    return owner.label("owner"), issuer.label("issuer")


def _meter(key: Any) -> Select[Any]:
    return select(*_meter_units(key))


def _command(key: Any) -> Select[Any]:
    # The customer it was asked for; a command on no account (or whose meter has since
    # moved off it) belongs where its meter does, so it is never left unscoped.
    asked = select(Customer.unit_id).join(ControlCommand, ControlCommand.customer_id == Customer.id
                                          ).where(ControlCommand.id == key).scalar_subquery()
    meter = select(ControlCommand.meter_id).where(ControlCommand.id == key).scalar_subquery()
    return select(asked.label("asked"), *_meter_units(meter))


KINDS: dict[str, Callable[[Any], Select[Any]]] = {
    "customer": lambda key: select(Customer.unit_id).where(Customer.id == key),
    "customer_no": lambda key: select(Customer.unit_id).where(Customer.customer_no == key),
    "meter": _meter,
    "payment": lambda key: select(Payment.unit_id).where(Payment.id == key),
    "command": _command,
    "notice": lambda key: select(Customer.unit_id).join(Notice, Notice.customer_id == Customer.id)
    .where(Notice.id == key),
    "seal": lambda key: select(Seal.unit_id).where(Seal.seal_no == str(key)),
    "batch": lambda key: select(SealBatch.unit_id).where(SealBatch.id == key),
    "work_order": lambda key: select(WorkOrder.unit_id).where(WorkOrder.id == key),
    "document": lambda key: select(ReportDocument.unit_id).where(ReportDocument.id == key),
    "package": lambda key: select(FieldPackage.unit_id).where(FieldPackage.id == key),
    "user": lambda key: select(User.unit_id).where(User.id == key),
    "unit": lambda key: select(Unit.id).where(Unit.id == key),
    # An inspector's result belongs to the unit of the customer it was recorded for.
    "field_item": lambda key: select(Customer.unit_id).join(
        FieldItem, FieldItem.customer_id == Customer.id).where(FieldItem.id == key),
    # Named by what people have in hand (scopeA): a payment in doubt by its idempotency
    # key (the payment's unit: the hall that took it), a printed notice by its number.
    "payment_key": lambda key: select(Payment.unit_id).where(Payment.idempotency_key == key),
    "notice_no": lambda key: select(Customer.unit_id).join(Notice, Notice.customer_id == Customer.id)
    .where(Notice.doc_no == str(key).strip()),
    # A calendar block or policy of no unit (every unit) is checked by its use case.
    "calendar_block": lambda key: select(CalendarBlock.unit_id).where(CalendarBlock.id == key),
    "policy": lambda key: select(CostControlPolicy.unit_id).where(CostControlPolicy.id == key),
}


NAMED_BY_TEXT = {"customer_no", "seal", "payment_key", "notice_no"}


def unit_of(session: Session, kind: str, key: Any) -> int | None:
    """The unit of one object, or None when there is no such object (or it has no unit).

    A key of the wrong type is left to the use case, which refuses it by name."""
    if kind not in NAMED_BY_TEXT and (isinstance(key, bool) or not isinstance(key, int)):
        return None
    row = session.execute(KINDS[kind](key)).first()
    if row is None:
        return None
    return next((value for value in row if value is not None), None)
