"""The audit trail: append in the caller's transaction, verify the hash chain.

Each event stores SHA-256(previous hash + canonical JSON of itself). Appends
lock the single `audit_head` row, so concurrent writers on PostgreSQL chain
one after another (SQLite has one writer anyway). The chain shows a changed,
deleted or inserted row; it cannot stop someone who rewrites the whole chain
from the point they changed onwards, which is why `audit anchor` signs the head
into a file outside the database (console/services/audit_anchor.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.models import AuditEvent, AuditHead, utcnow
from console.services.actor import Actor

GENESIS = "0" * 64


def _default(value: Any) -> str:
    if isinstance(value, (Decimal, dt.date, dt.datetime, dt.time)):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    return str(value)


def to_json(data: dict[str, Any] | None) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 text; "" for nothing."""
    if data is None:
        return ""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=_default)


def _iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(event: AuditEvent) -> str:
    """The text the hash covers: every column but id and the hashes."""
    return to_json(
        {
            "seq": event.seq,
            "at": _iso(event.at),
            "actor_id": event.actor_id,
            "actor_name": event.actor_name,
            "workstation": event.workstation,
            "action": event.action,
            "entity_type": event.entity_type,
            "entity_id": event.entity_id,
            "before": event.before,
            "after": event.after,
        }
    )


def chain_hash(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256((prev_hash + canonical(event)).encode("utf-8")).hexdigest()


# Built once: every audited change of every use case locks the head with it.
_HEAD = select(AuditHead).where(AuditHead.id == 1).with_for_update()


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    *,
    entity_type: str = "",
    entity_id: object = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain inside the caller's transaction."""
    head = session.execute(_HEAD).scalar_one()
    event = AuditEvent(
        seq=head.seq + 1,
        # Microseconds only: what every engine stores, so the hash survives a round trip.
        at=utcnow(),
        actor_id=actor.user_id if actor else None,
        actor_name=actor.username if actor else "",
        workstation=actor.workstation if actor else "",
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        before=to_json(before),
        after=to_json(after),
        prev_hash=head.hash,
    )
    event.hash = chain_hash(head.hash, event)
    head.seq, head.hash = event.seq, event.hash
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of walking the chain; `bad_seq` names the first event that fails."""

    ok: bool
    checked: int
    bad_seq: int | None = None
    problem: str = ""


def verify(session: Session) -> VerifyResult:
    """Walk the chain in order and report the first break."""
    expected_seq, prev_hash, checked = 1, GENESIS, 0
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=5000))
    for event in rows.scalars():
        problem = _check(event, expected_seq, prev_hash)
        if problem:
            return VerifyResult(False, checked, event.seq, problem)
        expected_seq, prev_hash, checked = event.seq + 1, event.hash, checked + 1
    head = session.get(AuditHead, 1)
    if head is None or head.seq != expected_seq - 1 or head.hash != prev_hash:
        last = head.seq if head else expected_seq
        return VerifyResult(False, checked, last, f"events after {expected_seq - 1} are missing")
    return VerifyResult(True, checked)


def _check(event: AuditEvent, expected_seq: int, prev_hash: str) -> str:
    if event.seq != expected_seq:
        if event.seq > expected_seq:
            return f"event {expected_seq} is missing (next is {event.seq})"
        return f"event {event.seq} is out of sequence"
    if event.prev_hash != prev_hash:
        return f"event {event.seq} does not follow event {event.seq - 1}"
    if chain_hash(prev_hash, event) != event.hash:
        return f"event {event.seq} was changed after it was written"
    return ""
