"""The workflow end to end through the collector and the simulator over loopback TCP:
the guards are asked again just before the trip, and a payment's reconnect closes the relay."""

from __future__ import annotations

from sqlalchemy import select

from console.metering.collector import Collector
from console.models import ControlCommand, utcnow
from console.services.control.commands import approve_command, request_command
from console.services.cost_control.calendar_blocks import declare_block
from console.services.payments.counter import post_payment
from console.timeutil import LOCAL
from tests import factories as f
from tests.control.test_commands import ready_account
from tests.metering.test_collector import (
    pg_template as pg_template,  # fixture used by shared_db
    quick_config,
    run,
    serve_fleet,
    shared_db as shared_db,  # fixture
)
from tests.metering.test_collector_commands import (
    command_row,
    control_state,
    count_controls,
    meter_row,
    permissive_policy,
    remind_now,
)


def setup(db) -> dict:
    """A customer every guard lets through now (no quiet hours, weekends or holidays)."""
    now = utcnow()
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        permissive_policy(s, unit)
        customer, meter = ready_account(s, unit, tariff, at=now)
        remind_now(s, customer.id, now)
        return {"unit": unit.id, "customer": customer.id, "meter": meter.id,
                "address": meter.address,
                "clerk": f.actor(s, unit, username="clerk", role="counter"),
                "boss": f.actor(s, unit, username="boss", role="supervisor"),
                "boss2": f.actor(s, unit, username="boss2", role="supervisor")}


def approved_disconnect(db, hall) -> int:
    view = request_command(db, hall["boss"], customer_id=hall["customer"], action="disconnect",
                           reason="arrears")
    return approve_command(db, hall["boss2"], view.command_id).command_id


def test_a_blackout_declared_after_approval_stops_the_trip(shared_db):
    hall = setup(shared_db)
    command_id = approved_disconnect(shared_db, hall)
    today = utcnow().astimezone(LOCAL).date()
    declare_block(shared_db, hall["boss"], kind="blackout", starts_on=today, ends_on=today,
                  unit_id=hall["unit"], reason="高温橙色预警")

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            frames = count_controls(sim, hall["address"])
            collector = Collector(shared_db, config=quick_config())
            results = await collector.execute_commands_once()
            await collector.close()
            return results, frames, sim.meter(hall["address"]).relay_open

    results, frames, relay_open = run(scenario())
    assert results == [] and frames == [] and not relay_open
    row = command_row(shared_db, command_id)
    assert (row.state, row.refused_rule, row.attempts) == ("rejected", "blackout", 0)
    assert meter_row(shared_db, hall["meter"]).relay_state == "closed"
    assert control_state(shared_db, hall["customer"]) == "notice"


def test_approved_trip_then_payment_reconnects_through_the_collector(shared_db):
    hall = setup(shared_db)
    trip = approved_disconnect(shared_db, hall)

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            collector = Collector(shared_db, config=quick_config())
            tripped = await collector.execute_commands_once()
            after_trip = sim.meter(hall["address"]).relay_open
            post_payment(shared_db, hall["clerk"], customer_id=hall["customer"], amount="50.00",
                         method="cash", idempotency_key="k-1")
            closed = await collector.execute_commands_once()
            await collector.close()
            return tripped, after_trip, closed, sim.meter(hall["address"]).relay_open

    tripped, after_trip, closed, open_at_end = run(scenario())
    assert [(r.command_id, r.state) for r in tripped] == [(trip, "confirmed")] and after_trip
    assert [r.state for r in closed] == ["confirmed"] and not open_at_end
    with shared_db.session() as s:
        reconnect = s.scalar(select(ControlCommand).where(ControlCommand.action == "reconnect"))
        assert (reconnect.id, reconnect.reason) == (closed[0].command_id, "payment")
    assert control_state(shared_db, hall["customer"]) == "normal"
    assert meter_row(shared_db, hall["meter"]).relay_state == "closed"
