"""Bill-run throughput on a demo database.

    python -m bench.billing --accounts 100000 [--db URL] [--batch 5000]

Builds (or reuses: bench.lookup's file) a demo database of N accounts, whose readings end on
2026-01-01, adds a reading on 2026-02-01 for every meter (a month's use on
top), clears any earlier run of 2026-01 and bills 2026-01 through
`run_bills`: tiers, TOU registers, ledger charges and audit included.
Progress on stderr; one JSON object on the last stdout line, with the CPU seconds
(user + sys) of this process and, on a local PostgreSQL, of its server processes
beside the wall time: on a shared machine CPU time is the fairer figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time

from sqlalchemy import Connection, text

from bench.lookup import open_database
from bench.machine import machine
from bench.seating import add_option, take_duty
from console.db import Database
from console.dbroles.seat import ALL_UNITS
from console.demo.calendar import local
from console.demo.dialect import Dialect
from console.services.actor import Actor
from console.services.billing.bill_run import run_bills

PERIOD = "2026-01"
PREV_READ, NEXT_READ = local(dt.date(2026, 1, 1)), local(dt.date(2026, 2, 1))


def prepare(db: Database) -> None:
    """Forget an earlier run of the period; give every meter its next month-end reading."""
    deleted, fresh = [], False
    with db.engine.begin() as conn:
        # bench.payments (same file) may have paid some of them: drop those links too.
        of_period = "bill_id IN (SELECT id FROM bill WHERE period = :p)"
        for table, where in (("ledger_entry", of_period), ("payment_allocation", of_period),
                             ("reading_review", "period = :p"), ("bill", "period = :p")):
            if conn.execute(text(f"DELETE FROM {table} WHERE {where}"), {"p": PERIOD}).rowcount:
                deleted.append(table)
        d = Dialect(conn.dialect.name)
        # Readings stay from an earlier run (they are the same every time): deleting
        # them would check every bill's reading references, which have no index.
        there = conn.execute(text("SELECT 1 FROM reading WHERE read_at = :t LIMIT 1"),
                             {"t": d.ts_value(NEXT_READ)}).first()
        if there is None:
            _next_readings(conn, d)
            fresh = True
    _tidy(db, deleted, fresh)


def _tidy(db: Database, deleted: list[str], fresh_readings: bool) -> None:
    """PostgreSQL: clear the rows the DELETEs above left dead; count the new readings.

    A live database never deletes a month's bills, and autovacuum would clean up after
    one that did; without this, every bill of the timed run would first visit the dead
    twins of its (customer, period) key left by each earlier run of the benchmark.
    """
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in deleted:
            conn.exec_driver_sql(f"VACUUM (ANALYZE) {table}")
        if fresh_readings:
            conn.exec_driver_sql("ANALYZE reading")


def _next_readings(conn: Connection, d: Dialect) -> None:
    # A month's use in 0.01 kWh per meter (50..450 kWh), spread over the registers
    # in integers so that they add up exactly.
    # BIGINT: meter ids past 271,000 times 7919 overflow PostgreSQL's integer.
    use = "(CAST(r.meter_id AS BIGINT) * 7919 % 40000 + 5000)"
    parts = {"sharp": f"({use} / 10)", "peak": f"({use} * 3 / 10)", "flat": f"({use} / 4)"}
    valley = f"({use} - {' - '.join(parts.values())})"
    reg = {name: f"r.energy_{name} + {d.money(expr)}" for name, expr in {**parts, "valley": valley}.items()}
    conn.execute(text(f"""
        INSERT INTO reading (meter_id, read_at, energy_total, energy_sharp, energy_peak,
                             energy_flat, energy_valley, source, quality)
        SELECT r.meter_id, :next, r.energy_total + {d.money(use)}, {reg['sharp']}, {reg['peak']},
               {reg['flat']}, {reg['valley']}, 'collected', 'good'
        FROM reading r WHERE r.read_at = :prev"""),
        {"next": d.ts_value(NEXT_READ), "prev": d.ts_value(PREV_READ)})


def _cpu() -> float:
    return sum(os.times()[:2])  # user + sys of this process


def _server_cpu(db: Database) -> float | None:
    """User + sys seconds of the PostgreSQL backends serving this database (same host only)."""
    if db.engine.dialect.name != "postgresql":
        return None
    with db.engine.connect() as conn:
        pids = conn.scalars(text("SELECT pid FROM pg_stat_activity "
                                 "WHERE datname = current_database()")).all()
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return None  # a remote server: nothing to read
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.billing")
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--db", help="database URL (default: a SQLite file in the temp folder)")
    add_option(parser)
    args = parser.parse_args(argv)
    # The lookup benchmark's demo database: generated once, shared by both.
    db = open_database(args.db, args.accounts, args.seed)
    prepare(db)
    # A supervisor's duty seeing every unit: the run bills the same customers as without,
    # the policies still run, and rows go by INSERT (PostgreSQL refuses COPY under RLS).
    role = take_duty(db, "supervisor", ALL_UNITS, args.seated)
    print(f"billing {PERIOD} on {db.description}…", file=sys.stderr)
    load = os.getloadavg()
    server = _server_cpu(db)
    started, cpu = time.perf_counter(), _cpu()
    result = run_bills(db, Actor.system("bench"), PERIOD, batch_size=args.batch,
                       progress=lambda done, total: print(f"  {done}/{total}", file=sys.stderr))
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    server = None if server is None else _server_cpu(db) - server
    db.dispose()
    print(json.dumps({"accounts": args.accounts, "bill_run_s": round(seconds, 2),
                      "cpu_s": round(cpu, 2),
                      "server_cpu_s": None if server is None else round(server, 2),
                      "bills_per_s": round(result.billed / seconds), "billed": result.billed,
                      "estimated": result.estimated, "held": result.held,
                      "amount": str(result.amount), "engine": db.engine.dialect.name,
                      "seated_as": role,
                      "machine": {**machine(), "load_average": [
                          round(x, 2) for x in (*load, *os.getloadavg())]}},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
