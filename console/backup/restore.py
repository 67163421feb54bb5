"""Restore a backup into an empty database, then verify the restored audit chain.

Only into an empty database: a restore never mixes with or replaces data. A
SQLite restore is copied to a temporary file beside the target and renamed
when complete and checked; a PostgreSQL restore runs in one transaction.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

from console.backup import pg_tools
from console.backup.pg_tools import BackupFailed
from console.backup.snapshot import flush_to_disk, temporary_beside
from console.db import Database, check_connection, describe_url, make_engine
from console.services import audit
from console.services.admin import site_keys

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore and the verdict of `audit verify` on the restored copy."""

    where: str
    seconds: float
    audit: audit.VerifyResult
    integrity_seconds: float = 0.0
    key_file: site_keys.KeyFileCheck | None = None


def restore(file: Path | str, url: str | None, *, integrity_check: bool = True) -> RestoreResult:
    """Restore a backup into an empty database at `url`, then verify its audit chain.

    A SQLite copy is checked page by page first (PRAGMA quick_check, most of a
    big restore's time) unless `integrity_check` is off; its length is always checked.
    """
    file = Path(file)
    kind = backup_kind(file)
    engine = make_engine(url)
    try:
        if kind != engine.dialect.name:
            raise BackupFailed(f"{file} is a {_NAMES[kind]} backup: it restores into a "
                               f"{_NAMES[kind]} database, not {_NAMES[engine.dialect.name]}")
        started, checking = time.perf_counter(), 0.0
        if kind == "sqlite":
            checking = _restore_sqlite(file, Path(engine.url.database or ""), integrity_check)
        else:
            _restore_pg(file, engine)
        seconds = round(time.perf_counter() - started, 3)
        with Database(engine).read() as session:
            verdict = audit.verify(session)
            key_file = site_keys.check_key_file(session)
        where = describe_url(engine.url.render_as_string(hide_password=True))
    finally:
        engine.dispose()
    return RestoreResult(where, seconds, verdict, round(checking, 3), key_file)


_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def backup_kind(file: Path) -> str:
    """"sqlite" or "postgresql" by the file's first bytes; BackupFailed for anything else."""
    if not file.is_file():
        raise BackupFailed(f"{file}: no such file")
    with file.open("rb") as fh:
        head = fh.read(16)
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(b"PGDMP"):
        return "postgresql"
    raise BackupFailed(f"{file} is not a GridDesk backup (neither a SQLite file nor a "
                       "pg_dump custom-format archive)")


def _sqlite_tables(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise BackupFailed(f"{path} is not an empty database: {exc}") from exc
    finally:
        conn.close()


def _refuse_not_empty(where: str, tables: int) -> None:
    if tables:
        raise BackupFailed(f"{where} is not empty ({tables} tables): a backup restores only "
                           "into an empty database; create a new one")


def _check_length(file: Path) -> None:
    """A file cut short (a full disk, an interrupted copy) is shorter than its header says."""
    with file.open("rb") as fh:
        header = fh.read(100)
    page_size = int.from_bytes(header[16:18], "big")
    pages = int.from_bytes(header[28:32], "big")
    # The page count is trustworthy only when written by the last change.
    if header[92:96] == header[24:28] and pages:
        expected, actual = (65536 if page_size == 1 else page_size) * pages, file.stat().st_size
        if actual < expected:
            raise BackupFailed(f"{file} is damaged: cut short ({actual:,} of {expected:,} bytes)")


def _restore_sqlite(file: Path, target: Path, integrity_check: bool) -> float:
    """Copy `file` to `target` through a temporary file; the seconds the check took."""
    if not target.name:
        raise BackupFailed("restore needs a database file: --db sqlite:///PATH")
    if target.exists():
        _refuse_not_empty(str(target), _sqlite_tables(target))
    _check_length(file)
    target.parent.mkdir(parents=True, exist_ok=True)
    with temporary_beside(target) as part:
        checking = _copy_sqlite(file, part, integrity_check)
        flush_to_disk(part)
        os.replace(part, target)
    for suffix in ("-wal", "-shm"):  # leftovers of the empty database it replaced
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    return checking


def _copy_sqlite(file: Path, part: Path, integrity_check: bool) -> float:
    source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    copy = sqlite3.connect(part)
    try:
        source.backup(copy)
        started = time.perf_counter()
        problem = copy.execute("PRAGMA quick_check").fetchone()[0] if integrity_check else "ok"
    except sqlite3.DatabaseError as exc:
        raise BackupFailed(f"{file} is damaged: {exc}") from exc
    finally:
        source.close()
        copy.close()
    if problem != "ok":
        raise BackupFailed(f"{file} is damaged: {problem}")
    return time.perf_counter() - started


def _restore_pg(file: Path, engine: Engine) -> None:
    restore_tool = pg_tools.tool("pg_restore")
    check_connection(engine)
    with engine.connect() as conn:
        tables = conn.execute(text(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")).scalar_one()
    _refuse_not_empty(describe_url(engine.url.render_as_string(hide_password=True)), tables)
    options = pg_tools.libpq(engine.url)
    # One transaction: a failure leaves the database as empty as it was.
    pg_tools.run([restore_tool, "--no-owner", "--no-privileges", "--single-transaction",
                  "--exit-on-error", *options.args, str(file)], options.env, "pg_restore")
