"""The embedded SQLite default: no roles, no seats, the application's own rules only."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.cli import main as cli
from console.db import make_engine
from console.dbroles import seat


def test_db_roles_on_sqlite_says_it_needs_postgresql(sqlite_url: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["db", "roles", "--db", sqlite_url]) == 1
    assert "database roles need PostgreSQL" in capsys.readouterr().err


def test_a_sqlite_engine_takes_no_seat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(seat.ENV_ON, "1")
    engine = make_engine(f"sqlite:///{tmp_path / 'g.db'}")
    assert seat.wanted() and not seat.install(engine)
    seat.act_as(engine, "counter", [1])  # nothing to seat: the application's checks hold
    assert seat.current(engine) is None
    engine.dispose()


def test_roles_stay_off_unless_the_site_turns_them_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(seat.ENV_ON, raising=False)
    assert not seat.wanted()
    monkeypatch.setenv(seat.ENV_ON, "0")
    assert not seat.wanted()
