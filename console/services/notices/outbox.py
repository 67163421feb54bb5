"""The notice outbox: pending notices handed to their channel's sender, at least once.

    deliver_pending(db, senders=default_senders(folder))

A round claims up to `batch` due notices (a token and a lease, written in one
transaction; PostgreSQL skips rows another worker has locked), sends each
outside any transaction, then marks it sent only if the claim is still its
own. A crash between a send and its mark leaves the claim to expire and the
notice is sent again: at least once, never lost. The notice row itself is
never duplicated (its dedupe key is unique) and the key goes to the sender so
an idempotent gateway drops the repeat. A failing send is retried with
back-off, then given up as 'failed' after MAX_ATTEMPTS.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, and_, or_, select, update
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import NotFound
from console.models import ChannelBinding, Customer, Notice, utcnow
from console.models.enums import NoticeKind, NoticeStatus
from console.notices.senders import NoticeSender, OutgoingNotice
from console.privacy import mask_text
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
LEASE = dt.timedelta(minutes=5)
BACKOFF = dt.timedelta(minutes=1)  # doubles after each failure


@dataclass(frozen=True)
class DeliveryResult:
    claimed: int
    sent: int
    retrying: int  # failed this time, will be tried again
    failed: int  # gave up


def deliver_pending(db: Database, *, senders: Mapping[str, NoticeSender],
                    now: dt.datetime | None = None, batch: int = 500) -> DeliveryResult:
    """Send due pending notices of the channels in `senders`; counts of what happened."""
    now = now or utcnow()
    token = uuid.uuid4().hex
    with db.uow() as session:
        claimed = _claim(session, list(senders), token, now, batch)
    sent = retrying = failed = 0
    for notice in claimed:
        try:
            ref = senders[notice.channel].send(notice)
        except Exception as exc:  # any sender failure is retried, never lost
            log.warning("notice %s via %s failed: %s", notice.doc_no, notice.channel, exc)
            # A gateway's error may quote the number; the row keeps it masked.
            gave_up = _failed(db, notice, token, now, mask_text(f"{type(exc).__name__}: {exc}"))
            failed, retrying = failed + gave_up, retrying + (not gave_up)
            continue
        sent += _sent(db, notice, token, now, str(ref))
    return DeliveryResult(len(claimed), sent, retrying, failed)


@use_case(Permission.REQUEST_CONTROL, notice="notice_id")
def mark_served(db: Database, actor: Actor, notice_id: int, *,
                served_at: dt.datetime | None = None) -> None:
    """Record that a paper notice reached the customer; a disconnect period counts from then."""
    served_at = served_at or utcnow()
    with db.uow() as session:
        notice = session.get(Notice, notice_id)
        if notice is None:
            raise NotFound("no such notice", entity="notice", id=notice_id)
        before = notice.status
        notice.deadline = _moved_deadline(notice.kind, notice.created_at, notice.deadline,
                                          served_at)
        notice.status, notice.served_at = NoticeStatus.SERVED, served_at
        audit.record(session, actor, "notice.served", entity_type="notice", entity_id=notice_id,
                     before={"status": before}, after={"status": notice.status,
                                                       "deadline": notice.deadline})


def _claim(session: Session, channels: list[str], token: str, now: dt.datetime,
           batch: int) -> list[OutgoingNotice]:
    due = (select(Notice.id).where(
        Notice.status == NoticeStatus.PENDING, Notice.channel.in_(channels),
        or_(Notice.next_attempt_at.is_(None), Notice.next_attempt_at <= now),
        or_(Notice.claimed_until.is_(None), Notice.claimed_until < now))
        .order_by(Notice.id).limit(batch))
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = list(session.scalars(due))
    if not ids:
        return []
    session.execute(update(Notice).where(Notice.id.in_(ids))
                    .values(claim_token=token, claimed_until=now + LEASE)
                    .execution_options(synchronize_session=False))
    bound = and_(ChannelBinding.customer_id == Notice.customer_id,
                 ChannelBinding.channel == Notice.channel)
    rows = session.execute(
        select(Notice, Customer.customer_no, Customer.name, Customer.phone, Customer.address,
               ChannelBinding.address)
        .join(Customer, Customer.id == Notice.customer_id).outerjoin(ChannelBinding, bound)
        .where(Notice.claim_token == token).order_by(Notice.id))
    return [OutgoingNotice(n.id, n.doc_no, n.dedupe_key or n.doc_no, n.kind, n.channel, no, name,
                           phone, address, n.amount, n.deadline, n.created_at, recipient or "")
            for n, no, name, phone, address, recipient in rows]


def _sent(db: Database, notice: OutgoingNotice, token: str, now: dt.datetime, ref: str) -> int:
    deadline = _moved_deadline(notice.kind, notice.created_at, notice.deadline, now)
    with db.uow() as session:
        done = cast("CursorResult[Any]", session.execute(
            update(Notice).where(Notice.id == notice.notice_id, Notice.claim_token == token)
            .values(status=NoticeStatus.SENT, sent_at=now, external_ref=ref[:64], deadline=deadline,
                    attempts=Notice.attempts + 1, last_error="", claim_token=None,
                    claimed_until=None).execution_options(synchronize_session=False))).rowcount
    # 0: the lease ran out and another round took the notice over; it sends again.
    return int(done == 1)


def _failed(db: Database, notice: OutgoingNotice, token: str, now: dt.datetime,
            error: str) -> bool:
    """Count the failure; True when the notice is given up ('failed')."""
    with db.uow() as session:
        row = session.scalar(select(Notice).where(Notice.id == notice.notice_id,
                                                  Notice.claim_token == token))
        if row is None:
            return False
        row.attempts += 1
        row.last_error, row.claim_token, row.claimed_until = error[:200], None, None
        if row.attempts >= MAX_ATTEMPTS:
            row.status = NoticeStatus.FAILED
            audit.record(session, None, "notice.failed", entity_type="notice", entity_id=row.id,
                         after={"attempts": row.attempts, "error": row.last_error})
            return True
        row.next_attempt_at = now + BACKOFF * 2 ** (row.attempts - 1)
        return False


def _moved_deadline(kind: str, created_at: dt.datetime, deadline: dt.datetime | None,
                    delivered: dt.datetime) -> dt.datetime | None:
    """A disconnect notice's period runs from delivery, not from when it was written."""
    if kind != NoticeKind.DISCONNECT or deadline is None:
        return deadline
    return max(deadline, delivered + (deadline - created_at))
