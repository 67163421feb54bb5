"""SQLite URI filenames and read-only databases: opened as written, refused with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from console.db import Database, check_writable, describe_url, make_engine
from console.errors import DatabaseReadOnly
from console.models import User
from console.services.auth import login
from tests import factories as f


@pytest.fixture
def clerk_file(file_db):
    """A SQLite file with one clerk (password from the factories)."""
    with file_db.session() as s:
        f.user(s, f.unit(s), username="clerk", role="counter")
    path = file_db.engine.url.database
    file_db.dispose()
    return path


def test_a_file_uri_opens_that_file_and_makes_no_folder_named_file(clerk_file, tmp_path,
                                                                    monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    url = f"sqlite:///file:{clerk_file}?mode=ro&uri=true"
    db = Database(make_engine(url))
    try:
        with db.read() as s:
            assert s.scalar(select(func.count(User.id))) == 1
    finally:
        db.dispose()
    assert list(cwd.iterdir()) == []  # it made a folder "file:" (and the path's folders)
    assert describe_url(url) == clerk_file


def test_a_new_file_uri_gets_its_folder_made(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    engine = make_engine(f"sqlite:///file:{tmp_path}/new/g.db?uri=true")
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x)")
    engine.dispose()
    assert (tmp_path / "new" / "g.db").is_file() and not (tmp_path / "file:").exists()


def test_a_read_only_file_says_so_before_and_at_login(clerk_file):
    db = Database(make_engine(f"sqlite:///file:{clerk_file}?mode=ro&uri=true"))
    try:
        with pytest.raises(DatabaseReadOnly) as err:
            check_writable(db.engine)
        assert err.value.params["where"] == clerk_file
        # A login writes its audit event: refused with the same reason, nothing half done.
        with pytest.raises(DatabaseReadOnly):
            login(db, "clerk", f.PASSWORD, workstation="ws")
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_read_only_postgresql_database_says_so(pg_url):
    engine = make_engine(f"{pg_url}?options=-c%20default_transaction_read_only%3Don")
    try:
        with pytest.raises(DatabaseReadOnly):
            check_writable(engine)
    finally:
        engine.dispose()
    engine = make_engine(pg_url)
    try:
        check_writable(engine)  # the same database, writable: no complaint
    finally:
        engine.dispose()
