"""The demo-data entry point: one call fills an empty, migrated database."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, Engine, insert, select, text
from sqlalchemy.orm import Session

from console.demo import (
    accounts,
    customers,
    devices,
    drawdown,
    payments,
    population,
    prepaid,
    reference as ref,
    seals,
    usage,
    workload,
)
from console.demo.accounts import DEMO_ACCOUNTS, DemoAccount
from console.demo.bulk import BulkWriter
from console.demo.calendar import DemoCalendar, local, parse_as_of
from console.demo.dialect import Dialect
from console.demo.storage import (
    cache_kib,
    count_rows,
    deferred_indexes,
    fast_load,
    is_empty,
    reset_sequences,
    wipe,
)
from console.errors import DatabaseNotEmpty
from console.models import Setting
from console.services import audit
from console.services.actor import Actor

Progress = Callable[[str, float], None]
AS_OF_KEY = "demo.as_of"


@dataclass(frozen=True)
class DemoResult:
    """What generate() wrote: customers, seconds taken, rows per table, the logins, and
    the day the data is as of."""

    customers: int
    seconds: float
    rows: dict[str, int]
    accounts: tuple[DemoAccount, ...]
    as_of: dt.date


def generate(engine: Engine, *, customers: int, seed: int = 1, force: bool = False,
             progress: Progress | None = None, as_of: dt.date | None = None) -> DemoResult:
    """Fill a migrated database with demo data for `customers` accounts, as of a day.

    The data ends at the start of `as_of` (default: today in Heze, with the
    meters last heard right now); see console.demo.calendar. Refuses (DatabaseNotEmpty) when customers or users
    exist, unless `force`, which first deletes every domain row and restarts
    the audit chain. The same seed and as-of day give the same rows on every
    run and on both engines.
    """
    cal = (DemoCalendar(as_of) if as_of else
           DemoCalendar(parse_as_of(None), heard=dt.datetime.now(dt.UTC).replace(microsecond=0)))
    started = time.perf_counter()
    report = progress or (lambda _step, _fraction: None)
    with fast_load(engine, cache_kib(customers)) as conn, conn.begin():
        empty = is_empty(conn)
        if not empty and not force:
            raise DatabaseNotEmpty("the database already holds customers or users",
                                   customers=customers)
        with deferred_indexes(conn):
            if not empty:
                report("wipe", 0.0)
                wipe(conn)
            counts = _fill(conn, cal, customers, seed, report)
            report("indexes", 0.86)
        rows = count_rows(conn, counts)
        _audit(conn, cal, customers, seed, rows)
        reset_sequences(conn)
    report("done", 1.0)
    return DemoResult(customers, round(time.perf_counter() - started, 3), rows, DEMO_ACCOUNTS,
                      cal.as_of)


@dataclass(frozen=True)
class DemoInfo:
    """What a database says about the demo loaded into it."""

    customers: int
    seed: int
    as_of: dt.date


# Demo files written before the demo rolled were all as of this day.
FROZEN_AS_OF = dt.date(2026, 1, 20)


def demo_info(engine: Engine) -> DemoInfo | None:
    """The finished demo in this database, or None (no demo, or a load cut short)."""
    with engine.connect() as conn:
        values = dict(conn.execute(select(Setting.key, Setting.value)
                                   .where(Setting.key.like("demo.%"))).all())
    if "demo.customers" not in values:
        return None
    day = values.get(AS_OF_KEY)
    return DemoInfo(int(values["demo.customers"]), int(values.get("demo.seed", 1)),
                    dt.date.fromisoformat(day) if day else FROZEN_AS_OF)


def _fill(conn: Connection, cal: DemoCalendar, n: int, seed: int,
          report: Progress) -> dict[str, int]:
    """Write everything; returns the rows the bulk writer counted per table."""
    d, bulk = Dialect(conn.dialect.name), BulkWriter(conn)
    report("reference", 0.01)
    units, user_ids = _reference(conn, cal, seed)
    pop = population.build(np.random.default_rng(seed), n, units, cal.year)
    sql_steps = _sql_steps(bulk, d, cal, pop, units, user_ids, seed)
    if d.pg:
        # PostgreSQL checks foreign keys on every row: parents first.
        rows = _prepare_rows(seed, cal, pop, units, user_ids)
        row_steps = _row_steps(bulk, d, cal, pop, units, user_ids, seed, rows)
        steps = row_steps[:2] + sql_steps + row_steps[2:]
        # Same fractions, in the order the steps run here: the ETA needs them rising.
        fractions = sorted(f for _name, f, _step in steps)
        _run(report, [(name, f, step) for (name, _f, step), f in zip(steps, fractions, strict=False)], bulk)
    else:
        with ThreadPoolExecutor(1, thread_name_prefix="demo-rows") as pool:
            # Python builds the customer, meter and seal rows on the other core
            # while SQLite computes readings, bills and payments (sqlite3 lets
            # go of the GIL while a statement runs; foreign keys are checked
            # after the load, so children may come first).
            prepared = pool.submit(_prepare_rows, seed, cal, pop, units, user_ids)
            _run(report, sql_steps, bulk)
            rows = prepared.result()
        _run(report, _row_steps(bulk, d, cal, pop, units, user_ids, seed, rows), bulk)
    conn.execute(insert(Setting), [
        {"key": "demo.seed", "value": str(seed)}, {"key": "demo.customers", "value": str(n)},
        {"key": AS_OF_KEY, "value": cal.as_of.isoformat()}])
    for table in ("demo_meter", "demo_k", "demo_j", "demo_due", "demo_day", "demo_tod"):
        conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
    return dict(bulk.counts)


Step = tuple[str, float, Callable[[], object]]


def _run(report: Progress, steps: list[Step], bulk: BulkWriter) -> None:
    counted = getattr(report, "rows", None)  # a ProgressMeter also shows rows per second
    for name, fraction, step in steps:
        report(name, fraction)
        step()
        if counted is not None:
            counted(sum(bulk.counts.values()))


def _reference(conn: Connection, cal: DemoCalendar,
               seed: int) -> tuple[list[ref.UnitRow], dict[str, int]]:
    units = ref.build_units()
    ref.insert_units(conn, units)
    ref.insert_tariffs(conn)
    ref.insert_policies(conn, units)
    setup_at = local(dt.date(cal.year - 1, 12, 1), 9)  # a month before the data starts
    user_ids = accounts.insert_users(conn, units, seed, setup_at)
    devices.insert_device(conn, seed, user_ids, setup_at)  # a route export works at once
    return units, user_ids


@dataclass(frozen=True)
class PreparedRows:
    customers: list[tuple]
    meters: list[tuple]
    seals: seals.SealRows


def _prepare_rows(seed: int, cal: DemoCalendar, pop: population.Population,
                  units: list[ref.UnitRow], user_ids: dict[str, int]) -> PreparedRows:
    """Customer, meter and seal rows; each has its own random stream, so the
    result does not depend on how the threads interleave."""
    fitters = accounts.fitter_by_county(units, user_ids)
    return PreparedRows(
        customers.customer_rows(np.random.default_rng([seed, 1]), pop, units),
        customers.meter_rows(np.random.default_rng([seed, 2]), pop, units, cal.last_heard),
        seals.seal_rows(np.random.default_rng([seed, 3]), cal, pop, units, fitters,
                        user_ids["admin1"]))


def _sql_steps(bulk: BulkWriter, d: Dialect, cal: DemoCalendar, pop: population.Population,
               units: list[ref.UnitRow], user_ids: dict[str, int], seed: int) -> list[Step]:
    counters = accounts.counter_by_county(units, user_ids)
    return [
        ("work tables", 0.02, lambda: _work_tables(bulk, d, cal, pop, units, counters, seed)),
        ("readings", 0.03, lambda: usage.insert_readings(bulk, d, cal)),
        ("bills", 0.10, lambda: usage.insert_bills(bulk, d, cal, seed)),
        ("payments", 0.28, lambda: payments.insert_payments(bulk, d, cal, seed)),
        ("allocations", 0.42, lambda: payments.insert_allocations(bulk)),
        ("ledger", 0.46, lambda: payments.insert_ledger(bulk, d)),
    ]


def _row_steps(bulk: BulkWriter, d: Dialect, cal: DemoCalendar, pop: population.Population,
               units: list[ref.UnitRow], user_ids: dict[str, int], seed: int,
               rows: PreparedRows) -> list[Step]:
    where = _whereabouts(pop, units, accounts.counter_by_county(units, user_ids))
    staff = {"supervisor": user_ids["supervisor1"], "inspector": user_ids["inspector1"],
             "counter": user_ids["counter1"]}
    settled: list[prepaid.Settlement] = []
    return [
        ("customers", 0.64, lambda: bulk.rows("customer", customers.CUSTOMER_COLUMNS, rows.customers)),
        ("meters", 0.69, lambda: bulk.rows("meter", customers.METER_COLUMNS, rows.meters)),
        ("seals", 0.73, lambda: seals.insert_seals(bulk, rows.seals)),
        ("prepaid", 0.78, lambda: settled.append(
            prepaid.settle(np.random.default_rng([seed, 4]), bulk, d, cal, pop, where))),
        ("receipts", 0.81, lambda: drawdown.set_receipt_counters(bulk, d)),
        ("workload", 0.83, lambda: workload.insert_workload(
            np.random.default_rng([seed, 5]), bulk, d, cal, pop, settled[0], where["unit_id"],
            staff)),
    ]


def _whereabouts(pop: population.Population, units: list[ref.UnitRow],
                 counters: dict[int, int]) -> dict[str, np.ndarray]:
    """Per customer: unit id, unit code and the county's counter clerk (0 if none)."""
    return {
        "unit_id": np.array([u.id for u in units])[pop.unit_index],
        "unit_code": np.array([u.code for u in units])[pop.unit_index],
        "operator": np.array([counters.get(u.county, 0) for u in units])[pop.unit_index],
    }


def _work_tables(bulk: BulkWriter, d: Dialect, cal: DemoCalendar, pop: population.Population,
                 units: list[ref.UnitRow], counters: dict[int, int], seed: int) -> None:
    usage.create_meter_work(bulk, cal, pop, [u.code for u in units], [u.id for u in units],
                            counters, [u.county for u in units])
    usage.create_month_work(bulk, d, cal, seed)
    payments.create_clock(bulk, d, cal)


def _audit(conn: Connection, cal: DemoCalendar, n: int, seed: int, rows: dict[str, int]) -> None:
    session = Session(bind=conn)
    audit.record(session, Actor.system("demo"), "demo.generated", entity_type="database",
                 after={"customers": n, "seed": seed, "as_of": cal.as_of.isoformat(),
                        "rows": rows})
    session.flush()
    session.close()
