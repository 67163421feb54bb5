"""Databases with real commits for the backup tests: a source and an empty target per engine."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from console import migrate
from console.db import make_engine
from console.models import AuditEvent, AuditHead, LedgerEntry, Payment
from tests.conftest import create_pg_database, drop_pg_database, require_pg


@dataclass(frozen=True)
class Pair:
    """A migrated source database and an empty one to restore into."""

    engine: str
    source: str
    target: str


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated PostgreSQL database that sources are cloned from (CREATE ... TEMPLATE)."""
    admin = require_pg()
    name = f"griddesk_bk_tpl_{uuid.uuid4().hex[:8]}"
    engine = make_engine(create_pg_database(admin, name))
    migrate.upgrade(engine)
    engine.dispose()
    yield name
    drop_pg_database(admin, name)


def _clone_pg(admin: str, template: str, name: str) -> str:
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    engine.dispose()
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def pair(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[Pair]:
    if request.param == "sqlite":
        shutil.copy(sqlite_template, tmp_path / "source.db")
        yield Pair("sqlite", f"sqlite:///{tmp_path / 'source.db'}",
                   f"sqlite:///{tmp_path / 'restored.db'}")
        return
    admin, tag = require_pg(), uuid.uuid4().hex[:8]
    source = _clone_pg(admin, request.getfixturevalue("pg_template"), f"griddesk_bk_src_{tag}")
    target = create_pg_database(admin, f"griddesk_bk_dst_{tag}")
    try:
        yield Pair("postgresql", source, target)
    finally:
        drop_pg_database(admin, f"griddesk_bk_src_{tag}")
        drop_pg_database(admin, f"griddesk_bk_dst_{tag}")


def ledger_and_audit(conn) -> dict[str, list[tuple]]:  # a Connection
    """Every ledger entry, payment and audit event, and the audit head, in order."""
    tables = {"ledger": (LedgerEntry, LedgerEntry.id), "payments": (Payment, Payment.id),
              "audit": (AuditEvent, AuditEvent.seq), "head": (AuditHead, AuditHead.id)}
    return {name: [tuple(row) for row in conn.execute(
        select(*model.__table__.columns).order_by(key))]
        for name, (model, key) in tables.items()}


def count_in(url: str, model) -> int:
    """The rows of a table, read through an engine of its own (the test's is disposed)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        count = conn.scalar(select(func.count()).select_from(model))
    engine.dispose()
    return count
