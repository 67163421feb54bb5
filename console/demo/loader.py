"""The demo-data entry point: one call fills an empty, migrated database."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, Engine, insert, text
from sqlalchemy.orm import Session

from console.demo import accounts, customers, payments, population, prepaid, seals, usage, workload
from console.demo import calendar as cal
from console.demo import reference as ref
from console.demo.accounts import DEMO_ACCOUNTS, DemoAccount
from console.demo.bulk import BulkWriter
from console.demo.dialect import Dialect
from console.demo.storage import (count_rows, deferred_indexes, fast_load, is_empty,
                                  reset_sequences, wipe)
from console.errors import DatabaseNotEmpty
from console.models import Setting
from console.services import audit
from console.services.actor import Actor

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class DemoResult:
    """What generate() wrote: customers, seconds taken, rows per table, the logins."""

    customers: int
    seconds: float
    rows: dict[str, int]
    accounts: tuple[DemoAccount, ...]


def generate(engine: Engine, *, customers: int, seed: int = 1, force: bool = False,
             progress: Progress | None = None) -> DemoResult:
    """Fill a migrated database with deterministic demo data for `customers` accounts.

    Refuses (DatabaseNotEmpty) when customers or users exist, unless `force`,
    which first deletes every domain row and restarts the audit chain. The same
    seed gives the same rows on every run and on both engines.
    """
    started = time.perf_counter()
    report = progress or (lambda _step, _fraction: None)
    with fast_load(engine) as conn:
        with conn.begin():
            if not is_empty(conn):
                if not force:
                    raise DatabaseNotEmpty("the database already holds customers or users",
                                           customers=customers)
            with deferred_indexes(conn):
                if not is_empty(conn):
                    report("wipe", 0.0)
                    wipe(conn)
                _fill(conn, customers, seed, report)
                report("indexes", 0.86)
            rows = count_rows(conn)
            _audit(conn, customers, seed, rows)
            reset_sequences(conn)
    report("done", 1.0)
    return DemoResult(customers, round(time.perf_counter() - started, 3), rows, DEMO_ACCOUNTS)


def _fill(conn: Connection, n: int, seed: int, report: Progress) -> None:
    d, bulk = Dialect(conn.dialect.name), BulkWriter(conn)
    rng = np.random.default_rng(seed)
    units = ref.build_units()
    report("reference", 0.01)
    ref.insert_units(conn, units)
    ref.insert_tariffs(conn)
    ref.insert_policies(conn, units)
    user_ids = accounts.insert_users(conn, units, seed)
    counters = accounts.counter_by_county(units, user_ids)
    pop = population.build(rng, n, units)
    where = _whereabouts(pop, units, counters)
    settled: list[prepaid.Settlement] = []
    fitters = accounts.fitter_by_county(units, user_ids)
    staff = {"supervisor": user_ids["supervisor1"], "inspector": user_ids["inspector1"],
             "counter": user_ids["counter1"]}
    steps: list[tuple[str, float, Callable[[], object]]] = [
        ("customers", 0.02, lambda: customers.insert_customers(rng, bulk, pop, units)),
        ("meters", 0.06, lambda: customers.insert_meters(rng, bulk, pop, units)),
        ("work tables", 0.08, lambda: _work_tables(bulk, d, pop, units, counters, seed)),
        ("readings", 0.10, lambda: usage.insert_readings(bulk, d)),
        ("bills", 0.18, lambda: usage.insert_bills(bulk, d)),
        ("payments", 0.32, lambda: payments.insert_payments(bulk, d, seed)),
        ("allocations", 0.45, lambda: payments.insert_allocations(bulk)),
        ("ledger", 0.52, lambda: payments.insert_ledger(bulk, d)),
        ("prepaid", 0.72, lambda: settled.append(prepaid.settle(rng, bulk, d, pop, where))),
        ("seals", 0.76, lambda: seals.insert_seals(rng, bulk, pop, units, fitters, user_ids["admin1"])),
        ("workload", 0.84, lambda: workload.insert_workload(
            rng, bulk, d, pop, settled[0], where["unit_id"], staff)),
    ]
    for name, fraction, step in steps:
        report(name, fraction)
        step()
    conn.execute(insert(Setting), [
        {"key": "demo.seed", "value": str(seed)}, {"key": "demo.customers", "value": str(n)},
        {"key": "demo.anchor", "value": cal.ANCHOR.isoformat()}])
    for table in ("demo_meter", "demo_k", "demo_j"):
        conn.execute(text(f"DROP TABLE IF EXISTS {table}"))


def _whereabouts(pop: population.Population, units: list[ref.UnitRow],
                 counters: dict[int, int]) -> dict[str, np.ndarray]:
    """Per customer: unit id, unit code and the county's counter clerk (0 if none)."""
    return {
        "unit_id": np.array([u.id for u in units])[pop.unit_index],
        "unit_code": np.array([u.code for u in units])[pop.unit_index],
        "operator": np.array([counters.get(u.county, 0) for u in units])[pop.unit_index],
    }


def _work_tables(bulk: BulkWriter, d: Dialect, pop: population.Population,
                 units: list[ref.UnitRow], counters: dict[int, int], seed: int) -> None:
    usage.create_meter_work(bulk, pop, [u.code for u in units], [u.id for u in units], counters,
                            [u.county for u in units])
    usage.create_month_work(bulk, d, seed)


def _audit(conn: Connection, n: int, seed: int, rows: dict[str, int]) -> None:
    session = Session(bind=conn)
    audit.record(session, Actor.system("demo"), "demo.generated", entity_type="database",
                 after={"customers": n, "seed": seed, "rows": rows})
    session.flush()
    session.close()
