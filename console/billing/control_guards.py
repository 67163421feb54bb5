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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from console.billing.cost_rules import Calendar, Facts, Policy, blocked_by


class Guard(StrEnum):
    """Why a disconnect is refused (stored in control_command.refused_rule)."""

    PROTECTED_CUSTOMER = "protected_customer"
    PROTECTED_CATEGORY = "protected_category"
    GUARANTEE = "guarantee"  # 保电
    ARREARS_PAID = "arrears_paid"
    NOTICE_NOT_SERVED = "notice_not_served"
    NOTICE_PERIOD = "notice_period"
    FINAL_REMINDER_NOT_SENT = "final_reminder_not_sent"
    FINAL_REMINDER_WAIT = "final_reminder_wait"
    BLACKOUT = "blackout"
    HOLIDAY = "holiday"
    WEEKEND = "weekend"
    QUIET_HOURS = "quiet_hours"
    RATE_LIMIT = "rate_limit"


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
        return Refusal(Guard.NOTICE_NOT_SERVED)
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
