"""Backup of the shared database, consistent while consoles keep working.

"The moment" of a backup is one read snapshot: on SQLite the online backup API
copies the pages inside a read transaction (WAL lets writers go on meanwhile);
on PostgreSQL a REPEATABLE READ transaction exports its snapshot and pg_dump
reads exactly that (`--snapshot`). The audit head is read in the same snapshot,
so the backup can say which audit event it ends with, and a caller may look at
anything else in it (`look`), which is how the drill test compares a restored
copy with the moment of its backup.

Nothing is written half-way: a backup goes to a temporary file beside its
target and is renamed when complete.
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

from console.backup import pg_tools
from console.backup.pg_tools import BackupFailed
from console.db import READ_ONLY, check_connection, make_engine
from console.services import audit

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
        with temporary_beside(out) as part:
            head, seen = copy(engine, part, look)
            flush_to_disk(part)
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


def flush_to_disk(path: Path) -> None:
    """fsync before the rename: after a power cut the new name holds all of it or nothing."""
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


@contextmanager
def temporary_beside(target: Path) -> Iterator[Path]:
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
