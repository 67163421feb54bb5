"""A committed database the command line opens itself, on SQLite and PostgreSQL, with the two
counties of tests/security (牡丹区 with a station below it, 曹县 beside it)."""

from __future__ import annotations

import io
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console import migrate
from console.db import Database, make_engine
from tests import factories as f
from tests.conftest import create_pg_database, drop_pg_database, require_pg


@dataclass(frozen=True)
class Site:
    url: str
    db: Database

    def count(self, model, *where) -> int:
        with self.db.read() as s:
            return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


@pytest.fixture(scope="session")
def pg_cli_template() -> Iterator[tuple[str, str]]:
    """A migrated PostgreSQL database each test copies (CREATE DATABASE … TEMPLATE)."""
    admin = require_pg()
    name = f"griddesk_cli_tpl_{uuid.uuid4().hex[:8]}"
    engine = make_engine(create_pg_database(admin, name))
    migrate.upgrade(engine)
    engine.dispose()
    yield admin, name
    drop_pg_database(admin, name)


def _pg_copy(admin: str, template: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    name = f"griddesk_cli_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    engine.dispose()
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def site(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> Iterator[Site]:
    if request.param == "sqlite":
        path = tmp_path / "griddesk.db"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
    else:
        admin, template = request.getfixturevalue("pg_cli_template")
        url = _pg_copy(admin, template)
    db = Database.open(url)
    with db.uow() as s:
        mudan = f.unit(s, code="37001", name="牡丹区城区营业厅")
        caoxian = f.unit(s, code="37021", name="曹县营业厅")
        tariff = f.tariff(s)
        f.customer(s, mudan, tariff, number="3700000001")
        f.customer(s, caoxian, tariff, number="3702100001")
        f.user(s, mudan, username="counter1", role="counter")
        f.user(s, mudan, username="supervisor1", role="supervisor")
        f.user(s, mudan, username="admin1", role="admin")
    yield Site(url, db)
    db.dispose()
    if request.param == "postgres":
        drop_pg_database(request.getfixturevalue("pg_cli_template")[0],
                         url.rsplit("/", 1)[1])


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):
    """Put text on the command's standard input (what --password-stdin reads)."""
    def put(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))
    return put
