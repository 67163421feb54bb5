"""Customer lookup latency through the service layer and the real widget.

    python -m bench.lookup --customers 1000000 [--db URL] [--queries 300]

Builds (or reuses) a database of N demo customers, runs at least `--queries`
lookups of each kind through `find_customers` (ORM and DTOs included), then
times Enter-to-filled-table in an offscreen CustomerLookup. Prints progress
on stderr and one JSON object on its last stdout line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

from sqlalchemy import func, select

from bench.machine import machine
from bench.seating import add_option, take_seat
from console import migrate
from console.db import Database, make_engine
from console.models import Customer, Meter, User
from console.services.auth import actor_for
from console.services.customers.search import find_customers

# The benchmarks' demo is as of a fixed day, so a cached file stays comparable and
# bench.billing finds the month it bills (2026-01) unbilled.
BENCH_AS_OF = dt.date(2026, 1, 20)
KINDS = ("customer_no", "meter", "phone", "name", "pinyin", "address")


def open_database(url: str | None, customers: int, seed: int) -> Database:
    url = url or f"sqlite:///{tempfile.gettempdir()}/griddesk_bench_{customers}.db"
    engine = make_engine(url)
    migrate.upgrade(engine)
    db = Database(engine)
    with db.session() as s:
        have = s.scalar(select(func.count(Customer.id)))
    if have != customers:
        from console.demo import generate

        print(f"generating {customers} demo customers into {db.description}…", file=sys.stderr)
        started = time.perf_counter()
        generate(engine, customers=customers, seed=seed, force=bool(have), as_of=BENCH_AS_OF,
                 progress=lambda step, _f: print(f"  {time.perf_counter() - started:8.1f}s {step}",
                                                 file=sys.stderr, flush=True))
    return db


_FRAGMENT = re.compile(r"[\u4e00-\u9fff]{1,3}[村路街]|\d+排\d+号|\d+号")


def sample_queries(db: Database, count: int, seed: int) -> dict[str, list[str]]:
    """Realistic queries of every kind, drawn from random customers."""
    rng = random.Random(seed)
    with db.session() as s:
        top = s.scalar(select(func.max(Customer.id)))
        ids = [rng.randint(1, top) for _ in range(count)]
        rows = s.execute(select(Customer.customer_no, Customer.name, Customer.name_initials,
                                Customer.phone, Customer.address, Meter.asset_no)
                         .join(Meter, Meter.customer_id == Customer.id)
                         .where(Customer.id.in_(ids))).all()
    queries: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for i, (number, name, initials, phone, address, asset) in enumerate(rows):
        queries["customer_no"].append(number)
        queries["meter"].append(asset)
        queries["phone"].append(phone if i % 2 else phone[-4:])
        queries["name"].append(name)
        queries["pinyin"].append(initials)
        found = _FRAGMENT.findall(address)
        queries["address"].append(rng.choice(found) if found else address[-4:])
    return {kind: (q * (count // len(q) + 1))[:count] for kind, q in queries.items()}


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


Timings = dict[str, list[float]]


def time_service(search: Callable[[str], object], queries: dict[str, list[str]]) -> tuple[Timings, Timings]:
    """Wall-clock and CPU milliseconds per query, by kind.

    The CPU time (this thread's, user and system) is what the lookup itself
    costs; on a machine shared with other work the wall clock adds the wait
    for a core, which is why both are reported.
    """
    wall: Timings = {}
    cpu: Timings = {}
    for kind, texts in queries.items():
        search(texts[0])  # warm caches and statement compilation
        wall[kind], cpu[kind] = [], []
        for text in texts:
            start, start_cpu = time.perf_counter(), time.thread_time()
            search(text)
            cpu[kind].append((time.thread_time() - start_cpu) * 1000)
            wall[kind].append((time.perf_counter() - start) * 1000)
        print(f"  {kind:<12} p50 {statistics.median(wall[kind]):7.2f} ms  "
              f"p95 {percentile(wall[kind], 95):7.2f} ms  (CPU p95 {percentile(cpu[kind], 95):6.2f} ms)",
              file=sys.stderr)
    return wall, cpu


def time_gui(search: Callable[[str], object], texts: list[str], db, actor) -> list[float]:
    """Enter pressed in the real widget until its table is filled."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from widgets.customers.lookup import CustomerLookup
    from widgets.desk import Desk
    from widgets.task_runner import TaskRunner

    app = QApplication.instance() or QApplication([])
    tasks = TaskRunner()
    lookup = CustomerLookup(Desk(db, tasks, actor), search)
    lookup.show()
    loop, samples = QEventLoop(), []
    # One guard timer, restarted per query: a stray single-shot left over from
    # an earlier query would end a later wait early and record it short.
    guard = QTimer(singleShot=True, interval=5000)
    guard.timeout.connect(loop.quit)
    lookup.sig_results_loaded.connect(lambda _n: loop.quit())
    for text in texts:
        lookup.search_edit.setText(text)
        lookup._shown_text = None  # each query is new to the widget
        start = time.perf_counter()
        QTest.keyClick(lookup.search_edit, Qt.Key.Key_Return)
        guard.start()
        loop.exec()
        guard.stop()
        samples.append((time.perf_counter() - start) * 1000)
    while tasks.busy:  # let a search that outlived its guard land before shutting down
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
    tasks.shutdown()
    lookup.close()
    app.processEvents()
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lookup")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--db", help="database URL (default: a reusable SQLite file in the temp dir)")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    add_option(parser)
    args = parser.parse_args(argv)
    db = open_database(args.db, args.customers, args.seed)
    with db.session() as s:
        clerk = actor_for(s.scalars(select(User).where(User.role == "counter")).first(), "bench")
    search = lambda text: find_customers(db, clerk, text)
    queries = sample_queries(db, args.queries, args.seed)
    role = take_seat(db, clerk, args.seated)  # after sampling: the queries stay the same
    load_before = os.getloadavg()
    timings, cpu = time_service(search, queries)
    mixed = [q for kind in KINDS for q in queries[kind][: max(50, args.queries // len(KINDS))]]
    gui = time_gui(search, mixed, db, clerk)
    result = {
        "customers": args.customers,
        "db": "sqlite" if db.is_sqlite else "postgresql",
        "seated_as": role,
        "p50_ms": {k: round(statistics.median(v), 2) for k, v in timings.items()},
        "p95_ms": {k: round(percentile(v, 95), 2) for k, v in timings.items()},
        "gui_p95_ms": round(percentile(gui, 95), 2),
        "cpu_p95_ms": {k: round(percentile(v, 95), 2) for k, v in cpu.items()},
        # Other work on the machine shows in the wall clock: the load before and after.
        "machine": {**machine(), "load_average": [round(x, 2) for x in (*load_before, *os.getloadavg())]},
    }
    db.dispose()
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
