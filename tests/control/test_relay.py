"""Meters without a relay (CT-connected): no switch command is requested for or sent to one."""

from __future__ import annotations

import datetime as dt
import shutil

from sqlalchemy import func, select

from console.db import make_engine
from console.demo import generate
from console.metering.collector import Collector
from console.models import Customer, Meter
from console.services.actor import Actor
from console.services.control.commands import approve_command, request_command
from console.services.control.requests import RequestSpec, write_requests
from tests.control.test_collector import approved_disconnect, setup
from tests.control.test_commands import (  # hall: fixture
    T,
    counts,
    disconnect,
    hall as hall,
    refused,
)
from tests.metering.test_collector import (
    pg_template as pg_template,  # fixture used by shared_db
    quick_config,
    run,
    serve_fleet,
    shared_db as shared_db,  # fixture
)
from tests.metering.test_collector_commands import command_row, count_controls


def no_relay(db, meter_id: int) -> None:
    with db.session() as s:
        s.get(Meter, meter_id).has_relay = False


def test_switching_a_meter_without_a_relay_is_refused_and_writes_nothing(db, hall):
    no_relay(db, hall["meter"])
    before = counts(db)
    assert refused(disconnect, db, hall) == "no_relay"
    assert refused(request_command, db, hall["boss"], customer_id=hall["customer"],
                   action="reconnect", reason="customer_request", now=T) == "no_relay"
    assert counts(db) == before
    # the pre-trip alarm needs no relay
    alarm = request_command(db, hall["boss"], customer_id=hall["customer"], action="alarm_on",
                            reason="arrears", now=T)
    assert alarm.state == "queued"


def test_an_approval_finds_the_relay_gone(db, hall):
    view = disconnect(db, hall)
    no_relay(db, hall["meter"])
    assert refused(approve_command, db, hall["boss2"], view.command_id, now=T) == "no_relay"


def test_the_cost_control_engine_asks_for_no_cut_of_a_meter_without_a_relay(db, hall):
    no_relay(db, hall["meter"])
    with db.session() as s:
        infos = write_requests(s, Actor.system("cost-control"),
                               [RequestSpec(hall["customer"], hall["meter"], "below_balance")],
                               now=T)
    assert infos == []


def test_the_collector_never_sends_to_a_meter_without_a_relay(shared_db):
    hall_ = setup(shared_db)
    command_id = approved_disconnect(shared_db, hall_)
    no_relay(shared_db, hall_["meter"])  # the meter was found CT-connected after approval

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            frames = count_controls(sim, hall_["address"])
            collector = Collector(shared_db, config=quick_config())
            results = await collector.execute_commands_once()
            await collector.close()
            return results, frames

    results, frames = run(scenario())
    assert results == [] and frames == []
    row = command_row(shared_db, command_id)
    assert (row.state, row.attempts) == ("failed", 0)
    assert row.error.startswith("no_relay")


def test_the_demo_marks_ct_connected_industrial_meters_as_without_relay(sqlite_template, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    generate(engine, customers=2000, seed=1, as_of=dt.date(2026, 11, 24))
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(Meter)).scalar_one()
        rows = conn.execute(select(Meter.ct_ratio, Customer.category)
                            .join(Customer, Customer.id == Meter.customer_id)
                            .where(Meter.has_relay.is_(False))).all()
    engine.dispose()
    assert 0 < len(rows) <= total * 0.03
    assert all(ct > 1 and category == "industrial" for ct, category in rows)
