"""One path from the arrears panel to a tripped meter: request (with the missing 30-minute
reminder), approval from the moment it names, a refusal never counted as done (issue 13.1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from console.billing.control_guards import DisconnectFacts, outlook
from console.billing.cost_rules import Action, Calendar, Facts, Policy, decide
from console.errors import ControlRefused
from console.models import ControlCommand, LedgerEntry, Notice
from console.services.arrears import disconnect as ad
from console.services.control.commands import approve_command, cancel_command
from tests import factories as f
from tests.billing_helpers import next_customer_no
from tests.control.test_commands import T, hall as hall, ready_account  # the fixture
from tests.dbroles.seating import seated

MIN = dt.timedelta(minutes=1)


def without_reminder(db, customer_id: int) -> None:
    with db.session() as s:
        for n in s.scalars(select(Notice).where(Notice.customer_id == customer_id,
                                                Notice.kind == "disconnect_reminder")):
            s.delete(n)


def test_the_request_sends_the_missing_reminder_and_the_approval_waits_for_it(db, hall):
    without_reminder(db, hall["customer"])
    plan = ad.plan_disconnections(db, hall["boss"], [hall["customer"]], now=T)
    [row] = plan.rows
    assert (row.outcome, row.rule, row.step) == ("reminder", "final_reminder_not_sent",
                                                 "send_final_reminder")
    assert row.ready_at == T + 30 * MIN
    done = ad.request_disconnections(db, hall["boss"], [hall["customer"]],
                                     idempotency_key="k1", now=T)
    [row] = done.rows
    assert (row.outcome, row.reminder_sent) == ("requested", True)
    with pytest.raises(ControlRefused) as early:
        approve_command(db, hall["boss2"], row.command_id, now=T + 10 * MIN)
    assert early.value.params["rule"] == "final_reminder_wait"
    assert early.value.params["ready_at"] == T + 30 * MIN
    approved = approve_command(db, hall["boss2"], row.command_id, now=T + 31 * MIN)
    assert approved.state == "queued"


def test_a_cancelled_request_can_be_asked_for_again_the_same_day(db, hall):
    first = ad.request_disconnections(db, hall["boss"], [hall["customer"]],
                                      idempotency_key="k1", now=T)
    cancel_command(db, hall["boss"], first.rows[0].command_id, reason="wrong", now=T)
    again = ad.request_disconnections(db, hall["boss"], [hall["customer"]],
                                      idempotency_key="k2", now=T + MIN)
    assert again.rows[0].outcome == "requested"
    assert again.rows[0].command_id != first.rows[0].command_id
    replay = ad.request_disconnections(db, hall["boss"], [hall["customer"]],
                                       idempotency_key="k2", now=T + MIN)
    assert replay.rows[0].command_id == again.rows[0].command_id


def test_no_notice_no_protection_no_scope_nothing_written(db, hall):
    with db.session() as s:
        bare = f.customer(s, hall["unit"], hall["tariff"], number=next_customer_no())
        f.meter(s, hall["unit"], bare)
        s.add(LedgerEntry(customer_id=bare.id, kind="charge", amount=D("-40.00"), memo="电费"))
        bare.cost_control_mode = "prepaid"
        shielded, _ = ready_account(s, hall["unit"], hall["tariff"], at=T)
        shielded.protected = True
        other = f.unit(s, code="37002", name="定陶区供电所")
        stranger, _ = ready_account(s, other, hall["tariff"], at=T)
        ids = {"bare": bare.id, "shielded": shielded.id, "stranger": stranger.id}
    done = ad.request_disconnections(db, hall["boss"], list(ids.values()),
                                     idempotency_key="k1", now=T)
    by = {r.customer_id: r for r in done.rows}
    assert (by[ids["bare"]].outcome, by[ids["bare"]].step) == ("notice", "serve_notice")
    assert (by[ids["shielded"]].outcome, by[ids["shielded"]].rule) == ("refused",
                                                                      "protected_customer")
    if seated(db):  # row-level security: another unit's customer is not there at all
        assert ids["stranger"] not in by
    else:
        assert by[ids["stranger"]].rule == "out_of_scope"
    with db.session() as s:
        assert s.scalars(select(ControlCommand)).all() == []


def test_the_engine_sends_the_reminder_a_waiting_request_needs():
    facts = Facts(1, 1, "residential", True, D("-50.00"), "notice",
                  notice_served_at=T - dt.timedelta(days=8), notice_deadline=T - dt.timedelta(days=1),
                  open_request=True)
    policy = Policy(1, D("20.00"), D("0.00"))
    [*_, step] = decide(facts, policy, Calendar(), T)
    assert step.action == Action.FINAL_REMINDER


def test_the_outlook_names_the_moment_after_quiet_hours_and_weekends():
    facts = Facts(1, 1, "residential", True, D("-50.00"), "notice",
                  notice_served_at=T - dt.timedelta(days=8), notice_deadline=T - dt.timedelta(days=1),
                  final_reminder_at=T + dt.timedelta(days=2, hours=9, minutes=20))
    policy = Policy(1, D("20.00"), D("0.00"))
    friday_night = T + dt.timedelta(days=2, hours=10)  # Friday 20:00 in Shanghai
    found = outlook(DisconnectFacts(facts, True), policy, Calendar(), friday_night)
    assert found.refusal.guard == "quiet_hours"
    # Monday 08:00 the cut is allowed; that day's 30-minute reminder goes out first.
    assert found.ready_at == dt.datetime(2026, 11, 30, 0, 30, tzinfo=dt.UTC)


def test_a_notice_not_yet_delivered_is_named_as_such():
    facts = Facts(1, 1, "residential", True, D("-50.00"), "notice", notice_pending=True)
    found = outlook(DisconnectFacts(facts, True), Policy(1, D("20.00"), D("0.00")), Calendar(), T)
    assert (found.refusal.guard, found.ready_at, found.step) == ("notice_pending", None, None)
