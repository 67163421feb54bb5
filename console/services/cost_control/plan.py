"""Smart cost control as a dry run: what `run_cost_control` would write now, written nowhere.

    plan = plan_cost_control(db, supervisor)   # per unit and kind: counts, amounts, first rows
    if person_confirms(plan.total):
        run_cost_control(db, supervisor)

The same decisions as the run (console.billing.cost_rules, the hourly cap,
the same dedupe keys: a notice or alarm already written today is not counted
again), over the same accounts: a supervisor's own units. The run first
draws prepaid balances down to the latest readings; the plan reads them as
they stand, so a prepaid account may still move by the use since then.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.billing.cost_rules import Action, Decision, decide
from console.billing.money import ZERO
from console.db import Database
from console.models import ControlCommand, CostControlPolicy, Customer, Notice, Unit, utcnow
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.cost_control.data import Account, load_accounts
from console.services.cost_control.run import (
    BATCH,
    _policy,
    _rate_limit,
    _Run,
    alarm_rows,
    notice_specs,
    start_run,
)
from console.services.permissions import Permission
from console.timeutil import LOCAL

FIRST_ROWS = 20
# What a run writes, in the order a person reads it: notices, alarms, requests, clearing.
KINDS = ("alert", "reminder", "disconnect", "disconnect_reminder", "alarm", "request",
         "request_auto", "clear")


@dataclass(frozen=True)
class PlanLine:
    """One unit's count and amount of one kind of write."""

    unit_name: str
    kind: str  # one of KINDS
    count: int
    amount: Decimal


@dataclass(frozen=True)
class PlanRow:
    customer_id: int
    customer_no: str
    name: str
    unit_name: str
    kind: str
    rule: str
    amount: Decimal


@dataclass(frozen=True)
class CostControlPlan:
    accounts: int  # accounts looked at
    lines: tuple[PlanLine, ...]
    first_rows: tuple[PlanRow, ...]
    now: dt.datetime

    @property
    def total(self) -> int:
        """Rows the run would write: what a person confirms by typing it."""
        return sum(line.count for line in self.lines)

    @property
    def by_kind(self) -> dict[str, int]:
        found: Counter = Counter()
        for line in self.lines:
            found[line.kind] += line.count
        return dict(found)


@use_case(Permission.REQUEST_CONTROL, system=True, filters=True)
def plan_cost_control(db: Database, actor: Actor, *, now: dt.datetime | None = None,
                      first: int = FIRST_ROWS) -> CostControlPlan:
    """What a cost-control run by `actor` would write now, per unit and kind (the actor's
    units only); writes nothing."""
    now = now or utcnow()
    with db.read() as session:
        run, ids = start_run(session, actor, now)
        auto = set(session.scalars(select(CostControlPolicy.id)
                                   .where(CostControlPolicy.auto_approve.is_(True))))
        items: list[tuple[int, str, str, Decimal]] = []
        for start in range(0, len(ids), BATCH):
            items += _chunk_items(session, run, ids[start:start + BATCH], auto)
        return _plan(session, len(ids), items, first, now)


def _chunk_items(session: Session, run: _Run, ids: Sequence[int],
                 auto: set[int]) -> list[tuple[int, str, str, Decimal]]:
    """(customer id, kind, rule, amount) of each write the run would make for these accounts."""
    accounts = {a.facts.customer_id: a for a in load_accounts(session, ids, run.now)}
    decisions = _rate_limit(run, accounts, [d for a in accounts.values() for d in
                                            decide(a.facts, _policy(run, a), run.calendar,
                                                   run.now)])
    rules = {(d.customer_id, d.action): d.rule.value for d in decisions}
    specs = notice_specs(run, accounts, decisions)
    known = _existing(session, Notice.dedupe_key, [s.dedupe_key for s in specs])
    items = [(s.customer_id, s.kind, s.rule, s.amount or ZERO) for s in specs
             if s.dedupe_key not in known]
    alerts = [d for d in decisions if d.action == Action.ALERT]
    alarms = alarm_rows(run, accounts, alerts)
    known = _existing(session, ControlCommand.idempotency_key, [r["idempotency_key"] for r in alarms])
    items += [(r["customer_id"], "alarm", r["rule"], accounts[r["customer_id"]].facts.balance)
              for r in alarms if r["idempotency_key"] not in known]
    items += _requests(session, run, accounts, decisions, auto)
    items += [(d.customer_id, "clear", rules[(d.customer_id, d.action)], ZERO)
              for d in decisions if d.action == Action.CLEAR]
    return items


def _requests(session: Session, run: _Run, accounts: dict[int, Account],
              decisions: list[Decision], auto: set[int]) -> list[tuple[int, str, str, Decimal]]:
    day = run.now.astimezone(LOCAL).date()
    asked = [d for d in decisions if d.action == Action.REQUEST_DISCONNECT]
    keys = {d.customer_id: f"disconnect:{d.customer_id}:{day:%Y%m%d}" for d in asked}
    known = _existing(session, ControlCommand.idempotency_key, list(keys.values()))
    out = []
    for d in asked:
        if keys[d.customer_id] in known:
            continue
        account = accounts[d.customer_id]
        kind = "request_auto" if _policy(run, account).policy_id in auto else "request"
        out.append((d.customer_id, kind, d.rule.value, account.owed))
    return out


def _existing(session: Session, column, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 900):
        found.update(session.scalars(select(column).where(column.in_(keys[start:start + 900]))))
    return found


def _plan(session: Session, accounts: int, items: list[tuple[int, str, str, Decimal]],
          first: int, now: dt.datetime) -> CostControlPlan:
    ids = sorted({cid for cid, *_ in items})
    people = {}
    for start in range(0, len(ids), 900):
        people.update({r[0]: r[1:] for r in session.execute(
            select(Customer.id, Customer.customer_no, Customer.name, Unit.name)
            .join(Unit, Unit.id == Customer.unit_id)
            .where(Customer.id.in_(ids[start:start + 900])))})
    totals: dict[tuple[str, str], list] = {}
    for cid, kind, _rule, amount in items:
        acc = totals.setdefault((people[cid][2], kind), [0, ZERO])
        acc[0] += 1
        acc[1] += amount
    lines = tuple(PlanLine(unit, kind, n, amount) for (unit, kind), (n, amount) in
                  sorted(totals.items(), key=lambda t: (t[0][0], KINDS.index(t[0][1]))))
    order = sorted(items, key=lambda i: (KINDS.index(i[1]), -i[3]))[:first]
    rows = tuple(PlanRow(cid, *people[cid], kind, rule, amount)
                 for cid, kind, rule, amount in order)
    return CostControlPlan(accounts, lines, rows, now)
