"""What the bill run reads for a batch of customers: a few set-based queries per batch."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import BigInteger, and_, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from console.billing.bill_calc import MeterRead
from console.billing.pricing import Rates, Tier
from console.models import Bill, Customer, Meter, Reading, Tariff
from console.models.enums import MeterStatus

# A current reading must be this close before the period's end to count.
READ_WINDOW = dt.timedelta(days=3)
REGISTER_COLUMNS = {"sharp": Reading.energy_sharp, "peak": Reading.energy_peak,
                    "flat": Reading.energy_flat, "valley": Reading.energy_valley}


def member(session: Session, column, ids: Sequence[int]):  # noqa: ANN001, ANN201
    """`column IN ids`; on PostgreSQL one array parameter (= ANY) instead of thousands."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(BigInteger)))
    return column.in_(ids)


class TariffBook:
    """Every tariff version, priced as `Rates`, and which version applies on a day."""

    def __init__(self, session: Session) -> None:
        self.rates: dict[int, Rates] = {}
        self._versions: dict[str, list[Tariff]] = defaultdict(list)
        self._code: dict[int, str] = {}
        for t in session.scalars(select(Tariff).order_by(Tariff.effective_from)):
            tou = {p.register: p.price for p in t.tou_periods}
            self.rates[t.id] = Rates(t.kind, t.price,
                                     tuple(Tier(x.upper_kwh, x.price) for x in t.tiers), tou)
            self._versions[t.code].append(t)
            self._code[t.id] = t.code

    def version_on(self, tariff_id: int, day: dt.date) -> int:
        """The version of the customer's tariff code in force on `day` (else the one given)."""
        chosen = tariff_id
        for t in self._versions.get(self._code.get(tariff_id, ""), []):
            if t.effective_from <= day and (t.effective_to is None or day <= t.effective_to):
                chosen = t.id
        return chosen


def accounts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int, int]]:
    """customer id -> (tariff id, meter id, multiplier) of its first meter in service."""
    first = (select(Meter.customer_id, func.min(Meter.id).label("mid"))
             .where(member(session, Meter.customer_id, ids), Meter.status == MeterStatus.IN_SERVICE)
             .group_by(Meter.customer_id).subquery())
    rows = session.execute(
        select(Customer.id, Customer.tariff_id, Meter.id, Meter.ct_ratio * Meter.pt_ratio)
        .join(first, first.c.customer_id == Customer.id).join(Meter, Meter.id == first.c.mid))
    return {cid: (tid, mid, mult) for cid, tid, mid, mult in rows}


def baselines(session: Session, ids: Sequence[int], period: str) -> dict[int, tuple[str, int]]:
    """customer id -> (period, reading id) of the latest earlier bill based on an actual reading."""
    latest = (select(Bill.customer_id, func.max(Bill.period).label("p"))
              .where(member(session, Bill.customer_id, ids), Bill.period < period,
                     Bill.curr_reading_id.is_not(None))
              .group_by(Bill.customer_id).subquery())
    rows = session.execute(select(Bill.customer_id, Bill.period, Bill.curr_reading_id).join(
        latest, and_(latest.c.customer_id == Bill.customer_id, latest.c.p == Bill.period)))
    return {cid: (p, rid) for cid, p, rid in rows}


def bill_history(session: Session, ids: Sequence[int], period: str,
                 baseline: dict[int, tuple[str, int]]) -> tuple[dict, dict, dict]:
    """Per customer: kWh billed this year, kWh estimated since its baseline, latest bill's kWh."""
    year_start = f"{period[:4]}-01"
    ytd = dict(session.execute(select(Bill.customer_id, func.sum(Bill.kwh)).where(
        member(session, Bill.customer_id, ids), Bill.period >= year_start, Bill.period < period)
        .group_by(Bill.customer_id)).all())
    estimated: dict[int, Decimal] = defaultdict(Decimal)
    for cid, p, kwh in session.execute(select(Bill.customer_id, Bill.period, Bill.kwh).where(
            member(session, Bill.customer_id, ids), Bill.period < period, Bill.estimated.is_(True))):
        if p > baseline.get(cid, ("",))[0]:
            estimated[cid] += kwh
    latest = (select(Bill.customer_id, func.max(Bill.period).label("p"))
              .where(member(session, Bill.customer_id, ids), Bill.period < period)
              .group_by(Bill.customer_id).subquery())
    last_kwh = dict(session.execute(select(Bill.customer_id, Bill.kwh).join(
        latest, and_(latest.c.customer_id == Bill.customer_id, latest.c.p == Bill.period))).all())
    return ytd, estimated, last_kwh


def year_total(session: Session, customer_id: int, year: int) -> Decimal:
    """kWh billed in a whole year (a bill spanning New Year needs last year's total)."""
    total = session.scalar(select(func.sum(Bill.kwh)).where(
        Bill.customer_id == customer_id, Bill.period.like(f"{year}-%")))
    return total or Decimal("0.00")


def readings_by_id(session: Session, ids: Sequence[int]) -> dict[int, MeterRead]:
    rows = session.execute(_reading_columns().where(member(session, Reading.id, ids)))
    return {r.id: _read(r) for r in rows}


def latest_readings(session: Session, meter_ids: Sequence[int], upto: dt.datetime,
                    after: dt.datetime | None = None) -> dict[int, MeterRead]:
    """meter id -> its latest reading in (after, upto]."""
    cond = [member(session, Reading.meter_id, meter_ids), Reading.read_at <= upto]
    if after is not None:
        cond.append(Reading.read_at > after)
    newest = (select(Reading.meter_id, func.max(Reading.read_at).label("t")).where(*cond)
              .group_by(Reading.meter_id).subquery())
    rows = session.execute(_reading_columns().join(
        newest, and_(newest.c.meter_id == Reading.meter_id, newest.c.t == Reading.read_at)))
    return {r.meter_id: _read(r) for r in rows}


def _reading_columns():
    return select(Reading.id, Reading.meter_id, Reading.read_at, Reading.energy_total,
                  *REGISTER_COLUMNS.values())


def _read(row) -> MeterRead:
    registers = {name: getattr(row, column.key) for name, column in REGISTER_COLUMNS.items()}
    return MeterRead(row.id, row.read_at, row.energy_total, registers)
