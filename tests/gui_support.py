"""GUI fixtures: the app styled as main.py styles it, a task runner, staff to log in.

A pytest plugin (tests/conftest.py loads it) rather than a conftest of one folder: each
feature's tests (tests/control/, tests/payments/, …) hold its service and its GUI tests side by
side. A test that uses Qt (qapp, qtbot) gets the styled application, English and settings of
its own; a service test gets none of it."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from console.db import Database
from console.models import Unit, User
from console.security import hash_password
from widgets.plain_text import install_plain_labels
from widgets.resources import install_font, install_translators, style_sheet
from widgets.screen_fit import install_screen_fit
from widgets.task_runner import TaskRunner

PASSWORD = "Secret2026"
_HASH = hash_password(PASSWORD)  # argon2 is slow on purpose: hash once


@pytest.fixture(autouse=True)
def _gui_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """What every Qt test starts from; nothing for the tests that never touch Qt.

    As in main.py (widgets/gc_guard.py), cycles are collected on the GUI thread only: a
    collection that a worker thread triggers would destroy Qt objects off it and crash."""
    if "qapp" not in request.fixturenames:
        yield
        return
    for name in ("_styled_app", "english", "_own_settings"):
        request.getfixturevalue(name)
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()


@pytest.fixture(scope="session")
def _styled_app(qapp: QApplication) -> QApplication:
    qapp.setStyle("Fusion")
    install_font(qapp)
    qapp.setStyleSheet(style_sheet())
    install_screen_fit(qapp)
    install_plain_labels(qapp)
    return qapp


@pytest.fixture
def english(_styled_app: QApplication) -> Iterator[Callable[[str], str]]:
    """English by default; a test may switch with the yielded function."""
    install_translators("en")
    yield install_translators
    install_translators("en")


@pytest.fixture
def _own_settings(tmp_path: Path) -> Iterator[Path]:
    """Every test gets settings of its own: what one test remembers (column widths, save
    folders) must not leak into the next, nor into the user's own settings."""
    folder = tmp_path / "user-settings"
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown(wait=True)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "griddesk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def unit_id(file_db: Database) -> int:
    with file_db.session() as session:
        unit = Unit(code="37001", name="牡丹区供电所", kind="station")
        session.add(unit)
        session.flush()
        return unit.id


@pytest.fixture
def make_user(file_db: Database, unit_id: int) -> Callable[..., str]:
    """make_user("lina", "counter") → the user name; all share PASSWORD."""

    def make(username: str, role: str, *, full_name: str = "", must_change: bool = False) -> str:
        with file_db.session() as session:
            session.add(User(username=username, full_name=full_name or f"测试{username}",
                             role=role, unit_id=unit_id, password_hash=_HASH,
                             must_change_password=must_change))
        return username

    return make
