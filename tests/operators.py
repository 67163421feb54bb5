"""Naming an operator in tests of `python -m console` (console/cli/operator.py): a person whose
password comes on stdin, or a service account's token file."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from console.db import Database
from console.models import Unit, User
from console.services.actor import Actor
from console.services.admin.service_accounts import install_token
from tests import factories as f
from tests.factories import PASSWORD


def as_user(monkeypatch: pytest.MonkeyPatch, username: str) -> list[str]:
    """The options that name `username` (factories' password) for the commands that follow."""
    monkeypatch.setattr("sys.stdin", io.StringIO((PASSWORD + "\n") * 100))
    return ["--user", username, "--password-stdin"]


def ensure_user(db: Database, username: str, role: str) -> None:
    """A user of that name and role in the database's first unit (made if there is none)."""
    with db.uow() as s:
        if s.scalar(select(User.id).where(User.username == username)) is None:
            unit = s.scalars(select(Unit).order_by(Unit.id)).first() or f.unit(s)
            f.user(s, unit, username=username, role=role)


def token_file(db: Database, path: Path, *, name: str = "collector",
               duty: str = "collector") -> Path:
    """A service account's token file (0600), issued as a test's set-up."""
    with db.uow() as s:
        issued = install_token(s, Actor.system("test set-up"), name, duty)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(issued.text)
    return path


def as_service(db: Database, duty: str = "collector") -> list[str]:
    """The options that name a `duty` service account of this SQLite file's site; the token
    file sits next to the database, made on first use."""
    path = Path(db.engine.url.database or "").with_name(f"{duty}.token")
    if not path.exists():
        token_file(db, path, name=f"{duty}-svc", duty=duty)
    return ["--token-file", str(path)]
