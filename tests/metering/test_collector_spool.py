"""The collector's on-disk spool: an outage, a kill and a restart lose and double nothing.

The database goes away the way it does on a site: on SQLite another process
holds the write lock (readers still read); on PostgreSQL the server stops
accepting connections and drops the open ones. Nothing waits on the clock:
each test drives poll cycles and flushes itself.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, func, select, text

from console.db import Database
from console.metering.collector import Collector
from console.metering.collector_buffer import reading_row
from console.metering.collector_spool import Spool
from console.metering.dlt645 import DataId
from console.models import Reading, utcnow
from tests.conftest import pg_admin_url
from tests.metering.test_collector import (
    _fail_fast_on_locks,
    pg_template as pg_template,  # fixture used by shared_db
    quick_config,
    readings_of,
    run,
    seed_meters,
    serve_fleet,
    shared_db as shared_db,  # fixture
)


class Killed(BaseException):
    """The process dies here (no handler runs, nothing is flushed)."""


@contextlib.contextmanager
def outage(db: Database) -> Iterator[None]:
    """The database away for the duration, as each engine goes away in real life."""
    if db.engine.dialect.name == "sqlite":
        import sqlite3

        _fail_fast_on_locks(db)
        locker = sqlite3.connect(db.engine.url.database, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")  # a backup or a long write elsewhere
        try:
            yield
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        return
    name = db.engine.url.database
    admin = create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
        try:
            yield
        finally:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    admin.dispose()


def stored(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Reading))


def test_an_outage_a_kill_and_a_restart_store_every_reading_exactly_once(
        shared_db, tmp_path, monkeypatch):
    _, meters = seed_meters(shared_db, 3)
    spool = tmp_path / "spool"

    def kill_before_ack(self, seq):  # the replayed batch is committed
        raise Killed

    async def scenario():
        async with serve_fleet(shared_db):
            first = Collector(shared_db, config=quick_config(spool_dir=spool))
            before = await first.poll_once()
            with outage(shared_db):
                during = [await first.poll_once() for _ in range(3)]
            on_disk = len(Spool(spool))  # `first` is killed here: never closed or flushed
            second = Collector(shared_db, config=quick_config(spool_dir=spool))
            monkeypatch.setattr(Spool, "ack", kill_before_ack)
            with pytest.raises(Killed):  # killed between a replay's commit and its ack
                await second.flush()
            monkeypatch.undo()
            after_second = stored(shared_db)
            third = Collector(shared_db, config=quick_config(spool_dir=spool))
            last = await third.poll_once()
            for collector in (first, second, third):
                await collector.close()
            return before, during, on_disk, after_second, last, third.quarantined

    before, during, on_disk, after_second, last, quarantined = run(scenario())
    assert before.stored and before.pending == 0
    assert [(r.answered, r.stored, r.pending) for r in during] == [
        (3, False, 3), (3, False, 6), (3, False, 9)]
    assert on_disk == 9 and after_second == 3 + 3  # the first spooled cycle landed
    assert last.stored and last.pending == 0 and len(Spool(spool)) == 0
    assert stored(shared_db) == 15
    assert quarantined == 0 and not (spool / "quarantine.jsonl").exists()  # skipped, not refused
    for meter_id, _ in meters:
        times = [r.read_at for r in readings_of(shared_db, meter_id)]
        assert len(times) == len(set(times)) == 5  # every poll once, none twice


def _rows(meter_ids: list[int]) -> list[dict]:
    values = {DataId.FORWARD_ACTIVE_BLOCK: (Decimal("12.34"), Decimal("1"), Decimal("2"),
                                            Decimal("3"), Decimal("4"))}
    return [reading_row(meter_id, utcnow(), values) for meter_id in meter_ids]


def test_one_bad_row_is_quarantined_alone(shared_db, tmp_path, caplog):
    _, meters = seed_meters(shared_db, 3)
    ids = [m for m, _ in meters]
    good = _rows(ids * 2)
    no_energy = {**_rows(ids[:1])[0], "energy_total": None}
    no_meter = _rows([999_999])[0]
    collector = Collector(shared_db, config=quick_config(spool_dir=tmp_path / "spool"))
    for row in [*good[:2], no_energy, *good[2:5], no_meter, good[5]]:
        collector.buffer.add_reading(row)

    async def scenario():
        try:
            return await collector.flush()
        finally:
            await collector.close()

    with caplog.at_level(logging.ERROR, logger="console.metering.collector"):
        assert run(scenario())
    assert stored(shared_db) == 6 and collector.quarantined == 2
    lines = (tmp_path / "spool" / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()
    quarantined = [json.loads(line) for line in lines]
    assert [q["row"]["meter_id"] for q in quarantined] == [ids[0], 999_999]
    assert quarantined[0]["row"]["energy_total"] is None
    assert all("IntegrityError" in q["reason"] for q in quarantined)
    assert sum("quarantined" in r.getMessage() for r in caplog.records) == 2


def test_a_failed_final_flush_is_logged_and_kept_in_the_spool(shared_db, tmp_path, caplog):
    _, meters = seed_meters(shared_db, 2)
    spool = tmp_path / "spool"
    collector = Collector(shared_db, config=quick_config(spool_dir=spool))
    for row in _rows([m for m, _ in meters]):
        collector.buffer.add_reading(row)  # read, not yet written, when the service stops

    async def stop_now():
        import asyncio

        stop = asyncio.Event()
        stop.set()
        await collector.run(stop)

    with caplog.at_level(logging.WARNING), outage(shared_db):
        run(stop_now())
    assert any("final write at shutdown failed" in r.getMessage() and "2 readings kept" in
               r.getMessage() for r in caplog.records)
    assert len(Spool(spool)) == 2 and stored(shared_db) == 0

    restarted = Collector(shared_db, config=quick_config(spool_dir=spool))

    async def flush():
        try:
            return await restarted.flush()
        finally:
            await restarted.close()

    assert run(flush()) and stored(shared_db) == 2


def test_a_record_cut_short_by_a_kill_is_ignored_and_the_rest_replays(tmp_path):
    spool = Spool(tmp_path)
    spool.append(_rows([1, 2]))
    spool.append(_rows([3]))
    [segment] = tmp_path.glob("segment-*.jsonl")
    data = segment.read_bytes()
    segment.write_bytes(data[: len(data) - 10])  # the second append never finished
    again = Spool(tmp_path)
    assert len(again) == 2 and [r["meter_id"] for r in again.peek().rows] == [1, 2]
    assert again.peek().rows[0]["energy_total"] == Decimal("12.34")
    again.ack(again.peek().seq)
    assert Spool(tmp_path).peek() is None


def test_the_spool_is_bounded_and_counts_what_it_dropped(tmp_path):
    spool = Spool(tmp_path, max_bytes=6_000, segment_bytes=1_000)
    for n in range(40):
        spool.append(_rows([n]))
    assert sum(p.stat().st_size for p in tmp_path.glob("segment-*")) <= 6_000 + 1_000
    assert spool.dropped > 0 and len(spool) + spool.dropped == 40
    assert [r["meter_id"] for r in spool.peek().rows] == [spool.dropped]  # oldest gone first


def test_a_spool_holding_another_databases_readings_is_refused(tmp_path):
    from console.errors import ValidationError

    spool = Spool(tmp_path, owner="sqlite:///a.db")
    spool.append(_rows([1]))
    with pytest.raises(ValidationError, match="holds 1 readings of another database"):
        Spool(tmp_path, owner="sqlite:///b.db")
    spool.ack(spool.peek().seq)
    assert Spool(tmp_path, owner="sqlite:///b.db").peek() is None  # empty: it may move on


SERVICE_ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "GRIDDESK_DB": ""}


def _service(*args: str):  # (Popen, its output lines)
    from tests.metering.test_collector import ROOT, _lines

    process = subprocess.Popen([sys.executable, "-m", "console", *args], cwd=ROOT,
                               env=SERVICE_ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    return process, _lines(process.stdout)


def _waiting_counts(lines, cycles: int) -> list[int]:  # a queue of lines
    """The readings waiting after each of the next ``cycles`` cycles the database missed."""
    import re

    waiting: list[int] = []
    while len(waiting) < cycles:
        found = re.search(r"(\d+) waiting for the database", lines.get(timeout=60))
        if found:
            waiting.append(int(found.group(1)))
    return waiting


@pytest.mark.postgres
def test_a_collector_process_killed_during_an_outage_loses_nothing(pg_template, tmp_path):
    """The real thing on PostgreSQL: `collect` as a service, the server stops taking
    connections, the process is killed (SIGKILL), the server returns, `collect` restarts."""
    from tests.conftest import drop_pg_database
    from tests.metering.test_collector import ROOT, clone_pg, closed_port

    admin, template = pg_template
    name, url = clone_pg(admin, template)
    db = Database.open(url)
    _, meters = seed_meters(db, 3, endpoint=f"127.0.0.1:{closed_port()}")
    from tests.operators import token_file
    options = ["--spool", str(tmp_path / "spool"), "--db", url, "--timeout", "1",
               "--token-file", str(token_file(db, tmp_path / "collector.token"))]
    processes = [_service("simulate", "--db", url)]
    try:
        while not processes[0][1].get(timeout=30).startswith("simulating"):
            pass
        # Cycles 5 s apart: the kill lands while the service waits for its next cycle.
        processes.append(_service("collect", "--interval", "5", *options))
        collect, lines = processes[1]
        while "3 readings stored" not in lines.get(timeout=60):
            pass
        with outage(db):
            waiting = _waiting_counts(lines, 2)
            collect.kill()
            collect.wait(10)
        again = subprocess.run([sys.executable, "-m", "console", "collect", "--once",
                                *options], cwd=ROOT, env=SERVICE_ENV, capture_output=True,
                               text=True, timeout=120)
    finally:
        for process, _ in processes:
            if process.poll() is None:
                process.kill()
                process.wait(10)
    assert waiting == [3, 6]
    assert again.returncode == 0 and "3/3 meters answered, 3 readings stored" in again.stdout
    assert stored(db) == 3 + 6 + 3
    for meter_id, _ in meters:
        times = [r.read_at for r in readings_of(db, meter_id)]
        assert len(times) == len(set(times)) == 4
    db.dispose()
    drop_pg_database(admin, name)
