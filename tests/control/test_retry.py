"""A supervisor retries a failed or expired switch command; the panel's refusals by name."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from console.errors import PermissionDenied
from console.models import CalendarBlock, ControlCommand, Customer
from console.services.control.commands import (
    approve_command,
    request_command,
    retry_command,
)
from tests.control.test_commands import (  # hall is a fixture
    T,
    audits,
    counts,
    disconnect,
    hall as hall,
    refused,
)

LATER = T + dt.timedelta(minutes=30)


def failed_disconnect(db, hall, *, state: str = "failed", error: str = "timeout: no answer") -> int:
    """boss asked, boss2 approved, and the collector gave up on it."""
    view = disconnect(db, hall)
    approve_command(db, hall["boss2"], view.command_id, now=T)
    with db.session() as s:
        row = s.get(ControlCommand, view.command_id)
        row.state, row.error, row.attempts, row.finished_at = state, error, 3, T
    return view.command_id


def test_a_failed_disconnect_is_sent_again_as_a_new_command(db, hall):
    old = failed_disconnect(db, hall)
    view = retry_command(db, hall["boss2"], old, now=LATER)
    assert (view.state, view.created, view.retry_of, view.attempts) == ("queued", True, old, 0)
    assert (view.requested_by, view.approved_by) == (hall["boss"].user_id, hall["boss2"].user_id)
    assert (view.action, view.reason, view.meter_id) == ("disconnect", "arrears", hall["meter"])
    assert view.expires_at == LATER + dt.timedelta(hours=1)
    assert audits(db, view.command_id) == ["command.requested", "command.approved",
                                           "command.queued"]
    with db.session() as s:  # the failure stays on record as it was
        row = s.get(ControlCommand, old)
        assert (row.state, row.error) == ("failed", "timeout: no answer")
    again = retry_command(db, hall["boss"], old, now=LATER)  # a second click: the same retry
    assert (again.command_id, again.created) == (view.command_id, False)


def test_the_requester_may_not_retry_their_own_disconnect(db, hall):
    old = failed_disconnect(db, hall)
    before = counts(db)
    assert refused(retry_command, db, hall["boss"], old, now=LATER) == "own_request"
    assert counts(db) == before


def test_counter_staff_may_not_retry(db, hall):
    old = failed_disconnect(db, hall)
    with pytest.raises(PermissionDenied):
        retry_command(db, hall["clerk"], old, now=LATER)


def test_an_expired_command_may_be_retried_but_an_open_or_confirmed_one_not(db, hall):
    old = failed_disconnect(db, hall, state="expired", error="expired before it was sent")
    new = retry_command(db, hall["boss2"], old, now=LATER)
    assert new.state == "queued"
    assert refused(retry_command, db, hall["boss2"], new.command_id, now=LATER) == "not_retryable"
    with db.session() as s:
        s.get(ControlCommand, new.command_id).state = "confirmed"
    assert refused(retry_command, db, hall["boss2"], new.command_id, now=LATER) == "not_retryable"
    assert refused(retry_command, db, hall["boss2"], 999999, now=LATER) == "unknown_command"


def test_a_retry_asks_the_guards_again(db, hall):
    old = failed_disconnect(db, hall)
    day = (LATER + dt.timedelta(hours=8)).date()
    with db.session() as s:
        s.add(CalendarBlock(kind="blackout", starts_on=day, ends_on=day, unit_id=None,
                            reason="高温红色预警"))
    before = counts(db)
    assert refused(retry_command, db, hall["boss2"], old, now=LATER) == "blackout"
    assert counts(db) == before


def test_a_newer_command_on_the_meter_makes_the_old_one_stale(db, hall):
    old = failed_disconnect(db, hall)
    request_command(db, hall["boss"], customer_id=hall["customer"], action="reconnect",
                    reason="customer_request", now=LATER)
    before = counts(db)
    assert refused(retry_command, db, hall["boss2"], old, now=LATER) == "superseded"
    assert counts(db) == before


def test_a_retry_of_a_closed_account_is_refused(db, hall):
    old = failed_disconnect(db, hall)
    with db.session() as s:
        s.get(Customer, hall["customer"]).status = "closed"
    assert refused(retry_command, db, hall["boss2"], old, now=LATER) == "customer_closed"


def test_a_failed_reconnect_is_queued_again_by_whoever_retries(db, hall):
    view = request_command(db, hall["boss"], customer_id=hall["customer"], action="reconnect",
                           reason="customer_request", now=T)
    with db.session() as s:
        s.get(ControlCommand, view.command_id).state = "failed"
    again = retry_command(db, hall["boss"], view.command_id, now=LATER)
    assert (again.state, again.retry_of) == ("queued", view.command_id)


# ------------------------------------------------------------ the panel's refusals


def test_approving_an_expired_cancelled_or_rejected_command_is_refused(db, hall):
    view = disconnect(db, hall)
    for state in ("expired", "cancelled", "rejected", "failed"):
        with db.session() as s:
            s.get(ControlCommand, view.command_id).state = state
        assert refused(approve_command, db, hall["boss2"], view.command_id, now=T) == \
            "already_decided"


def test_approving_for_an_account_closed_since_the_request_is_refused(db, hall):
    view = disconnect(db, hall)
    with db.session() as s:
        s.get(Customer, hall["customer"]).status = "closed"
    before = counts(db)
    assert refused(approve_command, db, hall["boss2"], view.command_id, now=T) == \
        "customer_closed"
    assert counts(db) == before
    with db.session() as s:
        assert s.scalar(select(ControlCommand.state).where(
            ControlCommand.id == view.command_id)) == "requested"
