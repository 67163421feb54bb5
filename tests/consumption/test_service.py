"""Consumption service: series for the live chart, days, months, TOU, tiers, reachability."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from sqlalchemy import insert

from console.errors import NotFound, PermissionDenied
from console.models import Meter, Reading, TariffTier
from console.services import consumption as svc
from tests import factories as f

UTC = dt.UTC
CST = dt.timezone(dt.timedelta(hours=8))
D = Decimal


@pytest.fixture
def world(db):
    """A counter clerk, a residential customer on a tiered tariff, and its meter."""
    with db.uow() as session:
        unit = f.unit(session)
        tariff = f.tariff(session)
        tariff.kind = "tiered"
        tariff.tiers = [
            TariffTier(seq=1, upper_kwh=D("2520"), price=D("0.5469")),
            TariffTier(seq=2, upper_kwh=D("4800"), price=D("0.5969")),
            TariffTier(seq=3, upper_kwh=None, price=D("0.8469")),
        ]
        cust = f.customer(session, unit, tariff, number="3700001234")
        meter = f.meter(session, unit, cust)
        actor = f.actor(session, unit, username="lina", role="counter")
        return db, actor, cust.id, meter.id


def add_readings(db, meter_id: int, rows: list[tuple[dt.datetime, str, float | None]]) -> None:
    """Readings (local time, total kWh, kW); TOU registers split 10/30/40/20 %."""
    values = []
    for at, total, power in rows:
        energy = D(total)
        values.append(dict(
            meter_id=meter_id, read_at=at.astimezone(UTC), energy_total=energy,
            energy_sharp=energy * D("0.1"), energy_peak=energy * D("0.3"),
            energy_flat=energy * D("0.4"), energy_valley=energy * D("0.2"),
            power_kw=power, voltage_a=None if power is None else 220.5, current_a=power,
        ))
    with db.uow() as session:
        session.execute(insert(Reading), values)


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CST)


def test_power_series_returns_only_rows_newer_than_the_last_one_drawn(world):
    db, actor, _cid, mid = world
    add_readings(db, mid, [(local(2026, 7, 1, 8, 0), "100.00", 1.5),
                           (local(2026, 7, 1, 8, 15), "100.40", 1.7)])
    first = svc.power_series(db, actor, mid, since=local(2026, 7, 1))
    assert first.power_kw == (1.5, 1.7)
    assert first.times == pytest.approx((local(2026, 7, 1, 8).timestamp(),
                                         local(2026, 7, 1, 8, 15).timestamp()), abs=1e-3)

    add_readings(db, mid, [(local(2026, 7, 1, 8, 30), "100.90", None)])
    newer = svc.power_series(db, actor, mid, since=local(2026, 7, 1), after_id=first.last_id)
    assert len(newer) == 1 and math.isnan(newer.power_kw[0])
    assert newer.last_id > first.last_id
    nothing = svc.power_series(db, actor, mid, since=local(2026, 7, 1), after_id=newer.last_id)
    assert len(nothing) == 0 and nothing.last_id == newer.last_id


def test_voltage_current_gives_the_meters_phases_and_nan_for_gaps(world):
    db, actor, _cid, mid = world
    add_readings(db, mid, [(local(2026, 7, 1, 8), "1.00", 2.0), (local(2026, 7, 1, 9), "2.00", None)])
    series = svc.voltage_current(db, actor, mid, since=local(2026, 7, 1))
    assert series.voltage[0][0] == 220.5 and math.isnan(series.voltage[0][1])
    assert series.current[0][0] == 2.0
    assert series.voltage[1] == () and series.current[2] == ()  # single-phase meter


def test_daily_energy_books_each_local_day_and_leaves_missing_days_empty(world):
    db, actor, _cid, mid = world
    add_readings(db, mid, [
        (local(2026, 3, 1, 0, 0), "500.00", 1.0),
        (local(2026, 3, 1, 12, 0), "504.00", 1.0),
        (local(2026, 3, 2, 0, 0), "510.50", 1.0),  # local midnight closes 1 March
        (local(2026, 3, 2, 23, 0), "520.00", 1.0),
        # 3 and 4 March: the meter was silent
        (local(2026, 3, 5, 10, 0), "560.00", 1.0),
        (local(2026, 3, 5, 20, 0), "562.25", 1.0),
    ])
    days = {d.day: d for d in svc.daily_energy(db, actor, mid, 2026)}
    assert len(days) == 365
    assert days[dt.date(2026, 3, 1)].kwh == D("10.50")
    assert days[dt.date(2026, 3, 2)].kwh == D("9.50")
    assert days[dt.date(2026, 3, 3)].kwh is None and days[dt.date(2026, 3, 4)].kwh is None
    # 5 March only has what it measured itself, and says so.
    assert days[dt.date(2026, 3, 5)] == svc.DailyEnergy(dt.date(2026, 3, 5), D("2.25"), True)
    assert days[dt.date(2026, 2, 28)].kwh is None


def test_a_register_going_backwards_is_not_booked(world):
    db, actor, _cid, mid = world
    add_readings(db, mid, [(local(2026, 5, 1, 1), "100.00", 1.0),
                           (local(2026, 5, 1, 2), "90.00", 1.0),
                           (local(2026, 5, 1, 3), "91.00", 1.0)])
    day = svc.daily_energy(db, actor, mid, 2026)[dt.date(2026, 5, 1).timetuple().tm_yday - 1]
    assert day.kwh == D("1.00") and day.partial


def test_energy_and_power_are_scaled_by_the_ct_and_pt_ratios(world):
    db, actor, cid, mid = world
    with db.uow() as session:
        meter = session.get(Meter, mid)
        meter.ct_ratio, meter.pt_ratio = 50, 2
    add_readings(db, mid, [(local(2026, 5, 1, 1), "10.00", 1.5), (local(2026, 5, 1, 2), "10.01", 1.5)])
    assert svc.power_series(db, actor, mid, since=local(2026, 5, 1)).power_kw == (150.0, 150.0)
    day = next(d for d in svc.daily_energy(db, actor, mid, 2026) if d.kwh is not None)
    assert day.kwh == D("1.00")
    assert svc.monthly_comparison(db, actor, cid, 2026)[4].this_year == D("1.00")


def test_monthly_comparison_sets_this_year_beside_last_year(world):
    db, actor, cid, mid = world
    add_readings(db, mid, [
        (local(2025, 7, 1), "1000.00", 1.0), (local(2025, 8, 1), "1300.00", 1.0),
        (local(2026, 7, 1), "3000.00", 1.0), (local(2026, 7, 15), "3250.00", 1.0),
        (local(2026, 7, 31, 12), "3400.50", 1.0),
    ])
    months = svc.monthly_comparison(db, actor, cid, 2026)
    assert [m.month for m in months] == list(range(1, 13))
    july = months[6]
    # 1 July 00:00 → 1 August 00:00 is exactly July; 1 → 31 July stays inside it.
    assert july.last_year == D("300.00")
    assert july.this_year == D("400.50")
    assert months[5].this_year is None and months[7].last_year is None
    add_readings(db, mid, [(local(2026, 7, 31, 18), "3403.50", 1.0),
                           (local(2025, 7, 31, 20), "1290.00", 1.0),
                           (local(2025, 8, 1, 2), "1301.00", 1.0)])
    months = svc.monthly_comparison(db, actor, cid, 2026)
    assert months[6].this_year == D("403.50")
    assert months[6].last_year == D("300.00")  # 31 July 20:00 → 1 August 00:00 is July's
    assert months[7].last_year == D("1.00")


def test_monthly_readings_on_the_first_at_midnight_make_monthly_totals(world):
    db, actor, cid, mid = world
    add_readings(db, mid, [(local(2026, m, 1), f"{1000 + 100 * m}.00", None) for m in range(1, 13)])
    months = svc.monthly_comparison(db, actor, cid, 2026)
    # 1 Jan → 1 Feb is January's use; nothing after 1 December is known yet.
    assert [m.this_year for m in months] == [D("100.00")] * 11 + [None]
    assert all(d.kwh is None for d in svc.daily_energy(db, actor, mid, 2026))


def test_tou_split_by_register_between_two_dates(world):
    db, actor, _cid, mid = world
    add_readings(db, mid, [(local(2026, 6, 1), "1000.00", 1.0), (local(2026, 6, 15), "1500.00", 1.0),
                           (local(2026, 7, 1), "2000.00", 1.0), (local(2026, 7, 2), "2100.00", 1.0)])
    split = svc.tou_split(db, actor, mid, start=dt.date(2026, 6, 1), end=dt.date(2026, 7, 1))
    assert split.total == D("1000.00")
    assert split.by_register() == {"sharp": D("100.00"), "peak": D("300.00"),
                                   "flat": D("400.00"), "valley": D("200.00")}
    empty = svc.tou_split(db, actor, mid, start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1))
    assert empty.total is None and empty.peak is None


def test_tier_limits_are_the_tariffs_annual_limits(world):
    db, actor, cid, _mid = world
    limits = svc.tier_limits(db, actor, cid, 2026)
    assert [(t.seq, t.upper_kwh) for t in limits] == [(1, D("2520.00")), (2, D("4800.00"))]


def test_a_meter_is_unreachable_when_its_newest_reading_is_stale(world):
    db, actor, _cid, mid = world
    never = svc.meter_status(db, actor, mid, now=local(2026, 7, 1, 12))
    assert not never.reachable and never.last_reading_at is None
    add_readings(db, mid, [(local(2026, 7, 1, 11, 0), "1.00", 1.0)])
    fresh = svc.meter_status(db, actor, mid, now=local(2026, 7, 1, 11, 40))
    assert fresh.reachable and fresh.relay_state == "closed"
    stale = svc.meter_status(db, actor, mid, now=local(2026, 7, 1, 11, 46))
    assert not stale.reachable
    assert stale.last_reading_at == local(2026, 7, 1, 11, 0)
    shorter = svc.meter_status(db, actor, mid, now=local(2026, 7, 1, 11, 2),
                               stale_after=dt.timedelta(minutes=1))
    assert not shorter.reachable
    with db.uow() as session:
        meter = session.get(Meter, mid)
        meter.comm_state, meter.comm_error = "unreachable", "garbled"
        meter.last_seen_at = local(2026, 7, 1, 11, 30)
    said = svc.meter_status(db, actor, mid, now=local(2026, 7, 1, 11, 40))
    assert not said.reachable and said.comm_error == "garbled"
    assert said.heard_at == local(2026, 7, 1, 11, 30)


def test_overview_and_live_update_for_the_customer_in_hand(world):
    db, actor, cid, mid = world
    now = local(2026, 7, 1, 12)
    add_readings(db, mid, [(local(2026, 7, 1, 11, 30), "10.00", 2.0),
                           (local(2026, 7, 1, 11, 45), "10.50", 2.2)])
    view = svc.overview(db, actor, cid, year=2026, now=now)
    assert view.customer_no == "3700001234" and view.meter.meter_id == mid
    assert view.power.power_kw == (2.0, 2.2) and len(view.daily) == 365
    assert [t.upper_kwh for t in view.tiers] == [D("2520.00"), D("4800.00")]
    add_readings(db, mid, [(local(2026, 7, 1, 12, 0), "11.00", 2.4)])
    live = svc.live_update(db, actor, mid, since=now - dt.timedelta(hours=24),
                           after_id=view.power.last_id, now=now)
    assert live.power.power_kw == (2.4,) and live.phases.current[0] == (2.4,)
    assert live.meter.reachable


def test_nobody_without_the_permission_sees_consumption(world):
    db, _actor, cid, mid = world
    with pytest.raises(PermissionDenied):
        svc.power_series(db, None, mid, since=local(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        svc.overview(db, None, cid, year=2026)


def test_unknown_meter_or_customer_is_not_found(world):
    db, actor, _cid, _mid = world
    with pytest.raises(NotFound):
        svc.daily_energy(db, actor, 999999, 2026)
    with pytest.raises(NotFound):
        svc.monthly_comparison(db, actor, 999999, 2026)
