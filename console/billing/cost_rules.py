"""Smart cost-control (智能费控) decisions from plain values: no database, no clock.

`decide(facts, policy, calendar, now)` says what to do about one account and
why, as `Decision(customer_id, action, rule, detail)` rows. The pipeline, one
account at a time:

1. Recovered: the balance is back above the line while the account is in
   alert or notice -> CLEAR (state normal, open requests cancelled).
2. Low balance (prepaid, balance < alert_balance, state normal) -> ALERT
   (balance alert notice, plus the meter's pre-trip alarm if the policy says).
   Overdue (postpaid, bills past due) -> REMINDER (催费通知单, once per oldest
   overdue bill).
3. Below the disconnect line (prepaid: balance < disconnect_balance, which is
   minus the overdraft allowed; postpaid: the same and at least
   `disconnect_after_days` overdue, Art. 66):
   protected customer, protected category or 保电 meter -> HOLD, never cut
   automatically; no notice yet -> SERVE_NOTICE (停电通知书, Art. 67: 3-7 days);
   notice not yet delivered or its period not over -> HOLD; then the cut
   time must be allowed (quiet hours, weekend, holiday, blackout -> HOLD);
   no final reminder today -> FINAL_REMINDER (30 minutes before the cut;
   also while a request waits for approval, which needs it);
   reminder at least `reminder_minutes` old -> REQUEST_DISCONNECT.

A request is only a request: approval and execution are the switch-control
work, which checks the calendar again when it cuts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from console.timeutil import LOCAL


class Action(StrEnum):
    CLEAR = "clear"
    ALERT = "alert"
    REMINDER = "reminder"
    SERVE_NOTICE = "serve_notice"
    FINAL_REMINDER = "final_reminder"
    REQUEST_DISCONNECT = "request_disconnect"
    HOLD = "hold"


class Rule(StrEnum):
    RECOVERED = "recovered"
    LOW_BALANCE = "low_balance"
    OVERDUE = "overdue"
    BELOW_DISCONNECT = "below_disconnect_balance"
    PROTECTED_CUSTOMER = "protected_customer"
    PROTECTED_CATEGORY = "protected_category"
    GUARANTEE = "guarantee"  # 保电 meter
    NOTICE_NOT_SERVED = "notice_not_served"
    NOTICE_PERIOD = "notice_period"
    QUIET_HOURS = "quiet_hours"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    BLACKOUT = "blackout"
    FINAL_REMINDER_WAIT = "final_reminder_wait"
    ALREADY_REQUESTED = "already_requested"
    RATE_LIMIT = "rate_limit"
    NO_METER = "no_meter"


@dataclass(frozen=True)
class Policy:
    """The thresholds and guards in force for an account (a CostControlPolicy row)."""

    policy_id: int | None
    alert_balance: Decimal
    disconnect_balance: Decimal  # minus the overdraft allowed
    notice_days: int = 7
    reminder_minutes: int = 30
    quiet_start: dt.time = dt.time(18, 0)
    quiet_end: dt.time = dt.time(8, 0)
    no_weekends: bool = True
    no_holidays: bool = True
    protected_categories: frozenset[str] = frozenset({"public"})
    max_disconnects_per_hour: int = 50
    alarm_command: bool = True
    disconnect_after_days: int = 30
    topup_amount: Decimal = Decimal("100.00")  # prepaid: suggested beyond what is owed


@dataclass(frozen=True)
class Block:
    """A calendar block: local days [starts_on, ends_on], kind holiday/blackout/workday."""

    kind: str
    starts_on: dt.date
    ends_on: dt.date
    unit_id: int | None = None  # None: every unit

    def covers(self, day: dt.date, units: frozenset[int]) -> bool:
        in_scope = self.unit_id is None or self.unit_id in units
        return in_scope and self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Calendar:
    """Calendar blocks, and the ancestors of each unit (a county's blackout covers its stations)."""

    blocks: tuple[Block, ...] = ()
    unit_scope: Callable[[int], frozenset[int]] = lambda unit_id: frozenset({unit_id})

    def day_kinds(self, day: dt.date, unit_id: int) -> set[str]:
        units = self.unit_scope(unit_id)
        return {b.kind for b in self.blocks if b.covers(day, units)}


@dataclass(frozen=True)
class Facts:
    """One account as the engine sees it now."""

    customer_id: int
    unit_id: int
    category: str
    prepaid: bool
    balance: Decimal  # prepaid: ledger; postpaid: ledger plus bills not yet due
    control_state: str = "normal"
    protected: bool = False
    guarantee: bool = False  # some meter of the account is under 保电
    has_meter: bool = True
    oldest_overdue: dt.date | None = None  # postpaid: due date of the oldest unpaid bill
    notice_served_at: dt.datetime | None = None  # current disconnect notice delivered
    notice_pending: bool = False  # written but not delivered yet
    notice_deadline: dt.datetime | None = None
    final_reminder_at: dt.datetime | None = None  # today's 30-minute reminder
    open_request: bool = False  # a disconnect requested, approved, queued or sent


@dataclass(frozen=True)
class Decision:
    customer_id: int
    action: Action
    rule: Rule
    detail: str = ""
    at: dt.datetime | None = None  # the planned cut (final reminder), the deadline (notice)


def decide(f: Facts, p: Policy, calendar: Calendar, now: dt.datetime) -> list[Decision]:
    """What to do about one account now, and which rule says so (see the module docstring)."""
    if f.control_state == "disconnected":
        return []  # reconnecting is the payment's business
    if _recovered(f, p):
        if f.control_state in ("alert", "notice") or f.open_request:
            return [Decision(f.customer_id, Action.CLEAR, Rule.RECOVERED, f"balance {f.balance}")]
        return []
    out = _early_warning(f, p, now)
    if _below_disconnect(f, p, now):
        out.append(_disconnect_step(f, p, calendar, now))
    return out


def _recovered(f: Facts, p: Policy) -> bool:
    if f.prepaid:
        return f.balance >= p.alert_balance
    return f.oldest_overdue is None or f.balance >= 0


def _early_warning(f: Facts, p: Policy, now: dt.datetime) -> list[Decision]:
    if f.prepaid and f.balance < p.alert_balance and f.control_state == "normal":
        return [Decision(f.customer_id, Action.ALERT, Rule.LOW_BALANCE,
                         f"balance {f.balance} < {p.alert_balance}")]
    if not f.prepaid and f.oldest_overdue is not None and f.balance < 0:
        days = _days_overdue(f, now)
        return [Decision(f.customer_id, Action.REMINDER, Rule.OVERDUE,
                         f"owes {-f.balance}, {days} days overdue")]
    return []


def _days_overdue(f: Facts, now: dt.datetime) -> int:
    if f.oldest_overdue is None:
        return 0
    return (now.astimezone(LOCAL).date() - f.oldest_overdue).days


def _below_disconnect(f: Facts, p: Policy, now: dt.datetime) -> bool:
    if f.balance >= p.disconnect_balance:
        return False
    return f.prepaid or _days_overdue(f, now) >= p.disconnect_after_days


def _disconnect_step(f: Facts, p: Policy, calendar: Calendar, now: dt.datetime) -> Decision:
    hold = _protection(f, p)
    if hold:
        return Decision(f.customer_id, Action.HOLD, hold, "never disconnected automatically")
    step = _notice_step(f, p, calendar, now)
    if f.open_request and step.action != Action.FINAL_REMINDER:
        # A request waiting for approval still needs today's 30-minute reminder: without
        # it the approval is refused, so it is the one thing the engine still sends.
        return Decision(f.customer_id, Action.HOLD, Rule.ALREADY_REQUESTED)
    return step


def _notice_step(f: Facts, p: Policy, calendar: Calendar, now: dt.datetime) -> Decision:
    if f.notice_served_at is None and not f.notice_pending:
        due = now + dt.timedelta(days=p.notice_days)
        return Decision(f.customer_id, Action.SERVE_NOTICE, Rule.BELOW_DISCONNECT,
                        f"balance {f.balance} < {p.disconnect_balance}; cut not before {_at(due)}",
                        due)
    if f.notice_served_at is None:
        return Decision(f.customer_id, Action.HOLD, Rule.NOTICE_NOT_SERVED)
    deadline = f.notice_deadline or f.notice_served_at + dt.timedelta(days=p.notice_days)
    reminder = dt.timedelta(minutes=p.reminder_minutes)
    if now < deadline - reminder:
        return Decision(f.customer_id, Action.HOLD, Rule.NOTICE_PERIOD, f"until {_at(deadline)}")
    return _final_step(f, p, calendar, now, max(deadline, now + reminder) if
                       f.final_reminder_at is None else max(deadline, now))


def _final_step(f: Facts, p: Policy, calendar: Calendar, now: dt.datetime,
                cut: dt.datetime) -> Decision:
    for moment in (now, cut):
        blocked = blocked_by(p, calendar, moment, f.unit_id)
        if blocked:
            return Decision(f.customer_id, Action.HOLD, blocked, f"at {_at(moment)}")
    if f.final_reminder_at is None:
        return Decision(f.customer_id, Action.FINAL_REMINDER, Rule.BELOW_DISCONNECT,
                        f"cut at {_at(cut)}", cut)
    ready = f.final_reminder_at + dt.timedelta(minutes=p.reminder_minutes)
    if now < ready:
        return Decision(f.customer_id, Action.HOLD, Rule.FINAL_REMINDER_WAIT, f"until {_at(ready)}")
    return Decision(f.customer_id, Action.REQUEST_DISCONNECT, Rule.BELOW_DISCONNECT,
                    f"balance {f.balance} < {p.disconnect_balance}")


def _protection(f: Facts, p: Policy) -> Rule | None:
    if f.protected:
        return Rule.PROTECTED_CUSTOMER
    if f.category in p.protected_categories:
        return Rule.PROTECTED_CATEGORY
    if f.guarantee:
        return Rule.GUARANTEE
    if not f.has_meter:
        return Rule.NO_METER
    return None


def blocked_by(p: Policy, calendar: Calendar, moment: dt.datetime, unit_id: int) -> Rule | None:
    """The guard that forbids cutting at `moment` (local time), or None."""
    local = moment.astimezone(LOCAL)
    kinds = calendar.day_kinds(local.date(), unit_id)
    if "blackout" in kinds:
        return Rule.BLACKOUT
    if p.no_holidays and "holiday" in kinds:
        return Rule.HOLIDAY
    if p.no_weekends and local.weekday() >= 5 and "workday" not in kinds:
        return Rule.WEEKEND
    if in_quiet_hours(local.time(), p.quiet_start, p.quiet_end):
        return Rule.QUIET_HOURS
    return None


def in_quiet_hours(t: dt.time, start: dt.time, end: dt.time) -> bool:
    """[start, end), wrapping past midnight when start > end (18:00-08:00)."""
    if start == end:
        return False
    if start < end:
        return start <= t < end
    return t >= start or t < end


def _at(moment: dt.datetime) -> str:
    return moment.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")
