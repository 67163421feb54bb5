"""The embedded console's daily backups: one a day, the newest N kept, in the data folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from console.backup.schedule import DAY_SECONDS, DailyBackups, backups_folder
from console.db import Database
from console.services import audit
from tests import factories as f


def _source(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "data" / "griddesk.db"
    path.parent.mkdir()
    shutil.copy(sqlite_template, path)
    db = Database.open(f"sqlite:///{path}")
    with db.session() as s:
        audit.record(s, None, "unit.created", entity_id=f.unit(s).id)
    db.dispose()
    return f"sqlite:///{path}"


def test_one_backup_a_day_and_only_the_newest_kept(sqlite_template: Path, tmp_path: Path):
    url = _source(sqlite_template, tmp_path)
    folder = backups_folder(Path(url.removeprefix("sqlite:///")))
    now = [1_800_000_000.0]
    schedule = DailyBackups(url, folder, keep=3, clock=lambda: now[0])
    made = []
    for _day in range(5):
        made.append(schedule.run_if_due())
        os.utime(made[-1], (now[0], now[0]))  # written "now" on the test's clock
        assert schedule.run_if_due() is None  # the same day again: nothing
        now[0] += DAY_SECONDS
    assert folder == tmp_path / "data" / "backups"
    assert schedule.backups() == made[-3:]
    restored = Database.open(f"sqlite:///{made[-1]}")
    with restored.read() as s:
        assert audit.verify(s).checked == 1
    restored.dispose()


def test_keep_zero_turns_the_schedule_off(sqlite_template: Path, tmp_path: Path):
    url = _source(sqlite_template, tmp_path)
    schedule = DailyBackups(url, tmp_path / "backups", keep=0)
    assert schedule.run_if_due() is None and not (tmp_path / "backups").exists()
