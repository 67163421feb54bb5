"""Readings and bills, computed inside the database by INSERT ... SELECT.

Python writes one work row per meter (consumption profile, tariff, behaviour)
and one per month boundary; the database multiplies them out. A meter's
register at month boundary k has a closed form,

    T(k) = start + base * F(k) / 1000 + noise(k),   0 <= noise < 15 % of base,

where F is the cumulative seasonal factor (permille). Each month's use is at
least 70 % of `base`, so registers only ever go up, and no running sum (window
function) is needed: a bill's kWh and its year-to-date total for the annual
tiers are differences of T.
"""

from __future__ import annotations

import numpy as np

from console.demo import reference as ref
from console.demo.bulk import BulkWriter
from console.demo.calendar import ROUTES, DemoCalendar
from console.demo.dialect import P31, Dialect
from console.demo.payments import Decisions, paid_by_now
from console.demo.population import Population

TIER_LIMITS = (252000, 480000)  # 2,520 and 4,800 kWh in 0.01 kWh
TIER_PRICES = (5469, 5969, 8469)  # yuan/kWh in 0.0001
KIND_TIERED, KIND_FLAT, KIND_TOU = 0, 1, 2
TOU_E4 = {r: int(p.scaleb(4)) for r, p in ref.TOU_PRICE.items()}
LATE_RATE_E4 = {ref.TARIFF_RESIDENTIAL: 10, ref.TARIFF_COMMERCIAL: 20, ref.TARIFF_INDUSTRIAL: 30,
                ref.TARIFF_AGRICULTURAL: 20, ref.TARIFF_PUBLIC: 20, ref.TARIFF_TOU: 30}
FLAT_E4 = {tid: int(p[2].scaleb(4)) for tid, p in ref.FLAT_PRICES.items()}

METER_WORK = ("mid BIGINT PRIMARY KEY, base BIGINT, start BIGINT, mult BIGINT, s1 BIGINT, s2 BIGINT,"
              " s3 BIGINT, kind BIGINT, price BIGINT, rate BIGINT, behaviour BIGINT, arrears_n BIGINT,"
              " route BIGINT, k_over BIGINT, first BIGINT, unit_id BIGINT, unit_code TEXT, operator BIGINT,"
              " tariff_id BIGINT")


def unit_first(unit_index: np.ndarray) -> np.ndarray:
    """The first customer id of each customer's unit (customers are sorted by unit)."""
    return np.searchsorted(unit_index, unit_index) + 1


def route_of(mid: np.ndarray) -> np.ndarray:
    """The billing route (due-day offset) of each customer id."""
    return mid % ROUTES


def create_meter_work(bulk: BulkWriter, cal: DemoCalendar, pop: Population, unit_codes: list[str],
                      unit_ids: list[int], counters: dict[int, int], county_of: list[int]) -> None:
    """demo_meter: everything the SQL generators need to know per meter (= customer).

    `k_over` is how many of the customer's bills are past due on the as-of day.
    """
    bulk.temp_table("demo_meter", METER_WORK)
    tariff = pop.tariff_id
    kind = np.where(tariff == ref.TARIFF_RESIDENTIAL, KIND_TIERED,
                    np.where(tariff == ref.TARIFF_TOU, KIND_TOU, KIND_FLAT))
    price = np.vectorize(lambda t: FLAT_E4.get(t, 0))(tariff) if len(tariff) else tariff
    rate = np.vectorize(LATE_RATE_E4.get)(tariff) if len(tariff) else tariff
    operator = [counters.get(county_of[u]) for u in pop.unit_index.tolist()]
    mid = np.arange(1, pop.n + 1)
    overdue = np.array([cal.overdue_periods(r) for r in range(ROUTES)])
    columns = (mid, pop.base, pop.start, pop.ct_ratio, pop.shares[:, 0],
               pop.shares[:, 1], pop.shares[:, 2], kind, price, rate, pop.behaviour, pop.arrears_n,
               route_of(mid), overdue[route_of(mid)], unit_first(pop.unit_index))
    rows = zip(*(c.tolist() for c in columns),
               (unit_ids[u] for u in pop.unit_index.tolist()),
               (unit_codes[u] for u in pop.unit_index.tolist()), operator, tariff.tolist(), strict=False)
    bulk.work_rows("demo_meter", [c.split()[0] for c in METER_WORK.split(",")], rows)


def create_month_work(bulk: BulkWriter, d: Dialect, cal: DemoCalendar, seed: int) -> None:
    """demo_k: readings 0..n-1 with season factors, times, noise constants, and per billed
    period its bill run, the first boundary of its year (y0) and the days from its issue
    to the as-of day (cut); demo_due: due dates by period and route."""
    ts = d.ts_type()
    bulk.temp_table("demo_k", f"k BIGINT PRIMARY KEY, f BIGINT, na BIGINT, nb BIGINT, read_at {ts},"
                              f" period TEXT, ym TEXT, issued_at {ts}, y0 BIGINT, cut BIGINT")
    rng = np.random.default_rng([seed, 7])
    noise = [(int(rng.integers(10**6, P31 // 4)), int(rng.integers(0, P31)))
             for _k in range(cal.last_boundary + 1)]
    rows = []
    for k in range(cal.readings):
        billed = k < cal.periods
        # The as-of midnight shares its month start's noise: it can only add to the register.
        na, nb = noise[min(k, cal.last_boundary)]
        rows.append((k, cal.season_total(k), na, nb, d.ts_value(cal.read_at(k)),
                     cal.period(k) if billed else None,
                     cal.period(k).replace("-", "") if billed else None,
                     d.ts_value(cal.issued_at(k)) if billed else None, cal.year_start(k),
                     cal.days_before_now(k) if billed else None))
    bulk.work_rows("demo_k", ("k", "f", "na", "nb", "read_at", "period", "ym", "issued_at", "y0",
                              "cut"), rows)
    bulk.temp_table("demo_due", f"id BIGINT PRIMARY KEY, due_date {'DATE' if d.pg else 'TEXT'}")
    bulk.work_rows("demo_due", ("id", "due_date"), [
        (p * ROUTES + r, d.date_value(cal.due_date(p, r)))
        for p in range(cal.periods) for r in range(ROUTES)])
    bulk.temp_table("demo_j", "j BIGINT PRIMARY KEY")
    bulk.work_rows("demo_j", ("j",), [(1,), (2,), (3,)])


# Planted for the theft-suspicion analysis (issue 9): one meter in THEFT_EVERY
# registers a fifth of its use from THEFT_MONTHS month starts before the
# newest one (a bypass four months ago). Monthly use stays >= 0.17 base >
# the 0.15 base noise spread, so registers still only go up, and the bills
# follow the registers as for everyone.
THEFT_EVERY, THEFT_AT, THEFT_MONTHS = 499, 7, 4


def planted_theft(mid: int) -> bool:
    return mid % THEFT_EVERY == THEFT_AT


def theft_factor(cal: DemoCalendar) -> int:
    """The cumulative season factor at the boundary the bypass began."""
    return cal.season_total(cal.last_boundary - THEFT_MONTHS)


def register(m: str, k: str, theft: int) -> str:
    """T(k) of meter m at reading k (0.01 kWh), see the module docstring."""
    noise = f"(({m}.mid * {k}.na + {k}.nb) % {P31}) % ({m}.base * 3 / 20 + 1)"
    use = (f"(CASE WHEN {m}.mid % {THEFT_EVERY} = {THEFT_AT} AND {k}.f > {theft}"
           f" THEN {theft} + ({k}.f - {theft}) / 5 ELSE {k}.f END)")
    return f"({m}.start + {m}.base * {use} / 1000 + {noise})"


def insert_readings(bulk: BulkWriter, d: Dialect, cal: DemoCalendar) -> int:
    t = "x.t"
    sharp, peak, flat = (f"({t} * x.s{i} / 1000)" for i in (1, 2, 3))
    valley = f"({t} - {sharp} - {peak} - {flat})"
    return bulk.sql(f"""
        INSERT INTO reading (id, meter_id, read_at, energy_total, energy_sharp, energy_peak,
                             energy_flat, energy_valley, source, quality)
        SELECT (x.mid - 1) * {cal.readings} + x.k + 1, x.mid, x.read_at, {d.money(t)},
               {d.money(sharp)}, {d.money(peak)}, {d.money(flat)}, {d.money(valley)},
               'collected', 'good'
        FROM (SELECT m.mid, k.k, k.read_at, m.s1, m.s2, m.s3,
                     {register('m', 'k', theft_factor(cal))} AS t
              FROM demo_meter m CROSS JOIN demo_k k WHERE k.k >= 0 {d.fence()}) x
        WHERE x.mid > 0""")


def _tiered(c0: str, c1: str, d: Dialect) -> str:
    """Annual-tier price (0.000001 yuan) of the kWh between year-to-date c0 and c1."""
    (l1, l2), (p1, p2, p3) = TIER_LIMITS, TIER_PRICES
    t1 = f"({d.least(c1, str(l1))} - {d.least(c0, str(l1))})"
    t2 = (f"({d.least(d.greatest(c1, str(l1)), str(l2))}"
          f" - {d.least(d.greatest(c0, str(l1)), str(l2))})")
    t3 = f"({d.greatest(c1, str(l2))} - {d.greatest(c0, str(l2))})"
    return f"({t1} * {p1} + {t2} * {p2} + {t3} * {p3})"


def _tou(d: Dialect) -> str:
    """Time-of-use price (0.000001 yuan): each register's advance at its own price."""
    parts = []
    for i, name in ((1, "sharp"), (2, "peak"), (3, "flat")):
        parts.append(f"(y.tb * y.s{i} / 1000 - y.ta * y.s{i} / 1000) * {TOU_E4[name]}")
    valley = ("((y.tb - y.tb * y.s1 / 1000 - y.tb * y.s2 / 1000 - y.tb * y.s3 / 1000)"
              " - (y.ta - y.ta * y.s1 / 1000 - y.ta * y.s2 / 1000 - y.ta * y.s3 / 1000))")
    parts.append(f"{valley} * {TOU_E4['valley']}")
    return f"(y.mult * ({' + '.join(parts)}))"


def _priced(d: Dialect, cal: DemoCalendar, seed: int) -> str:
    """Subquery z: one row per meter and period with kWh and amount in fen.

    t0 is the register at the start of the period's calendar year: the annual
    tiers count from there, so January starts every year in the first tier.
    """
    theft = theft_factor(cal)
    readings = f"""
        SELECT m.mid, k.k, k.period, k.ym, k.issued_at, k.cut, m.mult, m.s1, m.s2, m.s3,
               m.kind, m.price, m.behaviour, m.arrears_n, m.route, m.k_over, m.rate, m.tariff_id,
               {register('m', 'k0', theft)} AS t0, {register('m', 'k', theft)} AS ta,
               {register('m', 'k1', theft)} AS tb
        FROM demo_meter m CROSS JOIN demo_k k CROSS JOIN demo_k k1 CROSS JOIN demo_k k0
        WHERE k.k < {cal.periods} AND k1.k = k.k + 1 AND k0.k = k.y0 {d.fence()}"""
    c0, c1 = "((y.ta - y.t0) * y.mult)", "((y.tb - y.t0) * y.mult)"
    micro = (f"CASE y.kind WHEN {KIND_TIERED} THEN {_tiered(c0, c1, d)}"
             f" WHEN {KIND_FLAT} THEN (y.tb - y.ta) * y.mult * y.price ELSE {_tou(d)} END")
    # Whether the bill is paid, once per row here: the outer query asks twice.
    x = Decisions(seed, f"((y.mid - 1) * {cal.periods} + y.k + 1)", "y", "y.k", "y.cut")
    paid = f"CASE WHEN y.behaviour <> 3 AND {paid_by_now(x)} THEN 1 ELSE 0 END"
    return f"""
        SELECT y.*, (y.tb - y.ta) * y.mult AS kwh, ({micro} + 5000) / 10000 AS amount,
               {paid} AS paid
        FROM ({readings}) y WHERE y.mid > 0 {d.fence()}"""


def insert_bills(bulk: BulkWriter, d: Dialect, cal: DemoCalendar, seed: int) -> int:
    """A bill per customer and bill run; a postpaid bill is paid if its payment came
    before the as-of day (payments.Decisions says when it comes, or that it never does).

    Prepaid bills start open; the prepaid module settles them from top-ups.
    """
    bill_id = f"((z.mid - 1) * {cal.periods} + z.k + 1)"
    paid = "(z.paid = 1)"
    r = cal.readings
    return bulk.sql(f"""
        INSERT INTO bill (id, bill_no, customer_id, meter_id, tariff_id, period, prev_reading_id,
                          curr_reading_id, kwh, amount, paid_amount, due_date, status, estimated,
                          issued_at)
        SELECT {bill_id}, 'DF' || z.ym || {d.lpad('z.mid', 9)},
               z.mid, z.mid, z.tariff_id, z.period, (z.mid - 1) * {r} + z.k + 1,
               (z.mid - 1) * {r} + z.k + 2, {d.money('z.kwh')}, {d.money('z.amount')},
               {d.money(f'CASE WHEN {paid} THEN z.amount ELSE 0 END')}, dd.due_date,
               CASE WHEN {paid} THEN 'paid' ELSE 'open' END, {d.flag('0')}, z.issued_at
        FROM ({_priced(d, cal, seed)}) z CROSS JOIN demo_due dd
        WHERE z.mid > 0 AND dd.id = z.k * {ROUTES} + z.route""")
