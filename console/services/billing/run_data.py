"""What the bill run reads for a batch of customers: a few set-based queries per batch.

Each query takes the batch's ids as one parameter (`bulk_sql.IdSet`): it is
compiled once per run, not once per batch with thousands of literals, and its
money and energy come back as stored and are made Decimal once (`bulk_sql.Raw`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import BigInteger, and_, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, aliased

from console.billing.bill_calc import MeterRead
from console.billing.pricing import Rates, Tier, split_by_year
from console.models import Bill, Customer, Meter, Reading, Tariff
from console.models.enums import MeterStatus
from console.services.billing.bulk_sql import IdSet, Raw, dialect_of
from console.timeutil import LOCAL, to_local

# A current reading must be this close before the period's end to count.
READ_WINDOW = dt.timedelta(days=3)
REGISTER_COLUMNS = {"sharp": Reading.energy_sharp, "peak": Reading.energy_peak,
                    "flat": Reading.energy_flat, "valley": Reading.energy_valley}
ZERO = Decimal("0.00")


def _core(session: Session):  # a Connection
    """The session's connection: plain Core rows, no ORM loading machinery per row."""
    return session.connection()


def member(session: Session, column, ids: Sequence[int]):
    """`column IN ids`; on PostgreSQL one array parameter (= ANY) instead of thousands."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(BigInteger)))
    return column.in_(ids)


class TariffBook:
    """Every tariff version, priced as `Rates`, and which version applies on a day.

    Plain values only: one book serves every batch of a run, across sessions.
    """

    def __init__(self, session: Session) -> None:
        self.rates: dict[int, Rates] = {}
        self._versions: dict[str, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
        self._code: dict[int, str] = {}
        self._chosen: dict[tuple[int, dt.date], int] = {}
        for t in session.scalars(select(Tariff).order_by(Tariff.effective_from)):
            tou = {p.register: p.price for p in t.tou_periods}
            self.rates[t.id] = Rates(t.kind, t.price,
                                     tuple(Tier(x.upper_kwh, x.price) for x in t.tiers), tou)
            self._versions[t.code].append((t.id, t.effective_from, t.effective_to))
            self._code[t.id] = t.code

    def version_on(self, tariff_id: int, day: dt.date) -> int:
        """The version of the customer's tariff code in force on `day` (else the one given)."""
        key = (tariff_id, day)
        if key not in self._chosen:
            self._chosen[key] = self._version_on(tariff_id, day)
        return self._chosen[key]

    def _version_on(self, tariff_id: int, day: dt.date) -> int:
        chosen = tariff_id
        for version, start, end in self._versions.get(self._code.get(tariff_id, ""), []):
            if start <= day and (end is None or day <= end):
                chosen = version
        return chosen


def accounts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int, int]]:
    """customer id -> (tariff id, meter id, multiplier) of its first meter in service."""
    batch = IdSet(dialect_of(session))
    first = (select(func.min(Meter.id)).where(Meter.customer_id == batch.value,
                                              Meter.status == MeterStatus.IN_SERVICE)
             .correlate(batch.table).scalar_subquery())
    # Driven by the id set (an index probe per customer), never a scan of every customer.
    rows = _core(session).execute(
        select(Customer.id, Customer.tariff_id, Meter.id, Meter.ct_ratio * Meter.pt_ratio)
        .select_from(batch.table).join(Customer, Customer.id == batch.value)
        .join(Meter, Meter.id == first), batch.bind(ids)).all()
    return {cid: (tid, mid, mult) for cid, tid, mid, mult in rows}


class History(NamedTuple):
    """What a customer's earlier bills tell the next one."""

    base_period: str  # the latest bill on an actual reading ("" if none)
    base_reading_id: int | None  # the reading it ended at
    year_to_date: Decimal  # kWh of this calendar year billed so far
    estimated_since: Decimal  # kWh billed on estimates after that bill
    last_kwh: Decimal | None  # kWh of the latest bill: the estimate if there is no reading


def history(session: Session, ids: Sequence[int], period: str) -> dict[int, History]:
    """customer id -> History, for the customers of `ids` that have a bill before `period`.

    One row per customer: each figure is an index probe on (customer, period).
    """
    batch, raw = IdSet(dialect_of(session)), Raw(dialect_of(session))
    cid = batch.value
    earlier = and_(Bill.customer_id == cid, Bill.period < bindparam("period"))
    # Each figure its own correlated subquery, never `JOIN bill ON bill.id = (subquery)`:
    # under PostgreSQL's row-level security that join condition may not reach the index
    # (it is not leakproof), and each batch scanned every bill once per id.
    base_period = _newest(batch, Bill.period, earlier, Bill.curr_reading_id.is_not(None))
    base_reading = _newest(batch, Bill.curr_reading_id, earlier, Bill.curr_reading_id.is_not(None))
    est = aliased(Bill)
    estimated = (select(func.sum(est.kwh)).where(
        est.customer_id == cid, est.period < bindparam("period"), est.estimated.is_(True),
        est.period > func.coalesce(base_period, "")).scalar_subquery())
    ytd = (select(func.sum(Bill.kwh)).where(earlier, Bill.period >= bindparam("year"))
           .scalar_subquery())
    last_kwh = _newest(batch, Bill.kwh, earlier)
    figures = select(cid.label("cid"), base_period.label("base_period"),
                     base_reading.label("base_reading"), raw.fixed(ytd).label("ytd"),
                     raw.fixed(estimated).label("estimated"),
                     raw.fixed(last_kwh).label("last_kwh")).select_from(batch.table).subquery()
    # A customer without an earlier bill has no latest kWh (kWh is never NULL).
    rows = _core(session).execute(
        select(figures.c.cid, figures.c.base_period, figures.c.base_reading, figures.c.ytd,
               figures.c.estimated, figures.c.last_kwh).where(figures.c.last_kwh.is_not(None)),
        {**batch.bind(ids), "period": period, "year": f"{period[:4]}-01"}).all()
    found = {c: History(p or "", rid, raw.dec(y) or ZERO, raw.dec(e) or ZERO, raw.dec(k))
             for c, p, rid, y, e, k in rows}
    year = int(period[:4])
    for c, kwh, since, until in _spanning(session, batch, raw, list(found), year, period):
        share = dict(split_by_year(kwh, to_local(since), to_local(until))).get(year, ZERO)
        found[c] = found[c]._replace(year_to_date=found[c].year_to_date - kwh + share)
    return found


def _newest(batch: IdSet, column, *where):  # a scalar subquery
    """`column` of a customer's latest bill that matches `where` (correlated to the id set,
    explicitly: nested in another subquery it would not find the set by itself)."""
    return (select(column).where(*where).order_by(Bill.period.desc()).limit(1)
            .correlate(batch.table).scalar_subquery())


def year_kwh(session: Session, ids: Sequence[int], years: Collection[int],
             period: str) -> dict[tuple[int, int], Decimal]:
    """(customer id, year) -> kWh of that calendar year billed before `period`.

    A bill counts in the year of its period, except one whose previous reading
    lies in an earlier year (31 Dec 23:30): the kWh before New Year count in the
    year they were used, split by time as the bill was priced, so no kWh counts
    in two years' tier totals.
    """
    if not ids or not years:
        return {}
    batch, raw = IdSet(dialect_of(session)), Raw(dialect_of(session))
    first, last = min(years), int(period[:4])
    totals: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    of_year = func.substr(Bill.period, 1, 4)
    for cid, y, kwh in _core(session).execute(
            select(Bill.customer_id, of_year, raw.fixed(func.sum(Bill.kwh)))
            .where(batch.has(Bill.customer_id), Bill.period >= bindparam("first"),
                   Bill.period < bindparam("period")).group_by(Bill.customer_id, of_year),
            {**batch.bind(ids), "first": f"{first}-01", "period": period}).all():
        totals[(cid, int(y))] += raw.dec(kwh)
    for year in range(first, last + 1):
        for cid, kwh, since, until in _spanning(session, batch, raw, ids, year, period):
            totals[(cid, year)] -= kwh
            for y, share in split_by_year(kwh, to_local(since), to_local(until)):
                totals[(cid, y)] += share
    return {key: kwh for key, kwh in totals.items() if key[1] in years}


def _spanning(session: Session, batch: IdSet, raw: Raw, ids: Sequence[int], year: int,
              period: str) -> list[tuple[int, Decimal, dt.datetime, dt.datetime]]:
    """Bills of `year` (before `period`) whose previous reading is from an earlier year."""
    until = min(period, f"{year + 1}-01")
    if not ids or f"{year}-01" >= until:
        return []  # no bill of that year yet: January's run, most of the time
    prev, curr = aliased(Reading), aliased(Reading)
    new_year = dt.datetime(year, 1, 1, tzinfo=LOCAL).astimezone(dt.UTC)
    rows = _core(session).execute(
        select(Bill.customer_id, raw.fixed(Bill.kwh), raw.when(prev.read_at).label("since"),
               raw.when(curr.read_at).label("until"))
        .join(prev, prev.id == Bill.prev_reading_id).join(curr, curr.id == Bill.curr_reading_id)
        .where(batch.has(Bill.customer_id), Bill.period >= bindparam("first"),
               Bill.period < bindparam("period"), prev.read_at < bindparam("new_year")),
        {**batch.bind(ids), "first": f"{year}-01", "new_year": new_year, "period": until}).all()
    return [(cid, raw.dec(kwh), raw.at(since), raw.at(until)) for cid, kwh, since, until in rows]


def readings_by_id(session: Session, ids: Sequence[int]) -> dict[int, MeterRead]:
    batch = IdSet(dialect_of(session))
    return {read.id: read for _m, read in _reads(session, batch.has(Reading.id), batch.bind(ids))}


def latest_readings(session: Session, meter_ids: Sequence[int], upto: dt.datetime,
                    after: dt.datetime | None = None) -> dict[int, MeterRead]:
    """meter id -> its latest reading in (after, upto]: one index probe per meter."""
    if not meter_ids:
        return {}
    meters = IdSet(dialect_of(session), "meters")
    cond = [Reading.meter_id == meters.value, Reading.read_at <= bindparam("upto")]
    if after is not None:
        cond.append(Reading.read_at > bindparam("after"))
    newest = (select(Reading.id).where(*cond).order_by(Reading.read_at.desc()).limit(1)
              .correlate(meters.table))
    # JOIN … ON id = (the newest): each meter's probe runs once, on either engine.
    params = {**meters.bind(meter_ids), "upto": upto, "after": after}
    return dict(_reads(session, None, params,
                       join=(meters.table, Reading.id == newest.scalar_subquery())))


def _reads(session: Session, where, params: dict,
           join: tuple | None = None) -> list[tuple[int, MeterRead]]:
    """(meter id, reading) of the readings `where` (or the join (table, on)) selects."""
    raw = Raw(dialect_of(session))
    columns = [raw.fixed(c) for c in (Reading.energy_total, *REGISTER_COLUMNS.values())]
    stmt = select(Reading.id, Reading.meter_id, raw.when(Reading.read_at), *columns)
    if join is not None:
        stmt = stmt.select_from(join[0]).join(Reading, join[1])
    else:
        stmt = stmt.where(where)
    rows = _core(session).execute(stmt, params).all()
    dec = raw.dec
    times: dict[object, dt.datetime] = {}  # monthly readings share a handful: parse each once
    result = []
    for rid, mid, when, total, sharp, peak, flat, valley in rows:
        at = times.get(when)
        if at is None:
            at = times[when] = raw.at(when)
        result.append((mid, MeterRead(rid, at, dec(total), {
            "sharp": dec(sharp), "peak": dec(peak), "flat": dec(flat), "valley": dec(valley)})))
    return result
