"""Benchmark: backup and restore of a big demo database.

    python -m bench.backup [--customers 100000] [--file PATH] [--db URL]

SQLite (default): `--file` names the demo file to back up; it is made with
`--customers` when missing (and kept for the next run), else a temporary one
is. PostgreSQL: `--db` is the database to back up; the restore goes into a new
database on the same server, dropped afterwards. Restore seconds include
`audit verify` of the restored copy, as `db restore` does it; verify_seconds
says how much of it that was. The last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.demo_data import machine_with_load
from console import backup, migrate
from console.db import make_engine, resolve_url
from console.demo import generate


def _demo_file(path: Path, customers: int) -> None:
    if path.exists():
        return
    part = path.with_name(path.name + ".part")  # an interrupted build is not reused
    part.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{part}")
    migrate.upgrade(engine)
    print(f"making a {customers}-customer demo file {path} (not timed)", file=sys.stderr)
    generate(engine, customers=customers, seed=1)
    with engine.connect() as conn:  # one self-contained file before the rename
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    part.rename(path)


def _pg_target(source: str) -> tuple[str, str]:
    """A new, empty database beside the source; (its URL, its name)."""
    name = f"griddesk_bench_restore_{uuid.uuid4().hex[:8]}"
    engine = create_engine(source, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    engine.dispose()
    return make_url(source).set(database=name).render_as_string(hide_password=False), name


def _pg_size_mb(url: str) -> float:
    engine = create_engine(url)
    with engine.connect() as conn:
        size = conn.scalar(text("SELECT pg_database_size(current_database())"))
    engine.dispose()
    return round(size / 1e6, 1)


def _drop(source: str, name: str) -> None:
    engine = create_engine(source, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _measure(source: str, target: str, folder: Path) -> dict[str, object]:
    load_before = list(os.getloadavg())
    saved = backup.backup(source, folder / "bench.backup")
    started = time.perf_counter()
    restored = backup.restore(saved.path, target)
    restore_seconds = time.perf_counter() - started
    return {"backup_seconds": saved.seconds, "restore_seconds": round(restore_seconds, 2),
            "verify_seconds": round(restore_seconds - restored.seconds, 2),
            "integrity_check_seconds": restored.integrity_seconds,
            "backup_mb": round(saved.size / 1e6, 1), "audit_events": restored.audit.checked,
            "audit_ok": restored.audit.ok, "load_average_before": load_before}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.backup")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--file", type=Path, help="SQLite demo file (made when missing)")
    parser.add_argument("--db", help="PostgreSQL database to back up instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="griddesk-bench-") as tmp:
        folder = Path(tmp)
        if args.db:
            source = resolve_url(args.db)
            target, name = _pg_target(source)
            try:
                figures = _measure(source, target, folder)
            finally:
                _drop(source, name)
            engine, size = "postgresql", _pg_size_mb(source)
        else:
            path = args.file or folder / "demo.db"
            _demo_file(path, args.customers)
            size = round(path.stat().st_size / 1e6, 1)
            figures = _measure(f"sqlite:///{path}", f"sqlite:///{folder / 'restored.db'}",
                               folder)
            engine = "sqlite"
    print(json.dumps({"engine": engine, "database_mb": size, **figures,
                      "machine": machine_with_load()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
