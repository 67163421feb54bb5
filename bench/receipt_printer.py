"""From a committed cash payment to the last byte of its receipt at the printer.

    python -m bench.receipt_printer [--payments 200] [--customers 2000] [--db URL]

On a copy of bench.lookup's demo database (generated once; the copy because posting pays
bills off), a counter clerk posts cash payments with the real services (`amount_due`,
`post_payment`). After each commit the receipt goes to the fake printer, run as its own
process (`python -m console devices fake-printer`) on loopback TCP, exactly as the
payment dialog sends it (widgets.devices.thermal: receipt data, ESC/POS with the drawer
kick, DLE EOT status, send, then the printed record). The printer notes when each job's
last byte arrived (time.monotonic, one clock for both processes on Linux); the figure is
that minus the moment `post_payment` returned. Prints one JSON object on its last line:
`receipt_to_printer_p95_ms`, `drawer_kicks` (counted by the printer), `payments`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

from bench.lookup import open_database
from bench.machine import machine
from bench.payments import clerk, debtors, p95
from console.db import Database
from console.devices.transport import PrinterConfig, PrinterKind
from console.services.actor import Actor
from console.services.payments.counter import amount_due, post_payment
from widgets.devices.thermal import record_printed, send_receipt

TARGET_MS = 300


def start_printer(out: Path) -> tuple[subprocess.Popen[str], PrinterConfig]:
    """The fake printer in a process of its own, on a free loopback port."""
    proc = subprocess.Popen([sys.executable, "-m", "console", "devices", "fake-printer",
                             "--listen", "127.0.0.1:0", "--out", str(out)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()  # "fake printer on 127.0.0.1:PORT, jobs in …"
    address = line.split(" on ", 1)[1].split(",", 1)[0]
    host, port = address.rsplit(":", 1)
    return proc, PrinterConfig(kind=PrinterKind.NETWORK, host=host, port=int(port))


def pay_and_print(db: Database, actor: Actor, config: PrinterConfig,
                  customers: list[int]) -> dict[str, float]:
    """Receipt number → monotonic time its payment's commit returned."""
    committed: dict[str, float] = {}
    for i, cid in enumerate(customers):
        total = amount_due(db, actor, cid).total
        amount = total if total > 0 else Decimal("50.00")
        posted = post_payment(db, actor, customer_id=cid, amount=amount, method="cash",
                              idempotency_key=uuid.uuid4().hex, tendered=amount)
        committed[posted.receipt_no] = time.monotonic()
        sent = send_receipt(db, actor, config, posted.payment_id, open_drawer=True)
        record_printed(db, actor, config, sent)
        if (i + 1) % 50 == 0:
            print(f"  {i + 1}/{len(customers)} paid and printed", file=sys.stderr)
    return committed


def read_jobs(out: Path, count: int, timeout: float = 30.0) -> list[dict]:
    """The printer's job summaries once all `count` are written."""
    deadline = time.monotonic() + timeout
    while len(list(out.glob("job-*.json"))) < count and time.monotonic() < deadline:
        time.sleep(0.05)  # the printer writes its files after the connection closes
    time.sleep(0.2)  # the last file may still be being written
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("job-*.json"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.receipt_printer")
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--payments", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database URL (default: a copy of the SQLite demo file)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="griddesk-bench-receipts-"))
    url = args.db
    if url is None:  # posting pays bills off: a fresh copy every run
        template = open_database(None, args.customers, args.seed)
        template.dispose()
        source = Path(template.description)
        shutil.copy(source, work / source.name)
        url = f"sqlite:///{work / source.name}"
    db = open_database(url, args.customers, args.seed)
    proc, config = start_printer(work / "jobs")
    try:
        actor = clerk(db)
        load_before = os.getloadavg()
        committed = pay_and_print(db, actor, config,
                                  debtors(db, args.payments, args.seed, actor.unit_id))
        load = [round(x, 2) for x in (*load_before, *os.getloadavg())]
        jobs = read_jobs(work / "jobs", args.payments)
    finally:
        proc.terminate()
        proc.wait(10)
        db.dispose()
    latency = [(job["last_byte_at"] - committed[job["code128"][0]]) * 1000 for job in jobs
               if job["printed"] and job["code128"] and job["code128"][0] in committed]
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"receipt_to_printer_p95_ms": round(p95(latency), 2),
                      "receipt_to_printer_p50_ms": round(statistics.median(latency), 2),
                      "drawer_kicks": sum(job["drawer_kicks"] for job in jobs),
                      "payments": len(committed), "printed": len(latency),
                      "target_ms": TARGET_MS, "engine": db.engine.dialect.name,
                      "machine": {**machine(), "load_average": load}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
