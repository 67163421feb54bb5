"""A committed database the command line opens itself, on SQLite and PostgreSQL, with the two
counties of tests/security (牡丹区 with a station below it, 曹县 beside it)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.db import Database
from tests import factories as f
from tests.conftest import drop_pg_database
from tests.metering.test_collector import (
    clone_pg,
    pg_template as pg_template,  # a fixture (site)
)


@dataclass(frozen=True)
class Site:
    url: str
    db: Database

    def count(self, model, *where) -> int:
        with self.db.read() as s:
            return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def blank(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> Iterator[Site]:
    """A migrated database with nothing in it, as a new site's."""
    name = ""
    if request.param == "sqlite":
        path = tmp_path / "griddesk.db"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
    else:  # a copy of the migrated template tests/metering clones too
        admin, template = request.getfixturevalue("pg_template")
        name, url = clone_pg(admin, template)
    db = Database.open(url)
    yield Site(url, db)
    db.dispose()
    if name:
        drop_pg_database(request.getfixturevalue("pg_template")[0], name)


@pytest.fixture
def site(blank: Site) -> Site:
    db = blank.db
    with db.uow() as s:
        mudan = f.unit(s, code="37001", name="牡丹区城区营业厅")
        caoxian = f.unit(s, code="37021", name="曹县营业厅")
        tariff = f.tariff(s)
        f.customer(s, mudan, tariff, number="3700000001")
        f.customer(s, caoxian, tariff, number="3702100001")
        f.user(s, mudan, username="counter1", role="counter")
        f.user(s, mudan, username="supervisor1", role="supervisor")
        f.user(s, mudan, username="admin1", role="admin")
    return blank


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):
    """Put text on the command's standard input (what --password-stdin reads)."""
    def put(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))
    return put
