"""The monthly bill run: `run_bills(db, actor, "2026-10")`, batch by batch.

Idempotent: only active customers without a bill for the period are billed,
and (customer_id, period) is unique, so a re-run, or a run after a cancel,
bills each account once. Every batch is its own transaction with its audit
event; a cancel stops between batches and keeps what was committed.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import bindparam, exists, func, insert, literal, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.billing.bill_calc import (
    BILL,
    ESTIMATED,
    HELD,
    AccountInput,
    MeterRead,
    Outcome,
    compute,
)
from console.db import Database
from console.errors import PeriodAlreadyBilled, ValidationError
from console.models import (
    Bill,
    Customer,
    LedgerEntry,
    Reading,
    ReadingReview,
    Setting,
    utcnow,
)
from console.models.enums import CustomerStatus, LedgerKind, ReadingQuality
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.billing import run_data as data
from console.services.billing.bulk_sql import (
    BulkInsert,
    IdSet,
    core_table,
    dialect_of,
    gc_paused,
    probe_plans,
)
from console.services.billing.run_inputs import Period, batch_inputs
from console.services.messages.fanout import bill_messages
from console.services.permissions import Permission, require
from console.timeutil import local_today

Progress = Callable[[int, int], None]  # (accounts done, accounts in the run)
BATCH = 5000
ZERO = Decimal("0.00")
DUE_DAYS_SETTING, DEFAULT_DUE_DAYS = "billing.due_days", 15
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class BillRunResult:
    """Counts of one run (or of what it did before it was cancelled)."""

    period: str
    accounts: int  # active accounts without a bill when the run started
    billed: int  # bills written, estimated ones included
    estimated: int
    held: int  # held for review (see list_reading_reviews)
    skipped: int  # no meter in service, or nothing to estimate from
    amount: Decimal  # total of the bills written
    cancelled: bool
    seconds: float


@dataclass
class _Tally:
    billed: int = 0
    estimated: int = 0
    held: int = 0
    skipped: int = 0
    amount: Decimal = Decimal("0.00")


# RUN_BILLS, or a system process (the CLI's scheduled run), which the rule cannot say: the
# body checks the right. Scope: a supervisor bills the accounts of their own unit and the
# units below it (a county company's billing supervisor sits at the top of its tree and
# so bills the county); only a system process bills every unit at once. Administrators
# see every unit but do not run bills.
@use_case(None, filters=True)
def run_bills(db: Database, actor: Actor, period: str, *, progress: Progress | None = None,
              cancel: Callable[[], bool] | None = None, batch_size: int = BATCH) -> BillRunResult:
    """Bill every active account of the actor's units for `period` ("YYYY-MM") that has no
    bill for it yet.

    Needs RUN_BILLS (or a system actor: the CLI). Raises ValidationError for a
    malformed period or one not over yet, and PeriodAlreadyBilled when every
    account in scope already has its bill. `progress(done, total)` is called after each
    batch; `cancel()` returning True stops before the next batch.
    """
    if actor.role != SYSTEM_ROLE:
        require(actor, Permission.RUN_BILLS)
    started, p = time.perf_counter(), _parse(period)
    ids = _pending(db, p)
    with db.read() as session:
        book = data.TariffBook(session)
    tally = _Tally()
    cancelled = False
    for first in range(0, len(ids), batch_size):
        if cancel is not None and cancel():
            cancelled = True
            break
        _run_batch(db, actor, p, book, ids[first:first + batch_size], tally)
        if progress is not None:
            progress(min(first + batch_size, len(ids)), len(ids))
    return BillRunResult(p.name, len(ids), tally.billed, tally.estimated, tally.held,
                         tally.skipped, tally.amount, cancelled,
                         round(time.perf_counter() - started, 3))


def _parse(period: str) -> Period:
    match = _PERIOD.match(period or "")
    if not match:
        raise ValidationError("the period is YYYY-MM", field="period", value=period,
                              reason="format")
    year, month = int(match[1]), int(match[2])
    start = dt.date(year, month, 1)
    end = dt.date(year + month // 12, month % 12 + 1, 1)
    if end > local_today():
        raise ValidationError("the period is not over yet", field="period", value=period,
                              reason="not_over")
    return Period(period, start, end)


def _pending(db: Database, p: Period) -> list[int]:
    with db.uow() as session:
        billed = exists().where(Bill.customer_id == Customer.id, Bill.period == p.name)
        ids = list(session.scalars(select(Customer.id).where(
            Customer.status == CustomerStatus.ACTIVE, ~billed, in_scope(Customer.unit_id))
            .order_by(Customer.id)))
        if not ids:
            bills = session.scalar(select(func.count(Bill.id)).join(
                Customer, Customer.id == Bill.customer_id).where(
                Bill.period == p.name, in_scope(Customer.unit_id)))
            if bills:
                raise PeriodAlreadyBilled(f"{p.name} is billed already", period=p.name,
                                          bills=bills)
        return ids


def _run_batch(db: Database, actor: Actor, p: Period, book: data.TariffBook, ids: Sequence[int],
               tally: _Tally) -> None:
    for attempt in (1, 2):
        try:
            with gc_paused(), db.uow() as session:
                probe_plans(session)
                todo = _still_unbilled(session, p, ids)
                _bill_batch(session, actor, p, book, todo, tally)
            return
        except IntegrityError:
            # Another run billed some of these meanwhile: take the rest once more.
            if attempt == 2:
                raise


def _still_unbilled(session: Session, p: Period, ids: Sequence[int]) -> list[int]:
    batch = IdSet(dialect_of(session))
    done = set(session.scalars(select(Bill.customer_id).where(
        batch.has(Bill.customer_id), Bill.period == bindparam("period")),
        {**batch.bind(ids), "period": p.name}))
    return [i for i in ids if i not in done]


def _bill_batch(session: Session, actor: Actor, p: Period, book: data.TariffBook, ids: list[int],
                tally: _Tally) -> None:
    inputs, skipped = batch_inputs(session, book, p, ids)
    due, issued = local_today() + dt.timedelta(days=_due_days(session)), utcnow()
    outcomes: list[tuple[AccountInput, Outcome]] = []
    rows = _write_bills(session, p, _priced(inputs, outcomes, p), len(inputs), dict(
        period=p.name, paid_amount=ZERO, due_date=due, issued_at=issued, late_fee_charged=ZERO,
        late_fee_paid=ZERO, fee_through=None))
    # The bill_issued messages of this batch's customers who consent (issue 18 item 5).
    bill_messages(session, p.name, [r[1] for r in rows], issued)
    held = [(acc, out) for acc, out in outcomes if out.kind == HELD]
    _hold(session, p, held)
    batch = _Tally(len(rows), sum(1 for r in rows if r[-1]), len(held),
                   skipped + sum(1 for _a, o in outcomes if o.kind not in (BILL, ESTIMATED, HELD)),
                   sum((r[7] for r in rows), ZERO))
    audit.record(session, actor, "bill_run.batch", entity_type="bill_run", entity_id=p.name,
                 after={"billed": batch.billed, "estimated": batch.estimated, "held": batch.held,
                        "skipped": batch.skipped, "amount": batch.amount,
                        "customers": f"{ids[0]}-{ids[-1]}" if ids else ""})
    for name in ("billed", "estimated", "held", "skipped", "amount"):
        setattr(tally, name, getattr(tally, name) + getattr(batch, name))


_BILL_VARYING = ("bill_no", "customer_id", "meter_id", "tariff_id", "prev_reading_id",
                 "curr_reading_id", "kwh", "amount", "status", "estimated")
_BILL_FIXED = ("period", "paid_amount", "due_date", "issued_at", "late_fee_charged",
               "late_fee_paid", "fee_through")
_CHARGE_VARYING = ("bill_id", "customer_id", "amount")  # amount: minus the bill's
_CHARGE_FIXED = ("kind", "posted_at", "memo")
_INSERTS: dict[tuple[str, str], BulkInsert] = {}
# The sequence looked up once, not once per id.
_BILL_IDS = text("SELECT nextval(s.seq) FROM generate_series(1, :n), "
                 "(SELECT pg_get_serial_sequence('bill', 'id')::regclass AS seq) AS s")


def _insert(session: Session, name: str) -> BulkInsert:
    """A bulk INSERT built once per engine: no ORM, no statement compiled per batch."""
    dialect = session.get_bind().dialect
    if (dialect.name, name) not in _INSERTS:
        table, varying, fixed = {
            "bill": (core_table(Bill), _BILL_VARYING, _BILL_FIXED),
            "bill+id": (core_table(Bill), ("id", *_BILL_VARYING), _BILL_FIXED),
            "charge": (core_table(LedgerEntry), _CHARGE_VARYING, _CHARGE_FIXED),
        }[name]
        _INSERTS[(dialect.name, name)] = BulkInsert(table, varying, fixed, dialect)
    return _INSERTS[(dialect.name, name)]


def _priced(inputs: list[AccountInput], outcomes: list, p: Period) -> Iterator[tuple]:
    """The bill row of each account as it is priced; every outcome appended to `outcomes`."""
    for acc in inputs:
        out = compute(acc)
        outcomes.append((acc, out))
        if out.kind in (BILL, ESTIMATED):
            yield _bill_row(acc, out, p)


def _numbered(rows: Iterable[tuple], ids: Sequence[int], written: list) -> Iterator[tuple]:
    """Each row with the next id in front; each also appended to `written`."""
    for row, bill_id in zip(rows, ids, strict=False):
        written.append((bill_id, *row))
        yield written[-1]


def _write_bills(session: Session, p: Period, rows: Iterable[tuple], most: int,
                 fixed: dict) -> list[tuple]:
    """The batch's bills (at most `most`) and, for each with something to pay, its ledger
    CHARGE; returns the bill rows written.

    PostgreSQL: the bills' ids are drawn from their sequence first, so bills and
    charges both go by COPY (an INSERT … SELECT of the charges probed the bills
    just written once per row again: a third of the charges' cost on the server),
    and the bills stream to the server while the rest of the batch is priced.
    """
    conn = session.connection()
    if dialect_of(session) != "postgresql":
        rows = list(rows)
        _insert(session, "bill").execute(conn, rows, fixed)
        if rows:
            _post_charges(session, p, [r[1] for r in rows])
        return rows
    ids = conn.execute(_BILL_IDS, {"n": most}).scalars().all()
    written: list[tuple] = []  # (id, *row)
    _insert(session, "bill+id").execute(conn, _numbered(rows, ids, written), fixed)
    _insert(session, "charge").execute(
        conn, [(w[0], w[2], -w[8]) for w in written if w[8] > 0],
        {"kind": LedgerKind.CHARGE.value, "posted_at": fixed["issued_at"], "memo": _memo(p)})
    return [w[1:] for w in written]


def _bill_row(acc: AccountInput, out: Outcome, p: Period) -> tuple:
    """The _BILL_VARYING values of one bill."""
    estimated, curr_id = out.kind == ESTIMATED, None
    if not estimated:  # compute() bills on readings only when there are both
        assert acc.curr is not None, f"customer {acc.customer_id}: billed without a reading"
        curr_id = acc.curr.id
    return (f"DF{p.name.replace('-', '')}{acc.customer_id:09d}", acc.customer_id, acc.meter_id,
            acc.tariff_id, acc.base_id, curr_id, out.kwh, out.amount,
            "open" if out.amount > 0 else "paid", estimated)


def _post_charges(session: Session, p: Period, customer_ids: list[int]) -> None:
    """One CHARGE entry per new bill, written by the database from the bill rows."""
    batch = IdSet(dialect_of(session))
    source = select(Bill.customer_id, literal(LedgerKind.CHARGE.value), -Bill.amount,
                    Bill.issued_at, Bill.id, literal(_memo(p))).where(
        batch.has(Bill.customer_id), Bill.period == bindparam("period"), Bill.amount > 0)
    session.execute(insert(core_table(LedgerEntry)).from_select(
        ["customer_id", "kind", "amount", "posted_at", "bill_id", "memo"], source),
        {**batch.bind(customer_ids), "period": p.name})


def _memo(p: Period) -> str:
    return p.name + "电费"


def _hold(session: Session, p: Period, held: list[tuple[AccountInput, Outcome]]) -> None:
    """A review row per held account (once per meter and period); the reading marked suspect."""
    if not held:
        return
    dialect = session.get_bind().dialect.name
    insert_ = pg_insert if dialect == "postgresql" else sqlite_insert
    pairs = [(a, o, *_compared(a)) for a, o in held]
    session.execute(insert_(ReadingReview).on_conflict_do_nothing(), [dict(
        customer_id=a.customer_id, meter_id=a.meter_id, period=p.name, prev_reading_id=prev.id,
        curr_reading_id=curr.id, prev_energy=prev.total, curr_energy=curr.total,
        reason=o.reason, status="open", created_at=utcnow()) for a, o, prev, curr in pairs])
    session.execute(update(Reading).where(Reading.id.in_([curr.id for _a, _o, _p, curr in pairs]))
                    .values(quality=ReadingQuality.SUSPECT)
                    .execution_options(synchronize_session=False))


def _compared(acc: AccountInput) -> tuple[MeterRead, MeterRead]:
    """The previous and current readings compute() held an account on (it holds on both)."""
    if acc.prev is None or acc.curr is None:
        raise ValueError(f"customer {acc.customer_id}: held without two readings to compare")
    return acc.prev, acc.curr


def _due_days(session: Session) -> int:
    setting = session.get(Setting, DUE_DAYS_SETTING)
    return int(setting.value) if setting else DEFAULT_DUE_DAYS

