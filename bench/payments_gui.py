"""The arrears panel with 50,000 customers in arrears: open and re-sort; the counter's rhythm.

    python -m bench.payments_gui [--rows 50000] [--db URL] [--counter 30]

Builds (once, cached in the temp folder) a SQLite database where `--rows`
customers have one to three overdue bills each, 1 to 200 days old, in one
unit. Then, offscreen, a supervisor's arrears panel is shown: "first" runs from
show() to the first page painted (`arrears.first_page`: the customers owing
most), "open" on to the whole table in and painted, its totals right
(`arrears.list_arrears`: bills, fees to date, notices); "sort" is a click on a
column header until the table has repainted, over six columns (`sort_ms`,
`sort_max_ms`), then over the other seven (`sort_all_max_ms`: the worst of all
thirteen; `sort_cpu_max_ms` its CPU time, which the others' load on a shared
machine does not inflate). The `counter_*` figures
are a clerk's steady state, scan → F5 → Enter → receipt saved, over `--counter`
customers in a row (bench.counter_rhythm; 0 leaves it out), and the `thermal_*` ones
the same with the fake thermal printer as the workstation's printer. Prints one JSON
object on its last stdout line.
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, insert, select

from bench import counter_rhythm
from bench.machine import machine
from console import migrate
from console.db import Database, make_engine
from console.models import Bill, Customer, Meter, User
from console.services.auth import actor_for
from console.timeutil import local_today
from widgets.arrears.model import Column
from widgets.arrears.panel import ArrearsPanel
from widgets.desk import Desk
from widgets.resources import install_font, style_sheet
from widgets.task_runner import TaskRunner

CATEGORIES = ("residential",) * 7 + ("commercial", "industrial", "agricultural", "public")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"


def build(db: Database, rows: int, seed: int) -> None:
    """`rows` customers, each with a meter and 1–3 overdue bills (bulk inserts)."""
    rng, today = random.Random(seed), local_today()
    with db.session() as s:
        unit, tariff = counter_rhythm.hall(s, username="boss", full_name="王强", role="supervisor")
        s.execute(insert(Customer), [{
            "id": i, "customer_no": f"37{i:08d}", "category": rng.choice(CATEGORIES),
            "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            "unit_id": unit.id, "tariff_id": tariff.id, "protected": rng.random() < 0.01,
            "version": 1} for i in range(1, rows + 1)])
        s.execute(insert(Meter), [{"id": i, "asset_no": f"{i:022d}", "address": f"{i:012d}",
                                   "customer_id": i, "version": 1} for i in range(1, rows + 1)])
        s.execute(insert(Bill), list(_bills(rng, rows, today, tariff.id)))


def _bills(rng: random.Random, rows: int, today: dt.date, tariff_id: int):
    number = 0
    for cid in range(1, rows + 1):
        age = rng.randint(1, 200)
        for k in range(rng.choice((1, 1, 1, 2, 3))):
            number += 1
            amount = Decimal(rng.randint(2000, 90000)) / 100
            yield {"bill_no": f"DF{number:012d}", "customer_id": cid, "meter_id": cid,
                   "tariff_id": tariff_id, "period": f"{2024 + k}-{cid % 12 + 1:02d}", "kwh": amount * 2,
                   "amount": amount, "paid_amount": Decimal("0.00"),
                   "due_date": today - dt.timedelta(days=max(1, age - 30 * k)), "status": "open"}


def open_database(url: str | None, rows: int, seed: int) -> Database:
    url = url or f"sqlite:///{tempfile.gettempdir()}/griddesk_bench_arrears_{rows}.db"
    engine = make_engine(url)
    migrate.upgrade(engine)
    db = Database(engine)
    with db.session() as s:
        have = s.scalar(select(func.count(Customer.id)))
    if have == 0:
        print(f"building {rows} customers in arrears into {db.description}…", file=sys.stderr)
        build(db, rows, seed)
    elif have != rows:
        sys.exit(f"{db.description} holds {have} customers, not {rows}: delete it or pass --db")
    return db


def wait_for(signal, timeout_s: float = 60.0) -> None:
    """Run the event loop until `signal` fires (no polling that would steal the GIL)."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()


def measure(db: Database) -> dict[str, object]:
    with db.session() as s:
        actor = actor_for(s.scalar(select(User).where(User.role == "supervisor")), "bench-ws")
    tasks = TaskRunner()
    panel = ArrearsPanel(Desk(db, tasks, actor), poll_ms=60_000)
    panel.resize(1400, 900)
    first: list[float] = []
    loaded: list[int] = []
    panel.sig_first_page_shown.connect(  # the panel has painted it when it says so
        lambda _n: first.extend((time.perf_counter(), time.process_time())))
    panel.sig_loaded.connect(loaded.append)
    t0, cpu0 = time.perf_counter(), time.process_time()
    panel.show()
    for signal, got in ((panel.sig_first_page_shown, first), (panel.sig_loaded, loaded)):
        if not got:
            wait_for(signal)
        if not got:
            raise TimeoutError("the arrears panel did not load")
    panel.view.viewport().repaint()
    open_ms = (time.perf_counter() - t0) * 1000
    open_cpu_ms = (time.process_time() - cpu0) * 1000  # all threads: says how busy the box was
    sorts = [sort_ms(panel, column) for column in SORTED]
    others = [sort_ms(panel, column) for column in Column if column not in SORTED]
    tasks.shutdown()
    walls = [wall for wall, _cpu in sorts]
    return {"rows": loaded[0], "first_ms": (first[0] - t0) * 1000,
            "first_cpu_ms": (first[1] - cpu0) * 1000, "open_ms": open_ms,
            "open_cpu_ms": open_cpu_ms, "sort_ms": statistics.median(walls),
            "sort_max_ms": max(walls), "sort_all_max_ms": max(w for w, _c in sorts + others),
            "sort_cpu_max_ms": max(cpu for _w, cpu in sorts + others)}


SORTED = (Column.DAYS, Column.NAME, Column.TOTAL, Column.CATEGORY, Column.OLDEST_DUE,
          Column.NUMBER)


def sort_ms(panel: ArrearsPanel, column: Column) -> tuple[float, float]:
    """A click on the column's header until the table has repainted: wall and CPU ms."""
    t1, cpu1 = time.perf_counter(), time.process_time()
    panel.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    panel.view.viewport().repaint()
    QApplication.processEvents()
    return (time.perf_counter() - t1) * 1000, (time.process_time() - cpu1) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--db", help="database URL (default: a cached SQLite file)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--counter", type=int, default=30,
                        help="customers served in a row for the counter figures (0: none)")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    install_font(app)
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    db = open_database(args.db, args.rows, args.seed)
    result = measure(db)
    counter = {**counter_rhythm.measure(args.counter),
               **counter_rhythm.measure_thermal(args.counter)} if args.counter else {}
    print(json.dumps({**counter, "arrears_first_ms": round(result["first_ms"], 1),
                      "arrears_first_cpu_ms": round(result["first_cpu_ms"], 1),
                      "arrears_open_ms": round(result["open_ms"], 1),
                      "arrears_sort_ms": round(result["sort_ms"], 1),
                      "arrears_sort_max_ms": round(result["sort_max_ms"], 1),
                      "arrears_sort_all_max_ms": round(result["sort_all_max_ms"], 1),
                      "arrears_sort_cpu_max_ms": round(result["sort_cpu_max_ms"], 1),
                      "arrears_open_cpu_ms": round(result["open_cpu_ms"], 1),
                      "rows": result["rows"], "machine": machine()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
