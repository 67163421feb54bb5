"""The counter's steady state, machine time only: scan → F5 → Enter → receipt saved.

Used by `python -m bench.payments_gui` (its `counter_*` figures). A fresh SQLite
file holds `customers` accounts with one open bill each and one clerk; a real
LookupPanel is shown offscreen with the real receipt printer (no printer here:
it renders the PDF and saves it). For each customer the keys go where the
focus is, as a scanner and a keyboard would send them, and the next key is
sent as soon as the screen is ready for it, so the time is the machine's
alone: from the scan's first digit until the dialog has closed, the receipt is
saved and the search box is ready for the next scan. The first `warmup`
customers are left out of the figures (steady state).
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from console import migrate
from console.db import Database, make_engine
from console.models import Bill, Customer, LedgerEntry, Meter, Tariff, Unit, User
from console.services.auth import actor_for
from console.timeutil import local_today
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk
from widgets.payments.receipt_printer import ReceiptPrinter
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


def serve(panel: LookupPanel, number: str) -> tuple[float, float]:
    """Scan, F5, Enter for one customer: seconds until the search box is ready again,
    and the CPU seconds the process spent meanwhile (all threads: a busy box's yardstick)."""
    t0, cpu0 = time.perf_counter(), time.process_time()
    QTest.keyClicks(focused(), number)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    wait_until(lambda: panel.view.detail is not None and panel.view.can_take_payment
               and panel.view.detail.identity.customer_no == number)
    QTest.keyClick(focused(), Qt.Key.Key_F5)
    dialog = panel.payment_dialog
    wait_until(lambda: dialog.post_button.isEnabled() and focused() is dialog.tendered_edit)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    wait_until(lambda: panel.payment_dialog is None and focused() is panel.lookup.search_edit)
    return time.perf_counter() - t0, time.process_time() - cpu0


def measure(customers: int = 30, warmup: int = 3) -> dict[str, object]:
    """Serve every customer in a row; the steady-state figures in milliseconds."""
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder), customers)
        with db.session() as s:
            actor = actor_for(s.scalar(select(User)), "bench-ws")
        tasks = TaskRunner()
        saved = Path(folder) / "receipts"
        panel = LookupPanel(Desk(db, tasks, actor), print_receipt=ReceiptPrinter(saved))
        panel.resize(1366, 768)
        panel.show()
        panel.activateWindow()
        wait_until(panel.isActiveWindow)
        panel.focus_search()
        times = [serve(panel, f"41{i:08d}") for i in range(1, customers + 1)]
        receipts = len(list(saved.rglob("*.pdf")))
        panel.close()
        tasks.shutdown()
        db.dispose()
    steady = sorted(wall * 1000 for wall, _cpu in times[warmup:])
    cpu = [c * 1000 for _wall, c in times[warmup:]]
    p95 = steady[max(0, round(0.95 * len(steady)) - 1)]
    return {"counter_customers": len(steady), "counter_receipts": receipts,
            "counter_scan_to_receipt_ms": round(statistics.median(steady), 1),
            "counter_scan_to_receipt_p95_ms": round(p95, 1),
            "counter_scan_to_receipt_max_ms": round(steady[-1], 1),
            "counter_cpu_ms": round(statistics.median(cpu), 1)}
