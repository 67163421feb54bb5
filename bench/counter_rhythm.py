"""The counter's steady state, machine time only: scan → F5 → Enter → receipt saved.

    python -m bench.counter_rhythm [--customers 30] [--no-thermal]

Used by `python -m bench.payments_gui` (its `counter_*` figures). A fresh SQLite
file holds `customers` accounts with one open bill each and one clerk; a real
LookupPanel is shown offscreen with the real receipt printer (no printer here:
it renders the PDF and saves it). For each customer the keys go where the
focus is, as a scanner and a keyboard would send them, and the next key is
sent as soon as the screen is ready for it, so the time is the machine's
alone: from the scan's first digit until the dialog has closed, the receipt is
saved and the search box is ready for the next scan. The first `warmup`
customers are left out of the figures (steady state).

`measure_thermal` is the same counter with a thermal printer: the fake printer in its
own process on loopback TCP is the workstation's receipt printer (its settings kept in
a temporary folder, never the user's), so each customer's Enter posts the cash payment,
reads the printer's status, sends the ESC/POS receipt with the drawer kick and records
the printed copy before the dialog closes. It counts the keys pressed after the scan
(`thermal_keystrokes`, the most for one customer; target ≤ 3) and reports the p95 of the
machine time per customer in seconds (`thermal_scan_to_receipt_p95_s`; target ≤ 2 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bench.machine import machine
from bench.receipt_printer import read_jobs, start_printer
from console import migrate
from console.db import Database, make_engine
from console.models import Bill, Customer, LedgerEntry, Meter, Tariff, Unit, User
from console.services.auth import actor_for
from console.timeutil import local_today
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk
from widgets.devices.printer_settings import save_printer_config
from widgets.payments.receipt_printer import ReceiptPrinter
from widgets.resources import install_font, style_sheet
from widgets.task_runner import TaskRunner


def hall(s: Session, *, username: str, full_name: str, role: str) -> tuple[Unit, Tariff]:
    """A bench's unit, its flat residential tariff and one member of staff."""
    unit = Unit(code="37419", name="牡丹区供电所", kind="station")
    s.add(unit)
    s.flush()
    tariff = Tariff(code="RES", name="居民生活用电", kind="flat", category="residential",
                    effective_from=dt.date(2024, 1, 1), price=Decimal("0.5469"))
    s.add_all([tariff, User(username=username, full_name=full_name, role=role,
                            unit_id=unit.id, password_hash="-")])
    s.flush()
    return unit, tariff


def build(folder: Path, customers: int) -> Database:
    """A new SQLite file: one unit, one clerk, `customers` accounts owing one bill each."""
    engine = make_engine(f"sqlite:///{folder / 'counter.db'}")
    migrate.upgrade(engine)
    db = Database(engine)
    due = local_today() + dt.timedelta(days=10)
    with db.session() as s:
        unit, tariff = hall(s, username="clerk", full_name="李娜", role="counter")
        ids = range(1, customers + 1)
        s.execute(insert(Customer), [{"id": i, "customer_no": f"41{i:08d}", "name": "王伟",
                                      "category": "residential", "unit_id": unit.id,
                                      "tariff_id": tariff.id, "version": 1} for i in ids])
        s.execute(insert(Meter), [{"id": i, "asset_no": f"{i:022d}", "address": f"{i:012d}",
                                   "customer_id": i, "version": 1} for i in ids])
        amount = Decimal("88.60")
        s.execute(insert(Bill), [{"id": i, "bill_no": f"DF{i:012d}", "customer_id": i,
                                  "meter_id": i, "tariff_id": tariff.id, "period": "2026-11",
                                  "kwh": amount * 2, "amount": amount, "due_date": due,
                                  "paid_amount": Decimal("0.00"), "status": "open"} for i in ids])
        s.execute(insert(LedgerEntry), [{"customer_id": i, "kind": "charge", "amount": -amount,
                                         "bill_id": i, "memo": "2026-11电费"} for i in ids])
    return db


def wait_until(condition, timeout_s: float = 30.0) -> None:
    """Run the event loop until `condition()` holds."""
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the counter did not get ready in time")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)


def focused():
    return QApplication.focusWidget()


class Keys:
    """The clerk's keys after the scan (the scanner's digits and Enter are not counted)."""

    def __init__(self) -> None:
        self.pressed = 0

    def press(self, key: Qt.Key) -> None:
        self.pressed += 1
        QTest.keyClick(focused(), key)


def serve(panel: LookupPanel, number: str, keys: Keys | None = None) -> tuple[float, float]:
    """Scan, F5, Enter for one customer: seconds until the search box is ready again,
    and the CPU seconds the process spent meanwhile (all threads: a busy box's yardstick)."""
    keys = keys or Keys()
    t0, cpu0 = time.perf_counter(), time.process_time()
    QTest.keyClicks(focused(), number)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    wait_until(lambda: panel.view.detail is not None and panel.view.can_take_payment
               and panel.view.detail.identity.customer_no == number)
    keys.press(Qt.Key.Key_F5)
    dialog = panel.payment_dialog
    wait_until(lambda: dialog.post_button.isEnabled() and focused() is dialog.tendered_edit)
    keys.press(Qt.Key.Key_Return)
    wait_until(lambda: panel.payment_dialog is None and focused() is panel.lookup.search_edit)
    return time.perf_counter() - t0, time.process_time() - cpu0


def own_settings(folder: Path) -> None:
    """Workstation settings in `folder`: the bench never reads or writes the user's."""
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder / "settings"))


def serve_all(folder: Path, customers: int, keys: Keys) -> tuple[list[tuple[float, float]], Path]:
    """A clerk's panel on a fresh file serving every customer; (wall, CPU) each and the
    folder PDF receipts were saved in."""
    db = build(folder, customers)
    with db.session() as s:
        actor = actor_for(s.scalar(select(User)), "bench-ws")
    tasks = TaskRunner()
    saved = folder / "receipts"
    panel = LookupPanel(Desk(db, tasks, actor), print_receipt=ReceiptPrinter(saved))
    panel.resize(1366, 768)
    panel.show()
    panel.activateWindow()
    wait_until(panel.isActiveWindow)
    panel.focus_search()
    times = [serve(panel, f"41{i:08d}", keys) for i in range(1, customers + 1)]
    panel.close()
    tasks.shutdown()
    db.dispose()
    return times, saved


def steady_ms(times: list[tuple[float, float]], warmup: int) -> tuple[list[float], list[float]]:
    """Wall times sorted and CPU times, in ms, without the first `warmup` customers."""
    return (sorted(wall * 1000 for wall, _cpu in times[warmup:]),
            [c * 1000 for _wall, c in times[warmup:]])


def p95(sorted_values: list[float]) -> float:
    return sorted_values[max(0, round(0.95 * len(sorted_values)) - 1)]


def measure(customers: int = 30, warmup: int = 3) -> dict[str, object]:
    """Serve every customer in a row; the steady-state figures in milliseconds."""
    with tempfile.TemporaryDirectory() as folder:
        own_settings(Path(folder))  # no thermal printer: PDF receipts
        times, saved = serve_all(Path(folder), customers, Keys())
        receipts = len(list(saved.rglob("*.pdf")))
    steady, cpu = steady_ms(times, warmup)
    return {"counter_customers": len(steady), "counter_receipts": receipts,
            "counter_scan_to_receipt_ms": round(statistics.median(steady), 1),
            "counter_scan_to_receipt_p95_ms": round(p95(steady), 1),
            "counter_scan_to_receipt_max_ms": round(steady[-1], 1),
            "counter_cpu_ms": round(statistics.median(cpu), 1)}


def measure_thermal(customers: int = 30, warmup: int = 3) -> dict[str, object]:
    """The same counter printing on the fake thermal printer (its own process, TCP)."""
    with tempfile.TemporaryDirectory() as folder:
        own_settings(Path(folder))
        proc, config = start_printer(Path(folder) / "jobs")
        try:
            save_printer_config(config)
            keys = Keys()
            times, _saved = serve_all(Path(folder), customers, keys)
            jobs = read_jobs(Path(folder) / "jobs", customers)
        finally:
            proc.terminate()
            proc.wait(10)
    steady, cpu = steady_ms(times, warmup)
    return {"thermal_customers": len(steady),
            "thermal_receipts": sum(1 for job in jobs if job["printed"]),
            "thermal_drawer_kicks": sum(job["drawer_kicks"] for job in jobs),
            "thermal_keystrokes": round(keys.pressed / customers, 2),
            "thermal_scan_to_receipt_ms": round(statistics.median(steady), 1),
            "thermal_scan_to_receipt_p95_s": round(p95(steady) / 1000, 3),
            "thermal_scan_to_receipt_max_ms": round(steady[-1], 1),
            "thermal_cpu_ms": round(statistics.median(cpu), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.counter_rhythm",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=30)
    parser.add_argument("--no-thermal", action="store_true", help="the PDF counter only")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    install_font(app)
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    load_before = os.getloadavg()
    result = measure(args.customers)
    if not args.no_thermal:
        result.update(measure_thermal(args.customers))
    load = [round(x, 2) for x in (*load_before, *os.getloadavg())]
    print(json.dumps({**result, "load_average": load, "machine": machine()},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
