"""PostgreSQL's client programs (pg_dump, pg_restore): where they are, which version,
and how to hand them a SQLAlchemy URL without putting the password on the command line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.engine import URL

from console.errors import ConsoleError


class BackupFailed(ConsoleError):
    """A backup or restore could not be made; the message says why in one line."""

    code = "backup_failed"


@dataclass(frozen=True)
class Libpq:
    """Command-line arguments and environment that point a libpq program at a database."""

    args: list[str]
    env: dict[str, str]


def tool(name: str) -> str:
    """The path of pg_dump/pg_restore: $GRIDDESK_PG_BIN first, then PATH."""
    folder = os.environ.get("GRIDDESK_PG_BIN")
    found = shutil.which(name, path=folder) if folder else shutil.which(name)
    if not found:
        where = f"in {folder} ($GRIDDESK_PG_BIN)" if folder else "on PATH"
        raise BackupFailed(f"{name} not found {where}: install the PostgreSQL client tools "
                           "or set GRIDDESK_PG_BIN to their folder")
    return found


def tool_major(path: str) -> int:
    """The major version a client program reports: `pg_dump (PostgreSQL) 15.20` → 15."""
    out = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"\)\s*(\d+)", out)
    if not match:
        raise BackupFailed(f"cannot tell the version of {path}: {out.strip() or 'no answer'}")
    return int(match.group(1))


def server_major(conn: Connection) -> int:
    """150020 → 15 (server_version_num is stable across distributions' version strings)."""
    return int(conn.exec_driver_sql("SHOW server_version_num").scalar_one()) // 10000


def check_dump_version(client: int, server: int, name: str = "pg_dump") -> None:
    """pg_dump reads servers of its own major version and older, never newer ones."""
    if client < server:
        raise BackupFailed(
            f"{name} {client} cannot back up a PostgreSQL {server} server: install the "
            f"PostgreSQL {server} client tools (or newer) and point GRIDDESK_PG_BIN at them")


def libpq(url: URL) -> Libpq:
    """Connection options for libpq programs; the password travels in PGPASSWORD."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = ["--dbname", url.set(drivername="postgresql", password=None)
            .render_as_string(hide_password=False)]
    return Libpq(args, env)


def run(cmd: list[str], env: dict[str, str], what: str) -> None:
    """Run a client program; its first error line becomes the BackupFailed message."""
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
        reason = next((ln for ln in lines if "error" in ln.lower()), lines[0] if lines else "")
        raise BackupFailed(f"{what} failed: {reason.strip() or f'exit code {done.returncode}'}")


def is_custom_dump(path: Path) -> bool:
    """pg_dump -Fc archives start with the bytes PGDMP."""
    with path.open("rb") as fh:
        return fh.read(5) == b"PGDMP"
