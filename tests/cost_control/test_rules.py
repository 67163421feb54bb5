"""Cost-control decisions from plain values: each rule against a worked table.

The clock: NOW is Tuesday 2026-11-24 10:00 in Shanghai. The policy: alert
under 20 yuan, cut under 0 (postpaid: and 30 days overdue), 7 days' notice,
final reminder 30 minutes before, quiet 18:00-08:00, no weekends, no holidays.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from console.billing.cost_rules import (
    Action,
    Block,
    Calendar,
    Facts,
    Policy,
    Rule,
    blocked_by,
    decide,
    in_quiet_hours,
)
from console.timeutil import LOCAL

D = Decimal
POLICY = Policy(1, D("20.00"), D("0.00"))
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=LOCAL)
EMPTY = Calendar()


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=LOCAL)


def prepaid(balance: str, **kw) -> Facts:
    return Facts(1, 10, kw.pop("category", "residential"), True, D(balance), **kw)


def postpaid(balance: str, overdue_days: int | None, **kw) -> Facts:
    due = None if overdue_days is None else NOW.date() - dt.timedelta(days=overdue_days)
    return Facts(1, 10, kw.pop("category", "commercial"), False, D(balance), oldest_overdue=due, **kw)


def served(days_ago: float, **kw) -> dict:
    """Facts of an account in 'notice' whose 7-day notice was delivered `days_ago`."""
    at = NOW - dt.timedelta(days=days_ago)
    return {"control_state": "notice", "notice_served_at": at,
            "notice_deadline": at + dt.timedelta(days=7), **kw}


def actions(facts: Facts, *, policy: Policy = POLICY, calendar: Calendar = EMPTY,
            now: dt.datetime = NOW) -> list[tuple[str, str]]:
    return [(d.action.value, d.rule.value) for d in decide(facts, policy, calendar, now)]


# -- thresholds ------------------------------------------------------------------------------

@pytest.mark.parametrize(("balance", "state", "expected"), [
    ("20.00", "normal", []),  # at the alert line: nothing
    ("19.99", "normal", [("alert", "low_balance")]),
    ("19.99", "alert", []),  # alerted already
    ("0.00", "alert", []),  # at the cut line: not under it
    ("-0.01", "alert", [("serve_notice", "below_disconnect_balance")]),
    ("-0.01", "normal", [("alert", "low_balance"), ("serve_notice", "below_disconnect_balance")]),
    ("20.00", "alert", [("clear", "recovered")]),  # topped up
    ("50.00", "notice", [("clear", "recovered")]),
    ("-80.00", "disconnected", []),  # reconnecting is the payment's business
])
def test_prepaid_thresholds(balance, state, expected):
    assert actions(prepaid(balance, control_state=state)) == expected


def test_an_overdraft_limit_moves_the_cut_line():
    overdraft = Policy(1, D("20.00"), D("-5.00"))
    assert actions(prepaid("-5.00", control_state="alert"), policy=overdraft) == []
    assert actions(prepaid("-5.01", control_state="alert"), policy=overdraft) == [
        ("serve_notice", "below_disconnect_balance")]


@pytest.mark.parametrize(("balance", "days", "expected"), [
    ("0.00", None, []),  # nothing overdue
    ("-96.40", 0, [("reminder", "overdue")]),  # due yesterday... counted from the due date
    ("-96.40", 29, [("reminder", "overdue")]),  # not 30 days yet: no disconnect notice
    ("-96.40", 30, [("reminder", "overdue"), ("serve_notice", "below_disconnect_balance")]),
])
def test_postpaid_reminder_then_disconnect_notice_after_30_days(balance, days, expected):
    assert actions(postpaid(balance, days)) == expected


# -- notice served or not, and its period ------------------------------------------------------

@pytest.mark.parametrize(("facts", "expected"), [
    (prepaid("-10.00", control_state="notice", notice_pending=True),
     [("hold", "notice_not_served")]),
    (prepaid("-10.00", **served(3)), [("hold", "notice_period")]),
    (prepaid("-10.00", **served(6.97)), [("hold", "notice_period")]),  # 43 min left
    (prepaid("-10.00", **served(6.98)), [("final_reminder", "below_disconnect_balance")]),  # 29 min
    (prepaid("-10.00", **served(8)), [("final_reminder", "below_disconnect_balance")]),
])
def test_notice_served_and_period(facts, expected):
    assert actions(facts) == expected


def test_final_reminder_then_request_30_minutes_later():
    sent = NOW - dt.timedelta(minutes=29)
    assert actions(prepaid("-10.00", **served(8, final_reminder_at=sent))) == [
        ("hold", "final_reminder_wait")]
    sent = NOW - dt.timedelta(minutes=30)
    assert actions(prepaid("-10.00", **served(8, final_reminder_at=sent))) == [
        ("request_disconnect", "below_disconnect_balance")]
    assert actions(prepaid("-10.00", **served(8, final_reminder_at=sent, open_request=True))) == [
        ("hold", "already_requested")]


def test_final_reminder_names_the_cut_time():
    [decision] = decide(prepaid("-10.00", **served(8)), POLICY, EMPTY, NOW)
    assert decision.at == NOW + dt.timedelta(minutes=30)
    notice_ends = NOW + dt.timedelta(minutes=20)  # the period ends first: still 30 minutes
    facts = prepaid("-10.00", control_state="notice", notice_served_at=NOW - dt.timedelta(days=7),
                    notice_deadline=notice_ends)
    assert decide(facts, POLICY, EMPTY, NOW)[0].at == NOW + dt.timedelta(minutes=30)


# -- quiet hours, weekends, holidays, blackouts --------------------------------------------------

@pytest.mark.parametrize(("now", "expected"), [
    (local(24, 8, 0), None),  # Tuesday 08:00: cut at 08:30
    (local(24, 7, 59), "quiet_hours"),  # before the quiet hours end
    (local(24, 17, 29), None),  # cut 17:59
    (local(24, 17, 31), "quiet_hours"),  # the cut would fall at 18:01
    (local(24, 23, 0), "quiet_hours"),
    (local(28, 10, 0), "weekend"),  # Saturday
    (local(29, 10, 0), "weekend"),  # Sunday
    (local(27, 23, 45), "quiet_hours"),  # Friday night, cut after midnight on Saturday
])
def test_time_guards_hold_the_final_reminder(now, expected):
    facts = prepaid("-10.00", **served(8))
    got = decide(facts, POLICY, EMPTY, now)[0]
    assert (got.rule.value if got.action == Action.HOLD else None) == expected


HOLIDAYS = Calendar((Block("holiday", dt.date(2026, 10, 1), dt.date(2026, 10, 7)),
                     Block("workday", dt.date(2026, 10, 10), dt.date(2026, 10, 10)),
                     Block("blackout", dt.date(2026, 11, 24), dt.date(2026, 11, 25), unit_id=99)),
                    unit_scope=lambda unit: frozenset({unit, 99}) if unit == 10 else frozenset({unit}))


@pytest.mark.parametrize(("moment", "unit", "policy", "expected"), [
    (local(5, 10, month=10), 7, POLICY, Rule.HOLIDAY),  # National Day week, a Monday
    (local(5, 10, month=10), 7, Policy(1, D(20), D(0), no_holidays=False), None),
    (local(10, 10, month=10), 7, POLICY, None),  # a Saturday worked (调休)
    (local(11, 10, month=10), 7, POLICY, Rule.WEEKEND),
    (local(11, 10, month=10), 7, Policy(1, D(20), D(0), no_weekends=False), None),
    (local(24, 10), 10, POLICY, Rule.BLACKOUT),  # declared for the county (99) above unit 10
    (local(24, 10), 7, POLICY, None),  # another county
    (local(24, 10), 10, Policy(1, D(20), D(0), no_holidays=False), Rule.BLACKOUT),  # always
])
def test_calendar_blocks(moment, unit, policy, expected):
    assert blocked_by(policy, HOLIDAYS, moment, unit) == expected


def test_a_blackout_holds_the_request_too():
    sent = NOW - dt.timedelta(minutes=45)
    facts = prepaid("-10.00", **served(8, final_reminder_at=sent))
    assert actions(facts, calendar=HOLIDAYS) == [("hold", "blackout")]


@pytest.mark.parametrize(("t", "start", "end", "quiet"), [
    (dt.time(18, 0), dt.time(18), dt.time(8), True),
    (dt.time(7, 59), dt.time(18), dt.time(8), True),
    (dt.time(8, 0), dt.time(18), dt.time(8), False),
    (dt.time(12, 30), dt.time(12), dt.time(14), True),  # a lunch break, not wrapping
    (dt.time(14, 0), dt.time(12), dt.time(14), False),
    (dt.time(3, 0), dt.time(0), dt.time(0), False),  # no quiet hours at all
])
def test_quiet_hours_window(t, start, end, quiet):
    assert in_quiet_hours(t, start, end) is quiet


# -- protected ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("facts", "rule"), [
    (prepaid("-10.00", control_state="alert", protected=True), "protected_customer"),
    (prepaid("-10.00", control_state="alert", category="public"), "protected_category"),
    (prepaid("-10.00", control_state="alert", guarantee=True), "guarantee"),
    (postpaid("-5000.00", 90, protected=True), "protected_customer"),
    (prepaid("-10.00", **served(8, guarantee=True)), "guarantee"),  # 保电 after the notice
])
def test_protected_accounts_are_never_cut_automatically(facts, rule):
    got = actions(facts)
    assert got[-1] == ("hold", rule)
    assert not any(a in ("serve_notice", "final_reminder", "request_disconnect") for a, _r in got)


def test_protected_categories_come_from_the_policy():
    farms = Policy(1, D("20.00"), D("0.00"), protected_categories=frozenset({"agricultural"}))
    assert actions(prepaid("-10.00", control_state="alert", category="public"), policy=farms) == [
        ("serve_notice", "below_disconnect_balance")]
    assert actions(prepaid("-10.00", control_state="alert", category="agricultural"),
                   policy=farms) == [("hold", "protected_category")]
