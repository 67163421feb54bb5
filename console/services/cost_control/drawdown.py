"""Prepaid (智能费控) balances drawn down from readings between bills.

For each active prepaid account's first meter in service: the use since the
reading its latest bill ended at, priced at the tariff (console.billing.pricing:
tiers on the year's running total, TOU registers), is what the account owes
beyond its bills. The ledger carries it as interim CHARGE entries without a
bill; `prepaid_drawdown.drawn` is their sum since that reading. A run posts
only the difference between the price of the whole use since the bill and
what is drawn already, so pricing rounds once (to the fen, on the total) and
a second run with no new reading posts nothing. When a newer bill has been
issued (its reading is the new base), the interim charges are credited back
(ADJUSTMENT) first: the bill charges that use itself.

A reading lower than the base (meter change, rollover) draws nothing: the bill
run holds such a period for review. Accounts without any bill yet wait for
their first one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, insert, select
from sqlalchemy.orm import Session

from console.billing.money import ZERO
from console.billing.pricing import Usage, price_usage
from console.models import Bill, Customer, LedgerEntry, Meter, PrepaidDrawdown, Reading
from console.models.enums import (
    CostControlMode,
    CustomerStatus,
    LedgerKind,
    MeterStatus,
    ReadingQuality,
)
from console.services.acting import in_scope
from console.services.billing.run_data import REGISTER_COLUMNS, TariffBook
from console.timeutil import LOCAL

CHUNK = 900


@dataclass(frozen=True)
class DrawdownResult:
    meters: int  # prepaid meters looked at
    charged: int  # meters with a new interim charge
    credited: int  # meters whose interim charges a new bill replaced
    amount: Decimal  # net posted: negative is charged to customers


@dataclass(frozen=True)
class _Point:
    reading_id: int
    at: dt.datetime
    total: Decimal
    registers: dict[str, Decimal | None]


@dataclass
class _Account:
    customer_id: int
    meter_id: int
    tariff_id: int
    multiplier: int
    base: _Point | None = None
    latest: _Point | None = None


def draw_down(session: Session, now: dt.datetime) -> DrawdownResult:
    """Post the interim charges of every prepaid account up to its latest reading."""
    accounts = _accounts(session)
    _bases(session, accounts)
    _latest(session, accounts)
    marks = {r.meter_id: r for r in session.scalars(select(PrepaidDrawdown))}
    book, ytd = TariffBook(session), _year_totals(session, accounts)
    entries: list[dict] = []
    charged, credited = 0, 0
    for acc in accounts.values():
        base, latest = acc.base, acc.latest
        if base is None:
            continue
        mark = marks.get(acc.meter_id)
        if mark is not None and mark.base_reading_id != base.reading_id:
            credited += _rebase(mark, acc, base, entries, now)
        seen = (base.reading_id, mark.through_reading_id if mark else None)
        if latest is None or latest.reading_id in seen:
            continue  # nothing new: most runs, most meters
        mark = mark or _new_mark(session, acc, base)
        charged += _draw(mark, acc, base, latest, book, ytd.get(acc.customer_id, {}), entries, now)
    if entries:
        session.execute(insert(LedgerEntry), entries)
    session.flush()
    return DrawdownResult(len(accounts), charged, credited,
                          sum((e["amount"] for e in entries), ZERO))


def _accounts(session: Session) -> dict[int, _Account]:
    """meter id -> account, for each active prepaid customer's first meter in service, of
    the acting user's units when a person's cost-control run draws down."""
    first = (select(Meter.customer_id, func.min(Meter.id).label("mid"))
             .join(Customer, Customer.id == Meter.customer_id)
             .where(Customer.cost_control_mode == CostControlMode.PREPAID,
                    Customer.status == CustomerStatus.ACTIVE,
                    Meter.status == MeterStatus.IN_SERVICE)
             .group_by(Meter.customer_id).subquery())
    rows = session.execute(select(Customer.id, Meter.id, Customer.tariff_id,
                                  Meter.ct_ratio * Meter.pt_ratio)
                           .join(first, first.c.customer_id == Customer.id)
                           .join(Meter, Meter.id == first.c.mid)
                           .where(in_scope(Customer.unit_id)))
    return {mid: _Account(cid, mid, tid, mult) for cid, mid, tid, mult in rows}


def _prepaid_ids():
    return select(Customer.id).where(Customer.cost_control_mode == CostControlMode.PREPAID,
                                     Customer.status == CustomerStatus.ACTIVE)


def _bases(session: Session, accounts: dict[int, _Account]) -> None:
    """The reading each account's latest bill (on an actual reading) ended at."""
    latest = (select(Bill.customer_id, func.max(Bill.period).label("p"))
              .where(Bill.customer_id.in_(_prepaid_ids()), Bill.curr_reading_id.is_not(None))
              .group_by(Bill.customer_id).subquery())
    query = _points().join(Bill, Bill.curr_reading_id == Reading.id).join(
        latest, and_(latest.c.customer_id == Bill.customer_id, latest.c.p == Bill.period))
    by_customer = {a.customer_id: a for a in accounts.values()}
    for row in session.execute(query.add_columns(Bill.customer_id)):
        acc = by_customer.get(row.customer_id)
        if acc is not None:
            acc.base = _point(row)


def _latest(session: Session, accounts: dict[int, _Account]) -> None:
    """Each prepaid meter's newest good reading."""
    meters = (select(Meter.id).join(Customer, Customer.id == Meter.customer_id)
              .where(Customer.id.in_(_prepaid_ids()), Meter.status == MeterStatus.IN_SERVICE))
    newest = (select(Reading.meter_id, func.max(Reading.read_at).label("t"))
              .where(Reading.meter_id.in_(meters), Reading.quality == ReadingQuality.GOOD)
              .group_by(Reading.meter_id).subquery())
    query = _points().join(newest, and_(newest.c.meter_id == Reading.meter_id,
                                        newest.c.t == Reading.read_at))
    for row in session.execute(query):
        acc = accounts.get(row.meter_id)
        if acc is not None:
            acc.latest = _point(row)


def _points():
    return select(Reading.id, Reading.meter_id, Reading.read_at, Reading.energy_total,
                  *REGISTER_COLUMNS.values())


def _point(row) -> _Point:
    registers = {name: getattr(row, col.key) for name, col in REGISTER_COLUMNS.items()}
    return _Point(row.id, row.read_at, row.energy_total, registers)


def _year_totals(session: Session, accounts: dict[int, _Account]) -> dict[int, dict[int, Decimal]]:
    """customer id -> {year: kWh billed}, for accounts with use since their base (tiers)."""
    ids = sorted(a.customer_id for a in accounts.values() if a.base and a.latest
                 and a.latest.reading_id != a.base.reading_id)
    totals: dict[int, dict[int, Decimal]] = defaultdict(dict)
    year = func.substr(Bill.period, 1, 4)
    for first in range(0, len(ids), CHUNK):
        rows = session.execute(select(Bill.customer_id, year, func.sum(Bill.kwh))
                               .where(Bill.customer_id.in_(ids[first:first + CHUNK]))
                               .group_by(Bill.customer_id, year))
        for cid, y, kwh in rows:
            totals[cid][int(y)] = Decimal(kwh)
    return totals


def _new_mark(session: Session, acc: _Account, base: _Point) -> PrepaidDrawdown:
    mark = PrepaidDrawdown(meter_id=acc.meter_id, customer_id=acc.customer_id,
                           base_reading_id=base.reading_id, through_reading_id=None,
                           kwh=ZERO, drawn=ZERO)
    session.add(mark)
    return mark


def _rebase(mark: PrepaidDrawdown, acc: _Account, base: _Point, entries: list[dict],
            now: dt.datetime) -> int:
    """A newer bill charges the use itself: credit the interim charges, count from its reading."""
    had = mark.drawn
    if had:
        entries.append(_entry(acc, had, LedgerKind.ADJUSTMENT, now, "预扣电费冲回（已出账单）"))
    mark.base_reading_id, mark.through_reading_id, mark.through_at = base.reading_id, None, None
    mark.kwh, mark.drawn, mark.updated_at = ZERO, ZERO, now
    return int(bool(had))


def _draw(mark: PrepaidDrawdown, acc: _Account, base: _Point, latest: _Point, book: TariffBook,
          ytd: dict[int, Decimal], entries: list[dict], now: dt.datetime) -> int:
    """Charge the difference between the price of all use since the base and what is drawn."""
    if latest.at <= base.at or latest.total < base.total:
        return 0
    kwh = (latest.total - base.total) * acc.multiplier
    registers: dict[str, Decimal] = {}
    for name in REGISTER_COLUMNS:  # the registers both readings have
        new, old = latest.registers[name], base.registers[name]
        if new is not None and old is not None:
            registers[name] = (new - old) * acc.multiplier
    start, end = base.at.astimezone(LOCAL).date(), latest.at.astimezone(LOCAL).date()
    rates = book.rates[book.version_on(acc.tariff_id, end)]
    amount = price_usage(rates, Usage(kwh, start, max(end, start + dt.timedelta(days=1)),
                                      registers or None), ytd).amount
    delta = amount - mark.drawn
    mark.through_reading_id, mark.through_at, mark.kwh, mark.updated_at = (
        latest.reading_id, latest.at, kwh, now)
    if not delta:
        return 0
    memo = f"预付费用电预扣 {kwh} kWh 至 {latest.at.astimezone(LOCAL):%Y-%m-%d %H:%M}"
    entries.append(_entry(acc, -delta, LedgerKind.CHARGE if delta > 0 else LedgerKind.ADJUSTMENT,
                          now, memo))
    mark.drawn = amount
    return 1


def _entry(acc: _Account, amount: Decimal, kind: str, now: dt.datetime, memo: str) -> dict:
    return {"customer_id": acc.customer_id, "kind": kind, "amount": amount, "posted_at": now,
            "bill_id": None, "payment_id": None, "memo": memo}
