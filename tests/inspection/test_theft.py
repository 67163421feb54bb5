"""Theft-suspicion analysis: planted cases are found, a holiday is not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from sqlalchemy import select

from console.analysis import theft
from console.errors import PermissionDenied
from console.models import Reading, SealEvent, WorkOrder
from console.services.inspection.theft import describe, open_inspection_orders, run_theft_analysis
from console.services.inspection.theft_data import Cancelled
from tests import factories as f
from tests.billing_helpers import next_customer_no

UTC = dt.UTC
SEASON = np.array([1.25, 1.15, 0.95, 0.85, 0.88, 1.05, 1.4, 1.45, 1.05, 0.85, 0.95, 1.15, 1.25])


def fleet(n: int = 20, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = rng.uniform(4, 15, size=(n, 1))
    return base * SEASON[None, :] * rng.uniform(0.9, 1.1, size=(n, 13))


def inputs(rates: np.ndarray, **kw) -> theft.TheftInputs:
    n = len(rates)
    values = {"meter_ids": np.arange(1, n + 1), "customer_ids": np.arange(101, 101 + n),
              "group_ids": np.zeros(n, dtype=np.int64), "category_ids": np.zeros(n, dtype=np.int64),
              "rates": rates, "relay_closed": np.ones(n, dtype=bool), "active": np.ones(n, dtype=bool)}
    values.update(kw)
    return theft.TheftInputs(**values)


def flagged(result: list[theft.Suspect], code: str) -> set[int]:
    return {s.meter_id for s in result if any(r.code == code for r in s.reasons)}


def test_a_lasting_drop_is_found_with_its_figures_and_holidays_are_not():
    rates = fleet()
    rates[0, -4:] *= 0.2  # planted: four windows at a fifth
    rates[1, -1] *= 0.5  # a fortnight away in the newest window
    rates[2, -2] *= 0.5  # a fortnight away two windows ago
    rates[3, -2:] *= 0.75  # a fortnight split over two windows
    rates[4, -3:] *= 0.7  # a lasting but small change (new fridge)
    result = theft.score(inputs(rates))
    assert flagged(result, "drop") == {1}
    drop = next(r for r in result[0].reasons if r.code == "drop")
    assert 75 <= drop.figures["drop_pct"] <= 85
    assert drop.figures["days_low"] == 120
    assert drop.figures["recent_kwh_day"] < 0.3 * drop.figures["baseline_kwh_day"]
    assert drop.figures["vs_peers_pct"] < 40


def test_an_area_wide_drop_flags_nobody():
    rates = fleet()
    rates[:, -3:] *= 0.4  # the whole area: mild autumn, not theft
    assert flagged(theft.score(inputs(rates)), "drop") == set()


def test_near_zero_needs_a_closed_relay_and_an_active_account():
    rates = fleet(8)
    rates[[0, 1, 2], -3:] = 0.02
    closed = np.array([True, False, True] + [True] * 5)
    active = np.array([True, True, False] + [True] * 5)
    result = theft.score(inputs(rates, relay_closed=closed, active=active))
    assert flagged(result, "near_zero") == {1}
    assert flagged(result, "drop") == {1}  # a cut-off or closed account explains its drop


def test_sparse_signals_rank_with_their_figures():
    rates = fleet(10)
    result = theft.score(inputs(rates, reverse={3: (4, 0)}, imbalance={4: (30, 40), 5: (2, 40)},
                                seal_anomalies={6: 1}, tamper_findings={6: 2}))
    assert [s.meter_id for s in result] == [6, 3, 4]
    assert result[0].score == 20 + 35
    assert describe(result[1].reasons[0]) == "4 readings with reverse power, 0 register decreases"


def test_window_rates_interpolate_and_never_extrapolate():
    day = 86400.0
    times = np.array([0, 30, 60]) * day
    registers = np.array([100.0, 130.0, 190.0])
    edges = np.array([-30, 0, 15, 45, 60]) * day
    rates = theft.window_rates(times, registers, edges)
    assert np.isnan(rates[0])
    assert rates[1:].tolist() == pytest.approx([1.0, 1.5, 2.0])


# -- on the database, both engines -------------------------------------------------

MONTHS = [dt.datetime(2025, m, 1, tzinfo=UTC) for m in range(1, 13)] + [dt.datetime(2026, 1, 1, tzinfo=UTC)]


def _readings(s, meter, monthly: list[float]) -> None:
    total = Decimal("1000.00")
    s.add(Reading(meter_id=meter.id, read_at=MONTHS[0], energy_total=total))
    for at, used in zip(MONTHS[1:], monthly, strict=True):
        total += Decimal(str(round(used, 2)))
        s.add(Reading(meter_id=meter.id, read_at=at, energy_total=total))


@pytest.fixture
def town(db):
    return build_town(db)


def build_town(db) -> dict:
    """Twelve households of one unit; planted: a drop, a holiday, odd phases, reverse power, a broken seal."""
    rng = np.random.default_rng(5)
    season = SEASON[:12] * 30
    with db.uow() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        boss = f.actor(s, unit, username="wangqiang", role="supervisor")
        clerk = f.actor(s, unit, username="lina", role="counter")
        meters = {}
        for n in range(12):
            customer = f.customer(s, unit, tariff, number=next_customer_no())
            meter = f.meter(s, unit, customer)
            monthly = list(rng.uniform(6, 10) * season * rng.uniform(0.92, 1.08, 12))
            if n == 0:
                monthly[-4:] = [m * 0.15 for m in monthly[-4:]]  # planted theft
            if n == 1:
                monthly[-1] *= 16 / 31  # away from 3 to 17 December
            _readings(s, meter, monthly)
            meters[n] = meter
        phases = meters[2]
        phases.phases = 3
        for h in range(10):
            s.add(Reading(meter_id=phases.id, read_at=dt.datetime(2025, 12, 20, h, tzinfo=UTC),
                          energy_total=Decimal("9000.00") + h, current_a=12.0, current_b=11.5,
                          current_c=0.3))
        s.add(Reading(meter_id=meters[3].id, read_at=dt.datetime(2025, 12, 21, 3, tzinfo=UTC),
                      energy_total=Decimal("1.00"), power_kw=-1.8, quality="suspect"))
        seal = f.installed_seal(s, unit, meters[4], serial=777)
        seal.state = "damaged"
        s.add(SealEvent(seal_id=seal.id, at=dt.datetime(2025, 11, 2, tzinfo=UTC),
                        from_state="installed", to_state="damaged", meter_id=meters[4].id))
    return {"db": db, "boss": boss, "clerk": clerk, "meters": {n: m.id for n, m in meters.items()}}


def test_planted_suspects_are_found_and_the_holiday_is_not(town):
    report = run_theft_analysis(town["db"], town["boss"])
    m = town["meters"]
    assert report.meters == 12
    codes = {s.meter_id: {r.code for r in s.reasons} for s in report.suspects}
    assert "drop" in codes[m[0]]
    assert report.suspects[0].meter_id == m[0]
    assert m[1] not in codes
    assert "phase_imbalance" in codes[m[2]]
    assert "reverse_energy" in codes[m[3]]
    assert "seal_anomaly" in codes[m[4]]
    drop = next(r for r in report.suspects[0].reasons if r.code == "drop")
    assert drop.figures["drop_pct"] >= 70


def test_suspects_become_inspection_orders_once(town):
    db, boss = town["db"], town["boss"]
    report = run_theft_analysis(db, boss)
    top = [(s.meter_id, "; ".join(describe(r) for r in s.reasons)) for s in report.suspects[:2]]
    first = open_inspection_orders(db, boss, top)
    assert len(first.opened) == 2
    again = open_inspection_orders(db, boss, top)
    assert again.opened == () and len(again.skipped) == 2
    with db.read() as s:
        orders = s.scalars(select(WorkOrder).where(WorkOrder.kind == "inspection")).all()
    assert {o.meter_id for o in orders} == {m for m, _d in top}
    assert all(o.source == "analysis" for o in orders)
    assert any("use fell" in o.description for o in orders)
    assert run_theft_analysis(db, boss).suspects[0].open_order_no == orders[0].order_no


def test_the_analysis_stops_when_cancelled_and_needs_the_permission(town):
    with pytest.raises(Cancelled):
        run_theft_analysis(town["db"], town["boss"], cancelled=lambda: True)
    with pytest.raises(PermissionDenied):
        run_theft_analysis(town["db"], town["clerk"])


def test_a_long_gap_in_the_readings_is_not_read_as_no_use():
    day = 86400.0
    times = np.array([0, 30, 60, 300, 301]) * day
    registers = np.array([0.0, 30.0, 60.0, 70.0, 71.0])
    rates = theft.window_rates(times, registers, np.array([0, 30, 60, 90, 270, 300]) * day)
    assert rates[:2].tolist() == pytest.approx([1.0, 1.0])
    assert np.isnan(rates[2:]).all()


def test_the_analysis_looks_at_the_last_stretch_the_readings_cover(town):
    """Live readings months after the history (an old demo database) do not hide it."""
    db = town["db"]
    with db.uow() as s:
        for meter_id in town["meters"].values():
            s.add(Reading(meter_id=meter_id, read_at=dt.datetime(2026, 11, 20, tzinfo=UTC),
                          energy_total=Decimal("99999.00")))
    report = run_theft_analysis(db, town["boss"])
    assert report.as_of < dt.datetime(2026, 1, 2, tzinfo=UTC)
    assert report.suspects[0].meter_id == town["meters"][0]
