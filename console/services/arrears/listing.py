"""Arrears (欠费): every customer with overdue unpaid bills, and batch actions on them.

The list is one read: overdue open bills joined to their customers, late fees
accrued to today per bill (the same rule the payment dialog uses), the latest
notice of each customer. `first_page` is its top rows alone, for a panel to
show while it reads the whole. `change_marker` is what a panel polls to know when to
read it again: the newest ledger entry, notice and command ids (a payment, a
reversal, a bill run, a notice or a switch request all move one of them).

Batch actions record requests: reminders and disconnect notices as `Notice`
rows (paper, pending), disconnections as `ControlCommand` rows (requested,
reason arrears), written by the cost-control services (`notices`,
`arrears_disconnect`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Float,
    any_,
    bindparam,
    case,
    func,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from console.billing.allocation import OPEN_STATES
from console.billing.late_fees import late_fee
from console.billing.money import ZERO
from console.db import Database
from console.models import (
    Bill,
    ControlCommand,
    Customer,
    LedgerEntry,
    Notice,
    Unit,
)
from console.services.acting import covers, current_scope, in_scope, use_case
from console.services.actor import Actor
from console.services.arrears import disconnect as arrears_disconnect
from console.services.arrears.types import (
    ArrearsList,
    ArrearsRow,
    BatchOutcome,
    bucket_of,
)
from console.services.billing.reads import load_rules
from console.services.control.requests import check_batch
from console.services.messages.keys import official
from console.services.notices import issue as _notices
from console.services.permissions import Permission
from console.timeutil import local_today

NO_NOTICE = ("", "")
FIRST_PAGE = 60  # rows the panel shows before the rest: a tall screen's worth and some


@use_case(Permission.VIEW_ARREARS, filters=True)
def list_arrears(db: Database, actor: Actor, *, today: dt.date | None = None) -> ArrearsList:
    """Customers of the actor's unit (and the units under it) with bills past their due date."""
    return _read(db, actor, today, lambda session, units, rules, day: _rows(
        session, units, rules, _latest_notices(session), day))


@use_case(Permission.VIEW_ARREARS, filters=True)
def first_page(db: Database, actor: Actor, *, limit: int = FIRST_PAGE,
               today: dt.date | None = None) -> ArrearsList:
    """The `limit` customers owing the most (total, largest first: the panel's default
    order), each row exactly as `list_arrears` reads it, at a fraction of its cost.

    Only customers who could be among them get their fees worked out: one grouped
    query ranks everyone by unpaid principal and keeps those whose total could
    still reach the `limit`-th largest principal (a bound on the fees: the highest
    daily rate over the oldest bill's days, a minimum and a yuan of slack per bill,
    plus fees already posted). The panel shows these while `list_arrears` runs.
    """
    def read(session: Session, units: dict[int, str], rules, day: dt.date) -> list[ArrearsRow]:
        ids = _contenders(session.connection(), units, rules, day, limit)
        rows = _rows(session, units, rules, _latest_notices(session, ids), day, among=ids)
        return sorted(rows, key=lambda r: (-r.total, r.customer_id))[:limit]

    return _read(db, actor, today, read)


def _read(db: Database, actor: Actor, today: dt.date | None, rows) -> ArrearsList:
    """What every read of the list shares: the day, the units in scope, the fee rules and
    the change marker; `rows(session, units, rules, day)` the rows."""
    today = today or local_today()
    with db.read() as session:
        marker = _marker(session, today)
        units = dict(session.execute(select(Unit.id, Unit.name).where(in_scope(Unit.id))).all())
        found = rows(session, units, load_rules(session, today), today)
        return ArrearsList(found, sorted(units.items(), key=lambda u: u[1]), today, marker)


def _contenders(conn, units: dict[int, str], rules, today: dt.date, limit: int) -> list[int]:
    """Customers whose total can reach the `limit`-th largest principal (see `first_page`).

    Bills are summed per customer before the customer table is joined: with the
    join inside, PostgreSQL without fresh statistics looped over customers and
    walked the open bills' index for each (40 s at 20,000 customers).
    """
    bill, customer = Bill.__table__.c, Customer.__table__.c
    per_yuan = 100 if conn.dialect.name == "sqlite" else 1  # raw Money: fen or yuan (`_fen`)
    per = (select(bill.customer_id.label("cid"),
                  func.sum(type_coerce(bill.amount - bill.paid_amount, NullType())).label("owed"),
                  func.count().label("bills"), func.min(bill.due_date).label("oldest"),
                  func.sum(type_coerce(bill.late_fee_charged, NullType())).label("posted"))
           .where(*_overdue(conn, today)).group_by(bill.customer_id)).cte("per")
    everyone = [*rules.by_category.values(), rules.default]
    rate = case({c: float(max(r.current_year_rate, r.carried_over_rate))
                 for c, r in rules.by_category.items()}, value=customer.category,
                else_=float(max(rules.default.current_year_rate, rules.default.carried_over_rate)))
    slack = float(max(r.minimum_fee for r in everyone) + 1) * per_yuan
    bound = (per.c.owed + per.c.owed * rate * _days_since(conn, today, per.c.oldest)
             + per.c.bills * slack + per.c.posted)
    ranked = (select(per.c.cid, per.c.owed, type_coerce(bound, Float).label("bound"))
              .join_from(per, Customer.__table__, customer.id == per.c.cid)
              .where(customer.unit_id.in_(list(units)))).cte("ranked")
    threshold = (select(ranked.c.owed).order_by(ranked.c.owed.desc())
                 .limit(1).offset(limit - 1).scalar_subquery())
    return list(conn.execute(select(ranked.c.cid)
                             .where(ranked.c.bound >= func.coalesce(threshold, 0))).scalars())


def _days_since(conn, today: dt.date, column):
    """Whole days from `column` (a date) to `today`, in the engine's own date arithmetic."""
    if conn.dialect.name == "sqlite":  # dates are ISO text there
        return func.julianday(today.isoformat()) - func.julianday(column)
    return bindparam(None, today, type_=Date) - column


@use_case(Permission.VIEW_ARREARS)
def change_marker(db: Database, actor: Actor) -> tuple[int, ...]:
    """Cheap to read, and different whenever the arrears list may have changed."""
    with db.read() as session:
        return _marker(session, local_today())


def _marker(session: Session, today: dt.date) -> tuple[int, ...]:
    newest = [session.execute(select(func.coalesce(func.max(model.id), 0))).scalar_one()
              for model in (LedgerEntry, Notice, ControlCommand)]
    return (today.toordinal(), *newest)


def _latest_notices(session: Session, among: list[int] | None = None,
                    ) -> dict[int, tuple[str, str]]:
    latest = select(func.max(Notice.id)).where(official()).group_by(Notice.customer_id)
    if among is not None:
        latest = latest.where(_among(session.connection(), Notice.customer_id, among))
    rows = session.execute(select(Notice.customer_id, Notice.kind, Notice.status)
                           .where(Notice.id.in_(latest)))
    return {cid: (kind, status) for cid, kind, status in rows}


def _rows(session: Session, units: dict[int, str], rules, notices, today, *,
          among: list[int] | None = None) -> list[ArrearsRow]:
    """One row per customer in arrears (`among` these, if given), from one pass over their
    overdue bills (in fen)."""
    conn = session.connection()
    query = _overdue_bills(conn, today, few=among is not None)
    if among is not None:
        query = query.where(_among(conn, Bill.__table__.c.customer_id, among))
    bills = conn.execute(query).all()
    people = _customers(conn, sorted({b[1] for b in bills}), units)
    states = _fee_states(conn, [b[0] for b in bills if b[4]])
    totals: dict[int, list] = {}
    fees = _Fees(rules, today)
    for bill_id, cid, due, raw, _flag in bills:
        person = people.get(cid)
        if person is None:
            continue  # another unit's customer
        principal = _fen(raw)
        fee = fees.of(principal, person[4], due, states.get(bill_id))
        acc = totals.get(cid)
        if acc is None:
            totals[cid] = [1, principal, fee, due]
        else:
            acc[0] += 1
            acc[1] += principal
            acc[2] += fee
            acc[3] = min(acc[3], due)  # ISO text on SQLite, dates elsewhere: both order
    return [_row(people[cid], acc, units, notices, today) for cid, acc in totals.items()]


class _Fees:
    """`late_fee`, in fen, for tens of thousands of bills on one day.

    A bill no payment has reached yet owes principal x F rounded half up to
    the fen (at least the minimum), where F, the sum of the daily rates over
    its overdue days, depends only on the rule and the due date. F is taken
    once per pair from `late_fee` itself, on 10,000 yuan, where rates of four
    places leave nothing to round and no minimum applies: the rule stays in
    one place, and the rest is integer arithmetic. Bills with late-fee state
    go through `late_fee` whole.
    """

    PROBE = Decimal(10000)

    def __init__(self, rules, today: dt.date) -> None:
        self._rules, self._today = rules, today
        self._factors: dict[tuple[str, object], int | None] = {}

    def of(self, principal: int, category: str, due: object, state: tuple | None) -> int:
        key = (category, due)
        factor = self._factors.get(key, -1)
        if factor == -1:
            factor = self._factors[key] = self._factor(category, _date(due))
        if state is not None or factor is None:
            return self._whole(principal, category, _date(due), state)
        if principal <= 0 or factor == 0:
            return 0
        fee = (principal * factor + 5000) // 10000  # half up, as to_fen
        minimum = int(self._rules.for_category(category).minimum_fee * 100)
        return minimum if 0 < fee < minimum else fee

    def _factor(self, category: str, due: dt.date) -> int | None:
        """10,000 x F, or None when F has more than four places (then no shortcut)."""
        probe = late_fee(self.PROBE, self._rules.for_category(category), due, self._today)
        return int(probe) if probe == probe.to_integral_value() else None

    def _whole(self, principal: int, category: str, due: dt.date, state: tuple | None) -> int:
        charged, paid, through = state or (ZERO, ZERO, None)
        fee = charged - paid + late_fee(Decimal(principal).scaleb(-2),
                                        self._rules.for_category(category), due, self._today,
                                        charged_through=through, already_charged=charged)
        return int(fee * 100)


def _overdue(conn, today: dt.date, *, few: bool = False) -> tuple:
    """Where-clauses for open bills past their due date.

    SQLite plans without statistics and always walks `ix_bill_status_due`,
    looking each bill up in the table: right when few bills are open, three
    times a plain scan when most are (50,000 debtors), and a walk of every open
    bill when `few` customers' bills are wanted. There, `status || ''` keeps it
    off that index. PostgreSQL keeps statistics and chooses for itself.
    """
    bill = Bill.__table__.c
    status: ColumnElement[str] = bill.status
    if conn.dialect.name == "sqlite" and (few or _mostly_open(conn)):
        status = status.concat("")
    return status.in_(OPEN_STATES), bill.due_date < today


def _mostly_open(conn) -> bool:
    """More than a quarter of the bills open (two index look-ups)."""
    bill = Bill.__table__.c
    bills = conn.scalar(select(func.max(bill.id))) or 0
    open_ = conn.scalar(select(func.count()).where(bill.status.in_(OPEN_STATES)))
    return open_ * 4 > bills


def _overdue_bills(conn, today: dt.date, *, few: bool = False):
    """Bill id, customer id, due date and unpaid principal (both raw, see `_yuan`/`_date`)
    and a flag for bills with late-fee state, of every overdue bill.

    Raw values and Core, not ORM, and no join (customers come by primary key):
    50,000 customers must come back well inside a second, and the Money and
    Date type processors alone would take a third of it.
    """
    bill = Bill.__table__.c
    has_state = (bill.late_fee_charged != 0) | bill.fee_through.is_not(None)
    return (select(bill.id, bill.customer_id, type_coerce(bill.due_date, NullType()),
                   type_coerce(bill.amount - bill.paid_amount, NullType()),
                   case((has_state, 1), else_=0))
            .where(*_overdue(conn, today, few=few)))


def _customers(conn, ids: list[int], units: dict[int, str]) -> dict[int, tuple]:
    """The columns the list shows of the customers among `ids` that belong to `units`."""
    c = Customer.__table__.c
    rows = conn.execute(select(c.id, c.customer_no, c.name, c.unit_id, c.category, c.protected,
                               c.control_state, c.cost_control_mode)
                        .where(_among(conn, c.id, ids))).all()
    return {row[0]: row for row in rows if row[3] in units}


def _fee_states(conn, bill_ids: list[int]) -> dict[int, tuple]:
    """Late fee charged, paid and charged-through of the few bills a payment has reached."""
    if not bill_ids:
        return {}
    bill = Bill.__table__.c
    return {r[0]: r[1:] for r in conn.execute(
        select(bill.id, bill.late_fee_charged, bill.late_fee_paid, bill.fee_through)
        .where(_among(conn, bill.id, bill_ids))).all()}


def _among(conn, column, ids: list[int]):
    """`column IN ids` as one parameter, for tens of thousands of ids: a JSON array
    (json_each) on SQLite, an array (= ANY) on PostgreSQL. Thousands of bound
    parameters cost more to compile than the query takes to run."""
    if conn.dialect.name == "sqlite":
        values = func.json_each(json.dumps(ids)).table_valued("value")
        return column.in_(select(values.c.value))
    return column == any_(bindparam(None, ids, type_=ARRAY(BigInteger)))


def _fen(raw: Decimal | int) -> int:
    """A Money value read raw, in fen: SQLite stores integer fen (models.base.FixedPoint),
    PostgreSQL NUMERIC(14,2)."""
    return int(raw * 100) if isinstance(raw, Decimal) else int(raw)


def _yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)  # exponent -2: 0 -> 0.00, 9862 -> 98.62


def _date(raw: object) -> dt.date:
    return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))


def _row(person, acc: list, units: dict[int, str], notices, today: dt.date) -> ArrearsRow:
    cid, number, name, unit_id, category, protected, state, mode = person
    bills, principal, fees, oldest = acc
    oldest = _date(oldest)
    days = (today - oldest).days
    kind, status = notices.get(cid, NO_NOTICE)
    return ArrearsRow(cid, number, name, unit_id, units[unit_id], category, bool(protected),
                      bills, _yuan(principal), _yuan(fees), _yuan(principal + fees), oldest,
                      days, bucket_of(days), kind, status, state, mode)


# -- batch actions --------------------------------------------------------------------------
# The cost-control work's services (notices, control_requests) write notices and requests.

@use_case(Permission.VIEW_ARREARS, filters=True)
def send_reminders(db: Database, actor: Actor, customer_ids: Sequence[int]) -> BatchOutcome:
    """An arrears reminder (催费通知单) for each customer of the actor's units who owes, at
    most one a day each; others are counted as left out."""
    ids, outside = _ours(db, customer_ids)
    written = _notices.send_reminders(db, actor, ids) if ids else []
    return _outcome("reminder", ids, written, outside)


@use_case(Permission.REQUEST_CONTROL, filters=True)
def serve_disconnect_notices(db: Database, actor: Actor,
                             customer_ids: Sequence[int]) -> BatchOutcome:
    """A disconnect notice (停电通知书) for each unprotected customer of the actor's units
    who owes; others are counted as left out."""
    ids, outside = _ours(db, customer_ids)
    served = _notices.serve_disconnect_notices(db, actor, ids) if ids else []
    return _outcome("disconnect_notice", ids, served, outside)


def _ours(db: Database, customer_ids: Sequence[int]) -> tuple[list[int], int]:
    """The asked-for customers of the acting user's units, and how many others were asked
    for (an unknown id stays: the notices service counts it as not eligible)."""
    ids = check_batch(customer_ids)
    if current_scope().units is None:
        return ids, 0
    with db.read() as session:
        units = dict(session.execute(select(Customer.id, Customer.unit_id)
                                     .where(_among(session.connection(), Customer.id, ids))).all())
    keep = [i for i in ids if i not in units or covers(units[i])]
    return keep, len(ids) - len(keep)


@use_case(Permission.REQUEST_CONTROL, filters=True)
def request_disconnections(db: Database, actor: Actor, customer_ids: Sequence[int], *,
                           idempotency_key: str) -> BatchOutcome:
    """A disconnect request (reason arrears) per customer the guards let through, the
    30-minute reminder sent first where it is all that is missing; the rest counted in
    `skipped` by the rule that refused them ("pending": already requested, "out_of_scope":
    a customer of another unit)."""
    plan = arrears_disconnect.request_disconnections(db, actor, customer_ids,
                                                     idempotency_key=idempotency_key)
    skipped: dict[str, int] = {}
    for row in plan.rows:
        if not row.created:
            why = "pending" if row.command_id is not None else row.rule or row.step
            skipped[why] = skipped.get(why, 0) + 1
    return BatchOutcome("disconnect_request", sum(r.created for r in plan.rows), skipped)


def _outcome(action: str, customer_ids: Sequence[int], written: Sequence,
             outside: int) -> BatchOutcome:
    """Counts from the services' answers: new rows, rows that existed, customers left out."""
    created = sum(1 for item in written if item.created)
    skipped = {"already_sent": len(written) - created,
               "not_eligible": len(set(customer_ids)) - len({i.customer_id for i in written}),
               "out_of_scope": outside}
    return BatchOutcome(action, created, {k: v for k, v in skipped.items() if v > 0})
