"""A database with real commits on each engine, for the session flows driven through the GUI
(the window, its worker threads and the admin acting meanwhile each use their own connection)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.db import Database
from console.services.actor import Actor
from tests import factories as f
from tests.backup.fixtures import _clone_pg, pg_template as pg_template
from tests.conftest import drop_pg_database, require_pg


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def live_db(request: pytest.FixtureRequest, sqlite_template: Path,
            tmp_path: Path) -> Iterator[Database]:
    """A migrated database of this test's own, committed for real, on each engine."""
    if request.param == "sqlite":
        path = tmp_path / "griddesk.db"
        shutil.copy(sqlite_template, path)
        database = Database.open(f"sqlite:///{path}")
        yield database
        database.dispose()
        return
    admin, name = require_pg(), f"griddesk_live_{uuid.uuid4().hex[:8]}"
    database = Database.open(_clone_pg(admin, request.getfixturevalue("pg_template"), name))
    yield database
    database.dispose()
    drop_pg_database(admin, name)


def admin_and_clerk(db: Database) -> tuple[Actor, Actor]:
    """admin9 and the counter clerk lina of one unit, both with the shared test password."""
    with db.session() as s:
        unit = f.unit(s)
        return (f.actor(s, unit, username="admin9", role="admin"),
                f.actor(s, unit, username="lina", role="counter"))
