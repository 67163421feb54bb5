"""Benchmark: one smart cost-control run over N demo accounts.

    python -m bench.cost_control --accounts 1000000 [--db URL] [--keep]

Builds (or reuses, as bench.lookup does) a database of N demo customers and
times `run_cost_control` at the demo's clock (2026-01-20 10:00, a Tuesday:
served notices fall due, prepaid accounts run low). Afterwards it puts back
what the run changed (new rows, control states, cancelled requests and
notices, the audit chain) so the shared file serves the next benchmark as it
was; `--keep` leaves the run's output. Progress on stderr; the last stdout
line is one JSON object: {"accounts": N, "seconds": x, ...}.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from bench.lookup import BENCH_AS_OF, open_database
from bench.machine import machine
from console.db import Database
from console.demo.calendar import local
from console.models import (
    AuditEvent,
    AuditHead,
    ControlCommand,
    Customer,
    LedgerEntry,
    Notice,
    PrepaidDrawdown,
)
from console.services.actor import Actor
from console.services.cost_control.run import run_cost_control


@dataclass(frozen=True)
class Snapshot:
    """Enough of the database to undo one run."""

    max_ids: dict[str, int]
    states: dict[int, str]  # customers not in the normal state
    pending_notices: list[int]
    requested: list[int]
    head: tuple[int, str]


TABLES = {"notice": Notice, "control_command": ControlCommand, "ledger_entry": LedgerEntry}


def snapshot(db: Database) -> Snapshot:
    with db.read() as s:
        ids = {name: s.scalar(select(func.coalesce(func.max(m.id), 0))) for name, m in TABLES.items()}
        states = dict(s.execute(select(Customer.id, Customer.control_state)
                                .where(Customer.control_state != "normal")).all())
        pending = list(s.scalars(select(Notice.id).where(Notice.status == "pending")))
        requested = list(s.scalars(select(ControlCommand.id)
                                   .where(ControlCommand.state == "requested")))
        head = s.get(AuditHead, 1)
        return Snapshot(ids, states, pending, requested, (head.seq, head.hash))


def restore(db: Database, snap: Snapshot) -> None:
    with db.uow() as s:
        for name, model in TABLES.items():
            s.execute(delete(model).where(model.id > snap.max_ids[name]))
        s.execute(delete(PrepaidDrawdown))
        s.execute(update(Customer).where(Customer.control_state != "normal")
                  .values(control_state="normal"))
        by_state: dict[str, list[int]] = {}
        for cid, state in snap.states.items():
            by_state.setdefault(state, []).append(cid)
        for state, ids in by_state.items():
            for first in range(0, len(ids), 900):
                s.execute(update(Customer).where(Customer.id.in_(ids[first:first + 900]))
                          .values(control_state=state))
        for first in range(0, len(snap.pending_notices), 900):
            s.execute(update(Notice).where(Notice.id.in_(snap.pending_notices[first:first + 900]))
                      .values(status="pending"))
        for first in range(0, len(snap.requested), 900):
            s.execute(update(ControlCommand)
                      .where(ControlCommand.id.in_(snap.requested[first:first + 900]))
                      .values(state="requested"))
        s.execute(delete(AuditEvent).where(AuditEvent.seq > snap.head[0]))
        s.execute(update(AuditHead).where(AuditHead.id == 1)
                  .values(seq=snap.head[0], hash=snap.head[1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cost_control")
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database URL (default: a cached SQLite file in the temp folder)")
    parser.add_argument("--keep", action="store_true", help="leave the run's output in the database")
    args = parser.parse_args(argv)
    db = open_database(args.db, args.accounts, args.seed)
    snap = snapshot(db)
    now = local(BENCH_AS_OF, 10)  # a Tuesday morning: outside the quiet hours

    def progress(done: int, total: int) -> None:
        print(f"\r{done:>9,}/{total:,} accounts", end="", file=sys.stderr, flush=True)

    try:
        result = run_cost_control(db, Actor.system("bench"), now=now, progress=progress)
        print(file=sys.stderr)
    finally:
        if not args.keep:
            restore(db, snap)
        db.dispose()
    print(json.dumps({"accounts": args.accounts, "seconds": result.seconds,
                      "looked_at": result.accounts, "notices": result.notices,
                      "alarms": result.alarms, "requests": result.requests,
                      "cleared": result.cleared, "drawdown_meters": result.drawdown.meters,
                      "decisions": result.counts, "at": now.isoformat(),
                      "machine": machine()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
