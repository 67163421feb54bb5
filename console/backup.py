"""Backup and restore of the shared database, consistent while consoles keep working.

"The moment" of a backup is one read snapshot: on SQLite the online backup API
copies the pages inside a read transaction (WAL lets writers go on meanwhile);
on PostgreSQL a REPEATABLE READ transaction exports its snapshot and pg_dump
reads exactly that (`--snapshot`). The audit head is read in the same snapshot,
so the backup can say which audit event it ends with, and a caller may look at
anything else in it (`look`), which is how the drill test compares a restored
copy with the moment of its backup.

Nothing is written half-way: a backup goes to a temporary file beside its
target and is renamed when complete; a SQLite restore likewise; a PostgreSQL
restore runs in one transaction.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from console import pg_tools
from console.db import READ_ONLY, Database, check_connection, describe_url, make_engine
from console.pg_tools import BackupFailed
from console.services import audit

SQLITE_MAGIC = b"SQLite format 3\x00"
Look = Callable[[Connection], object]


@dataclass(frozen=True)
class BackupResult:
    """A finished backup: where, how big, how long, and the audit event it ends with."""

    path: Path
    engine: str
    size: int
    seconds: float
    audit_seq: int
    audit_hash: str
    seen: object = None


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore and the verdict of `audit verify` on the restored copy."""

    where: str
    seconds: float
    audit: audit.VerifyResult
    integrity_seconds: float = 0.0


def backup(url: str | None, out: Path | str, *, look: Look | None = None) -> BackupResult:
    """Copy the database at `url` into the new file `out` (SQLite file or pg_dump -Fc).

    `look(conn)` runs inside the backup's snapshot; its answer comes back as `seen`.
    """
    out = Path(out)
    _check_new_file(out)
    engine = make_engine(url)
    try:
        check_connection(engine)
        started = time.perf_counter()
        copy = _backup_sqlite if engine.dialect.name == "sqlite" else _backup_pg
        with _temporary_beside(out) as part:
            head, seen = copy(engine, part, look)
            os.replace(part, out)
    finally:
        engine.dispose()
    return BackupResult(out, engine.dialect.name, out.stat().st_size,
                        round(time.perf_counter() - started, 3), head[0], head[1], seen)


def _check_new_file(out: Path) -> None:
    if out.exists():
        raise BackupFailed(f"{out} exists already: a backup never overwrites a file, "
                           "choose a new name")
    if not out.parent.is_dir():
        raise BackupFailed(f"folder {out.parent} does not exist")


@contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    """A temporary path in the target's folder (so the final rename is atomic),
    removed when the work fails."""
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    part.unlink(missing_ok=True)
    try:
        yield part
    finally:
        part.unlink(missing_ok=True)


def _audit_head(conn: Connection) -> tuple[int, str]:
    try:
        row = conn.execute(text("SELECT seq, hash FROM audit_head WHERE id = 1")).one_or_none()
    except DBAPIError as exc:
        raise BackupFailed("not a GridDesk database (it has no audit trail): run "
                           "python -m console db upgrade first") from exc
    return (int(row[0]), str(row[1])) if row else (0, audit.GENESIS)


def _backup_sqlite(engine: Engine, part: Path, look: Look | None) -> tuple[tuple[int, str], object]:
    with engine.connect() as conn:
        conn.execution_options(**{READ_ONLY: True})  # BEGIN without the write lock
        with conn.begin():
            head, seen = _audit_head(conn), look(conn) if look else None
            source = conn.connection.dbapi_connection
            target = sqlite3.connect(part)
            try:
                # One step (pages=-1): the whole copy comes from this read
                # transaction's snapshot while writers append to the WAL.
                source.backup(target)  # type: ignore[union-attr]
                # A backup is one self-contained file, not a WAL pair.
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
    return head, seen


def _backup_pg(engine: Engine, part: Path, look: Look | None) -> tuple[tuple[int, str], object]:
    dump = pg_tools.tool("pg_dump")
    with engine.connect() as conn:
        conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            pg_tools.check_dump_version(pg_tools.tool_major(dump), pg_tools.server_major(conn))
            # pg_dump imports this transaction's snapshot: the dump, the audit
            # head and `look` all see the same instant.
            snapshot = conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
            head, seen = _audit_head(conn), look(conn) if look else None
            options = pg_tools.libpq(engine.url)
            pg_tools.run([dump, "--format=custom", "--snapshot", snapshot, "--file", str(part),
                          *options.args], options.env, "pg_dump")
    return head, seen


# -- restore -------------------------------------------------------------------------------


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
        where = describe_url(engine.url.render_as_string(hide_password=True))
    finally:
        engine.dispose()
    return RestoreResult(where, seconds, verdict, round(checking, 3))


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
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
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
    with _temporary_beside(target) as part:
        checking = _copy_sqlite(file, part, integrity_check)
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
