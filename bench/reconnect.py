"""`python -m bench.reconnect`: payment committed -> relay confirmed closed, embedded setup.

A fresh SQLite file holds N prepaid customers cut off for arrears (relay open,
state disconnected); the simulator and the collector run in this process
(console.metering.embedded.EmbeddedMetering). A clerk pays each customer's
arrears, one payment every `--spacing` seconds; each payment queues the
reconnect in its own transaction, and the time from its commit to the
command's `finished_at` (written when status word 3 shows the relay closed)
is measured. Target: p95 <= 3 s.

Last stdout line: {"n": 100, "p50_s": x, "p95_s": y, ...}
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from bench.machine import machine
from console import ids, migrate
from console.db import Database, make_engine
from console.metering.collector import CollectorConfig
from console.metering.embedded import EmbeddedMetering
from console.models import (
    ControlCommand,
    Customer,
    LedgerEntry,
    Meter,
    Tariff,
    Unit,
    User,
    utcnow,
)
from console.security import hash_password
from console.services.auth import actor_for
from console.services.payments.counter import post_payment

OWED = Decimal("50.00")


def seed(db: Database, count: int):
    """A unit, a clerk, and `count` disconnected prepaid customers owing OWED; the clerk's actor."""
    with db.session() as s:
        unit = Unit(code="37001", name="牡丹区供电所", kind="station")
        s.add(unit)
        s.flush()
        tariff = Tariff(code="RES", name="居民生活用电", kind="flat", category="residential",
                        effective_from=utcnow().date().replace(month=1, day=1),
                        price=Decimal("0.5469"))
        clerk = User(username="clerk", full_name="收费员", role="counter", unit_id=unit.id,
                     password_hash=hash_password("Bench2026!"))
        s.add_all([tariff, clerk])
        s.flush()
        ids_ = []
        for n in range(1, count + 1):
            customer = Customer(customer_no=f"37{n:08d}", name=f"客户{n}", category="residential",
                                unit_id=unit.id, tariff_id=tariff.id, cost_control_mode="prepaid",
                                control_state="disconnected")
            s.add(customer)
            s.flush()
            s.add(Meter(asset_no=ids.make_asset_code(unit.code, ids.ASSET_TYPE_METER, n),
                        address=f"{n:012d}", customer_id=customer.id, relay_state="open"))
            s.add(LedgerEntry(customer_id=customer.id, kind="charge", amount=-OWED, memo="电费"))
            ids_.append(customer.id)
        return actor_for(clerk, "bench"), ids_


def wait_confirmed(db: Database, keys: dict[int, float], timeout: float) -> dict[int, float]:
    """customer id -> seconds from the payment's commit to the reconnect's confirmation."""
    done: dict[int, float] = {}
    deadline = time.monotonic() + timeout
    while len(done) < len(keys) and time.monotonic() < deadline:
        with db.read() as s:
            rows = s.execute(select(ControlCommand.customer_id, ControlCommand.finished_at)
                             .where(ControlCommand.action == "reconnect",
                                    ControlCommand.state == "confirmed"))
            for customer_id, finished in rows:
                if customer_id in keys and customer_id not in done:
                    done[customer_id] = finished.timestamp() - keys[customer_id]
        time.sleep(0.05)
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100)
    parser.add_argument("--spacing", type=float, default=0.1, help="seconds between payments")
    parser.add_argument("--command-interval", type=float, default=0.5,
                        help="collector's command queue interval (CollectorConfig default: 2.0)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        db = Database.open(url)
        clerk, customers = seed(db, args.customers)
        config = CollectorConfig(timeout=1.0, command_interval=args.command_interval)
        metering = EmbeddedMetering(db, interval=3600.0, config=config)
        metering.start()
        metering.ready.wait(10)
        committed: dict[int, float] = {}
        for n, customer_id in enumerate(customers):
            post_payment(db, clerk, customer_id=customer_id, amount=OWED, method="cash",
                         idempotency_key=f"bench-{n}")
            committed[customer_id] = time.time()
            time.sleep(args.spacing)
        latency = wait_confirmed(db, committed, timeout=60.0)
        metering.stop()
        db.dispose()
    values = sorted(latency.values())
    p95 = values[max(0, round(0.95 * len(values)) - 1)] if values else None
    print(json.dumps({"n": len(values), "p50_s": round(statistics.median(values), 3) if values else None,
                      "p95_s": round(p95, 3) if p95 is not None else None,
                      "max_s": round(values[-1], 3) if values else None,
                      "payments": len(customers), "command_interval_s": args.command_interval,
                      "spacing_s": args.spacing, "machine": machine()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
