"""Who the customers are, as numpy arrays: unit, category, behaviour, consumption.

Proportions are exact quotas shuffled by the seed rather than coin flips, so a
small demo shows the same shares as a big one (88 % residential, ~3.2 %
postpaid arrears, 8 % prepaid…).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from console.demo import reference as ref
from console.demo.reference import UnitRow

RESIDENTIAL, COMMERCIAL, INDUSTRIAL, AGRICULTURAL, PUBLIC = range(5)
CATEGORIES = ("residential", "commercial", "industrial", "agricultural", "public")
CATEGORY_SHARES = (0.88, 0.06, 0.02, 0.025, 0.015)
# Typical monthly kWh (median, log-spread, floor, ceiling) per category.
CONSUMPTION = ((150, 0.45, 40, 700), (1200, 0.8, 150, 30000), (25000, 0.9, 2000, 500000),
               (600, 0.7, 50, 8000), (3000, 0.8, 200, 60000))
URBAN_SHARE = (0.30, 0.55, 0.20, 0.0, 0.40)  # customers served by the county's hall
ON_TIME, LATE, ARREARS, PREPAID = range(4)
SHARE_PREPAID, SHARE_ARREARS, SHARE_LATE, SHARE_STOPPERS = 0.08, 0.032, 0.12, 0.10
ARREARS_N, ARREARS_N_SHARES = [1, 2, 3, 4, 6], [0.45, 0.25, 0.15, 0.10, 0.05]
CT_RATIOS = np.array([10, 20, 40, 60])  # 50/5, 100/5, 200/5, 300/5 A


@dataclass(frozen=True)
class Population:
    """One row per customer (and its one meter), sorted by unit."""

    unit_index: np.ndarray
    category: np.ndarray
    tariff_id: np.ndarray
    behaviour: np.ndarray
    arrears_n: np.ndarray  # how many of the last overdue bills are unpaid (arrears only)
    stopper: np.ndarray  # prepaid customers who stopped topping up
    protected: np.ndarray
    public_kind: np.ndarray  # hospital, clinic, water, school, street light; -1 if not public
    base: np.ndarray  # meter-side 0.01 kWh per month, before seasons
    start: np.ndarray  # meter-side register on 1 January of the first year, 0.01 kWh
    ct_ratio: np.ndarray
    shares: np.ndarray  # (n, 3) permille of sharp, peak, flat; valley is the rest
    opened: npt.NDArray[np.datetime64]  # days

    @property
    def n(self) -> int:
        return len(self.category)


def quota(rng: np.random.Generator, n: int, shares: tuple[float, ...]) -> np.ndarray:
    """n labels 0..k-1 in exactly the given shares (rounded), in random order."""
    counts = np.floor(np.array(shares) * n).astype(int)
    counts[0] += n - counts.sum()
    return rng.permutation(np.repeat(np.arange(len(shares)), counts))


def pick(rng: np.random.Generator, eligible: np.ndarray, count: int) -> np.ndarray:
    """A boolean mask choosing `count` of the eligible rows."""
    chosen = np.zeros(len(eligible), dtype=bool)
    candidates = np.flatnonzero(eligible)
    chosen[rng.permutation(candidates)[: min(count, len(candidates))]] = True
    return chosen


def _units(rng: np.random.Generator, units: list[UnitRow], category: np.ndarray) -> np.ndarray:
    """Unit index per customer: county by population, then hall or a station."""
    shares = np.array([c[1] for c in ref.COUNTIES])
    county = rng.choice(len(shares), size=len(category), p=shares / shares.sum())
    urban = rng.random(len(category)) < np.array(URBAN_SHARE)[category]
    halls = np.array([i for i, u in enumerate(units) if u.kind == "hall"])
    stations = [np.array([i for i, u in enumerate(units) if u.kind == "station" and u.county == c])
                for c in range(len(ref.COUNTIES))]
    pick_station = rng.random(len(category))
    station = np.array([s[int(p * len(s))] for s, p in zip((stations[c] for c in county.tolist()),
                                                            pick_station.tolist(), strict=False)])
    return np.where(urban, halls[county], station)


def _behaviour(rng: np.random.Generator, category: np.ndarray, protected: np.ndarray):
    n = len(category)
    retail = (category == RESIDENTIAL) | (category == COMMERCIAL)
    prepaid = pick(rng, retail & ~protected, round(SHARE_PREPAID * n))
    arrears = pick(rng, ~prepaid, round(SHARE_ARREARS * n))
    late = pick(rng, ~prepaid & ~arrears, round(SHARE_LATE * n))
    behaviour = np.select([prepaid, arrears, late], [PREPAID, ARREARS, LATE], ON_TIME)
    stopper = pick(rng, prepaid, round(SHARE_STOPPERS * prepaid.sum()))
    # Overdue bills left unpaid: most debtors owe one (0-30 days), a tail owes
    # two, three (a disconnect notice), four or six (past 90 days).
    arrears_n = np.where(arrears, rng.choice(ARREARS_N, size=n, p=ARREARS_N_SHARES), 0)
    return behaviour, arrears_n, stopper


def _consumption(rng: np.random.Generator, category: np.ndarray):
    n = len(category)
    median, spread, low, high = (np.array(col)[category] for col in zip(*CONSUMPTION, strict=False))
    kwh = np.clip(median * np.exp(rng.normal(0.0, 1.0, n) * spread), low, high)
    big = (category == INDUSTRIAL) | ((category == COMMERCIAL) & (kwh > 5000))
    ct = np.where(big, CT_RATIOS[np.clip((np.log10(kwh) - 3).astype(int), 0, 3)], 1)
    base = np.maximum(np.round(kwh * 100 / ct), 500).astype(np.int64)
    start = (base * rng.uniform(6, 150, n)).astype(np.int64)
    shares = np.stack([rng.integers(60, 101, n), rng.integers(250, 331, n),
                       rng.integers(280, 351, n)], axis=1)
    return base, start, ct, shares


def _tariffs(rng: np.random.Generator, category: np.ndarray) -> np.ndarray:
    flat = np.array([ref.TARIFF_RESIDENTIAL, ref.TARIFF_COMMERCIAL, ref.TARIFF_INDUSTRIAL,
                     ref.TARIFF_AGRICULTURAL, ref.TARIFF_PUBLIC])[category]
    # Half of the industrial customers are billed by time of use.
    tou = (category == INDUSTRIAL) & (rng.random(len(category)) < 0.5)
    return np.where(tou, ref.TARIFF_TOU, flat)


def _protected(rng: np.random.Generator, category: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Kind of public customer (see customers.PUBLIC_KINDS) and the protected flag.

    Hospitals, clinics and water works are protected, and about 0.3 % of
    households (life-support equipment at home).
    """
    kind = np.where(category == PUBLIC, rng.integers(0, 5, len(category)), -1)
    life_support = (category == RESIDENTIAL) & (rng.random(len(category)) < 0.003)
    return kind, ((kind >= 0) & (kind <= 2)) | life_support


def build(rng: np.random.Generator, n: int, units: list[UnitRow], first_year: int) -> Population:
    """Draw the whole population for a seed; sorted by unit so numbers ascend with ids."""
    category = quota(rng, n, CATEGORY_SHARES)
    unit_index = _units(rng, units, category)
    order = np.argsort(unit_index, kind="stable")
    category, unit_index = category[order], unit_index[order]
    public_kind, protected = _protected(rng, category)
    behaviour, arrears_n, stopper = _behaviour(rng, category, protected)
    base, start, ct, shares = _consumption(rng, category)
    # Accounts opened over 27 years, the newest half a year before the data starts.
    opened = (np.datetime64(f"{first_year - 27}-01-01")
              + rng.integers(0, 9700, n).astype("timedelta64[D]"))
    return Population(unit_index=unit_index, category=category, tariff_id=_tariffs(rng, category),
                      behaviour=behaviour, arrears_n=arrears_n, stopper=stopper,
                      protected=protected, public_kind=public_kind, base=base, start=start,
                      ct_ratio=ct, shares=shares, opened=opened)
