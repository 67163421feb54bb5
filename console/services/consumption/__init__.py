"""Consumption as the charts show it: power, daily and monthly energy, TOU, phases.

The feature package of the consumption chart. Use cases: `overview`, `live_update`,
`power_series`, `voltage_current`, `meter_status`, `daily_energy`,
`monthly_comparison`, `tou_split`, `tier_limits`; their results are the frozen
dataclasses of `console.services.consumption.types`.

Read-only. Every use case needs `Permission.VIEW_CONSUMPTION` and a meter or customer of
the actor's units (console.services.acting), and returns
frozen dataclasses. Long series come as tuples of floats (epoch seconds, kW,
V, A) that numpy takes without copying row objects; energy totals are exact
`Decimal` kWh. Energy and power are on the primary side (register × CT × PT).

Days and months are local to the service hall (Asia/Shanghai). A difference of
two consecutive readings is booked to the day in which its interval ends, so a
reading taken at 00:00 closes the day before. A difference that spans more
than a day and crosses into another period (a gap in the data) is booked
nowhere: the days inside the gap have no value (`None`, never 0) and the day
after it is marked `partial`. Monthly readings still make monthly totals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from decimal import Decimal
from itertools import pairwise
from typing import Any, TypeVar, overload

from sqlalchemy import (
    BigInteger,
    Float,
    Integer,
    Numeric,
    Select,
    cast,
    func,
    select,
    type_coerce,
)
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql import ColumnElement

from console.db import Database
from console.errors import NotFound
from console.models import Customer, Meter, Reading, Tariff, TariffTier, utcnow
from console.models.customers import CommState
from console.models.enums import MeterStatus, ReadingQuality
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.consumption.types import (
    TOU_REGISTERS,
    ConsumptionOverview,
    DailyEnergy,
    LiveUpdate,
    MeterState,
    MonthCompare,
    PhaseSeries,
    PowerSeries,
    TierLimit,
    TouSplit,
)
from console.services.permissions import Permission
from console.timeutil import LOCAL

__all__ = [
    "TOU_REGISTERS", "ConsumptionOverview", "DailyEnergy", "LiveUpdate", "MeterState",
    "MonthCompare", "PhaseSeries", "PowerSeries", "TierLimit", "TouSplit", "daily_energy",
    "live_update", "meter_status", "monthly_comparison", "overview", "power_series",
    "tier_limits", "tou_split", "voltage_current",
]

# China has kept UTC+8 all year since 1991, so local days are plain arithmetic
# on epoch seconds (35,040 zone lookups a year would cost more than the query).
_LOCAL_OFFSET_S = 8 * 3600
_DAY_S = 86400
_EPOCH_DAY = dt.date(1970, 1, 1).toordinal()
DEFAULT_POLL_INTERVAL = dt.timedelta(minutes=15)
# A meter is "not responding" after this many polls brought no reading.
MISSED_POLLS = 3
DEFAULT_STALE_AFTER = DEFAULT_POLL_INTERVAL * MISSED_POLLS
_MAX_GAP_S = _DAY_S
_NAN = float("nan")

Row = tuple[int, int | None]  # (epoch seconds, register in hundredths of a kWh)


# ---------------------------------------------------------------- helpers


def local_midnight(day: dt.date) -> dt.datetime:
    """Start of a local day, as an aware UTC datetime."""
    return dt.datetime.combine(day, dt.time(), LOCAL).astimezone(dt.UTC)


def _epoch(session: Session) -> ColumnElement[float]:
    """read_at as epoch seconds computed by the database (no datetime per row)."""
    column = Reading.__table__.c.read_at
    if session.get_bind().dialect.name == "sqlite":
        # Stored as UTC text without offset; julianday keeps the fraction of a
        # second, to about 0.1 ms of float error: rounding to ms makes it exact.
        return func.round((func.julianday(column) - 2440587.5) * 86400.0, 3)
    return cast(func.extract("epoch", column), Float)


def _hundredths(session: Session, column: QueryableAttribute[Any]) -> ColumnElement[int]:
    """An Energy column as an integer count of 0.01 kWh, exact and cheap to subtract."""
    raw = Reading.__table__.c[column.key]
    if session.get_bind().dialect.name == "sqlite":
        return type_coerce(raw, Integer)  # already stored as hundredths
    return cast(type_coerce(raw, Numeric(14, 2)) * 100, BigInteger)


@overload
def _kwh(hundredths: int, multiplier: int = 1) -> Decimal: ...
@overload
def _kwh(hundredths: int | None, multiplier: int = 1) -> Decimal | None: ...
def _kwh(hundredths: int | None, multiplier: int = 1) -> Decimal | None:
    return None if hundredths is None else Decimal(hundredths * multiplier).scaleb(-2)


_Period = TypeVar("_Period", bound=Hashable)


def _book(rows: Sequence[Row], key: Callable[[dt.date], _Period]
          ) -> tuple[dict[_Period, int], set[_Period]]:
    """Book differences of consecutive registers (hundredths) to periods.

    `key` maps the local day in which a difference ends to its period (a day,
    a month). A difference is booked when it spans at most a day or stays
    inside one period. Returns the totals and the periods that lost a
    difference to a gap, a missing register or a register that went backwards.
    """
    totals: dict[_Period, int] = {}
    partial: set[_Period] = set()
    cache: dict[int, _Period] = {}

    def period_of(day_no: int) -> _Period:
        if day_no not in cache:
            cache[day_no] = key(dt.date.fromordinal(_EPOCH_DAY + day_no))
        return cache[day_no]

    for (prev_at, prev), (at, value) in pairwise(rows):
        # The interval (prev_at, at] ends on the day of `at - 1 s` (a reading at
        # local 00:00 closes the day before) and starts on the day of prev_at.
        period = period_of((at - 1 + _LOCAL_OFFSET_S) // _DAY_S)
        spans = (at - prev_at > _MAX_GAP_S
                 and period_of((prev_at + _LOCAL_OFFSET_S) // _DAY_S) != period)
        if value is None or prev is None or spans or value < prev:
            partial.add(period)
        else:
            totals[period] = totals.get(period, 0) + (value - prev)
    return totals, partial


def _register_rows(session: Session, meter_ids: Sequence[int], start: dt.datetime,
                   end: dt.datetime, column: QueryableAttribute[Any] = Reading.energy_total) -> list[Row]:
    """(epoch s, register × multiplier in hundredths) of good readings, meter after meter.

    Starts with the last reading before `start`, so the first period gets the
    difference that crosses into it.
    """
    out: list[Row] = []
    epoch, value = _epoch(session), _hundredths(session, column)
    for meter_id in meter_ids:
        multiplier = _multiplier(session, meter_id)
        good = (Reading.meter_id == meter_id) & (Reading.quality != ReadingQuality.SUSPECT)
        lead_in = start - dt.timedelta(seconds=_MAX_GAP_S)
        before = session.connection().execute(
            select(epoch, value).where(good, Reading.read_at < start, Reading.read_at >= lead_in)
            .order_by(Reading.read_at.desc()).limit(1)
        ).all()
        rows = session.connection().execute(
            select(epoch, value).where(good, Reading.read_at >= start, Reading.read_at <= end)
            .order_by(Reading.read_at)
        ).all()
        meter_rows = [(round(t), None if v is None else v * multiplier) for t, v in (*before, *rows)]
        if out and meter_rows:
            # Never book the jump from one meter's register to the next one's.
            out.append((meter_rows[0][0], None))
        out.extend(meter_rows)
    return out


def _multiplier(session: Session, meter_id: int) -> int:
    row = session.connection().execute(
        select(Meter.ct_ratio, Meter.pt_ratio).where(Meter.id == meter_id)
    ).one_or_none()
    if row is None:
        raise NotFound("meter not found", meter_id=meter_id)
    return row.ct_ratio * row.pt_ratio


def _series_query(session: Session, meter_id: int, since: dt.datetime, after_id: int | None,
                  *columns: QueryableAttribute[Any]) -> Select:
    query = (
        select(Reading.id, _epoch(session), *columns)
        .where(Reading.meter_id == meter_id, Reading.read_at >= since)
        .order_by(Reading.read_at)
    )
    if after_id is not None:
        query = query.where(Reading.id > after_id)
    return query


def _customer_meter_ids(session: Session, customer_id: int) -> list[int]:
    if session.get(Customer, customer_id) is None:
        raise NotFound("customer not found", customer_id=customer_id)
    return list(session.scalars(
        select(Meter.id).where(Meter.customer_id == customer_id)
        .order_by(Meter.installed_at.nulls_first(), Meter.id)
    ))


def _current_meter_id(session: Session, customer_id: int) -> int | None:
    return session.scalar(
        select(Meter.id)
        .where(Meter.customer_id == customer_id, Meter.status == MeterStatus.IN_SERVICE,
               Meter.removed_at.is_(None))
        .order_by(Meter.installed_at.desc().nulls_last(), Meter.id.desc()).limit(1)
    )


# ------------------------------------------------------- in one session


def _power_series(session: Session, meter_id: int, since: dt.datetime,
                  after_id: int | None) -> PowerSeries:
    multiplier = _multiplier(session, meter_id)
    query = _series_query(session, meter_id, since, after_id, Reading.power_kw)
    rows = session.connection().execute(query).all()
    if not rows:
        return PowerSeries(meter_id, (), (), after_id)
    ids, times, power = zip(*rows, strict=True)
    if multiplier != 1:
        power = tuple(_NAN if p is None else p * multiplier for p in power)
    return PowerSeries(meter_id, times, _floats(power), max(ids))


def _floats(values: tuple) -> tuple[float, ...]:
    # None → NaN, so a gap stays a gap in the curve (connect="finite").
    return values if None not in values else tuple(_NAN if v is None else v for v in values)


def _phase_series(session: Session, meter_id: int, since: dt.datetime,
                  after_id: int | None) -> PhaseSeries:
    """Phases the meter does not have come back as empty tuples (and are not read)."""
    phases = 3 if session.scalar(select(Meter.phases).where(Meter.id == meter_id)) == 3 else 1
    voltages = (Reading.voltage_a, Reading.voltage_b, Reading.voltage_c)[:phases]
    currents = (Reading.current_a, Reading.current_b, Reading.current_c)[:phases]
    query = _series_query(session, meter_id, since, after_id, *voltages, *currents)
    rows = session.connection().execute(query).all()
    if not rows:
        return PhaseSeries(meter_id, (), ((), (), ()), ((), (), ()), after_id)
    ids, times, *values = zip(*rows, strict=True)
    columns = tuple(_floats(v) for v in values)
    return PhaseSeries(meter_id, times, _abc(columns[:phases]), _abc(columns[phases:]), max(ids))


def _abc(phases: tuple[tuple[float, ...], ...]
         ) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]:
    """Phases A, B, C; those the meter does not have are empty."""
    a, b, c = phases + ((),) * (3 - len(phases))
    return a, b, c


def _meter_state(session: Session, meter_id: int, *, now: dt.datetime,
                 stale_after: dt.timedelta) -> MeterState:
    meter = session.get(Meter, meter_id)
    if meter is None:
        raise NotFound("meter not found", meter_id=meter_id)
    last = session.scalar(
        select(Reading.read_at).where(Reading.meter_id == meter_id)
        .order_by(Reading.read_at.desc()).limit(1)
    )
    return MeterState(
        meter.id, meter.asset_no, meter.address, meter.phases, meter.multiplier,
        meter.relay_state, meter.relay_changed_at, last,
        reachable=_reachable(meter, last, now=now, stale_after=stale_after),
        stale_after=stale_after, last_seen_at=meter.last_seen_at,
        comm_error=meter.comm_error if meter.comm_state == CommState.UNREACHABLE else "",
    )


def _reachable(meter: Meter, last_reading: dt.datetime | None, *, now: dt.datetime,
               stale_after: dt.timedelta) -> bool:
    """The collector's word first: 'unreachable' after its failed polls.

    Otherwise the meter answers if it was heard (a poll, or a reading of any
    source) within `stale_after`; that also catches a collector that stopped
    and so never says 'unreachable'.
    """
    if meter.comm_state == CommState.UNREACHABLE:
        return False
    heard = max((t for t in (last_reading, meter.last_seen_at) if t is not None), default=None)
    return heard is not None and now - heard <= stale_after


def _daily(session: Session, meter_ids: Sequence[int], year: int) -> list[DailyEnergy]:
    first, after = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    rows = _register_rows(session, meter_ids, local_midnight(first), local_midnight(after))
    totals, partial = _book(rows, lambda day: day)
    days = (first + dt.timedelta(days=n) for n in range((after - first).days))
    return [DailyEnergy(d, _kwh(totals.get(d)), d in partial and d in totals) for d in days]


def _monthly(session: Session, meter_ids: Sequence[int], year: int) -> dict[int, Decimal]:
    rows = _register_rows(session, meter_ids, local_midnight(dt.date(year, 1, 1)),
                          local_midnight(dt.date(year + 1, 1, 1)))
    totals, _partial = _book(rows, lambda day: (day.year, day.month))
    return {month: _kwh(totals[(y, month)]) for (y, month) in totals if y == year}


def _tou(session: Session, meter_id: int, start: dt.date, end: dt.date) -> TouSplit:
    multiplier = _multiplier(session, meter_id)
    registers = [_hundredths(session, c) for c in (
        Reading.energy_total, Reading.energy_sharp, Reading.energy_peak,
        Reading.energy_flat, Reading.energy_valley)]
    good = (Reading.meter_id == meter_id) & (Reading.quality != ReadingQuality.SUSPECT)
    window = (Reading.read_at >= local_midnight(start)) & (Reading.read_at <= local_midnight(end))
    query = select(*registers).where(good, window)
    first = session.connection().execute(query.order_by(Reading.read_at).limit(1)).one_or_none()
    last = session.connection().execute(query.order_by(Reading.read_at.desc()).limit(1)).one_or_none()

    def delta(i: int) -> Decimal | None:
        if first is None or last is None or first[i] is None or last[i] is None:
            return None
        return _kwh(last[i] - first[i], multiplier)

    return TouSplit(start, end, delta(1), delta(2), delta(3), delta(4), delta(0))


def _tiers(session: Session, customer_id: int, year: int) -> list[TierLimit]:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("customer not found", customer_id=customer_id)
    code = session.scalar(select(Tariff.code).where(Tariff.id == customer.tariff_id))
    # Tiers are annual: the version in force on 1 January, else the first one of the year.
    versions = select(Tariff.id).where(Tariff.code == code)
    tariff_id = session.scalar(
        versions.where(Tariff.effective_from <= dt.date(year, 1, 1))
        .order_by(Tariff.effective_from.desc()).limit(1)
    ) or session.scalar(versions.order_by(Tariff.effective_from).limit(1))
    tiers = session.connection().execute(
        select(TariffTier.seq, TariffTier.upper_kwh, TariffTier.price)
        .where(TariffTier.tariff_id == tariff_id, TariffTier.upper_kwh.is_not(None))
        .order_by(TariffTier.seq)
    ).all()
    limits = []
    for seq, upper, price in tiers:
        assert upper is not None  # the query kept only tiers with an upper bound
        limits.append(TierLimit(seq, upper, price))
    return limits


# ----------------------------------------------------------- the service


@use_case(Permission.VIEW_CONSUMPTION, meter="meter_id")
def power_series(db: Database, actor: Actor, meter_id: int, *, since: dt.datetime,
                 after_id: int | None = None) -> PowerSeries:
    """Active power (kW) read since `since`, only rows with id > `after_id` if given.

    A live chart passes the `last_id` of what it drew and gets only new rows.
    """
    with db.read() as session:
        return _power_series(session, meter_id, since, after_id)


@use_case(Permission.VIEW_CONSUMPTION, meter="meter_id")
def voltage_current(db: Database, actor: Actor, meter_id: int, *, since: dt.datetime,
                    after_id: int | None = None) -> PhaseSeries:
    """Phase voltages and currents read since `since` (ids > `after_id` if given)."""
    with db.read() as session:
        return _phase_series(session, meter_id, since, after_id)


@use_case(Permission.VIEW_CONSUMPTION, meter="meter_id")
def meter_status(db: Database, actor: Actor, meter_id: int, *, now: dt.datetime | None = None,
                 stale_after: dt.timedelta = DEFAULT_STALE_AFTER) -> MeterState:
    """The meter's relay and whether it answers (not 'unreachable' to the collector, and
    heard from within `stale_after`)."""
    with db.read() as session:
        return _meter_state(session, meter_id, now=now or utcnow(), stale_after=stale_after)


@use_case(Permission.VIEW_CONSUMPTION, meter="meter_id")
def daily_energy(db: Database, actor: Actor, meter_id: int, year: int) -> list[DailyEnergy]:
    """kWh per local day of `year`, every day of the year; None where no data."""
    with db.read() as session:
        _multiplier(session, meter_id)
        return _daily(session, [meter_id], year)


@use_case(Permission.VIEW_CONSUMPTION, customer="customer_id")
def monthly_comparison(db: Database, actor: Actor, customer_id: int,
                       year: int) -> list[MonthCompare]:
    """kWh per month of `year` and of the year before, over all the customer's meters."""
    with db.read() as session:
        return _monthly_comparison(session, _customer_meter_ids(session, customer_id), year)


def _monthly_comparison(session: Session, meter_ids: Sequence[int],
                        year: int) -> list[MonthCompare]:
    this, last = _monthly(session, meter_ids, year), _monthly(session, meter_ids, year - 1)
    return [MonthCompare(m, this.get(m), last.get(m)) for m in range(1, 13)]


@use_case(Permission.VIEW_CONSUMPTION, meter="meter_id")
def tou_split(db: Database, actor: Actor, meter_id: int, *, start: dt.date,
              end: dt.date) -> TouSplit:
    """kWh per TOU register (尖峰平谷) from local `start` to `end` (exclusive)."""
    with db.read() as session:
        return _tou(session, meter_id, start, end)


@use_case(Permission.VIEW_CONSUMPTION, customer="customer_id")
def tier_limits(db: Database, actor: Actor, customer_id: int, year: int) -> list[TierLimit]:
    """Annual tier limits of the customer's tariff for `year` (empty if not tiered)."""
    with db.read() as session:
        return _tiers(session, customer_id, year)


@use_case(Permission.VIEW_CONSUMPTION, customer="customer_id")
def overview(db: Database, actor: Actor, customer_id: int, *, year: int,
             history: dt.timedelta = dt.timedelta(hours=24), now: dt.datetime | None = None,
             stale_after: dt.timedelta = DEFAULT_STALE_AFTER) -> ConsumptionOverview:
    """All a consumption view shows for a customer, read in one transaction."""
    now = now or utcnow()
    with db.read() as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise NotFound("customer not found", customer_id=customer_id)
        meter_ids = _customer_meter_ids(session, customer_id)
        meter_id = _current_meter_id(session, customer_id)
        tou_end = min(dt.date(year + 1, 1, 1), now.astimezone(LOCAL).date() + dt.timedelta(days=1))
        # Written out on each line (not a `live` flag) so the type checker sees meter_id set.
        return ConsumptionOverview(
            customer.id, customer.customer_no, customer.name, year,
            meter=_meter_state(session, meter_id, now=now, stale_after=stale_after)
            if meter_id is not None else None,
            power=_power_series(session, meter_id, now - history, None)
            if meter_id is not None else None,
            phases=_phase_series(session, meter_id, now - history, None)
            if meter_id is not None else None,
            daily=tuple(_daily(session, meter_ids, year)),
            monthly=tuple(_monthly_comparison(session, meter_ids, year)),
            tou=_tou(session, meter_id, dt.date(year, 1, 1), tou_end)
            if meter_id is not None else None,
            tiers=tuple(_tiers(session, customer_id, year)),
        )


@use_case(Permission.VIEW_CONSUMPTION, meter="meter_id")
def live_update(db: Database, actor: Actor, meter_id: int, *, since: dt.datetime,
                after_id: int | None, now: dt.datetime | None = None,
                stale_after: dt.timedelta = DEFAULT_STALE_AFTER) -> LiveUpdate:
    """Rows newer than `after_id` (power and phases) and the meter's state, in one go."""
    with db.read() as session:
        return LiveUpdate(
            _meter_state(session, meter_id, now=now or utcnow(), stale_after=stale_after),
            _power_series(session, meter_id, since, after_id),
            _phase_series(session, meter_id, since, after_id),
        )
