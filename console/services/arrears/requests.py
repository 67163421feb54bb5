"""Arrears batch requests recorded without the cost-control services (the fallback).

Until `console.services.notices.issue` and `console.services.control.requests` are
installed, the arrears panel records its batch actions here: reminders and
disconnect notices as paper `Notice` rows (pending), disconnections as
`ControlCommand` rows (requested, reason arrears), each with its audit event.
A notice's number doubles as its dedupe key (one per customer, kind and day);
a command carries the batch's idempotency key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.billing.money import ZERO
from console.db import Database
from console.errors import ValidationError
from console.models import ControlCommand, Customer, LedgerEntry, Meter, Notice, utcnow
from console.models.enums import (
    CommandAction,
    CommandReason,
    CommandState,
    ControlState,
    MeterStatus,
    NoticeChannel,
    NoticeKind,
    NoticeStatus,
)
from console.services import audit
from console.services.acting import covers, use_case
from console.services.actor import Actor
from console.services.arrears.types import BatchOutcome
from console.services.permissions import Permission
from console.timeutil import local_today

NOTICE_DAYS = 7  # 《供电营业规则》 Art. 67: 3–7 days; the policy engine refines it
OPEN_COMMANDS = (CommandState.REQUESTED, CommandState.APPROVED, CommandState.QUEUED,
                 CommandState.SENT)
MAX_BATCH = 5000


@use_case(Permission.VIEW_ARREARS, filters=True)
def send_reminders(db: Database, actor: Actor, customer_ids: Sequence[int]) -> BatchOutcome:
    """A paper arrears reminder (催费通知单) for each customer, at most one a day each."""
    return _notices(db, actor, customer_ids, NoticeKind.REMINDER, "reminder")


@use_case(Permission.REQUEST_CONTROL, filters=True)
def serve_disconnect_notices(db: Database, actor: Actor,
                             customer_ids: Sequence[int]) -> BatchOutcome:
    """A disconnect notice (停电通知书) for each unprotected customer; its state becomes notice."""
    return _notices(db, actor, customer_ids, NoticeKind.DISCONNECT, "disconnect_notice")


@use_case(Permission.REQUEST_CONTROL, filters=True)
def request_disconnections(db: Database, actor: Actor, customer_ids: Sequence[int], *,
                           idempotency_key: str) -> BatchOutcome:
    """A disconnect request (reason arrears) for each unprotected customer's meters.

    Refused per customer (counted in `skipped`): protected, no meter in service,
    or a disconnect already under way, or of another unit (out_of_scope). The same key
    again writes nothing.
    """
    ids = _check_batch(customer_ids)
    if not idempotency_key or len(idempotency_key) > 40:
        raise ValidationError("an idempotency key of 1 to 40 characters is required",
                              field="idempotency_key", reason="invalid")
    skipped: dict[str, int] = {}
    done = 0
    with db.uow() as session:
        meters = _meters_of(session, ids)
        busy = _busy_meters(session, [m for ms in meters.values() for m in ms])
        for customer in _customers(session, ids, skipped):
            why = _disconnect_refusal(customer, meters.get(customer.id, []), busy)
            if why:
                skipped[why] = skipped.get(why, 0) + 1
                continue
            free = [m for m in meters[customer.id] if m not in busy]
            done += _request(session, actor, customer, free, idempotency_key)
        audit.record(session, actor, "arrears.disconnect_requested", entity_type="batch",
                     entity_id=idempotency_key, after={"customers": len(ids), "commands": done})
    return BatchOutcome("disconnect_request", done, skipped)


def _check_batch(customer_ids: Iterable[int]) -> list[int]:
    ids = sorted({int(c) for c in customer_ids})
    if not ids or len(ids) > MAX_BATCH:
        raise ValidationError(f"select 1 to {MAX_BATCH} customers", field="customers",
                              reason="batch_size", maximum=MAX_BATCH)
    return ids


def _customers(session: Session, ids: list[int], skipped: dict[str, int]) -> list[Customer]:
    """The customers of the acting user's units; the others counted in `skipped`."""
    found: list[Customer] = []
    for first in range(0, len(ids), 900):  # SQLite's bind limit is far above; keep it modest
        found += session.scalars(select(Customer).where(Customer.id.in_(ids[first:first + 900]))
                                 .order_by(Customer.id))
    ours = [c for c in found if covers(c.unit_id)]
    if len(ours) < len(found):
        skipped["out_of_scope"] = len(found) - len(ours)
    return ours


def _notices(db: Database, actor: Actor, customer_ids: Sequence[int], kind: NoticeKind,
             action: str) -> BatchOutcome:
    ids = _check_batch(customer_ids)
    today, now = local_today(), utcnow()
    prefix = {NoticeKind.REMINDER: "CF", NoticeKind.DISCONNECT: "TD"}[kind]
    skipped: dict[str, int] = {}
    done = 0
    with db.uow() as session:
        for customer in _customers(session, ids, skipped):
            # One document per customer, kind and day: the number is the dedupe key.
            doc_no = f"{prefix}{today:%Y%m%d}{customer.customer_no}"
            why = _notice_refusal(session, customer, kind, doc_no)
            if why:
                skipped[why] = skipped.get(why, 0) + 1
                continue
            _add_notice(session, actor, customer, kind, doc_no, now)
            done += 1
        audit.record(session, actor, f"arrears.{action}", entity_type="batch",
                     entity_id=f"{prefix}{today:%Y%m%d}", after={"customers": len(ids),
                                                                 "notices": done})
    return BatchOutcome(action, done, skipped)


def _notice_refusal(session: Session, customer: Customer, kind: NoticeKind, doc_no: str) -> str:
    if session.scalar(select(Notice.id).where(Notice.doc_no == doc_no)) is not None:
        return "already_sent"
    if kind == NoticeKind.DISCONNECT and customer.protected:
        return "protected"
    return ""


def _add_notice(session: Session, actor: Actor, customer: Customer, kind: NoticeKind,
                doc_no: str, now: dt.datetime) -> None:
    owed = -Decimal(session.execute(select(func.coalesce(func.sum(LedgerEntry.amount), 0))
                                    .where(LedgerEntry.customer_id == customer.id)).scalar_one())
    deadline = now + dt.timedelta(days=NOTICE_DAYS) if kind == NoticeKind.DISCONNECT else None
    notice = Notice(doc_no=doc_no, customer_id=customer.id, kind=kind,
                    channel=NoticeChannel.PAPER, status=NoticeStatus.PENDING,
                    amount=max(owed, ZERO).quantize(Decimal("0.01")), created_at=now,
                    deadline=deadline, created_by=actor.user_id)
    session.add(notice)
    if kind == NoticeKind.DISCONNECT and customer.control_state in (ControlState.NORMAL,
                                                                     ControlState.ALERT):
        customer.control_state = ControlState.NOTICE
    session.flush()
    audit.record(session, actor, f"notice.{kind.value}_requested", entity_type="customer",
                 entity_id=customer.id, after={"doc_no": doc_no, "amount": notice.amount})


def _meters_of(session: Session, ids: list[int]) -> dict[int, list[int]]:
    meters: dict[int, list[int]] = {}
    for first in range(0, len(ids), 900):
        rows = session.execute(select(Meter.customer_id, Meter.id).where(
            Meter.customer_id.in_(ids[first:first + 900]), Meter.status == MeterStatus.IN_SERVICE))
        for cid, mid in rows:
            if cid is not None:  # always: selected by customer
                meters.setdefault(cid, []).append(mid)
    return meters


def _busy_meters(session: Session, meter_ids: list[int]) -> set[int]:
    busy: set[int] = set()
    for first in range(0, len(meter_ids), 900):
        busy.update(session.scalars(select(ControlCommand.meter_id).where(
            ControlCommand.meter_id.in_(meter_ids[first:first + 900]),
            ControlCommand.action == CommandAction.DISCONNECT,
            ControlCommand.state.in_(OPEN_COMMANDS))))
    return busy


def _disconnect_refusal(customer: Customer, meters: list[int], busy: set[int]) -> str:
    if customer.protected:
        return "protected"
    if not meters:
        return "no_meter"
    if all(m in busy for m in meters):
        return "pending"
    return ""


def _request(session: Session, actor: Actor, customer: Customer, meters: list[int],
             key: str) -> int:
    written = 0
    for meter_id in meters:
        command_key = f"arrears:{key}:{meter_id}"
        if session.scalar(select(ControlCommand.id)
                          .where(ControlCommand.idempotency_key == command_key)) is not None:
            continue
        session.add(ControlCommand(meter_id=meter_id, customer_id=customer.id,
                                   action=CommandAction.DISCONNECT, reason=CommandReason.ARREARS,
                                   state=CommandState.REQUESTED, idempotency_key=command_key,
                                   requested_by=actor.user_id))
        written += 1
    session.flush()
    if written:
        audit.record(session, actor, "command.disconnect_requested", entity_type="customer",
                     entity_id=customer.id, after={"meters": meters, "reason": "arrears"})
    return written
