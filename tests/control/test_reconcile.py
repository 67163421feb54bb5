"""A collector that dies mid-command: the next one reconciles by reading status word 3.

Real simulator over loopback TCP; the frames that reach the meter are counted
there. A command the meter already carried out is confirmed without a second
frame; one that never reached it is sent again under the retry policy, once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import subprocess
import sys

from sqlalchemy import select, update

from console.metering import collector_command_store as store
from console.metering.collector import Collector
from console.metering.collector_command_store import Claimant
from console.models import AuditEvent, ControlCommand, utcnow
from tests.control.test_collector import approved_disconnect, setup
from tests.metering.test_collector import (
    ROOT,
    audit_actions,
    pg_template as pg_template,  # fixture used by shared_db
    quick_config,
    run,
    serve_fleet,
    shared_db as shared_db,  # fixture
)
from tests.metering.test_collector_commands import command_row, control_state, meter_row


def watch_controls(sim, address: str, on_frame=None) -> list[bytes]:
    """Every 1CH frame the meter carries out; ``on_frame`` runs right after each."""
    meter, seen = sim.meter(address), []
    original = meter.control

    def control(data: bytes, now: float, *, button_delay: float) -> None:
        original(data, now, button_delay=button_delay)
        seen.append(data)
        if on_frame is not None:
            on_frame()

    meter.control = control  # type: ignore[method-assign]
    return seen


def reconciled_audit(db, command_id: int) -> dict:
    with db.session() as s:
        after = s.scalars(select(AuditEvent.after).where(
            AuditEvent.entity_type == "control_command", AuditEvent.entity_id == str(command_id),
            AuditEvent.action == "command.confirmed")).one()
    return json.loads(after)


def test_a_collector_killed_after_the_trip_is_reconciled_without_a_second_frame(shared_db):
    hall = setup(shared_db)
    command_id = approved_disconnect(shared_db, hall)

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            first = Collector(shared_db, config=quick_config(name="hall-1"))
            task = asyncio.ensure_future(first.execute_commands_once())
            frames = watch_controls(sim, hall["address"], on_frame=task.cancel)
            try:
                await task
            except asyncio.CancelledError:
                pass  # died with the frame on the wire, before it read the result
            await first.close()
            left = command_row(shared_db, command_id).state
            restarted = Collector(shared_db, config=quick_config(name="hall-1"))
            results = await restarted.execute_commands_once()
            await restarted.close()
            return left, results, frames, sim.meter(hall["address"]).relay_open

    left, results, frames, relay_open = run(scenario())
    assert left == "sent"
    assert [(r.command_id, r.state) for r in results] == [(command_id, "confirmed")]
    assert len(frames) == 1 and relay_open
    row = command_row(shared_db, command_id)
    assert (row.state, row.attempts) == ("confirmed", 1)
    assert reconciled_audit(shared_db, command_id)["reconciled"] is True
    assert audit_actions(shared_db, "control_command", command_id)[-3:] == [
        "command.sent", "command.reclaimed", "command.confirmed"]
    assert meter_row(shared_db, hall["meter"]).relay_state == "open"
    assert control_state(shared_db, hall["customer"]) == "disconnected"


def test_a_claim_that_never_reached_the_meter_is_sent_once_after_the_guards(shared_db):
    hall = setup(shared_db)
    command_id = approved_disconnect(shared_db, hall)
    [due] = store.due_commands(shared_db, utcnow(), limit=10)
    # The dead collector claimed it, then stopped before its frame went out.
    assert store.claim(shared_db, due, utcnow(), Claimant("hall-1#dead", dt.timedelta(hours=1)))

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            frames = watch_controls(sim, hall["address"])
            restarted = Collector(shared_db, config=quick_config(name="hall-1"))
            checked = await restarted.execute_commands_once()
            frames_after_check = len(frames)
            sent = await restarted.execute_commands_once()
            await restarted.close()
            return checked, frames_after_check, sent, frames

    checked, frames_after_check, sent, frames = run(scenario())
    assert [(r.state, r.reason) for r in checked] == [("queued", "not_executed")]
    assert frames_after_check == 0
    assert [(r.command_id, r.state) for r in sent] == [(command_id, "confirmed")]
    assert len(frames) == 1
    row = command_row(shared_db, command_id)
    assert (row.state, row.attempts) == ("confirmed", 2)
    assert audit_actions(shared_db, "control_command", command_id)[-5:] == [
        "command.sent", "command.reclaimed", "command.queued", "command.sent",
        "command.confirmed"]


def test_an_unnamed_collector_waits_for_the_lease_and_the_dead_ones_outcome_is_ignored(shared_db):
    hall = setup(shared_db)
    command_id = approved_disconnect(shared_db, hall)
    [due] = store.due_commands(shared_db, utcnow(), limit=10)
    dead = Claimant("collector#dead", dt.timedelta(minutes=5))
    assert store.claim(shared_db, due, utcnow(), dead)

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            frames = watch_controls(sim, hall["address"])
            other = Collector(shared_db, config=quick_config())
            while_held = await other.execute_commands_once()
            with shared_db.session() as s:  # five minutes later: the lease ran out
                s.execute(update(ControlCommand).where(ControlCommand.id == command_id)
                          .values(claimed_until=utcnow() - dt.timedelta(seconds=1)))
            checked = await other.execute_commands_once()
            sent = await other.execute_commands_once()
            await other.close()
            return while_held, checked, sent, frames

    while_held, checked, sent, frames = run(scenario())
    assert while_held == [] and [r.state for r in checked] == ["queued"]
    assert [r.state for r in sent] == ["confirmed"] and len(frames) == 1
    late = store.Outcome(due, False, reason="timeout", retryable=True)
    assert store.record_outcome(shared_db, late, utcnow(), store.RetryPolicy(3, dt.timedelta(0)),
                                dead) == "confirmed"
    assert command_row(shared_db, command_id).state == "confirmed"


CHILD = """
import asyncio, sys
from console.db import Database
from console.metering.collector import Collector
from tests.metering.test_collector import quick_config

async def main():
    collector = Collector(Database.open(sys.argv[1]), config=quick_config(name="hall-1"))
    print("running", flush=True)
    while True:
        await collector.execute_commands_once()
        await asyncio.sleep(0.05)

asyncio.run(main())
"""


def test_a_collector_process_killed_mid_command_is_reconciled(shared_db):
    hall = setup(shared_db)
    command_id = approved_disconnect(shared_db, hall)
    url = shared_db.engine.url.render_as_string(hide_password=False)

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            env = {**os.environ, "PYTHONUNBUFFERED": "1"}
            child = subprocess.Popen([sys.executable, "-c", CHILD, url], cwd=ROOT, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            killed = asyncio.Event()

            def kill() -> None:  # SIGKILL the moment the meter has carried the trip out
                os.kill(child.pid, signal.SIGKILL)
                killed.set()

            frames = watch_controls(sim, hall["address"], on_frame=kill)
            try:
                await asyncio.wait_for(killed.wait(), 40)
            finally:
                child.kill()
                child.wait(10)
            left = command_row(shared_db, command_id).state
            restarted = Collector(shared_db, config=quick_config(name="hall-1"))
            results = await restarted.execute_commands_once()
            await restarted.close()
            return left, results, frames

    left, results, frames = run(scenario(), limit=60)
    assert left == "sent"
    assert [(r.command_id, r.state) for r in results] == [(command_id, "confirmed")]
    assert len(frames) == 1
    assert reconciled_audit(shared_db, command_id)["reconciled"] is True
