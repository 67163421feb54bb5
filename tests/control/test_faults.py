"""A meter that is offline, refuses the password, garbles or answers late: the command
fails with that reason after its retries, stored where the panel reads it.

The real simulator's fault modes over loopback TCP; frames counted at the meter.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from console.metering.collector import Collector
from console.metering.collector_command_store import RetryPolicy
from console.metering.dlt645 import PlainPasswordSigner
from console.metering.simulator import Fault
from console.models import Meter
from console.services.control.commands import list_commands
from tests.control.test_collector import approved_disconnect, setup
from tests.metering.test_collector import (
    audit_actions,
    closed_port,
    pg_template as pg_template,  # fixture used by shared_db
    quick_config,
    run,
    serve_fleet,
    shared_db as shared_db,  # fixture
)
from tests.metering.test_collector_commands import command_row, count_controls, meter_row

ROUNDS = 3  # the retry policy's attempts


@pytest.mark.parametrize(("fault", "reason", "words", "frames"), [
    ("offline", "connection", "cannot connect", 0),
    (Fault.GARBLED, "garbled", "noise", 1),
    (Fault.SLOW, "timeout", "no answer", 1),
    (Fault.WRONG_ADDRESS, "wrong_address", "other addresses", 1),
])
def test_a_faulty_meter_fails_the_command_with_its_reason_after_the_retries(
        shared_db, fault, reason, words, frames):
    hall = setup(shared_db)
    command_id = approved_disconnect(shared_db, hall)

    async def scenario():
        async with serve_fleet(shared_db, slow_seconds=5.0) as sim:  # answers after the test ends
            sent = count_controls(sim, hall["address"])
            if fault == "offline":  # its serial server is gone: nothing listens there
                with shared_db.session() as s:
                    s.execute(update(Meter).values(endpoint=f"127.0.0.1:{closed_port()}"))
            else:
                sim.set_fault(hall["address"], fault)
            collector = Collector(shared_db, config=quick_config(
                retry=RetryPolicy(ROUNDS, dt.timedelta(0))))
            rounds = [await collector.execute_commands_once() for _ in range(ROUNDS + 1)]
            await collector.close()
            return rounds, sent

    rounds, sent = run(scenario())
    states = [[(r.state, r.reason) for r in results] for results in rounds]
    assert states == [[("queued", reason)], [("queued", reason)], [("failed", reason)], []]
    # after the first frame, each retry read the status word first: no frame sent blindly
    assert len(sent) == frames
    row = command_row(shared_db, command_id)
    assert (row.state, row.attempts) == ("failed", ROUNDS)
    assert row.error.startswith(f"{reason}: ") and words in row.error
    assert audit_actions(shared_db, "control_command", command_id)[-2:] == ["command.sent",
                                                                           "command.failed"]
    assert meter_row(shared_db, hall["meter"]).relay_state == "closed"
    [view] = list_commands(shared_db, hall["boss"], customer_id=hall["customer"])
    assert (view.state, view.failure) == ("failed", reason)  # what the panel highlights


def test_a_wrong_password_fails_at_once_naming_it(shared_db):
    hall = setup(shared_db)
    command_id = approved_disconnect(shared_db, hall)

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            sent = count_controls(sim, hall["address"])
            collector = Collector(shared_db, signer=PlainPasswordSigner(password="999999"),
                                  config=quick_config())
            rounds = [await collector.execute_commands_once() for _ in range(2)]
            await collector.close()
            return rounds, sent, sim.meter(hall["address"]).relay_open

    rounds, sent, relay_open = run(scenario())
    # Never retried: a meter locks its remote control after a few wrong passwords.
    assert [[(r.state, r.reason) for r in rs] for rs in rounds] == [
        [("failed", "password_wrong")], []]
    assert len(sent) == 1 and not relay_open
    row = command_row(shared_db, command_id)
    assert row.error == "password_wrong: the meter rejected the control password"
    [view] = list_commands(shared_db, hall["boss"], customer_id=hall["customer"])
    assert view.failure == "password_wrong"
