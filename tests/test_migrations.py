"""Migrations create the whole schema on both engines and undo it."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from console import migrate
from console.db import make_engine
from console.models import Base
from tests.conftest import create_pg_database, drop_pg_database, require_pg


def _up_and_down(url: str) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        context = MigrationContext.configure(conn, opts={"include_name": migrate.include_name})
        diff = compare_metadata(context, Base.metadata)
    assert set(Base.metadata.tables) <= tables
    assert diff == [], "models and migrations disagree"
    migrate.downgrade(engine, "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        assert not inspect(conn).get_view_names()
    migrate.upgrade(engine)  # and up again from base
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()


def test_sqlite_migrates_up_and_down(tmp_path):
    _up_and_down(f"sqlite:///{tmp_path / 'm.db'}")


@pytest.mark.postgres
def test_postgres_migrates_up_and_down_with_pg_trgm():
    admin = require_pg()
    name = f"griddesk_migr_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(admin, name)
    try:
        _up_and_down(url)
        engine = make_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT similarity('王伟明', '王伟')")).scalar() > 0
        engine.dispose()
    finally:
        drop_pg_database(admin, name)
