"""Notices to customers: reminders (催费通知单), balance alerts, disconnect notices
(停电通知书), the 30-minute reminder before a cut, reconnect notices.

Every notice has a dedupe key, unique in the table: writing a key that exists
returns the notice already written, so a customer never gets the same notice
twice however often a batch action or the policy engine runs. Notices are
written 'pending'; `deliver_pending` (console.services.notices.outbox) hands
them to the channel's sender. Batch actions of the arrears panel:
`send_reminders`, `serve_disconnect_notices`, `request_disconnections`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import String, cast, func, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from console.billing.money import ZERO
from console.db import Database
from console.errors import ValidationError
from console.models import Customer, LedgerEntry, Notice, utcnow
from console.models.enums import (
    ControlState,
    CustomerStatus,
    NoticeChannel,
    NoticeKind,
    NoticeStatus,
)
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.control.requests import (
    CommandInfo,
    check_batch,
    request_disconnections,
)
from console.services.cost_control.policy import load_policies
from console.services.messages.fanout import active_channels
from console.services.messages.keys import MESSAGE_PREFIX, message_key, official
from console.services.notices.outbox import DeliveryResult, deliver_pending, mark_served
from console.services.permissions import Permission, require
from console.services.rows import existing
from console.timeutil import LOCAL

__all__ = [
    "CommandInfo",
    "DeliveryResult",
    "NoticeInfo",
    "NoticeSpec",
    "deliver_pending",
    "mark_served",
    "request_disconnections",
    "send_reconnect_notices",
    "send_reminders",
    "serve_disconnect_notices",
    "write_notices",
]

MANUAL = "manual"
CHUNK = 900
# A notice not yet delivered or delivered: what "the customer has a notice" means.
LIVE = (NoticeStatus.PENDING, NoticeStatus.SENT, NoticeStatus.SERVED)
PLACEHOLDER = "~"  # doc_no until the row has its id
# Notices that also go, as messages, to the channels a customer consents to.
MESSAGE_KINDS = (NoticeKind.REMINDER, NoticeKind.ALERT, NoticeKind.DISCONNECT,
                 NoticeKind.DISCONNECT_REMINDER, NoticeKind.RECONNECT)


@dataclass(frozen=True)
class NoticeSpec:
    """A notice to write: `dedupe_key` decides whether it exists already."""

    customer_id: int
    kind: str
    channel: str
    dedupe_key: str
    rule: str
    amount: Decimal | None = None
    deadline: dt.datetime | None = None


@dataclass(frozen=True)
class NoticeInfo:
    """A notice as services hand it out; `created` is False when the key existed already."""

    notice_id: int
    doc_no: str
    customer_id: int
    kind: str
    channel: str
    status: str
    amount: Decimal | None
    created_at: dt.datetime
    deadline: dt.datetime | None
    dedupe_key: str
    rule: str
    created: bool


# The rules name no right: the CLI and the collector act on their own authority, so the
# body checks it (_require); the customers must all be of the actor's units.
@use_case(None, customer="customer_ids")
def send_reminders(db: Database, actor: Actor, customer_ids: Sequence[int], *,
                   channel: str | None = None, now: dt.datetime | None = None) -> list[NoticeInfo]:
    """An arrears reminder (催费通知单) for each active customer who owes, at most one a day each.

    Channel: `channel`, else SMS when the customer has a phone number, else
    paper. Customers who owe nothing (paid meanwhile) or are closed are left
    out of the result. Needs VIEW_ARREARS.
    """
    _require(actor, Permission.VIEW_ARREARS)
    ids, now = check_batch(customer_ids), now or utcnow()
    day = now.astimezone(LOCAL).date()
    with db.uow() as session:
        specs = [NoticeSpec(c.id, NoticeKind.REMINDER, channel or _channel(c),
                            f"reminder:{c.id}:{day:%Y%m%d}", MANUAL, owed)
                 for c, owed in _owing(session, ids)]
        notices = write_notices(session, specs, actor=actor, now=now)
        _audit_batch(session, actor, "notice.reminders", notices)
        return notices


@use_case(None, customer="customer_ids")
def serve_disconnect_notices(db: Database, actor: Actor, customer_ids: Sequence[int], *,
                             notice_days: int | None = None, channel: str | None = None,
                             now: dt.datetime | None = None) -> list[NoticeInfo]:
    """A disconnect notice (停电通知书) for each active, unprotected customer who owes.

    A customer whose current notice is still live gets that one back. The
    period (`notice_days`, 3 to 7 days, Art. 67; default: the customer's
    policy) counts from delivery: the outbox moves the deadline when it sends.
    The customer's control state becomes 'notice'. Needs REQUEST_CONTROL.
    """
    _require(actor, Permission.REQUEST_CONTROL)
    if notice_days is not None and not 3 <= notice_days <= 7:
        raise ValidationError("the notice period is 3 to 7 days", field="notice_days",
                              value=notice_days, reason="out_of_range")
    ids, now = check_batch(customer_ids), now or utcnow()
    with db.uow() as session:
        book = load_policies(session)
        live = live_disconnect_notices(session, ids)
        specs = []
        for c, owed in _owing(session, ids):
            if c.protected or c.id in live:
                continue
            days = notice_days or book.for_account(c.unit_id, c.category).notice_days
            specs.append(disconnect_spec(c.id, channel or _channel(c), MANUAL, owed, now, days))
        notices = write_notices(session, specs, actor=actor, now=now)
        set_state(session, [n.customer_id for n in notices], ControlState.NOTICE,
                  only_from=(ControlState.NORMAL, ControlState.ALERT))
        notices += [_info(n, created=False) for n in _by_ids(session, list(live.values()))]
        _audit_batch(session, actor, "notice.disconnect_notices", notices)
        return notices


@use_case(None, customer="customer_ids", command="command_ids")
def send_reconnect_notices(db: Database, actor: Actor, customer_ids: Sequence[int], *,
                           command_ids: Sequence[int], now: dt.datetime | None = None
                           ) -> list[NoticeInfo]:
    """Tell each customer their supply is restored: one notice per reconnect command."""
    _require(actor, Permission.REQUEST_CONTROL)
    ids, now = check_batch(customer_ids), now or utcnow()
    if len(command_ids) != len(ids):
        raise ValidationError("one command per customer", field="command_ids", reason="mismatch")
    with db.uow() as session:
        customers = {c.id: c for c in _customers(session, ids)}
        specs = [NoticeSpec(cid, NoticeKind.RECONNECT, _channel(customers[cid]),
                            f"reconnect:{cid}:{cmd}", MANUAL)
                 for cid, cmd in zip(ids, command_ids, strict=True) if cid in customers]
        notices = write_notices(session, specs, actor=actor, now=now)
        _audit_batch(session, actor, "notice.reconnect_notices", notices)
        return notices


def disconnect_spec(customer_id: int, channel: str, rule: str, owed: Decimal | None,
                    now: dt.datetime, days: int) -> NoticeSpec:
    """The disconnect notice of a customer's current episode (one per customer and day)."""
    day = now.astimezone(LOCAL).date()
    return NoticeSpec(customer_id, NoticeKind.DISCONNECT, channel,
                      f"disconnect:{customer_id}:{day:%Y%m%d}", rule, owed,
                      now + dt.timedelta(days=days))


def send_final_reminder(session: Session, actor: Actor | None, customer_id: int, *,
                        now: dt.datetime, minutes: int) -> NoticeInfo:
    """Today's 30-minute reminder before a cut (停电前提醒), under the engine's own key, so
    a person and the cost-control run never send it twice the same day."""
    customer = existing(session, Customer, customer_id, "customer")
    day = now.astimezone(LOCAL).date()
    [owed] = [o for _c, o in _owing(session, [customer_id])] or [ZERO]
    spec = NoticeSpec(customer_id, NoticeKind.DISCONNECT_REMINDER, _channel(customer),
                      f"final:{customer_id}:{day:%Y%m%d}", MANUAL, owed,
                      now + dt.timedelta(minutes=minutes))
    [notice] = write_notices(session, [spec], actor=actor, now=now)
    if notice.created:
        audit.record(session, actor, "notice.final_reminder", entity_type="notice",
                     entity_id=notice.notice_id, after={"customer_id": customer_id,
                                                        "cut_not_before": notice.deadline})
    return notice


def write_notices(session: Session, specs: Iterable[NoticeSpec], *, actor: Actor | None,
                  now: dt.datetime) -> list[NoticeInfo]:
    """Insert the specs whose key is new, set-based; return every spec's notice (new or old)."""
    unique = list({s.dedupe_key: s for s in specs}.values())
    if not unique:
        return []
    before = _insert_new(session, unique + _message_copies(session, unique), actor, now)
    found: list[Notice] = []
    keys = [s.dedupe_key for s in unique]
    for first in range(0, len(keys), CHUNK):
        found += session.scalars(select(Notice).where(Notice.dedupe_key.in_(keys[first:first + CHUNK])))
    return sorted((_info(n, created=n.dedupe_key not in before) for n in found),
                  key=lambda n: n.notice_id)


def _insert_new(session: Session, specs: list[NoticeSpec], actor: Actor | None,
                now: dt.datetime) -> set[str]:
    """Insert the specs whose key is new; the keys that existed before."""
    before = _existing_keys(session, [s.dedupe_key for s in specs])
    rows = [_row(s, actor, now) for s in specs if s.dedupe_key not in before]
    if rows:
        dialect = session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        session.execute(insert(Notice).on_conflict_do_nothing(index_elements=["dedupe_key"]), rows)
        _number(session, [r["dedupe_key"] for r in rows], now)
    return before


def _message_copies(session: Session, specs: list[NoticeSpec]) -> list[NoticeSpec]:
    """The same notice as a message on each channel the customer consents to (issue 18
    item 5), besides the channel the notice itself goes by; written with it, returned apart."""
    told = [s for s in specs if s.kind in MESSAGE_KINDS
            and not s.dedupe_key.startswith(MESSAGE_PREFIX)]
    if not told:
        return []
    bound = active_channels(session, sorted({s.customer_id for s in told}))
    return [replace(s, channel=channel, dedupe_key=message_key(channel, s.dedupe_key))
            for s in told for channel in bound.get(s.customer_id, ()) if channel != s.channel]


def live_disconnect_notices(session: Session, ids: Sequence[int]) -> dict[int, int]:
    """customer id -> id of its live disconnect notice, for customers in state 'notice'."""
    found: dict[int, int] = {}
    for first in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(Notice.customer_id, func.max(Notice.id)).join(Customer, Customer.id == Notice.customer_id)
            .where(Notice.customer_id.in_(ids[first:first + CHUNK]), Notice.kind == NoticeKind.DISCONNECT,
                   Notice.status.in_(LIVE), Customer.control_state == ControlState.NOTICE, official())
            .group_by(Notice.customer_id))
        found.update(dict(rows.all()))
    return found


def set_state(session: Session, ids: Sequence[int], state: str, *, only_from: Sequence[str]) -> None:
    """Move customers' control state (those in one of `only_from`), in chunks."""
    for first in range(0, len(ids), CHUNK):
        session.execute(update(Customer).where(Customer.id.in_(ids[first:first + CHUNK]),
                                               Customer.control_state.in_(only_from))
                        .values(control_state=state, version=Customer.version + 1)
                        .execution_options(synchronize_session=False))


def _row(s: NoticeSpec, actor: Actor | None, now: dt.datetime) -> dict:
    # A placeholder number, unique through the key, until _number gives the real one.
    digest = hashlib.sha256(s.dedupe_key.encode()).hexdigest()[:23]
    return {"doc_no": PLACEHOLDER + digest, "customer_id": s.customer_id, "kind": s.kind,
            "channel": s.channel, "status": NoticeStatus.PENDING, "amount": s.amount,
            "created_at": now, "deadline": s.deadline,
            "created_by": actor.user_id if actor else None, "dedupe_key": s.dedupe_key,
            "rule": s.rule, "attempts": 0, "external_ref": "", "last_error": ""}


def _number(session: Session, keys: list[str], now: dt.datetime) -> None:
    """TZ + year and month + the row id: the demo's numbering, so numbers never collide."""
    prefix = f"TZ{now.astimezone(LOCAL):%Y%m}"
    if session.get_bind().dialect.name == "postgresql":
        digits = func.lpad(cast(Notice.id, String), 8, "0", type_=String)
    else:
        digits = func.printf("%08d", Notice.id, type_=String)
    # By key, not by comparing numbers: how '~' sorts depends on the database's collation.
    for first in range(0, len(keys), CHUNK):
        session.execute(update(Notice).where(Notice.dedupe_key.in_(keys[first:first + CHUNK]),
                                             Notice.doc_no.startswith(PLACEHOLDER))
                        .values(doc_no=literal(prefix, String) + digits)
                        .execution_options(synchronize_session=False))


def _existing_keys(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for first in range(0, len(keys), CHUNK):
        found.update(session.scalars(select(Notice.dedupe_key)
                                     .where(Notice.dedupe_key.in_(keys[first:first + CHUNK]))))
    return found


def _owing(session: Session, ids: list[int]) -> list[tuple[Customer, Decimal]]:
    """Active customers among `ids` whose ledger balance is negative, with what they owe."""
    out = []
    for first in range(0, len(ids), CHUNK):
        part = ids[first:first + CHUNK]
        sums = dict(session.execute(select(LedgerEntry.customer_id, func.sum(LedgerEntry.amount))
                                    .where(LedgerEntry.customer_id.in_(part))
                                    .group_by(LedgerEntry.customer_id)).all())
        for c in _customers(session, part):
            owed = -Decimal(sums.get(c.id) or 0).quantize(ZERO)
            if c.status == CustomerStatus.ACTIVE and owed > 0:
                out.append((c, owed))
    return out


def _customers(session: Session, ids: list[int]) -> list[Customer]:
    found: list[Customer] = []
    for first in range(0, len(ids), CHUNK):
        # in_scope: also when ids came in a shape the rule could not read one by one.
        found += session.scalars(select(Customer).where(Customer.id.in_(ids[first:first + CHUNK]),
                                                        in_scope(Customer.unit_id))
                                 .order_by(Customer.id))
    return found


def _by_ids(session: Session, ids: list[int]) -> list[Notice]:
    return list(session.scalars(select(Notice).where(Notice.id.in_(ids)))) if ids else []


def _channel(customer: Customer) -> str:
    return NoticeChannel.SMS if customer.phone else NoticeChannel.PAPER


def _info(n: Notice, *, created: bool) -> NoticeInfo:
    return NoticeInfo(n.id, n.doc_no, n.customer_id, n.kind, n.channel, n.status, n.amount,
                      n.created_at, n.deadline, n.dedupe_key or "", n.rule, created)


def _audit_batch(session: Session, actor: Actor, action: str, notices: list[NoticeInfo]) -> None:
    created = [n.notice_id for n in notices if n.created]
    if created:
        audit.record(session, actor, action, entity_type="notice", entity_id=created[0],
                     after={"notices": created, "customers": [n.customer_id for n in notices
                                                             if n.created]})


def _require(actor: Actor, permission: Permission) -> None:
    if actor.role != SYSTEM_ROLE:  # the CLI and the collector act on their own authority
        require(actor, permission)
