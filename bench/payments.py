"""Counter payment latency through the service layer.

    python -m bench.payments [--customers 100000] [--payments 300] [--db URL]

On bench.lookup's demo database (generated once), a counter clerk asks what
a random customer in arrears owes (`amount_due`) and posts it in cash
(`post_payment`: customer lock, receipt number, allocation with late fees,
ledger, audit, commit). Each post has a fresh idempotency key. Prints
progress on stderr and one JSON object on its last stdout line, with the CPU p95 of a
post and the load average before and after beside the wall clock (on 2 shared cores the
wall clock is mostly other people's work). Posting pays bills off: run it on a copy of
the demo file to repeat a figure. (The arrears panel's figures are the GUI's and are
added by its benchmark.)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from decimal import Decimal

from sqlalchemy import select

from bench.lookup import open_database
from bench.machine import machine
from bench.seating import add_option, take_seat
from console.db import Database
from console.models import Bill, Customer, User
from console.services.actor import Actor
from console.services.auth import actor_for
from console.services.payments.counter import amount_due, post_payment
from console.services.unit_scope import units_in_scope


def clerk(db: Database) -> Actor:
    with db.session() as s:
        user = s.scalar(select(User).where(User.role == "counter").order_by(User.id))
        return actor_for(user, "bench-ws")


def debtors(db: Database, count: int, seed: int, unit_id: int | None) -> list[int]:
    """Customers of the clerk's hall and the units below it with open bills (a clerk pays
    no other unit's customers, issue 16); random, repeating when there are fewer than
    `count`."""
    with db.session() as s:
        units = list(units_in_scope(s, unit_id))
        ids = sorted(set(s.scalars(select(Bill.customer_id).join(
            Customer, Customer.id == Bill.customer_id).where(
            Bill.status == "open", Customer.unit_id.in_(units)))))
    return random.Random(seed).choices(ids, k=count)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) > 1 else values[0]


def run(db: Database, actor: Actor, customers: list[int]) -> tuple[list[float], ...]:
    """Milliseconds of each amount_due and each post_payment, and each post's CPU time."""
    due_ms, post_ms, post_cpu_ms = [], [], []
    for i, cid in enumerate(customers):
        t0 = time.perf_counter()
        total = amount_due(db, actor, cid).total
        t1, c1 = time.perf_counter(), time.thread_time()
        post_payment(db, actor, customer_id=cid, amount=total if total > 0 else Decimal("50.00"),
                     method="cash", idempotency_key=uuid.uuid4().hex, tendered=None)
        t2, c2 = time.perf_counter(), time.thread_time()
        due_ms.append((t1 - t0) * 1000)
        post_ms.append((t2 - t1) * 1000)
        post_cpu_ms.append((c2 - c1) * 1000)
        if (i + 1) % 50 == 0:
            print(f"  {i + 1}/{len(customers)} posted", file=sys.stderr)
    return due_ms, post_ms, post_cpu_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.payments")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--payments", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database URL (default: bench.lookup's SQLite demo file)")
    add_option(parser)
    args = parser.parse_args(argv)
    db = open_database(args.db, args.customers, args.seed)
    actor = clerk(db)
    role = take_seat(db, actor, args.seated)
    run(db, actor, debtors(db, 20, args.seed + 1, actor.unit_id))  # warm caches and compiled statements
    load_before = os.getloadavg()
    due_ms, post_ms, post_cpu = run(db, actor, debtors(db, args.payments, args.seed, actor.unit_id))
    load = [round(x, 2) for x in (*load_before, *os.getloadavg())]
    db.dispose()
    print(json.dumps({"post_p95_ms": round(p95(post_ms), 2),
                      "post_p50_ms": round(statistics.median(post_ms), 2),
                      "post_cpu_p95_ms": round(p95(post_cpu), 2),
                      "amount_due_p95_ms": round(p95(due_ms), 2), "payments": len(post_ms),
                      "customers": args.customers, "engine": db.engine.dialect.name,
                      "seated_as": role,
                      "machine": {**machine(), "load_average": load}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
