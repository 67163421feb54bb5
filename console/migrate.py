"""Schema migrations (Alembic) driven from code: `python -m console db upgrade`."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from console.db import unavailable
from console.errors import SchemaOutdated

MIGRATIONS = Path(__file__).with_name("migrations")


# Engine-specific search structures (FTS5 tables, pg_trgm indexes) live in the
# migrations only; autogenerate and the model/migration test must not see them.
SEARCH_PREFIXES = ("customer_fts", "customer_search", "ix_search_")


def include_name(name: str | None, type_: str, _parents: MutableMapping[Any, str | None]) -> bool:
    return not (name or "").startswith(SEARCH_PREFIXES)


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _run(engine: Engine, fn, *args) -> None:
    cfg = _config()
    try:
        with engine.connect() as conn, _sqlite_foreign_keys_off(conn):
            with conn.begin():
                cfg.attributes["connection"] = conn
                fn(cfg, *args)
                _check_foreign_keys(conn)
    except DBAPIError as exc:
        raise unavailable(engine, exc) from exc


@contextmanager
def _sqlite_foreign_keys_off(conn: Connection) -> Iterator[None]:
    """SQLite: foreign keys off while migrations run (checked before they commit).

    Batch mode (a CHECK changed, a column dropped) copies a table and drops the old one;
    with rows of other tables pointing at it the drop would fail (Alembic's "Dealing with
    Referencing Foreign Keys"). The pragma is a no-op inside a transaction: it is set on
    the driver's connection before BEGIN, and back on afterwards, whatever happened.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys = ON")


def _check_foreign_keys(conn: Connection) -> None:
    """Refuse (rolled back, nothing half-migrated) rows left pointing nowhere on SQLite."""
    if conn.dialect.name == "sqlite":
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise SchemaOutdated(f"the migration left rows pointing nowhere: {broken[:5]}")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision` (default: the newest)."""
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    _run(engine, command.downgrade, revision)


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str:
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision() or ""
    except DBAPIError as exc:
        raise unavailable(engine, exc) from exc


def require_current(engine: Engine) -> None:
    """Refuse to run the console on a schema older (or newer) than this program."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise SchemaOutdated(
            f"database schema is {current or 'empty'}, this program needs {head}",
            current=current,
            head=head,
        )
