"""Messages written with what they tell about, in the same transaction.

Only bindings whose consent stands get one; no binding, no message (the paper notices
the law asks for are written as before, by the notices service). Each message is a
`notice` row under a message key (console.services.messages.keys), so a retry of the
payment or of the bill run never writes a second one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import String, bindparam, cast, literal, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from console.models import Bill, ChannelBinding, Notice
from console.models.enums import NoticeKind, NoticeStatus
from console.services.billing.bulk_sql import IdSet, core_table, dialect_of
from console.services.messages.keys import MESSAGE_PREFIX

CHUNK = 900
BILL_RUN = "bill_run"
_NOTICE = core_table(Notice)
_BILL_COLUMNS = ("doc_no", "customer_id", "kind", "channel", "status", "amount", "created_at",
                 "dedupe_key", "rule", "attempts", "external_ref", "last_error")


def active_channels(session: Session, customer_ids: Sequence[int]) -> dict[int, list[str]]:
    """customer id -> the channels it consents to messages on (customers without: absent)."""
    found: dict[int, list[str]] = {}
    for first in range(0, len(customer_ids), CHUNK):
        rows = session.execute(select(ChannelBinding.customer_id, ChannelBinding.channel).where(
            ChannelBinding.customer_id.in_(customer_ids[first:first + CHUNK]),
            ChannelBinding.withdrawn_at.is_(None)).order_by(ChannelBinding.id))
        for customer_id, channel in rows:
            found.setdefault(customer_id, []).append(channel)
    return found


def bill_messages(session: Session, period: str, customer_ids: Sequence[int],
                  now: dt.datetime) -> None:
    """A bill_issued message per consenting channel for the period's bills of these customers:
    one INSERT … SELECT, driven by the bindings (no binding in the batch: nothing is read).

    Keyed by channel, period and customer (a bill is one per customer and period), so a
    bill written again for the period never sends a second message; the rows whose key
    or number exists already are skipped (ON CONFLICT DO NOTHING).
    """
    if not customer_ids:
        return
    batch, b = IdSet(dialect_of(session)), ChannelBinding
    bill_id = cast(Bill.id, String)
    customer = cast(Bill.customer_id, String)
    source = select(
        literal("BM", String) + bill_id + literal("-", String) + b.channel,
        Bill.customer_id, literal(NoticeKind.BILL_ISSUED.value, String), b.channel,
        literal(NoticeStatus.PENDING.value, String), Bill.amount,
        bindparam("now", type_=_NOTICE.c.created_at.type),
        literal(MESSAGE_PREFIX, String) + b.channel + literal(f":bill:{period}:", String)
        + customer,
        literal(BILL_RUN, String), literal(0), literal("", String), literal("", String),
    ).select_from(b).join(Bill, Bill.customer_id == b.customer_id).where(
        batch.has(b.customer_id), b.withdrawn_at.is_(None), Bill.period == bindparam("period"))
    insert_ = pg_insert if dialect_of(session) == "postgresql" else sqlite_insert
    session.execute(insert_(_NOTICE).from_select(_BILL_COLUMNS, source).on_conflict_do_nothing(),
                    {**batch.bind(customer_ids), "period": period, "now": now})
