"""A collector that signed in with a service account's token writes its rows under that
account's name; the embedded console's collector keeps the built-in "collector"."""

from __future__ import annotations

from sqlalchemy import select

from console.metering.collector import Collector
from console.models import AuditEvent
from console.services.actor import Actor
from tests.metering.test_collector import (
    pg_template as pg_template,  # fixture used by shared_db
    quick_config,
    run,
    seed_meters,
    serve_fleet,
    shared_db as shared_db,  # fixture
)
from tests.metering.test_collector_commands import queue_command


def _names(db, after_seq: int) -> dict[str, set[str]]:
    with db.session() as s:
        rows = s.execute(select(AuditEvent.action, AuditEvent.actor_name)
                         .where(AuditEvent.seq > after_seq)).all()
    names: dict[str, set[str]] = {}
    for action, name in rows:
        names.setdefault(action, set()).add(name)
    return names


def _last_seq(db) -> int:
    with db.session() as s:
        return s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)) or 0


def _execute(db, identity):
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
    before = _last_seq(shared_db)
    east = Actor(None, "collector-east", "collector-east", "system", None, workstation="svc")
    assert [(r.command_id, r.state) for r in _execute(shared_db, east)] == [(trip, "confirmed")]
    names = _names(shared_db, before)
    assert {"command.sent", "command.confirmed", "meter.relay_changed",
            "customer.control_state_changed"} <= set(names)
    assert set().union(*names.values()) == {"collector-east"}


def test_without_a_service_account_the_collector_is_the_built_in_one(shared_db):
    customer_id, [(meter_id, _)] = seed_meters(shared_db, 1)
    queue_command(shared_db, customer_id, meter_id, "reconnect")
    before = _last_seq(shared_db)
    assert [r.state for r in _execute(shared_db, None)] == ["confirmed"]
    assert set().union(*_names(shared_db, before).values()) == {"collector"}
