"""Pricing: annual tiers split at the limits, the year boundary, TOU registers, flat, rounding."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from console.billing.pricing import (
    Rates,
    Tier,
    Usage,
    price_usage,
    split_by_year,
    tier_split,
)
from console.errors import PermissionDenied, TariffOverlap, ValidationError
from console.services.billing.tariffs import (
    TariffSpec,
    TierSpec,
    TouSpec,
    create_tariff,
    list_tariffs,
    new_version,
)
from tests import factories as f

D, d = Decimal, dt.date
# Shandong residential tiers: 2,520 / 4,800 kWh a year.
TIERS = (Tier(D("2520"), D("0.5469")), Tier(D("4800"), D("0.5969")), Tier(None, D("0.8469")))
TIERED = Rates("tiered", D("0.5469"), TIERS)
JULY = (d(2026, 7, 1), d(2026, 8, 1))


@pytest.mark.parametrize("ytd, kwh, parts", [
    ("0", "200.00", [(1, "200.00")]),
    ("2400", "120.00", [(1, "120.00")]),  # exactly up to the limit: all tier 1
    ("2400", "300.00", [(1, "120.00"), (2, "180.00")]),  # crosses 2,520
    ("2520", "10.00", [(2, "10.00")]),  # starts on the limit
    ("2400", "3000.00", [(1, "120.00"), (2, "2280.00"), (3, "600.00")]),  # crosses both
    ("5000", "50.00", [(3, "50.00")]),
])
def test_tier_split_at_the_limits(ytd, kwh, parts):
    got = [(seq, k) for seq, k, _price in tier_split(D(kwh), D(ytd), TIERS)]
    assert got == [(seq, D(k)) for seq, k in parts]


def test_tiered_bill_total():
    priced = price_usage(TIERED, Usage(D("300.00"), *JULY), {2026: D("2400")})
    # 120 x 0.5469 + 180 x 0.5969 = 65.628 + 107.442 = 173.07
    assert priced.amount == D("173.07")
    assert [line.label for line in priced.lines] == ["tier 1 (2026)", "tier 2 (2026)"]


def test_a_bill_spanning_the_year_boundary_restarts_the_tiers():
    # 310 kWh from 2025-12-15 to 2026-01-15: 17 days in 2025, 14 in 2026 -> 170 + 140 kWh.
    # 2025 had 2,500 kWh billed already: 20 at tier 1, 150 at tier 2; 2026 starts at 0.
    usage = Usage(D("310.00"), d(2025, 12, 15), d(2026, 1, 15))
    assert split_by_year(usage.kwh, usage.start, usage.end) == [(2025, D("170.00")),
                                                                 (2026, D("140.00"))]
    priced = price_usage(TIERED, usage, {2025: D("2500"), 2026: D("0")})
    # 20 x 0.5469 + 150 x 0.5969 + 140 x 0.5469 = 10.938 + 89.535 + 76.566 = 177.039
    assert priced.amount == D("177.04")


def test_a_december_bill_read_on_new_years_day_stays_in_its_year():
    assert split_by_year(D("99.99"), d(2025, 12, 1), d(2026, 1, 1)) == [(2025, D("99.99"))]


def test_time_of_use_prices_each_register():
    rates = Rates("tou", D("0.6500"), tou={"sharp": D("1.0725"), "peak": D("0.8943"),
                                           "flat": D("0.6500"), "valley": D("0.3557")})
    usage = Usage(D("1000.00"), *JULY, registers={"sharp": D("100.00"), "peak": D("300.00"),
                                                  "flat": D("250.00"), "valley": D("350.00")})
    # 107.25 + 268.29 + 162.50 + 124.495 = 662.535 -> 662.54 (half up, once)
    assert price_usage(rates, usage, {}).amount == D("662.54")


def test_time_of_use_without_registers_falls_back_to_the_flat_price():
    rates = Rates("tou", D("0.6500"), tou={"peak": D("0.8943")})
    priced = price_usage(rates, Usage(D("10.00"), *JULY), {})
    assert [(line.label, line.amount) for line in priced.lines] == [("unregistered", D("6.5"))]


def test_flat_rounds_half_up_at_the_total_only():
    rates = Rates("flat", D("0.5469"))
    # 0.05 x 0.5469 = 0.027345 -> 0.03; 123.45 x 0.5469 = 67.514805 -> 67.51
    assert price_usage(rates, Usage(D("0.05"), *JULY), {}).amount == D("0.03")
    assert price_usage(rates, Usage(D("123.45"), *JULY), {}).amount == D("67.51")


def test_lines_are_not_rounded_one_by_one():
    rates = Rates("tou", D("0.0000"), tou={"peak": D("0.0050"), "valley": D("0.0050")})
    usage = Usage(D("2.00"), *JULY, registers={"peak": D("1.00"), "valley": D("1.00")})
    # Each line is 0.005 (0.01 if rounded alone, 0.02 together); the exact total is 0.01.
    assert price_usage(rates, usage, {}).amount == D("0.01")


# Tariffs as data: create, version, refuse overlaps (admin only).

SPEC = TariffSpec(code="RES-TIER", name="居民阶梯电价", kind="tiered", category="residential",
                  effective_from=d(2025, 1, 1), price="0.5469",
                  tiers=(TierSpec(D("2520"), D("0.5469")), TierSpec(D("4800"), D("0.5969")),
                         TierSpec(None, D("0.8469"))))


@pytest.fixture
def admin(db):
    with db.session() as s:
        unit = f.unit(s)
        return f.actor(s, unit, username="admin", role="admin"), f.actor(
            s, unit, username="clerk", role="counter")


def test_create_and_version_a_tariff(db, admin):
    boss, clerk = admin
    first = create_tariff(db, boss, SPEC)
    assert [t.upper_kwh for t in first.tiers] == [D("2520.00"), D("4800.00"), None]
    second = new_version(db, boss, replace(SPEC, effective_from=d(2026, 7, 1), price="0.5569"))
    versions = list_tariffs(db, clerk, code="RES-TIER")
    assert [(v.effective_from, v.effective_to, v.price) for v in versions] == [
        (d(2025, 1, 1), d(2026, 6, 30), D("0.5469")), (d(2026, 7, 1), None, D("0.5569"))]
    assert [v.id for v in list_tariffs(db, clerk, on=d(2026, 6, 30))] == [first.id]
    assert [v.id for v in list_tariffs(db, clerk, on=d(2026, 7, 1))] == [second.id]


@pytest.mark.parametrize("start, end", [
    (d(2024, 6, 1), None), (d(2025, 6, 1), d(2025, 12, 31)), (d(2024, 1, 1), d(2025, 1, 1))])
def test_overlapping_validity_is_refused(db, admin, start, end):
    create_tariff(db, admin[0], SPEC)  # from 2025-01-01, open-ended
    with pytest.raises(TariffOverlap) as err:
        create_tariff(db, admin[0], replace(SPEC, effective_from=start, effective_to=end))
    assert err.value.params["other_from"] == "2025-01-01"


def test_a_version_ending_before_is_fine(db, admin):
    create_tariff(db, admin[0], SPEC)
    older = create_tariff(db, admin[0], replace(SPEC, effective_from=d(2024, 1, 1),
                                                effective_to=d(2024, 12, 31)))
    assert older.effective_to == d(2024, 12, 31)


@pytest.mark.parametrize("change", [
    {"price": "-0.5"}, {"price": "0.12345"}, {"kind": "magic"}, {"code": ""},
    {"tiers": (TierSpec(D("4800"), D("0.5")), TierSpec(D("2520"), D("0.6")),
               TierSpec(None, D("1")))},
    {"tiers": (TierSpec(D("2520"), D("0.5")),)},
    {"kind": "tou", "tou": (TouSpec("noon", dt.time(11), dt.time(13), D("0.7")),)},
    {"effective_to": d(2024, 1, 1)},
])
def test_bad_tariffs_are_refused(db, admin, change):
    with pytest.raises(ValidationError):
        create_tariff(db, admin[0], replace(SPEC, **change))
    assert list_tariffs(db, admin[1]) == []


def test_only_admins_manage_tariffs(db, admin):
    with pytest.raises(PermissionDenied):
        create_tariff(db, admin[1], SPEC)
