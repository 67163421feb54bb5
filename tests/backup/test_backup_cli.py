"""`db backup` / `db restore` from the command line: one clear line for bad input,
nothing half-written, refused targets left as they were, the restored chain verified."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.backup import pg_tools
from console.cli import main as cli
from console.db import Database, make_engine
from console.models import Customer
from console.services import audit
from tests import factories as f
from tests.backup.fixtures import Pair, pair as pair, pg_template as pg_template
from tests.billing_helpers import account


def _fill(url: str) -> None:
    db = Database.open(url)
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        account(s, unit, tariff)
        audit.record(s, f.actor(s, unit, username="clerk", role="counter"), "customer.created")
    db.dispose()


def _customers(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        count = conn.scalar(select(func.count()).select_from(Customer))
    engine.dispose()
    return count


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    return err


def test_backup_then_restore_round_trip(pair: Pair, tmp_path: Path, capsys):
    _fill(pair.source)
    out = tmp_path / "site.backup"
    assert cli(["db", "backup", "-o", str(out), "--db", pair.source]) == 0
    said = capsys.readouterr().out
    assert f"backup written: {out}" in said and "ends with audit event" in said

    assert cli(["db", "restore", str(out), "--db", pair.target]) == 0
    assert "audit chain intact" in capsys.readouterr().out
    assert _customers(pair.target) == 1


def test_restore_refuses_a_database_that_holds_tables(pair: Pair, tmp_path: Path, capsys):
    _fill(pair.source)
    out = tmp_path / "site.backup"
    assert cli(["db", "backup", "-o", str(out), "--db", pair.source]) == 0
    capsys.readouterr()
    assert cli(["db", "restore", str(out), "--db", pair.source]) == 1
    assert "not empty" in _one_error_line(capsys)
    assert _customers(pair.source) == 1


def test_backup_never_overwrites_and_never_leaves_a_part_file(pair: Pair, tmp_path: Path, capsys):
    folder = tmp_path / "backups"
    folder.mkdir()
    out = folder / "site.backup"
    out.write_text("yesterday's backup")
    assert cli(["db", "backup", "-o", str(out), "--db", pair.source]) == 1
    assert "exists already" in _one_error_line(capsys)
    assert out.read_text() == "yesterday's backup"
    assert cli(["db", "backup", "-o", str(folder / "no" / "x"), "--db", pair.source]) == 1
    assert "does not exist" in _one_error_line(capsys)
    assert [p.name for p in folder.iterdir()] == ["site.backup"]


@pytest.mark.parametrize("content", [b"", b"not a backup at all\n" * 10])
def test_restore_of_a_file_that_is_no_backup_is_refused(tmp_path: Path, capsys, content):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(content)
    target = tmp_path / "new.db"
    assert cli(["db", "restore", str(junk), "--db", f"sqlite:///{target}"]) == 1
    assert "not a GridDesk backup" in _one_error_line(capsys)
    assert not target.exists()


def test_a_damaged_backup_restores_nothing(pair: Pair, tmp_path: Path, capsys):
    _fill(pair.source)
    out = tmp_path / "site.backup"
    assert cli(["db", "backup", "-o", str(out), "--db", pair.source]) == 0
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 3])  # cut short, as by a full disk
    capsys.readouterr()
    assert cli(["db", "restore", str(out), "--db", pair.target]) == 1
    err = _one_error_line(capsys)
    assert "damaged" in err or "pg_restore failed" in err
    if pair.engine == "sqlite":
        assert not Path(pair.target.removeprefix("sqlite:///")).exists()
    else:  # one transaction: nothing of it stayed
        engine = make_engine(pair.target)
        with engine.connect() as conn:
            assert not conn.exec_driver_sql(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").scalar()
        engine.dispose()


def test_a_backup_cut_short_is_named_without_the_page_check(tmp_path: Path, capsys,
                                                            sqlite_template: Path):
    out = tmp_path / "b.db"
    assert cli(["db", "backup", "-o", str(out), "--db", f"sqlite:///{sqlite_template}"]) == 0
    size = out.stat().st_size
    out.write_bytes(out.read_bytes()[: size - 4096])
    capsys.readouterr()
    target = tmp_path / "copy.db"
    assert cli(["db", "restore", str(out), "--db", f"sqlite:///{target}",
                "--no-integrity-check"]) == 1
    assert f"cut short ({size - 4096:,} of {size:,} bytes)" in _one_error_line(capsys)
    assert not target.exists()


def test_a_sqlite_backup_does_not_restore_into_postgresql(tmp_path: Path, capsys,
                                                          sqlite_template: Path):
    assert cli(["db", "backup", "-o", str(tmp_path / "b.db"), "--db",
                f"sqlite:///{sqlite_template}"]) == 0
    capsys.readouterr()
    assert cli(["db", "restore", str(tmp_path / "b.db"), "--db",
                "postgresql+psycopg://nobody@127.0.0.1:1/none"]) == 1
    assert "restores into a SQLite database" in _one_error_line(capsys)


def test_a_changed_audit_event_in_the_backup_fails_the_restore_check(tmp_path: Path, capsys,
                                                                      sqlite_template: Path):
    source = tmp_path / "source.db"
    source.write_bytes(sqlite_template.read_bytes())
    _fill(f"sqlite:///{source}")
    out = tmp_path / "b.db"
    assert cli(["db", "backup", "-o", str(out), "--db", f"sqlite:///{source}"]) == 0
    with sqlite3.connect(out) as conn:
        conn.execute("UPDATE audit_event SET actor_name = 'mallory' WHERE seq = 1")
    capsys.readouterr()
    assert cli(["db", "restore", str(out), "--db", f"sqlite:///{tmp_path / 'copy.db'}"]) == 1
    assert "audit chain BROKEN at event 1" in capsys.readouterr().err


def _fake_pg_dump(folder: Path, version: str) -> None:
    """A pg_dump that reports `version`, writes half a file and fails (a lost connection)."""
    folder.mkdir()
    script = folder / "pg_dump"
    script.write_text(f"""#!/bin/sh
[ "$1" = --version ] && echo "pg_dump (PostgreSQL) {version}" && exit 0
while [ $# -gt 0 ]; do [ "$1" = --file ] && echo PGDMP-half > "$2"; shift; done
echo "pg_dump: error: connection to server lost" >&2
exit 1
""")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


@pytest.mark.postgres
def test_pg_dump_older_than_the_server_is_refused_by_name(pg_url: str, tmp_path: Path, capsys,
                                                          monkeypatch):
    _fake_pg_dump(tmp_path / "bin", "11.2")
    monkeypatch.setenv("GRIDDESK_PG_BIN", str(tmp_path / "bin"))
    assert cli(["db", "backup", "-o", str(tmp_path / "x.dump"), "--db", pg_url]) == 1
    err = _one_error_line(capsys)
    assert "pg_dump 11 cannot back up a PostgreSQL 15 server" in err
    assert [p.name for p in tmp_path.iterdir()] == ["bin"]


@pytest.mark.postgres
def test_a_failing_pg_dump_leaves_no_file(pg_url: str, tmp_path: Path, capsys, monkeypatch):
    _fake_pg_dump(tmp_path / "bin", "99.0")
    monkeypatch.setenv("GRIDDESK_PG_BIN", str(tmp_path / "bin"))
    assert cli(["db", "backup", "-o", str(tmp_path / "x.dump"), "--db", pg_url]) == 1
    assert "pg_dump failed: pg_dump: error: connection to server lost" in _one_error_line(capsys)
    assert [p.name for p in tmp_path.iterdir()] == ["bin"]


def test_client_version_check():
    pg_tools.check_dump_version(16, 15)  # newer clients read older servers
    with pytest.raises(pg_tools.BackupFailed, match="install the PostgreSQL 16 client"):
        pg_tools.check_dump_version(15, 16)


def test_a_restore_says_whether_this_machines_key_file_opens_the_site_keys(
        pair: Pair, tmp_path: Path, capsys, monkeypatch):
    """The backup holds the site's private keys only wrapped; the key file stays apart."""
    import base64
    import os

    from console import keywrap
    from console.services.admin import site_keys
    _fill(pair.source)
    db = Database.open(pair.source)
    with db.session() as s:
        site_keys.active_signer(s)  # the site's first key, wrapped with this key file
    db.dispose()
    out = tmp_path / "site.backup"
    assert cli(["db", "backup", "-o", str(out), "--db", pair.source]) == 0
    assert str(keywrap.kek_path()) in capsys.readouterr().out  # keep it apart, it says

    own = keywrap.kek_path()
    other = tmp_path / "other-site.kek"
    other.write_text(base64.b64encode(os.urandom(32)).decode() + "\n")
    monkeypatch.setenv(keywrap.KEK_ENV, str(other))
    assert cli(["db", "restore", str(out), "--db", pair.target]) == 0
    said = capsys.readouterr()
    assert "audit chain intact" in said.out
    assert f"the key file {other} is another site's" in said.err and "Traceback" not in said.err
    monkeypatch.setenv(keywrap.KEK_ENV, str(own))  # the site's own file opens them
    restored = Database.open(pair.target)
    with restored.read() as s:
        assert site_keys.check_key_file(s) == site_keys.KeyFileCheck(1, str(own), "")
    restored.dispose()
