"""Load the theft-analysis inputs from the database in a few grouped queries.

Readings are thinned in SQL to one point per meter and day (the day's highest
register at its latest time), so a meter polled every 15 minutes costs no more
than one read monthly. The grouping expressions differ per engine; everything
else is plain Core without ORM objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, Float, and_, case, cast, func, select
from sqlalchemy.orm import Session

from console.analysis.theft import RECENT_WINDOWS, TheftInputs, rates_matrix
from console.errors import ConsoleError
from console.fieldwork.results import THEFT_FINDINGS
from console.models import Customer, FieldItem, Meter, Reading, SealEvent
from console.models.enums import CustomerStatus, MeterStatus, RelayState
from console.timeutil import LOCAL

WINDOW_DAYS = 30
WINDOWS = 13
IMBALANCE_RATIO = 0.6  # the weakest phase under 40 % of the strongest
IMBALANCE_MIN_AMPS = 2.0
Progress = Callable[[str, float], None]


class Cancelled(ConsoleError):
    """The caller asked to stop; nothing was written."""

    code = "cancelled"


def latest_reading_time(session: Session) -> dt.datetime | None:
    return session.scalar(select(func.max(Reading.read_at)))


def default_as_of(session: Session) -> dt.datetime | None:
    """The local midnight of the newest reading of the newest month that most meters
    reached without a gap.

    Normally that is the start of the newest reading's day: the collector polls meters
    one after another through the day, so the single newest reading is ahead of nearly
    every other meter's, and a window ending there would find every meter unread (and
    every drop hidden). Midnight is when meters freeze their daily register. When
    readings stopped for a while and restarted (a demo database months old, a collector
    outage), the analysis looks at the last stretch the data covers instead of a gap.
    """
    newest = latest_reading_time(session)
    if newest is None:
        return None
    return _day_start(_covered_until(session, newest))


def _day_start(moment: dt.datetime) -> dt.datetime:
    local = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(LOCAL)
    return dt.datetime.combine(local.date(), dt.time(), tzinfo=LOCAL).astimezone(dt.UTC)


def _covered_until(session: Session, newest: dt.datetime) -> dt.datetime:
    """The newest reading before the first month in a gap (`newest` when there is none)."""
    meters = session.scalar(select(func.count()).select_from(Meter).where(
        Meter.status == MeterStatus.IN_SERVICE)) or 1
    month = _month(session)
    # count(*), not distinct meters: a month nobody was read in is what matters, and cheap.
    rows = session.execute(select(month, func.count())
                           .where(Reading.read_at >= newest - dt.timedelta(days=400))
                           .group_by(month)).all()
    covered = {str(m) for m, n in rows if n >= meters / 2}
    for name in sorted(covered, reverse=True):
        year, number = int(name[:4]), int(name[5:7])
        before = f"{year - (number == 1):04d}-{12 if number == 1 else number - 1:02d}"
        if before in covered:
            end = dt.datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=dt.UTC)
            found = session.scalar(select(func.max(Reading.read_at)).where(Reading.read_at < end))
            return found or newest
    return newest


def _month(session: Session) -> ColumnElement[str]:
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(Reading.read_at, 1, 7)
    return func.to_char(func.timezone("UTC", Reading.read_at), "YYYY-MM")


def window_edges(as_of: dt.datetime, windows: int = WINDOWS) -> np.ndarray:
    end = as_of.timestamp()
    return end - WINDOW_DAYS * 86400.0 * np.arange(windows, -1, -1)


def load_inputs(session: Session, as_of: dt.datetime, *, progress: Progress | None = None,
                cancelled: Callable[[], bool] = lambda: False) -> TheftInputs:
    """Everything `theft.score` needs about the meters in service on `as_of`."""
    step = progress or (lambda _stage, _fraction: None)
    edges = window_edges(as_of)
    meters = _meters(session)
    step("meters", 0.05)
    rates = _rates(session, meters["id"], edges, meters["mult"], cancelled)
    step("readings", 0.7)
    _check(cancelled)
    since = dt.datetime.fromtimestamp(edges[-1 - RECENT_WINDOWS], dt.UTC)
    reverse = _reverse(session, since, as_of)
    imbalance = _imbalance(session, since, as_of)
    step("signals", 0.85)
    _check(cancelled)
    # Seal and inspection findings count up to today even when the readings end earlier
    # (a collector outage): what an inspector saw last week is news, not the future.
    until = max(as_of, dt.datetime.now(dt.UTC))
    seals = _seal_anomalies(session, as_of - dt.timedelta(days=365), until)
    findings = _tamper_findings(session, as_of - dt.timedelta(days=3 * 365), until)
    return TheftInputs(
        meter_ids=meters["id"], customer_ids=meters["customer"], group_ids=meters["group"],
        category_ids=meters["category"], rates=rates, relay_closed=meters["closed"],
        active=meters["active"], reverse=reverse,
        imbalance=imbalance, seal_anomalies=seals, tamper_findings=findings)


def _check(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise Cancelled()


def _meters(session: Session) -> dict[str, np.ndarray]:
    rows = session.execute(
        select(Meter.id, Meter.customer_id, Meter.ct_ratio * Meter.pt_ratio, Meter.relay_state,
               Customer.category, Customer.unit_id, Customer.status)
        .join(Customer, Customer.id == Meter.customer_id)
        .where(Meter.status == MeterStatus.IN_SERVICE).order_by(Meter.id)).all()
    categories = sorted({r[4] for r in rows})
    cat_index = {c: i for i, c in enumerate(categories)}
    cols = list(zip(*rows, strict=True)) if rows else [()] * 7
    category = np.array([cat_index[c] for c in cols[4]], dtype=np.int64)
    unit = np.array(cols[5], dtype=np.int64)
    return {
        "id": np.array(cols[0], dtype=np.int64),
        "customer": np.array(cols[1], dtype=np.int64),
        "mult": np.array(cols[2], dtype=np.float64),
        "closed": np.array([s == RelayState.CLOSED for s in cols[3]], dtype=bool),
        "category": category,
        "group": unit * 8 + category,
        "active": np.array([s == CustomerStatus.ACTIVE for s in cols[6]], dtype=bool),
    }


def _day_and_epoch(session: Session) -> tuple[ColumnElement[Any], ...]:
    """Day bucket, epoch seconds of the day's last reading, register as float, per engine."""
    if session.get_bind().dialect.name == "sqlite":
        day = func.substr(Reading.read_at, 1, 10)
        epoch = (func.julianday(func.max(Reading.read_at)) - 2440587.5) * 86400.0
        return day, epoch, cast(func.max(Reading.energy_total), Float) / 100.0  # 0.01 kWh
    day = func.date_trunc("day", Reading.read_at)
    epoch = cast(func.extract("epoch", func.max(Reading.read_at)), Float)
    return day, epoch, cast(func.max(Reading.energy_total), Float)


def _rates(session: Session, meter_ids: np.ndarray, edges: np.ndarray, mult: np.ndarray,
           cancelled: Callable[[], bool]) -> np.ndarray:
    """kWh/day per meter and window (meter side times CT×PT)."""
    day, epoch, energy = _day_and_epoch(session)
    lo = dt.datetime.fromtimestamp(edges[0] - 45 * 86400, dt.UTC)
    hi = dt.datetime.fromtimestamp(edges[-1] + 86400, dt.UTC)
    stmt = (select(Reading.meter_id, epoch, energy)
            .where(Reading.read_at >= lo, Reading.read_at <= hi)
            .group_by(Reading.meter_id, day))
    # The DB-API cursor straight into numpy: a million Row objects cost more than the query.
    cursor = session.connection().execute(stmt).cursor
    chunks = []
    while batch := cursor.fetchmany(100_000):
        chunks.append(np.array(batch, dtype=np.float64))
        _check(cancelled)
    data = np.concatenate(chunks) if chunks else np.empty((0, 3))
    return _rates_matrix(data, meter_ids, edges, mult)


def _rates_matrix(data: np.ndarray, meter_ids: np.ndarray, edges: np.ndarray,
                  mult: np.ndarray) -> np.ndarray:
    rows = np.searchsorted(meter_ids, data[:, 0].astype(np.int64))
    known = rows < len(meter_ids)
    known[known] = meter_ids[rows[known]] == data[known, 0].astype(np.int64)
    rows, data = rows[known], data[known]
    order = np.lexsort((data[:, 1], rows))
    # julianday arithmetic is off by microseconds: whole seconds on both sides.
    rows, times = rows[order], np.round(data[order, 1])
    # A register that went backwards (meter swap, glitch) must not read as negative use:
    # hold the highest value so far, per meter (integer 0.01 kWh plus a per-meter offset).
    hundredths = np.round(data[order, 2] * 100).astype(np.int64) + rows * 10**12
    registers = (np.maximum.accumulate(hundredths) - rows * 10**12) / 100.0
    return rates_matrix(rows, times, registers, len(meter_ids), np.round(edges)) * mult[:, None]


def _reverse(session: Session, since: dt.datetime, as_of: dt.datetime) -> dict[int, tuple[int, int]]:
    """Readings with negative active power (energy flowing back) per meter."""
    rows = session.execute(
        select(Reading.meter_id, func.count())
        .where(Reading.read_at >= since, Reading.read_at <= as_of, Reading.power_kw < 0)
        .group_by(Reading.meter_id)).all()
    out = {int(m): (int(n), 0) for m, n in rows}
    for m, n in _register_decreases(session, since, as_of).items():
        out[m] = (out.get(m, (0, 0))[0], n)
    return out


def _register_decreases(session: Session, since: dt.datetime, as_of: dt.datetime) -> dict[int, int]:
    """Collected readings held as suspect because the register went backwards."""
    rows = session.execute(
        select(Reading.meter_id, func.count())
        .where(Reading.read_at >= since, Reading.read_at <= as_of, Reading.quality == "suspect")
        .group_by(Reading.meter_id)).all()
    return {int(m): int(n) for m, n in rows}


def _imbalance(session: Session, since: dt.datetime, as_of: dt.datetime) -> dict[int, tuple[int, int]]:
    sqlite = session.get_bind().dialect.name == "sqlite"
    hi_fn, lo_fn = (func.max, func.min) if sqlite else (func.greatest, func.least)
    phases = (Reading.current_a, Reading.current_b, Reading.current_c)
    high, low = hi_fn(*phases), lo_fn(*phases)
    bad = case((and_(high > IMBALANCE_MIN_AMPS, low < (1 - IMBALANCE_RATIO) * high), 1), else_=0)
    rows = session.execute(
        select(Reading.meter_id, func.sum(bad), func.count())
        .join(Meter, Meter.id == Reading.meter_id)
        .where(Meter.phases == 3, Reading.read_at >= since, Reading.read_at <= as_of,
               Reading.current_a.is_not(None), Reading.current_b.is_not(None),
               Reading.current_c.is_not(None))
        .group_by(Reading.meter_id)).all()
    return {int(m): (int(b or 0), int(n)) for m, b, n in rows if b}


def _seal_anomalies(session: Session, since: dt.datetime, as_of: dt.datetime) -> dict[int, int]:
    """Seals found damaged or lost on the meter (a removal is a normal job, not counted)."""
    odd = SealEvent.to_state.in_(("damaged", "lost"))
    rows = session.execute(
        select(SealEvent.meter_id, func.count())
        .where(SealEvent.meter_id.is_not(None), SealEvent.at >= since, SealEvent.at <= as_of, odd)
        .group_by(SealEvent.meter_id)).all()
    return {int(m): int(n) for m, n in rows if m is not None}


def _tamper_findings(session: Session, since: dt.datetime, as_of: dt.datetime) -> dict[int, int]:
    """Inspection findings of tampering, a bypass or a broken seal on the meter."""
    rows = session.execute(
        select(FieldItem.meter_id, func.count())
        .where(FieldItem.meter_id.is_not(None), FieldItem.outcome == "applied",
               FieldItem.finding.in_(THEFT_FINDINGS), FieldItem.observed_at >= since,
               FieldItem.observed_at <= as_of)
        .group_by(FieldItem.meter_id)).all()
    return {int(m): int(n) for m, n in rows if m is not None}
