"""Report generation times: statement, a day of 10,000 payments, aging over a million.

    python -m bench.reports [--customers 1000000] [--db URL] [--payments 10000]

* statement_ms: median of `statement_data` + `render_statement` for 30 random
  customers of the big demo database (bench.lookup's file, built once by
  `python -m bench.demo_data`/bench.lookup when missing), warm;
* daily_collection_10000_s: `daily_collection_data` + render for one day with
  `--payments` payments by 20 clerks and online channels (a fresh SQLite file
  in a temporary folder, filled here with Core inserts), with the cash-up;
* aging_1m_s: `aging_data` + `render_aging` over the big database (read only).

Progress on stderr; the last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select

from bench.lookup import open_database
from bench.machine import machine
from console import migrate
from console.db import Database, make_engine
from console.models import Customer, DayClose, DayCloseLine, Payment, Tariff, Unit, User
from console.services.actor import Actor
from console.services.payments.cashup import day_bounds
from console.services.report_data.cash import aging_data, daily_collection_data
from console.services.report_data.common import statement_data
from reports.aging import render_aging
from reports.daily_collection import render_daily_collection
from reports.statement import render_statement

METHODS = ("cash", "cash", "card", "wechat", "alipay", "transfer")
ACTOR = Actor.system("bench")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def time_statements(db: Database, count: int, seed: int) -> float:
    """Median milliseconds of data + PDF for `count` random customers (after a warm-up)."""
    with db.read() as s:
        top = s.scalar(select(func.max(Customer.id)))
        ids = random.Random(seed).sample(range(1, top + 1), min(count + 3, top))
        numbers = list(s.scalars(select(Customer.customer_no).where(Customer.id.in_(ids))))
    for number in numbers[:3]:
        render_statement(statement_data(db, ACTOR, customer_no=number))
    samples = []
    for number in numbers[3:]:
        started = time.perf_counter()
        render_statement(statement_data(db, ACTOR, customer_no=number))
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def busy_day(folder: Path, payments: int, seed: int) -> tuple[Database, dt.date]:
    """A fresh database with `payments` payments on one day (yesterday, local)."""
    engine = make_engine(f"sqlite:///{folder / 'day.db'}")
    migrate.upgrade(engine)
    day = dt.date.today() - dt.timedelta(days=1)
    rng = random.Random(seed)
    with engine.begin() as conn:
        company = conn.execute(insert(Unit).values(code="37400", name="国网菏泽供电公司",
                                                   kind="company").returning(Unit.id)).scalar()
        hall = conn.execute(insert(Unit).values(code="37419", name="牡丹区城区营业厅", kind="hall",
                                                parent_id=company, phone="0530-5001117")
                            .returning(Unit.id)).scalar()
        tariff = conn.execute(insert(Tariff).values(
            code="RES", name="居民生活用电", kind="flat", category="residential",
            effective_from=dt.date(2026, 1, 1), price=Decimal("0.5469"), version=1)
            .returning(Tariff.id)).scalar()
        clerks = [conn.execute(insert(User).values(
            username=f"clerk{i}", full_name=f"收费员{i:02d}", role="counter", unit_id=hall,
            password_hash="x", version=1).returning(User.id)).scalar() for i in range(20)]
        conn.execute(insert(Customer), [
            {"customer_no": f"37{i:08d}", "name": f"客户{i}", "category": "residential",
             "unit_id": hall, "tariff_id": tariff, "version": 1} for i in range(1, 2001)])
        first, _ = day_bounds(day)
        rows = []
        for i in range(payments):
            method = rng.choice(METHODS)
            operator = rng.choice(clerks) if method in ("cash", "card") else None
            rows.append({"customer_id": rng.randint(1, 2000), "unit_id": hall,
                         "amount": Decimal(rng.randint(1000, 30000)).scaleb(-2), "method": method,
                         "received_at": first + dt.timedelta(seconds=8 * 3600 + i * 3),
                         "operator_id": operator, "workstation": "YYT-01",
                         "receipt_no": f"374192026{i:08d}", "idempotency_key": f"b{i}",
                         "status": "reversed" if i % 97 == 0 else "posted"})
        conn.execute(insert(Payment), rows)
        _close_days(conn, clerks[:15], day, rows)
    engine.dispose()
    return Database.open(f"sqlite:///{folder / 'day.db'}"), day


def _close_days(conn, clerks: list[int], day: dt.date, rows: list[dict]) -> None:
    """Cash-up of most clerks: expected per method, a fen short now and then."""
    for clerk in clerks:
        close = conn.execute(insert(DayClose).values(operator_id=clerk, day=day, closed_by=clerk)
                             .returning(DayClose.id)).scalar()
        for method in ("cash", "card"):
            want = sum((r["amount"] for r in rows if r["operator_id"] == clerk
                        and r["method"] == method and r["status"] == "posted"), Decimal("0.00"))
            got = want - Decimal("0.01") if clerk % 4 == 0 else want
            conn.execute(insert(DayCloseLine).values(day_close_id=close, method=method,
                                                     expected=want, counted=got,
                                                     difference=got - want))


def time_daily_collection(payments: int, seed: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory(prefix="griddesk-bench-") as folder:
        db, day = busy_day(Path(folder), payments, seed)
        try:
            render_daily_collection(daily_collection_data(db, ACTOR, start=day - dt.timedelta(
                days=3), end=day - dt.timedelta(days=3)))  # warm: fonts, compiled statements
            started, cpu = time.perf_counter(), time.process_time()
            pdf = render_daily_collection(daily_collection_data(db, ACTOR, start=day, end=day))
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        finally:
            db.dispose()
    return seconds, cpu, pdf.count(b"/Type /Page\n")


def time_aging(db: Database) -> tuple[float, float, int]:
    started, cpu = time.perf_counter(), time.process_time()
    data = aging_data(db, ACTOR)
    render_aging(data)
    return time.perf_counter() - started, time.process_time() - cpu, data.totals.customers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reports")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--payments", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database URL (default: bench.lookup's SQLite demo file)")
    args = parser.parse_args(argv)
    say(f"opening the demo database of {args.customers:,} customers…")
    big = open_database(args.db, args.customers, args.seed)
    statement_ms = time_statements(big, args.statements, args.seed)
    say(f"statement: {statement_ms:.0f} ms (median of {args.statements})")
    day_s, day_cpu, pages = time_daily_collection(args.payments, args.seed)
    say(f"daily collection, {args.payments:,} payments: {day_s:.2f} s ({day_cpu:.2f} s CPU), "
        f"{pages} pages")
    aging_s, aging_cpu, debtors = time_aging(big)
    say(f"aging over {args.customers:,} customers ({debtors:,} in arrears): {aging_s:.1f} s "
        f"({aging_cpu:.1f} s CPU)")
    big.dispose()
    aging_key = (f"aging_{args.customers // 1_000_000}m_s" if args.customers >= 1_000_000
                 else f"aging_{args.customers}_s")
    # Wall seconds first (the targets); CPU seconds too, as the machine is shared and
    # the wall clock then says more about the neighbours than about the report.
    print(json.dumps({"statement_ms": round(statement_ms, 1),
                      f"daily_collection_{args.payments}_s": round(day_s, 2),
                      aging_key: round(aging_s, 2),
                      f"daily_collection_{args.payments}_cpu_s": round(day_cpu, 2),
                      aging_key.replace("_s", "_cpu_s"): round(aging_cpu, 2),
                      "daily_collection_pages": pages, "customers_in_arrears": debtors,
                      "load_average": list(os.getloadavg()), "machine": machine()},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
