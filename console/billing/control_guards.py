"""Policy guards on a disconnect, from plain values: no database, no clock.

`refusal(facts, policy, calendar, now)` names the first guard that forbids
cutting this customer's power now, or returns None. It is asked when a
disconnect is requested, when it is approved, and by the collector just
before it sends the trip, so a payment, a 保电 order or a blackout declared
after approval still stops it.

Guards, in order (each refusal is a `Guard` value):
1. protected customer, protected category, meter under 保电;
2. arrears disconnects only: arrears still unpaid, the disconnect notice
   served and its period over, the 30-minute reminder sent and waited out;
3. the moment: blackout, holiday, weekend, quiet hours (cost_rules.blocked_by);
4. the unit's cap of disconnects per hour.

The rules and the calendar are cost control's (console.billing.cost_rules):
the engine that proposes a cut and the guard that allows it read the same values.

`outlook(...)` says more than yes or no: when a refused disconnect becomes
possible by time alone (`ready_at`), or which step a person must take first
(`Step`: serve the notice, send the 30-minute reminder), or never (protected,
paid). Request, approval and the panels all read it, so a request is never
accepted that nobody could approve.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from console.billing.cost_rules import Calendar, Facts, Policy, Rule, blocked_by
from console.timeutil import LOCAL

HORIZON_DAYS = 60  # how far ahead `next_allowed` looks for a moment a cut is allowed


class Guard(StrEnum):
    """Why a disconnect is refused (stored in control_command.refused_rule)."""

    PROTECTED_CUSTOMER = "protected_customer"
    PROTECTED_CATEGORY = "protected_category"
    GUARANTEE = "guarantee"  # 保电
    ARREARS_PAID = "arrears_paid"
    NOTICE_NOT_SERVED = "notice_not_served"
    NOTICE_PENDING = "notice_pending"  # written, not yet delivered: its period has not begun
    NOTICE_PERIOD = "notice_period"
    FINAL_REMINDER_NOT_SENT = "final_reminder_not_sent"
    FINAL_REMINDER_WAIT = "final_reminder_wait"
    BLACKOUT = "blackout"
    HOLIDAY = "holiday"
    WEEKEND = "weekend"
    QUIET_HOURS = "quiet_hours"
    RATE_LIMIT = "rate_limit"


class Step(StrEnum):
    """What a person does so that a refused arrears disconnect can go ahead."""

    SERVE_NOTICE = "serve_notice"
    SEND_FINAL_REMINDER = "send_final_reminder"


# Refusals no waiting and no step will lift (a payment or an admin's change may).
PERMANENT = frozenset({"protected_customer", "protected_category", "guarantee", "arrears_paid"})


@dataclass(frozen=True)
class Refusal:
    guard: Guard
    detail: str = ""


@dataclass(frozen=True)
class DisconnectFacts:
    """A customer as the guards see it at one moment.

    `account` is what cost control reads (balance, notice, reminder,
    protection); `meter_guarantee` is the 保电 flag of the meter to be cut;
    `recent_disconnects` counts the unit's other disconnects of the last hour.
    """

    account: Facts
    arrears: bool  # the command's reason is arrears
    meter_guarantee: bool = False
    recent_disconnects: int = 0


def refusal(f: DisconnectFacts, p: Policy, calendar: Calendar,
            now: dt.datetime) -> Refusal | None:
    """The first guard that forbids this disconnect now, or None (see the module docstring)."""
    return (_protection(f, p) or (_arrears(f.account, p, now) if f.arrears else None)
            or _moment(f.account, p, calendar, now) or _rate(f, p))


def still_owes(a: Facts, p: Policy) -> bool:
    """Below the disconnect line (postpaid: with a bill past due) as of these facts."""
    if a.balance >= p.disconnect_balance:
        return False
    return a.prepaid or a.oldest_overdue is not None


def _protection(f: DisconnectFacts, p: Policy) -> Refusal | None:
    a = f.account
    if a.protected:
        return Refusal(Guard.PROTECTED_CUSTOMER)
    if a.category in p.protected_categories:
        return Refusal(Guard.PROTECTED_CATEGORY, a.category)
    if f.meter_guarantee or a.guarantee:
        return Refusal(Guard.GUARANTEE)
    return None


def _arrears(a: Facts, p: Policy, now: dt.datetime) -> Refusal | None:
    if not still_owes(a, p):
        return Refusal(Guard.ARREARS_PAID, f"balance {a.balance}")
    if a.notice_served_at is None:
        return Refusal(Guard.NOTICE_PENDING if a.notice_pending else Guard.NOTICE_NOT_SERVED)
    deadline = a.notice_deadline or a.notice_served_at + dt.timedelta(days=p.notice_days)
    if now < deadline:
        return Refusal(Guard.NOTICE_PERIOD, f"until {deadline.isoformat()}")
    if a.final_reminder_at is None:
        return Refusal(Guard.FINAL_REMINDER_NOT_SENT)
    ready = a.final_reminder_at + dt.timedelta(minutes=p.reminder_minutes)
    if now < ready:
        return Refusal(Guard.FINAL_REMINDER_WAIT, f"until {ready.isoformat()}")
    return None


def _moment(a: Facts, p: Policy, calendar: Calendar, now: dt.datetime) -> Refusal | None:
    rule = blocked_by(p, calendar, now, a.unit_id)
    return Refusal(Guard(rule.value)) if rule is not None else None


def _rate(f: DisconnectFacts, p: Policy) -> Refusal | None:
    if f.recent_disconnects >= p.max_disconnects_per_hour:
        return Refusal(Guard.RATE_LIMIT, f"{f.recent_disconnects} in the last hour")
    return None


@dataclass(frozen=True)
class Outlook:
    """A disconnect now: allowed (`refusal` None), or refused with what lifts the refusal.

    `ready_at` is the earliest moment the guards allow once `step` (if any)
    is taken now; None when no waiting will do (protected, paid, the notice
    still to be delivered, the hourly cap).
    """

    refusal: Refusal | None
    ready_at: dt.datetime | None
    step: Step | None = None

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def outlook(f: DisconnectFacts, p: Policy, calendar: Calendar, now: dt.datetime) -> Outlook:
    """The refusal now (as `refusal`), and when or after which step it is lifted."""
    found = refusal(f, p, calendar, now)
    if found is None:
        return Outlook(None, now)
    if found.guard.value in PERMANENT or found.guard == Guard.RATE_LIMIT:
        return Outlook(found, None)
    at, step = _arrears_ready(f.account, p, now) if f.arrears else (now, None)
    ready = next_allowed(p, calendar, max(at, now), f.account.unit_id) if at is not None else None
    reminded = now if step == Step.SEND_FINAL_REMINDER else f.account.final_reminder_at
    if ready is not None and f.arrears and reminded is not None and _day(ready) != _day(reminded):
        # The 30-minute reminder counts on its own day only: on the day the cut is allowed
        # it goes out again (the engine sends it), so the cut waits for it once more.
        return Outlook(found, ready + dt.timedelta(minutes=p.reminder_minutes))
    return Outlook(found, ready, step)


def _day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LOCAL).date()


def _arrears_ready(a: Facts, p: Policy, now: dt.datetime) -> tuple[dt.datetime | None, Step | None]:
    """When the notice and the 30-minute reminder let a cut through, the missing step done now."""
    reminder = dt.timedelta(minutes=p.reminder_minutes)
    if a.notice_served_at is None:
        if a.notice_pending:  # written, not yet delivered: the period starts on delivery
            return None, None
        return now + dt.timedelta(days=p.notice_days), Step.SERVE_NOTICE
    deadline = a.notice_deadline or a.notice_served_at + dt.timedelta(days=p.notice_days)
    if now < deadline - reminder:
        return deadline, None  # the reminder goes out near the deadline, by the engine or a person
    if a.final_reminder_at is None:
        return max(deadline, now + reminder), Step.SEND_FINAL_REMINDER
    return max(deadline, a.final_reminder_at + reminder), None


def next_allowed(p: Policy, calendar: Calendar, moment: dt.datetime,
                 unit_id: int) -> dt.datetime | None:
    """The first moment from `moment` on that no calendar guard or quiet hour blocks; None
    when none within HORIZON_DAYS (a long blackout)."""
    t = moment
    for _ in range(2 * HORIZON_DAYS + 2):
        rule = blocked_by(p, calendar, t, unit_id)
        if rule is None:
            return t.astimezone(dt.UTC)
        local = t.astimezone(LOCAL)
        if rule == Rule.QUIET_HOURS:  # to the end of the quiet hours
            end = dt.datetime.combine(local.date(), p.quiet_end, tzinfo=LOCAL)
            t = end if end > local else end + dt.timedelta(days=1)
        else:  # a blocked day: try the next one from its midnight
            t = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), tzinfo=LOCAL)
        if t - moment > dt.timedelta(days=HORIZON_DAYS):
            return None
    return None
