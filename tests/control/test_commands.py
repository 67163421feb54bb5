"""Switch-control workflow: request, four-eyes approval, reject, cancel, guards, bad input."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.errors import ControlRefused, PermissionDenied
from console.models import (
    AuditEvent,
    CalendarBlock,
    ControlCommand,
    CostControlPolicy,
    Customer,
    LedgerEntry,
    Meter,
    Notice,
)
from console.services.control.commands import (
    approve_command,
    cancel_command,
    reject_command,
    request_command,
)
from tests import factories as f
from tests.billing_helpers import next_customer_no

UTC = dt.UTC
# A Wednesday, 10:00 in Shanghai: no quiet hours, weekend or holiday.
T = dt.datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
_docs = itertools.count(1)


def policy(s, unit, **kw) -> CostControlPolicy:
    values = {"name": "test", "unit_id": unit.id, "alert_balance": Decimal("20.00"),
              "disconnect_balance": Decimal("0.00"), "notice_days": 7, "reminder_minutes": 30,
              "quiet_start": dt.time(18), "quiet_end": dt.time(8), "no_weekends": True,
              "no_holidays": True, "max_disconnects_per_hour": 50}
    values.update(kw)
    row = CostControlPolicy(**values)
    s.add(row)
    s.flush()
    return row


def ready_account(s, unit, tariff, *, at: dt.datetime, owed: str = "50.00"):
    """A prepaid customer owing `owed`, notice served 8 days before `at` (period over),
    the 30-minute reminder sent 40 minutes before: every guard lets a cut through at `at`."""
    customer = f.customer(s, unit, tariff, number=next_customer_no())
    meter = f.meter(s, unit, customer)
    owe_with_notices(s, customer, at=at, owed=owed)
    return customer, meter


def owe_with_notices(s, customer, *, at: dt.datetime, owed: str = "50.00") -> None:
    """Make `customer` a prepaid account owing `owed` whose notice and reminder have run out."""
    customer.cost_control_mode, customer.control_state = "prepaid", "notice"
    s.add(LedgerEntry(customer_id=customer.id, kind="charge", amount=-Decimal(owed), memo="电费",
                      posted_at=at - dt.timedelta(days=20)))
    for kind, when, deadline in (("disconnect", at - dt.timedelta(days=8), at - dt.timedelta(days=1)),
                                 ("disconnect_reminder", at - dt.timedelta(minutes=40), None)):
        n = next(_docs)
        s.add(Notice(doc_no=f"TN{n:010d}", customer_id=customer.id, kind=kind, channel="sms",
                     status="sent", created_at=when, sent_at=when, served_at=when,
                     deadline=deadline, dedupe_key=f"test:{n}"))
    s.flush()


@pytest.fixture
def hall(db):
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        policy(s, unit)
        customer, meter = ready_account(s, unit, tariff, at=T)
        return {"unit": unit, "tariff": tariff, "customer": customer.id, "meter": meter.id,
                "clerk": f.actor(s, unit, username="clerk", role="counter"),
                "boss": f.actor(s, unit, username="boss", role="supervisor"),
                "boss2": f.actor(s, unit, username="boss2", role="supervisor")}


def disconnect(db, hall, who="boss", at=T, **kw):
    return request_command(db, hall[who], customer_id=hall["customer"], action="disconnect",
                           reason="arrears", now=at, **kw)


def audits(db, command_id) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(AuditEvent.action).where(
            AuditEvent.entity_type == "control_command", AuditEvent.entity_id == str(command_id))
            .order_by(AuditEvent.seq)))


def counts(db) -> tuple[int, int]:
    with db.session() as s:
        return (s.scalar(select(func.count()).select_from(ControlCommand)),
                s.scalar(select(func.count()).select_from(AuditEvent)))


def refused(fn, *args, **kw) -> str:
    with pytest.raises(ControlRefused) as info:
        fn(*args, **kw)
    return info.value.params["rule"]


def test_disconnect_is_requested_approved_by_another_supervisor_and_queued(db, hall):
    view = disconnect(db, hall)
    assert (view.state, view.created, view.requested_by) == ("requested", True,
                                                             hall["boss"].user_id)
    assert refused(approve_command, db, hall["boss"], view.command_id, now=T) == "own_request"
    approved = approve_command(db, hall["boss2"], view.command_id, now=T)
    assert (approved.state, approved.approved_by) == ("queued", hall["boss2"].user_id)
    assert approved.expires_at == T + dt.timedelta(hours=1)
    assert audits(db, view.command_id) == ["command.requested", "command.approved",
                                           "command.queued"]
    again = approve_command  # an already-decided command cannot be approved twice
    assert refused(again, db, hall["boss"], view.command_id, now=T) == "already_decided"


def test_counter_staff_may_not_request_or_approve(db, hall):
    with pytest.raises(PermissionDenied):
        disconnect(db, hall, who="clerk")
    view = disconnect(db, hall)
    with pytest.raises(PermissionDenied):
        approve_command(db, hall["clerk"], view.command_id, now=T)


def test_the_same_request_returns_the_open_one_and_the_contrary_cancels_it(db, hall):
    first = disconnect(db, hall)
    second = disconnect(db, hall, who="boss2")
    assert (second.command_id, second.created) == (first.command_id, False)
    reconnect = request_command(db, hall["boss2"], customer_id=hall["customer"],
                                action="reconnect", reason="customer_request", now=T)
    assert (reconnect.state, reconnect.created) == ("queued", True)
    with db.session() as s:
        old = s.get(ControlCommand, first.command_id)
        assert (old.state, old.error) == ("cancelled", "superseded by reconnect")


def test_an_idempotency_key_records_the_request_once(db, hall):
    first = disconnect(db, hall, idempotency_key="ws1-42")
    with db.session() as s:  # even after it was cancelled, the key returns it
        s.get(ControlCommand, first.command_id).state = "cancelled"
    again = disconnect(db, hall, idempotency_key="ws1-42")
    assert (again.command_id, again.state, again.created) == (first.command_id, "cancelled", False)


def test_reject_needs_a_reason_and_ends_the_request(db, hall):
    view = disconnect(db, hall)
    assert refused(reject_command, db, hall["boss2"], view.command_id, reason=" ", now=T) == \
        "reason_required"
    rejected = reject_command(db, hall["boss2"], view.command_id, reason="客户已承诺缴费", now=T)
    assert (rejected.state, rejected.error) == ("rejected", "客户已承诺缴费")
    assert refused(approve_command, db, hall["boss2"], view.command_id, now=T) == "already_decided"
    assert audits(db, view.command_id)[-1] == "command.rejected"


def test_cancel_before_sending_but_not_once_sent(db, hall):
    view = disconnect(db, hall)
    assert cancel_command(db, hall["boss"], view.command_id, now=T).state == "cancelled"
    assert refused(cancel_command, db, hall["boss"], view.command_id, now=T) == "already_decided"
    other = disconnect(db, hall)
    approve_command(db, hall["boss2"], other.command_id, now=T)
    with db.session() as s:
        s.get(ControlCommand, other.command_id).state = "sent"
    assert refused(cancel_command, db, hall["boss"], other.command_id, now=T) == "in_flight"


def test_an_expired_request_cannot_be_approved(db, hall):
    view = disconnect(db, hall)
    later = T + dt.timedelta(hours=25)
    assert refused(approve_command, db, hall["boss2"], view.command_id, now=later) == "expired"


def test_bad_input_is_refused_by_name_and_writes_nothing(db, hall):
    with db.session() as s:
        closed, _ = ready_account(s, hall["unit"], hall["tariff"], at=T)
        closed.status = "closed"
        bare = f.customer(s, hall["unit"], hall["tariff"], number=next_customer_no())
        removed, old_meter = ready_account(s, hall["unit"], hall["tariff"], at=T)
        old_meter.status = "removed"
        foreign = f.meter(s, hall["unit"], bare).id
        ids = closed.id, bare.id, removed.id
    before = counts(db)

    def ask(customer_id, **kw):
        return request_command(db, hall["boss"], customer_id=customer_id, action="disconnect",
                               reason="arrears", now=T, **kw)

    assert refused(ask, 999999) == "unknown_customer"
    assert refused(ask, ids[0]) == "customer_closed"
    assert refused(ask, ids[2]) == "no_meter"
    assert refused(ask, ids[2], meter_id=old_meter.id) == "meter_not_in_service"
    assert refused(ask, hall["customer"], meter_id=foreign) == "meter_not_of_customer"
    assert counts(db) == before


@pytest.mark.parametrize(("setup", "at", "rule"), [
    ("protected", T, "protected_customer"),
    ("public", T, "protected_category"),
    ("guarantee", T, "guarantee"),
    ("paid", T, "arrears_paid"),
    ("no_notice", T, "notice_not_served"),
    ("notice_young", T, "notice_period"),
    ("no_reminder", T, "final_reminder_not_sent"),
    ("reminder_young", T, "final_reminder_wait"),
    ("none", T + dt.timedelta(hours=10), "quiet_hours"),  # 20:00 in Shanghai
    ("none", T + dt.timedelta(days=3), "weekend"),  # Saturday
    ("holiday", T, "holiday"),
    ("blackout", T, "blackout"),
    ("rate", T, "rate_limit"),
])
def test_each_guard_refuses_with_its_rule(db, hall, setup, at, rule):
    """A guard that time lifts within the request's day lets the request through and stops
    the approval, saying until when; the others refuse the request and write nothing."""
    with db.session() as s:
        _arrange(s, hall, setup, at)
    before = counts(db)
    if rule in WAITING:
        view = disconnect(db, hall, at=at)
        assert view.state == "requested"
        with pytest.raises(ControlRefused) as info:
            approve_command(db, hall["boss2"], view.command_id, now=at)
        assert info.value.params["rule"] == rule
        assert at < info.value.params["ready_at"] <= at + dt.timedelta(hours=24)
        return
    assert refused(disconnect, db, hall, at=at) == rule
    assert counts(db) == before


WAITING = {"notice_period", "final_reminder_wait", "quiet_hours", "holiday", "blackout"}


def _arrange(s, hall, setup: str, at: dt.datetime) -> None:
    customer = s.get(Customer, hall["customer"])
    notices = {n.kind: n for n in s.scalars(select(Notice).where(
        Notice.customer_id == customer.id))}
    local_day = (at + dt.timedelta(hours=8)).date()
    if setup == "protected":
        customer.protected = True
    elif setup == "public":
        customer.category = "public"
    elif setup == "guarantee":
        s.get(Meter, hall["meter"]).guarantee = True
    elif setup == "paid":
        s.add(LedgerEntry(customer_id=customer.id, kind="payment", amount=Decimal("50.00")))
    elif setup == "no_notice":
        s.delete(notices["disconnect"])
    elif setup == "notice_young":
        notices["disconnect"].deadline = at + dt.timedelta(hours=2)
    elif setup == "no_reminder":
        s.delete(notices["disconnect_reminder"])
    elif setup == "none":  # only the moment differs: the reminder was sent before it
        notices["disconnect_reminder"].created_at = at - dt.timedelta(minutes=40)
    elif setup == "reminder_young":
        notices["disconnect_reminder"].created_at = at - dt.timedelta(minutes=10)
    elif setup in ("holiday", "blackout"):
        s.add(CalendarBlock(kind=setup, starts_on=local_day, ends_on=local_day,
                            unit_id=hall["unit"].id, reason="test"))
    elif setup == "rate":
        s.get(CostControlPolicy, s.scalar(select(CostControlPolicy.id))).max_disconnects_per_hour = 1
        other, meter = ready_account(s, hall["unit"], hall["tariff"], at=at)
        s.add(ControlCommand(meter_id=meter.id, customer_id=other.id, action="disconnect",
                             reason="arrears", state="confirmed", idempotency_key="rate-1",
                             sent_at=at - dt.timedelta(minutes=5)))
    s.flush()


def test_an_approval_checks_the_guards_again(db, hall):
    view = disconnect(db, hall)
    with db.session() as s:
        s.add(CalendarBlock(kind="blackout", starts_on=(T + dt.timedelta(hours=8)).date(),
                            ends_on=(T + dt.timedelta(hours=8)).date(), unit_id=None,
                            reason="高温"))
    assert refused(approve_command, db, hall["boss2"], view.command_id, now=T) == "blackout"
    with db.session() as s:
        assert s.get(ControlCommand, view.command_id).state == "requested"


def test_reconnect_alarm_and_guarantee_need_no_approval(db, hall):
    view = request_command(db, hall["boss"], customer_id=hall["customer"],
                           action="guarantee_on", reason="inspection", now=T)
    assert (view.state, view.approved_by) == ("queued", None)
    # 保电 is open on the meter: a disconnect has to wait for it
    assert refused(disconnect, db, hall) == "meter_busy"


def test_the_policy_may_approve_the_engines_requests_when_the_guards_allow(db, hall):
    from console.services.actor import Actor
    from console.services.control.requests import RequestSpec, write_requests

    with db.session() as s:
        s.scalar(select(CostControlPolicy)).auto_approve = True
        blocked, blocked_meter = ready_account(s, hall["unit"], hall["tariff"], at=T)
        blocked.protected = True
        specs = [RequestSpec(hall["customer"], hall["meter"], "below_disconnect_balance"),
                 RequestSpec(blocked.id, blocked_meter.id, "below_disconnect_balance")]
        infos = write_requests(s, Actor.system("cost-control"), specs, now=T)
    assert [i.state for i in infos] == ["queued", "requested"]
    assert audits(db, infos[0].command_id) == ["command.requested", "command.approved",
                                               "command.queued"]


def test_the_collector_expires_requests_nobody_decided(db, hall):
    from console.metering.collector_command_store import expire_overdue

    view = disconnect(db, hall)
    assert expire_overdue(db, T + dt.timedelta(hours=23)) == []
    assert expire_overdue(db, T + dt.timedelta(hours=24)) == [view.command_id]
    assert audits(db, view.command_id)[-1] == "command.expired"
