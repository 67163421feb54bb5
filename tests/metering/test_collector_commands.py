"""Queued switch commands executed by the collector against the simulator over loopback TCP.

A command is confirmed only by status word 3; every transition is audited;
two collectors never send the same command; failures keep the meter's reason.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

from sqlalchemy import select, update

from console.db import Database
from console.metering import collector_command_store as store
from console.metering.collector import Collector
from console.metering.dlt645 import PlainPasswordSigner
from console.metering.simulator import Fault, Simulator
from console.models import (
    AuditEvent,
    ControlCommand,
    CostControlPolicy,
    Customer,
    Meter,
    Notice,
    Setting,
    Unit,
    utcnow,
)
from console.services.actor import Actor
from console.services.control.commands import approve_command, request_command
from tests import factories as f
from tests.control.test_commands import owe_with_notices, policy
from tests.metering.test_collector import (
    audit_actions,
    pg_template as pg_template,  # fixture used by shared_db
    quick_config,
    run,
    seed_meters,
    serve_fleet,
    shared_db as shared_db,  # fixture
)

WORKFLOW = ["command.requested", "command.approved", "command.queued"]


def permissive_policy(s, unit) -> None:
    """The unit's policy lets a cut through at any hour, weekend or holiday."""
    policy(s, unit, quiet_start=dt.time(0), quiet_end=dt.time(0), no_weekends=False,
           no_holidays=False, reminder_minutes=0)


def remind_now(s, customer_id: int, now: dt.datetime) -> None:
    """The 30-minute reminder went out just now (today's, whatever the hour)."""
    s.execute(update(Notice).where(Notice.customer_id == customer_id,
                                   Notice.kind == "disconnect_reminder")
              .values(created_at=now - dt.timedelta(seconds=1)))


def approved_trip(db: Database, customer_id: int, meter_id: int) -> int:
    """A disconnect through the workflow, which the collector's guard re-check lets through:
    the customer owes, notice and reminder ran out, the policy allows any hour; one
    supervisor asks, another approves."""
    now = utcnow()
    with db.session() as s:
        customer = s.get(Customer, customer_id)
        unit = s.get(Unit, customer.unit_id)
        if not s.scalar(select(CostControlPolicy.id).where(CostControlPolicy.unit_id == unit.id)):
            permissive_policy(s, unit)
            owe_with_notices(s, customer, at=now)
        remind_now(s, customer_id, now)
        asker, approver = (f.actor(s, unit, username=f"{role}-{uuid.uuid4().hex[:6]}",
                                   role="supervisor") for role in ("ask", "approve"))
    view = request_command(db, asker, customer_id=customer_id, meter_id=meter_id,
                           action="disconnect", reason="arrears")
    return approve_command(db, approver, view.command_id).command_id


def queue_command(db: Database, customer_id: int, meter_id: int, action: str, *,
                  expires_in: dt.timedelta | None = dt.timedelta(hours=1)) -> int:
    """A queued command; disconnects go through the workflow (approved_trip)."""
    if action == "disconnect":
        command_id = approved_trip(db, customer_id, meter_id)
        with db.session() as session:
            session.get(ControlCommand, command_id).expires_at = (
                utcnow() + expires_in if expires_in else None)
        return command_id
    with db.session() as session:
        command = ControlCommand(meter_id=meter_id, customer_id=customer_id, action=action,
                                 reason="arrears", state="queued",
                                 idempotency_key=uuid.uuid4().hex,
                                 expires_at=utcnow() + expires_in if expires_in else None)
        session.add(command)
        session.flush()
        return command.id


def command_row(db: Database, command_id: int) -> ControlCommand:
    with db.session() as session:
        return session.get(ControlCommand, command_id)


def meter_row(db: Database, meter_id: int) -> Meter:
    with db.session() as session:
        return session.get(Meter, meter_id)


def control_state(db: Database, customer_id: int) -> str:
    with db.session() as session:
        return session.scalar(select(Customer.control_state).where(Customer.id == customer_id))


def count_controls(sim: Simulator, address: str) -> list[bytes]:
    """Record every 1CH frame the meter carries out."""
    meter, seen = sim.meter(address), []
    original = meter.control

    def control(data: bytes, now: float, *, button_delay: float) -> None:
        seen.append(data)
        original(data, now, button_delay=button_delay)

    meter.control = control  # type: ignore[method-assign]
    return seen


def test_disconnect_is_confirmed_by_the_status_word_and_reconnect_closes_it(shared_db):
    customer_id, [(meter_id, address)] = seed_meters(shared_db, 1)
    trip = queue_command(shared_db, customer_id, meter_id, "disconnect")

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            collector = Collector(shared_db, config=quick_config())
            tripped = await collector.execute_commands_once()
            relay_after_trip = (sim.meter(address).relay_open, meter_row(shared_db, meter_id))
            close = queue_command(shared_db, customer_id, meter_id, "reconnect")
            closed = await collector.execute_commands_once()
            await collector.close()
            return tripped, relay_after_trip, close, closed, sim.meter(address).relay_open

    tripped, (open_in_sim, after_trip), close, closed, open_at_end = run(scenario())
    assert [(r.command_id, r.state) for r in tripped] == [(trip, "confirmed")]
    assert open_in_sim and after_trip.relay_state == "open" and after_trip.relay_changed_at
    assert [(r.command_id, r.state) for r in closed] == [(close, "confirmed")]
    assert not open_at_end and meter_row(shared_db, meter_id).relay_state == "closed"
    assert control_state(shared_db, customer_id) == "normal"
    row = command_row(shared_db, trip)
    assert (row.state, row.attempts, row.error) == ("confirmed", 1, "")
    assert row.sent_at and row.finished_at
    assert audit_actions(shared_db, "control_command", trip) == [*WORKFLOW, "command.sent",
                                                                "command.confirmed"]
    assert audit_actions(shared_db, "meter", meter_id) == ["meter.relay_changed"] * 2
    assert audit_actions(shared_db, "customer", customer_id) == [
        "customer.control_state_changed"] * 2


def test_a_disconnected_customer_is_marked_so(shared_db):
    customer_id, [(meter_id, _)] = seed_meters(shared_db, 1)
    queue_command(shared_db, customer_id, meter_id, "disconnect")

    async def scenario():
        async with serve_fleet(shared_db):
            collector = Collector(shared_db, config=quick_config())
            await collector.execute_commands_once()
            polled = await collector.poll_once()  # the poll agrees: no second relay event
            await collector.close()
            return polled

    assert run(scenario()).answered == 1
    assert control_state(shared_db, customer_id) == "disconnected"
    assert audit_actions(shared_db, "meter", meter_id) == ["meter.relay_changed"]


def test_reconnect_as_close_allowed_leaves_the_relay_to_the_customer(file_db):
    customer_id, [(meter_id, address)] = seed_meters(file_db, 1)
    with file_db.session() as session:
        session.add(Setting(key="collector.reconnect_mode", value="allowed"))
    queue_command(file_db, customer_id, meter_id, "disconnect")

    async def scenario():
        async with serve_fleet(file_db, button_delay=3600) as sim:
            collector = Collector(file_db, config=quick_config())
            await collector.execute_commands_once()
            queue_command(file_db, customer_id, meter_id, "reconnect")
            results = await collector.execute_commands_once()
            await collector.close()
            return results, sim.meter(address)

    [result], meter = run(scenario())
    assert result.state == "confirmed"
    assert meter.relay_open and meter.close_at is not None and not meter.command_open
    assert meter_row(file_db, meter_id).relay_state == "open"  # until the button is pressed
    assert control_state(file_db, customer_id) == "normal"


def test_a_wrong_password_fails_the_command_with_that_reason(shared_db):
    customer_id, [(meter_id, address)] = seed_meters(shared_db, 1)
    command_id = queue_command(shared_db, customer_id, meter_id, "disconnect")

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            collector = Collector(shared_db, signer=PlainPasswordSigner(password="123456"),
                                  config=quick_config())
            results = await collector.execute_commands_once()
            again = await collector.execute_commands_once()  # not retried: it would lock out
            await collector.close()
            return results, again, sim.meter(address).relay_open

    [result], again, relay_open = run(scenario())
    assert (result.state, result.reason) == ("failed", "password_wrong") and again == []
    row = command_row(shared_db, command_id)
    assert row.state == "failed" and row.error.startswith("password_wrong")
    assert row.attempts == 1 and not relay_open
    assert meter_row(shared_db, meter_id).relay_state == "closed"
    assert audit_actions(shared_db, "control_command", command_id) == [
        *WORKFLOW, "command.sent", "command.failed"]


def test_a_silent_meter_is_retried_with_backoff_then_failed(file_db):
    customer_id, [(meter_id, address)] = seed_meters(file_db, 1)
    command_id = queue_command(file_db, customer_id, meter_id, "disconnect")

    async def scenario():
        async with serve_fleet(file_db) as sim:
            sim.set_fault(address, Fault.SILENT)
            config = quick_config(retry=store.RetryPolicy(2, dt.timedelta(minutes=5)))
            collector = Collector(file_db, config=config)
            first = await collector.execute_commands_once()
            waiting = command_row(file_db, command_id)
            not_yet = await collector.execute_commands_once()  # next attempt not due yet
            with file_db.session() as session:
                session.get(ControlCommand, command_id).next_attempt_at = utcnow()
            last = await collector.execute_commands_once()
            await collector.close()
            return first, waiting, not_yet, last

    first, waiting, not_yet, last = run(scenario())
    assert [(r.state, r.reason) for r in first] == [("queued", "timeout")]
    assert waiting.attempts == 1 and waiting.error.startswith("timeout")
    assert waiting.next_attempt_at - waiting.sent_at >= dt.timedelta(minutes=5)
    assert not_yet == [] and [(r.state, r.reason) for r in last] == [("failed", "timeout")]
    assert command_row(file_db, command_id).attempts == 2
    assert audit_actions(file_db, "control_command", command_id) == [
        *WORKFLOW, "command.sent", "command.queued", "command.sent", "command.failed"]


def test_a_disconnect_queued_around_the_workflow_is_refused_at_the_collector(shared_db):
    customer_id, [(raw, address), (approved, other)] = seed_meters(shared_db, 2)
    with shared_db.session() as session:  # written straight into the table: nobody approved
        for meter_id, approved_at in ((raw, None), (approved, utcnow())):
            session.add(ControlCommand(meter_id=meter_id, customer_id=customer_id,
                                       action="disconnect", reason="arrears", state="queued",
                                       idempotency_key=uuid.uuid4().hex, approved_at=approved_at))

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            sent = count_controls(sim, address) + count_controls(sim, other)
            collector = Collector(shared_db, config=quick_config())
            results = await collector.execute_commands_once()
            await collector.close()
            return results, sent

    results, sent = run(scenario())
    assert results == [] and sent == []
    with shared_db.session() as session:
        rows = session.scalars(select(ControlCommand).order_by(ControlCommand.id)).all()
        # the customer owes nothing: the guard names that
        assert [(r.state, r.refused_rule) for r in rows] == [("rejected", "not_approved"),
                                                             ("rejected", "arrears_paid")]


def test_an_overdue_command_expires_without_being_sent(file_db):
    customer_id, [(meter_id, address)] = seed_meters(file_db, 1)
    command_id = queue_command(file_db, customer_id, meter_id, "disconnect",
                               expires_in=-dt.timedelta(seconds=1))

    async def scenario():
        async with serve_fleet(file_db) as sim:
            sent = count_controls(sim, address)
            collector = Collector(file_db, config=quick_config())
            results = await collector.execute_commands_once()
            await collector.close()
            return results, sent

    results, sent = run(scenario())
    assert results == [] and sent == []
    assert command_row(file_db, command_id).state == "expired"
    assert audit_actions(file_db, "control_command", command_id) == [*WORKFLOW, "command.expired"]


def test_two_collectors_never_send_the_same_command(shared_db):
    customer_id, meters = seed_meters(shared_db, 3)
    commands = [queue_command(shared_db, customer_id, m, "disconnect") for m, _ in meters]
    # A second collector with its own engine, as another process would have.
    other = Database.open(shared_db.engine.url.render_as_string(hide_password=False))

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            sent = [count_controls(sim, address) for _, address in meters]
            first = Collector(shared_db, config=quick_config())
            second = Collector(other, config=quick_config())
            results = await asyncio.gather(first.execute_commands_once(),
                                           second.execute_commands_once())
            await asyncio.gather(first.close(), second.close())
            return results, sent

    results, sent = run(scenario())
    other.dispose()
    done = sorted(r.command_id for batch in results for r in batch)
    assert done == commands and [len(s) for s in sent] == [1, 1, 1]
    for command_id in commands:
        assert audit_actions(shared_db, "control_command", command_id).count("command.sent") == 1


def test_a_claim_on_a_stale_version_loses(shared_db):
    customer_id, [(meter_id, _)] = seed_meters(shared_db, 1)
    queue_command(shared_db, customer_id, meter_id, "disconnect")
    now = utcnow()
    seen_by_a = store.due_commands(shared_db, now, limit=10)
    seen_by_b = store.due_commands(shared_db, now, limit=10)
    assert store.claim(shared_db, seen_by_a[0], now)
    assert not store.claim(shared_db, seen_by_b[0], now)


# ------------------------------------------------------------ who the rows name
# A collector signed in with a service account's token (`collect --token-file`) writes its
# rows under that account's name; the embedded console's keeps the built-in "collector".

def _audit_names(db, after_seq: int) -> dict[str, set[str]]:
    with db.session() as s:
        rows = s.execute(select(AuditEvent.action, AuditEvent.actor_name)
                         .where(AuditEvent.seq > after_seq)).all()
    names: dict[str, set[str]] = {}
    for action, name in rows:
        names.setdefault(action, set()).add(name)
    return names


def _last_audit_seq(db) -> int:
    with db.session() as s:
        return s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)) or 0


def _execute_as(db, identity):
    async def scenario():
        async with serve_fleet(db):
            collector = Collector(db, config=quick_config(identity=identity))
            done = await collector.execute_commands_once()
            await collector.close()
            return done
    return run(scenario())


def test_the_collectors_rows_name_its_service_account(shared_db):
    customer_id, [(meter_id, _)] = seed_meters(shared_db, 1)
    trip = queue_command(shared_db, customer_id, meter_id, "disconnect")
    before = _last_audit_seq(shared_db)
    east = Actor(None, "collector-east", "collector-east", "system", None, workstation="svc")
    assert [(r.command_id, r.state) for r in _execute_as(shared_db, east)] == [(trip, "confirmed")]
    names = _audit_names(shared_db, before)
    assert {"command.sent", "command.confirmed", "meter.relay_changed",
            "customer.control_state_changed"} <= set(names)
    assert set().union(*names.values()) == {"collector-east"}


def test_without_a_service_account_the_collector_is_the_built_in_one(shared_db):
    customer_id, [(meter_id, _)] = seed_meters(shared_db, 1)
    queue_command(shared_db, customer_id, meter_id, "reconnect")
    before = _last_audit_seq(shared_db)
    assert [r.state for r in _execute_as(shared_db, None)] == ["confirmed"]
    assert set().union(*_audit_names(shared_db, before).values()) == {"collector"}
