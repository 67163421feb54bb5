"""Shared fixtures: offscreen Qt, and databases on SQLite and PostgreSQL.

Database tests take the `db` fixture, which runs each test twice: on a SQLite
file and on PostgreSQL (GRIDDESK_TEST_PG). Each test runs inside an outer
transaction that is rolled back, so tests never see each other's rows.
PostgreSQL tests skip when the server does not answer, unless
GRIDDESK_REQUIRE_PG=1 (CI), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # The screen of many counter PCs (offscreen's own is 800×800): windows must fit it.
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(
        Path(__file__).with_name("gui") / "screen-1366x768.json")
os.environ.setdefault("GRIDDESK_WORKSTATION", "test-ws")
# Log files of the commands and windows tests start stay out of the real data folder.
os.environ.setdefault("GRIDDESK_LOG_DIR", tempfile.mkdtemp(prefix="griddesk-test-logs-"))
# The site's key-encryption key file (console/keywrap.py): one per run, made on first use,
# never the user's own next to their real database.
os.environ.setdefault("GRIDDESK_KEK_FILE", str(Path(tempfile.mkdtemp(prefix="griddesk-test-kek-"))
                                                / "site.kek"))

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from console import migrate
from console.db import Database, make_engine
from tests.dbroles import seating

# The Qt fixtures, for the GUI tests in every feature's folder.
pytest_plugins = ["tests.gui_support"]

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pg_admin_url() -> str:
    return os.environ.get("GRIDDESK_TEST_PG", DEFAULT_PG)


def _pg_answers(url: str) -> str:
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return ""
    except Exception as exc:  # any failure means "not there"
        return str(exc).splitlines()[0]


def require_pg() -> str:
    """The admin URL of the test PostgreSQL, or skip/fail as the environment says."""
    url = pg_admin_url()
    problem = _pg_answers(url)
    if problem:
        message = f"PostgreSQL at {url} does not answer: {problem}"
        if os.environ.get("GRIDDESK_REQUIRE_PG") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return url


def create_pg_database(admin_url: str, name: str) -> str:
    """A fresh UTF-8 database (pg_trgm needs UTF-8 for Chinese); its URL."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(
            text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0 "
                 "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
        )
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(admin_url: str, name: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file that tests copy instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "griddesk.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def sqlite_url(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("sqlite") / "griddesk.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    admin = require_pg()
    name = f"griddesk_test_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(admin, name)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    seating.apply(url)  # the PostgreSQL leg runs each use case as its duty role
    yield url
    seating.drop(url)
    drop_pg_database(admin, name)


def _rolled_back_database(url: str) -> Iterator[Database]:
    engine = make_engine(url)
    conn = engine.connect()
    outer = conn.begin()

    def factory() -> Session:
        return Session(
            bind=conn,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
            autobegin=False,
        )

    try:
        yield Database(engine, session_factory=factory)
    finally:
        outer.rollback()
        conn.close()
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A migrated database on each engine; everything a test writes is rolled back."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    yield from _rolled_back_database(url)


@pytest.fixture
def file_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite file of this test's own, with real commits (GUI, threads)."""
    path = tmp_path / "griddesk.db"
    shutil.copy(sqlite_template, path)
    database = Database.open(f"sqlite:///{path}")
    yield database
    database.dispose()
