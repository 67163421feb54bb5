"""The hash-chained audit trail notices a changed, a deleted and an inserted row."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import delete, select, update

from console import migrate
from console.cli import main as cli
from console.db import Database, make_engine
from console.models import AuditEvent
from console.services import audit
from console.services.actor import Actor
from tests.conftest import create_pg_database, drop_pg_database, require_pg

CLERK = Actor(None, "lina", "李娜", "counter", None, workstation="柜台1")


def _write_events(db: Database, count: int = 5) -> None:
    with db.session() as s:
        for n in range(count):
            audit.record(s, CLERK, "payment.posted", entity_type="payment", entity_id=n,
                         after={"amount": "98.62", "收据": f"R{n}"})


def _verify(db: Database) -> audit.VerifyResult:
    with db.session() as s:
        return audit.verify(s)


def test_intact_chain_verifies(db):
    _write_events(db)
    result = _verify(db)
    assert result.ok and result.checked == 5


def test_changed_row_is_named(db):
    _write_events(db)
    with db.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3)
                  .values(after='{"amount":"9.62"}'))
    result = _verify(db)
    assert (result.ok, result.bad_seq) == (False, 3) and "changed" in result.problem


def test_deleted_row_is_named(db):
    _write_events(db)
    with db.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == 2))
    result = _verify(db)
    assert (result.ok, result.bad_seq) == (False, 3) and "2 is missing" in result.problem


def test_deleted_newest_row_is_noticed(db):
    _write_events(db)
    with db.session() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == 5))
    result = _verify(db)
    assert not result.ok and result.bad_seq == 5


def test_row_inserted_out_of_chain_is_named(db):
    _write_events(db)
    with db.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq >= 3).values(seq=AuditEvent.seq + 100))
        forged = AuditEvent(seq=3, at=audit.utcnow(), action="payment.reversed",
                            prev_hash="f" * 64, hash="e" * 64)
        s.add(forged)
    result = _verify(db)
    assert (result.ok, result.bad_seq) == (False, 3)


def _tamper_and_run_cli(url: str, capsys) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    db = Database(engine)
    _write_events(db)
    assert cli(["audit", "verify", "--db", url]) == 0
    assert "intact: 5 events" in capsys.readouterr().out
    with db.session() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 4).values(actor_name="someone"))
    assert cli(["audit", "verify", "--db", url]) == 1
    err = capsys.readouterr().err
    assert "BROKEN at event 4" in err and "Traceback" not in err
    db.dispose()


def test_cli_verify_exit_codes_sqlite(tmp_path, capsys):
    _tamper_and_run_cli(f"sqlite:///{tmp_path / 'a.db'}", capsys)


@pytest.mark.postgres
def test_cli_verify_exit_codes_postgres(capsys):
    admin = require_pg()
    name = f"griddesk_audit_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(admin, name)
    try:
        _tamper_and_run_cli(url, capsys)
    finally:
        drop_pg_database(admin, name)


def test_chain_is_continuous_across_transactions(db):
    _write_events(db, 2)
    _write_events(db, 3)
    with db.session() as s:
        seqs = s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)).all()
    assert seqs == [1, 2, 3, 4, 5] and _verify(db).ok


@pytest.mark.postgres
def test_concurrent_writers_chain_in_order_on_postgres():
    from concurrent.futures import ThreadPoolExecutor

    admin = require_pg()
    name = f"griddesk_audit_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(admin, name)
    try:
        engine = make_engine(url)
        migrate.upgrade(engine)
        db = Database(engine)
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(lambda _: _write_events(db, 10), range(4)))
        result = _verify(db)
        assert result.ok and result.checked == 40
        db.dispose()
    finally:
        drop_pg_database(admin, name)
