"""The collector against the simulator over loopback TCP: readings, faults, outages, processes.

Shared by tests/metering/test_collector_commands.py and tests/metering/test_embedded_metering.py:
`shared_db` (a database with real commits: a SQLite file, or a fresh PostgreSQL
database cloned from a migrated template), `seed_meters`, `serve_fleet` and
`quick_config`. Timeouts are short (0.2 s) and fleets small, so every test is
bounded to a few seconds; nothing waits on the wall clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, select, text, update

from console import migrate
from console.db import Database, make_engine
from console.metering.collector import Collector, CollectorConfig
from console.metering.collector_buffer import WriteBuffer
from console.metering.collector_command_store import RetryPolicy
from console.metering.collector_commands import CommandTiming
from console.metering.dlt645 import DataId
from console.metering.sim_db import fleet_from_database
from console.metering.simulator import Fault, SimConfig, Simulator
from console.models import AuditEvent, Meter, Reading, Unit
from tests import factories
from tests.conftest import create_pg_database, drop_pg_database, require_pg
from tests.operators import token_file

T0 = 1_750_000_000.0  # the simulator's frozen clock: every read gives the same values
ROOT = Path(__file__).resolve().parents[2]


def run(coro, limit: float = 30.0):
    return asyncio.run(asyncio.wait_for(coro, limit))


# ------------------------------------------------------------ databases


@pytest.fixture(scope="module")
def pg_template() -> Iterator[tuple[str, str]]:
    """A migrated PostgreSQL database that tests clone (much faster than migrating)."""
    admin = require_pg()
    name = f"griddesk_coll_tpl_{uuid.uuid4().hex[:8]}"
    engine = make_engine(create_pg_database(admin, name))
    migrate.upgrade(engine)
    engine.dispose()
    yield admin, name
    drop_pg_database(admin, name)


def clone_pg(admin: str, template: str) -> tuple[str, str]:
    name = f"griddesk_coll_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    engine.dispose()
    return name, engine.url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_db(request: pytest.FixtureRequest, sqlite_template: Path,
              tmp_path: Path) -> Iterator[Database]:
    """A migrated database with real commits, which several engines may open."""
    if request.param == "sqlite":
        shutil.copy(sqlite_template, tmp_path / "griddesk.db")
        database = Database.open(f"sqlite:///{tmp_path / 'griddesk.db'}")
        yield database
        database.dispose()
        return
    admin, template = request.getfixturevalue("pg_template")
    name, url = clone_pg(admin, template)
    database = Database.open(url)
    yield database
    database.dispose()
    drop_pg_database(admin, name)


# ------------------------------------------------------------ a fleet


def seed_meters(db: Database, count: int, *, three_phase: int = 0,
                endpoint: str = "") -> tuple[int, list[tuple[int, str]]]:
    """One customer with ``count`` meters (the first ``three_phase`` of them 3-phase)."""
    with db.session() as session:
        unit = factories.unit(session)
        customer = factories.customer(session, unit, factories.tariff(session),
                                      number="3700000001")
        meters = [factories.meter(session, unit, customer) for _ in range(count)]
        for i, meter in enumerate(meters):
            meter.phases, meter.endpoint = (3 if i < three_phase else 1), endpoint
        return customer.id, [(m.id, m.address) for m in meters]


@contextlib.asynccontextmanager
async def serve_fleet(db: Database, **sim_config: float) -> AsyncIterator[Simulator]:
    """The database's meters on one loopback bus, frozen at T0; meter.endpoint points there."""
    fleet = fleet_from_database(db, seed=7, now=T0, default_endpoint="127.0.0.1:0")
    meters = [m for group in fleet.values() for m in group]
    sim = Simulator({"127.0.0.1:0": meters}, clock=lambda: T0, config=SimConfig(**sim_config))
    async with sim:
        with db.session() as session:
            session.execute(update(Meter).values(endpoint=next(iter(sim.endpoints))))
        yield sim


def quick_config(**overrides: object) -> CollectorConfig:
    """Short timeouts and no waiting between command attempts."""
    options: dict = dict(timeout=0.2, retries=0, connect_timeout=0.5, unreachable_after=2,
                         command_timing=CommandTiming(confirm_timeout=1.0, confirm_poll=0.02),
                         retry=RetryPolicy(3, dt.timedelta(0)))
    options.update(overrides)
    return CollectorConfig(**options)


def audit_actions(db: Database, entity_type: str, entity_id: int) -> list[str]:
    with db.session() as session:
        return list(session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == entity_type,
                                            AuditEvent.entity_id == str(entity_id))
            .order_by(AuditEvent.seq)))


def readings_of(db: Database, meter_id: int) -> list[Reading]:
    with db.session() as session:
        return list(session.scalars(select(Reading).where(Reading.meter_id == meter_id)
                                    .order_by(Reading.read_at)))


def comm_of(db: Database, meter_id: int) -> tuple[str, int, str, dt.datetime | None]:
    with db.session() as session:
        return session.execute(select(Meter.comm_state, Meter.comm_failures, Meter.comm_error,
                                      Meter.last_seen_at).where(Meter.id == meter_id)).one()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ------------------------------------------------------------ polling


def test_a_cycle_stores_what_each_meter_shows(shared_db):
    _, meters = seed_meters(shared_db, 3, three_phase=1)

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            collector = Collector(shared_db, config=quick_config())
            result = await collector.poll_once()
            await collector.close()
            return result, sim

    result, sim = run(scenario())
    assert (result.meters, result.answered, result.readings, result.stored) == (3, 3, 3, True)
    for meter_id, address in meters:
        [reading] = readings_of(shared_db, meter_id)
        shown = sim.meter(address)
        registers = shown.value(DataId.FORWARD_ACTIVE_BLOCK, T0)
        assert (reading.energy_total, reading.energy_sharp, reading.energy_peak,
                reading.energy_flat, reading.energy_valley) == registers
        assert reading.power_kw == float(shown.value(DataId.ACTIVE_POWER, T0))
        volts = [float(v) for v in shown.value(DataId.VOLTAGE_BLOCK, T0)]
        amps = [float(a) for a in shown.value(DataId.CURRENT_BLOCK, T0)]
        assert [reading.voltage_a, reading.voltage_b, reading.voltage_c][:len(volts)] == volts
        assert [reading.current_a, reading.current_b, reading.current_c][:len(amps)] == amps
        assert reading.source == "collected" and reading.quality == "good"
        state, failures, error, seen = comm_of(shared_db, meter_id)
        assert (state, failures, error) == ("ok", 0, "") and seen == reading.read_at
    three_phase = readings_of(shared_db, meters[0][0])[0]
    single = readings_of(shared_db, meters[1][0])[0]
    assert three_phase.voltage_c is not None and single.voltage_b is None
    assert isinstance(three_phase.energy_total, Decimal)


FAULTS = {Fault.SILENT: "timeout", Fault.GARBLED: "garbled", Fault.BAD_CHECKSUM: "garbled",
          Fault.WRONG_ADDRESS: "wrong_address"}


def test_faulty_meters_become_unreachable_with_the_reason_and_come_back(shared_db):
    _, meters = seed_meters(shared_db, len(FAULTS) + 1)
    faulty, healthy = meters[:-1], meters[-1]

    async def scenario():
        async with serve_fleet(shared_db) as sim:
            for (_, address), fault in zip(faulty, FAULTS, strict=True):
                sim.set_fault(address, fault)
            collector = Collector(shared_db, config=quick_config())
            first = await collector.poll_once()
            after_one = [comm_of(shared_db, m)[:3] for m, _ in faulty]
            await collector.poll_once()
            after_two = [comm_of(shared_db, m)[:3] for m, _ in faulty]
            for _, address in faulty:
                sim.set_fault(address, Fault.NONE)
            await collector.poll_once()
            await collector.close()
            return first, after_one, after_two

    first, after_one, after_two = run(scenario())
    assert (first.answered, first.failed) == (1, len(FAULTS))
    reasons = list(FAULTS.values())
    # One failure is not yet "unreachable" (unreachable_after=2); the second is.
    assert after_one == [("unknown", 1, r) for r in reasons]
    assert after_two == [("unreachable", 2, r) for r in reasons]
    assert len(readings_of(shared_db, healthy[0])) == 3  # polled every cycle regardless
    for meter_id, _ in faulty:
        assert comm_of(shared_db, meter_id)[:3] == ("ok", 0, "")
        assert len(readings_of(shared_db, meter_id)) == 1
        assert audit_actions(shared_db, "meter", meter_id) == ["meter.unreachable",
                                                               "meter.reachable"]


def test_a_slow_meter_times_out_and_its_late_answer_does_not_spoil_the_next(file_db):
    _, meters = seed_meters(file_db, 3)

    async def scenario():
        async with serve_fleet(file_db, slow_seconds=0.3) as sim:
            sim.set_fault(meters[1][1], Fault.SLOW)
            collector = Collector(file_db, config=quick_config())
            first = await collector.poll_once()
            slow = comm_of(file_db, meters[1][0])[:3]
            second = await collector.poll_once()
            await collector.close()
            return first, slow, second

    first, slow, second = run(scenario())
    assert slow == ("unknown", 1, "timeout") and first.answered == second.answered == 2
    for meter_id, _address in (meters[0], meters[2]):
        assert len(readings_of(file_db, meter_id)) == 2


def test_a_serial_server_that_is_gone_fails_its_meters_as_connection(file_db):
    _, meters = seed_meters(file_db, 2, endpoint=f"127.0.0.1:{closed_port()}")

    async def scenario():
        collector = Collector(file_db, config=quick_config(unreachable_after=1))
        result = await collector.poll_once()
        await collector.close()
        return result

    result = run(scenario())
    assert (result.answered, result.failed, result.stored) == (0, 2, True)
    assert [comm_of(file_db, m)[:3] for m, _ in meters] == [("unreachable", 1, "connection")] * 2


def test_a_dropped_connection_is_reopened_on_the_next_request(file_db):
    _, meters = seed_meters(file_db, 2)

    async def scenario():
        async with serve_fleet(file_db) as sim:
            collector = Collector(file_db, config=quick_config(retries=1))
            await collector.poll_once()
            sim.drop_connections()
            result = await collector.poll_once()
            await collector.close()
            return result

    assert run(scenario()).answered == 2
    assert all(len(readings_of(file_db, m)) == 2 for m, _ in meters)


# ------------------------------------------------------------ database outage


def _fail_fast_on_locks(db: Database) -> None:
    """Give up on a locked SQLite file after 50 ms instead of 10 s."""
    event.listen(db.engine, "connect",
                 lambda conn, _record: conn.execute("PRAGMA busy_timeout = 50"))
    db.engine.dispose()


def test_a_database_outage_pauses_writes_and_loses_no_reading(file_db):
    import sqlite3

    _, meters = seed_meters(file_db, 3)
    _fail_fast_on_locks(file_db)
    path = file_db.engine.url.database
    locker = sqlite3.connect(path, isolation_level=None)

    def stored() -> int:
        return locker.execute("SELECT count(*) FROM reading").fetchone()[0]

    async def scenario():
        async with serve_fleet(file_db):
            collector = Collector(file_db, config=quick_config())
            await collector.poll_once()
            locker.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
            during = [await collector.poll_once() for _ in range(2)]
            counts = (stored(), collector.db_available)
            locker.execute("ROLLBACK")
            back = await collector.flush()
            await collector.close()
            return during, counts, back

    during, (count_while_locked, available), back = run(scenario())
    assert [(r.answered, r.stored, r.pending) for r in during] == [(3, False, 3), (3, False, 6)]
    assert count_while_locked == 3 and not available
    assert back and stored() == 9
    for meter_id, _ in meters:
        times = [r.read_at for r in readings_of(file_db, meter_id)]
        assert len(times) == 3 and times == sorted(times)  # read when polled, not when written
    locker.close()


def test_the_buffer_keeps_order_across_put_back_and_drops_the_oldest_past_its_bound():
    buffer = WriteBuffer(max_readings=4)
    for n in range(3):
        buffer.add_reading({"n": n})
    batch = buffer.take(2)
    buffer.add_reading({"n": 3})
    buffer.put_back(batch)  # the write failed: back in front
    assert [row["n"] for row in buffer.take(10).readings] == [0, 1, 2, 3]
    for n in range(6):
        buffer.add_reading({"n": n})
    assert buffer.dropped == 2 and [r["n"] for r in buffer.take(10).readings] == [2, 3, 4, 5]


# ------------------------------------------------------------ as processes on PostgreSQL


def _lines(stream) -> queue.Queue:  # a text pipe
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()
    return lines


@pytest.mark.postgres
def test_simulate_and_collect_run_as_processes_against_postgresql(pg_template, tmp_path):
    admin, template = pg_template
    name, url = clone_pg(admin, template)
    db = Database.open(url)
    _, meters = seed_meters(db, 3, endpoint=f"127.0.0.1:{closed_port()}")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "GRIDDESK_DB": ""}
    command = [sys.executable, "-m", "console"]
    sim = subprocess.Popen([*command, "simulate", "--db", url], cwd=ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = _lines(sim.stdout)
        while not lines.get(timeout=20).startswith("simulating"):
            pass
        token = token_file(db, tmp_path / "collector.token")
        collect = subprocess.run([*command, "collect", "--db", url, "--once", "--timeout", "1",
                                  "--token-file", str(token),
                                  "--spool", str(tmp_path / "spool")],  # not the user's data folder
                                 cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    finally:
        sim.terminate()
        sim.wait(10)
    assert collect.returncode == 0, collect.stderr
    assert "3/3 meters answered, 3 readings stored" in collect.stdout
    assert all(len(readings_of(db, meter_id)) == 1 for meter_id, _ in meters)
    assert all(comm_of(db, meter_id)[0] == "ok" for meter_id, _ in meters)
    db.dispose()
    drop_pg_database(admin, name)


# ------------------------------------------------------------ what the consumption view says


def test_the_consumption_view_prefers_the_collectors_word_on_reachability(db):
    from console.services import consumption

    _, [(meter_id, _)] = seed_meters(db, 1)
    with db.session() as session:  # a clerk of the meter's own unit (issue 16: scoped)
        unit = session.scalar(select(Unit).where(Unit.code == "37001"))
        actor = factories.actor(session, unit, username="counter1", role="counter")
    now = dt.datetime(2026, 7, 1, 4, 0, tzinfo=dt.UTC)

    def set_comm(state: str, seen: dt.datetime | None) -> bool:
        with db.session() as session:
            session.execute(update(Meter).where(Meter.id == meter_id)
                            .values(comm_state=state, last_seen_at=seen))
        return consumption.meter_status(db, actor, meter_id, now=now).reachable

    assert not set_comm("unknown", None)  # never heard of
    assert set_comm("ok", now - dt.timedelta(minutes=5))  # polled, even without a reading
    assert not set_comm("ok", now - dt.timedelta(hours=2))  # the collector went quiet
    with db.session() as session:
        session.add(Reading(meter_id=meter_id, read_at=now - dt.timedelta(minutes=1),
                            energy_total=Decimal("1.00"), source="manual"))
    assert not set_comm("unreachable", now - dt.timedelta(minutes=1))  # its word wins
