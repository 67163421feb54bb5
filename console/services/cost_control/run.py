"""Smart cost control (智能费控), seed paper 2.2: the run that turns balances into
notices and disconnect requests.

    result = run_cost_control(db, Actor.system("cost-control"))

1. Prepaid draw-down (console.services.cost_control.drawdown): use since the last
   bill is charged, so prepaid balances follow the meters between bills.
2. The accounts worth a look (bills overdue, prepaid, or not in the normal
   state) are decided chunk by chunk, each chunk in its own transaction that
   reads the facts it acts on (a payment landing meanwhile is seen, never
   overtaken): console.billing.cost_rules says what and why.
3. Output: notices (dedupe keys: one alert a day, one reminder per oldest
   overdue bill, one disconnect notice per episode, one final reminder a
   day), pre-trip alarms queued for the meter, disconnect requests (state
   'requested', reason arrears, `rule` = the rule; idempotency key per
   customer and day), control states moved, and an audit event per chunk
   (plus one per request). Recovered accounts go back to normal; their
   pending disconnect notices and unapproved requests are cancelled.

Disconnect requests are capped per unit at the policy's
`max_disconnects_per_hour` (requests of the last hour count), largest
arrears first. Running twice writes nothing new.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from console.billing.cost_rules import Action, Calendar, Decision, Rule, decide
from console.db import Database
from console.models import ControlCommand, Customer, Notice, utcnow
from console.models.enums import (
    CommandAction,
    CommandReason,
    CommandState,
    ControlState,
    NoticeChannel,
    NoticeKind,
    NoticeStatus,
)
from console.services import audit
from console.services.acting import current_scope, use_case
from console.services.actor import Actor
from console.services.control.requests import RequestSpec, write_requests
from console.services.cost_control.data import Account, candidate_ids, load_accounts
from console.services.cost_control.drawdown import DrawdownResult, draw_down
from console.services.cost_control.policy import PolicyBook, load_calendar, load_policies
from console.services.notices.issue import (
    NoticeSpec,
    disconnect_spec,
    set_state,
    write_notices,
)
from console.services.permissions import Permission
from console.timeutil import LOCAL

Progress = Callable[[int, int], None]  # (accounts done, accounts to look at)
BATCH = 5000
NOTICE_OF = {Action.ALERT: NoticeKind.ALERT, Action.REMINDER: NoticeKind.REMINDER,
             Action.FINAL_REMINDER: NoticeKind.DISCONNECT_REMINDER}


@dataclass(frozen=True)
class CostControlRunResult:
    """What one run decided and wrote. `decisions` explains every account acted on or held."""

    accounts: int  # accounts looked at
    decisions: tuple[Decision, ...]
    notices: int  # notices written (new dedupe keys)
    alarms: int  # pre-trip alarms queued
    requests: int  # disconnect requests written
    cleared: int  # accounts back to normal
    drawdown: DrawdownResult
    seconds: float

    @property
    def counts(self) -> dict[str, int]:
        """Decisions per action, and HOLDs per rule ("hold:quiet_hours")."""
        return dict(Counter(d.action.value if d.action != Action.HOLD else f"hold:{d.rule.value}"
                            for d in self.decisions))


@dataclass
class _Run:
    actor: Actor
    now: dt.datetime
    book: PolicyBook
    calendar: Calendar
    per_unit: Counter  # disconnect requests of the last hour, per unit
    decisions: list[Decision]
    written: Counter


@use_case(Permission.REQUEST_CONTROL, system=True, filters=True)
def run_cost_control(db: Database, actor: Actor, *, now: dt.datetime | None = None,
                     progress: Progress | None = None, batch: int = BATCH) -> CostControlRunResult:
    """Draw down prepaid balances, then decide and act on every account that may need it.

    Needs REQUEST_CONTROL, or a system actor (CLI, collector schedule), which acts on
    every account. A person's run acts on the accounts of their own units only, the
    prepaid draw-down included; console.services.cost_control.plan shows it first
    without writing.
    """
    started, now = time.perf_counter(), now or utcnow()
    with db.uow() as session:
        drawn = draw_down(session, now)
        if drawn.charged or drawn.credited:
            audit.record(session, actor, "cost_control.drawdown", entity_type="cost_control",
                         entity_id=f"{now:%Y%m%d%H%M}", after=vars(drawn))
    with db.read() as session:
        run, ids = start_run(session, actor, now)
    for first in range(0, len(ids), batch):
        with db.uow() as session:
            _chunk(session, run, ids[first:first + batch])
        if progress is not None:
            progress(min(first + batch, len(ids)), len(ids))
    w = run.written
    return CostControlRunResult(len(ids), tuple(run.decisions), w["notices"], w["alarms"],
                                w["requests"], w["cleared"], drawn,
                                round(time.perf_counter() - started, 3))


def start_run(session: Session, actor: Actor, now: dt.datetime) -> tuple[_Run, list[int]]:
    """A run's policies, calendar and hourly counts, and the accounts it looks at."""
    scope = current_scope().units  # the actor's units (None: every unit)
    units = None if scope is None else sorted(scope)
    ids = candidate_ids(session, now.astimezone(LOCAL).date(), units=units)
    book = load_policies(session)
    run = _Run(actor, now, book, load_calendar(session, book, start=now.astimezone(LOCAL).date()),
               _recent_requests(session, now), [], Counter())
    return run, ids


def run_scheduled(db: Database, service: Actor | None = None) -> CostControlRunResult:
    """One run as the collector's schedule does it: as its service account, else the system
    actor 'collector' (the embedded console). Not a use case of its own (its first two
    parameters are not db, actor): run_cost_control, which it calls, checks the rule."""
    return run_cost_control(db, service or Actor.system("collector"))


def _chunk(session: Session, run: _Run, ids: Sequence[int]) -> None:
    accounts = {a.facts.customer_id: a for a in load_accounts(session, ids, run.now)}
    decisions = [d for a in accounts.values()
                 for d in decide(a.facts, _policy(run, a), run.calendar, run.now)]
    decisions = _rate_limit(run, accounts, decisions)
    run.decisions += decisions
    by_action: dict[Action, list[Decision]] = {}
    for d in decisions:
        by_action.setdefault(d.action, []).append(d)
    written: Counter[str] = Counter()
    written["cleared"] = _clear(session, run, [d.customer_id for d in by_action.get(Action.CLEAR, [])])
    written["notices"] = _notices(session, run, accounts, decisions)
    written["alarms"] = _alarms(session, run, accounts, by_action.get(Action.ALERT, []))
    set_state(session, [d.customer_id for d in by_action.get(Action.ALERT, [])], ControlState.ALERT,
              only_from=(ControlState.NORMAL,))
    set_state(session, [d.customer_id for d in by_action.get(Action.SERVE_NOTICE, [])],
              ControlState.NOTICE, only_from=(ControlState.NORMAL, ControlState.ALERT))
    specs = [RequestSpec(d.customer_id, _meter_of(accounts[d.customer_id]), d.rule.value, d.detail)
             for d in by_action.get(Action.REQUEST_DISCONNECT, [])]
    written["requests"] = sum(c.created for c in write_requests(session, run.actor, specs, now=run.now))
    if decisions:
        audit.record(session, run.actor, "cost_control.batch", entity_type="cost_control",
                     entity_id=f"{ids[0]}-{ids[-1]}", after=_summary(decisions, written))
    run.written.update(written)


def _meter_of(account: Account) -> int:
    """The meter a decided disconnect goes to; the rules hold accounts without one (NO_METER)."""
    if account.meter_id is None:
        raise ValueError(f"customer {account.facts.customer_id}: a cut decided without a meter")
    return account.meter_id


def _policy(run: _Run, account: Account):
    return run.book.for_account(account.facts.unit_id, account.facts.category)


def _rate_limit(run: _Run, accounts: dict[int, Account], decisions: list[Decision]) -> list[Decision]:
    """Requests beyond the unit's hourly cap become HOLD rate_limit; largest arrears go first."""
    order = sorted((d for d in decisions if d.action == Action.REQUEST_DISCONNECT),
                   key=lambda d: accounts[d.customer_id].facts.balance)
    held = set()
    for d in order:
        account = accounts[d.customer_id]
        unit = account.facts.unit_id
        if run.per_unit[unit] >= _policy(run, account).max_disconnects_per_hour:
            held.add(d.customer_id)
        else:
            run.per_unit[unit] += 1
    return [replace(d, action=Action.HOLD, rule=Rule.RATE_LIMIT)
            if d.action == Action.REQUEST_DISCONNECT and d.customer_id in held else d
            for d in decisions]


def _notices(session: Session, run: _Run, accounts: dict[int, Account],
             decisions: list[Decision]) -> int:
    specs = notice_specs(run, accounts, decisions)
    return sum(n.created for n in write_notices(session, specs, actor=run.actor, now=run.now))


def notice_specs(run: _Run, accounts: dict[int, Account], decisions: list[Decision]) -> list[NoticeSpec]:
    """The notices these decisions call for (written only where the dedupe key is new)."""
    day = run.now.astimezone(LOCAL).date()
    specs = []
    for d in decisions:
        a = accounts[d.customer_id]
        channel = NoticeChannel.SMS if a.has_phone else NoticeChannel.PAPER
        if d.action == Action.SERVE_NOTICE:
            specs.append(disconnect_spec(d.customer_id, channel, d.rule.value, a.owed, run.now,
                                         _policy(run, a).notice_days))
        elif d.action in NOTICE_OF:
            specs.append(NoticeSpec(d.customer_id, NOTICE_OF[d.action], channel,
                                    _notice_key(d, a, day), d.rule.value,
                                    a.facts.balance if d.action == Action.ALERT else a.owed, d.at))
    return specs


def _notice_key(d: Decision, a: Account, day: dt.date) -> str:
    if d.action == Action.REMINDER:  # one per oldest overdue bill: a new bill overdue, a new one
        return f"arrears:{d.customer_id}:{a.facts.oldest_overdue:%Y%m%d}"
    prefix = "alert" if d.action == Action.ALERT else "final"
    return f"{prefix}:{d.customer_id}:{day:%Y%m%d}"


def _alarms(session: Session, run: _Run, accounts: dict[int, Account],
            alerts: list[Decision]) -> int:
    """Queue the meter's pre-trip alarm with each alert (a warning, not a cut: no approval)."""
    rows = alarm_rows(run, accounts, alerts)
    if not rows:
        return 0
    keys = [r["idempotency_key"] for r in rows]
    before = session.execute(select(func.count())
                             .where(ControlCommand.idempotency_key.in_(keys))).scalar_one()
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(ControlCommand).on_conflict_do_nothing(
        index_elements=["idempotency_key"]), rows)
    return len(rows) - before


def alarm_rows(run: _Run, accounts: dict[int, Account], alerts: list[Decision]) -> list[dict]:
    """The pre-trip alarm commands these alerts call for (keyed per customer and day)."""
    day = run.now.astimezone(LOCAL).date()
    return [{"meter_id": accounts[d.customer_id].meter_id, "customer_id": d.customer_id,
             "action": CommandAction.ALARM_ON, "reason": CommandReason.ARREARS,
             "state": CommandState.QUEUED, "idempotency_key": f"alarm:{d.customer_id}:{day:%Y%m%d}",
             "requested_by": run.actor.user_id, "requested_at": run.now, "attempts": 0,
             "refused_rule": "", "error": "", "rule": d.rule.value, "version": 1}
            for d in alerts if accounts[d.customer_id].meter_id is not None
            and _policy(run, accounts[d.customer_id]).alarm_command]


def _clear(session: Session, run: _Run, ids: list[int]) -> int:
    """Back to normal: pending disconnect notices and unapproved requests are cancelled."""
    if not ids:
        return 0
    session.execute(update(Notice).where(
        Notice.customer_id.in_(ids), Notice.status == NoticeStatus.PENDING,
        Notice.kind.in_((NoticeKind.DISCONNECT, NoticeKind.DISCONNECT_REMINDER)))
        .values(status=NoticeStatus.CANCELLED).execution_options(synchronize_session=False))
    for command in session.scalars(select(ControlCommand).where(
            ControlCommand.customer_id.in_(ids), ControlCommand.action == CommandAction.DISCONNECT,
            ControlCommand.state == CommandState.REQUESTED)):
        command.state, command.finished_at, command.error = CommandState.CANCELLED, run.now, "recovered"
        audit.record(session, run.actor, "command.cancelled", entity_type="control_command",
                     entity_id=command.id, before={"state": CommandState.REQUESTED},
                     after={"state": command.state, "rule": Rule.RECOVERED.value})
    set_state(session, ids, ControlState.NORMAL, only_from=(ControlState.ALERT, ControlState.NOTICE))
    return len(ids)


def _recent_requests(session: Session, now: dt.datetime) -> Counter:
    rows = session.execute(
        select(Customer.unit_id, func.count()).select_from(ControlCommand)
        .join(Customer, Customer.id == ControlCommand.customer_id)
        .where(ControlCommand.action == CommandAction.DISCONNECT,
               ControlCommand.requested_at > now - dt.timedelta(hours=1))
        .group_by(Customer.unit_id))
    return Counter(dict(rows.all()))


def _summary(decisions: list[Decision], written: Counter) -> dict:
    acted: dict[str, list[int]] = {}
    for d in decisions:
        if d.action != Action.HOLD:
            acted.setdefault(d.action.value, []).append(d.customer_id)
    return {**dict(written), "customers": acted,
            "rules": dict(Counter(f"{d.action.value}:{d.rule.value}" for d in decisions))}
