"""Daily backups of the embedded console's SQLite file, the newest N kept.

A PC that runs the console all day gets its backup once a day; one that is
switched on every morning gets it at start (the newest backup is then older
than a day). The thread wakes once an hour to look, so it costs nothing idle.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from console.backup import backup

log = logging.getLogger(__name__)

DAY_SECONDS = 24 * 3600.0
PATTERN = "griddesk-*.db"


def backups_folder(db_path: Path) -> Path:
    """Where the embedded database's backups live: beside it, in the data folder."""
    return db_path.parent / "backups"


class DailyBackups:
    """Once a day, `url` backed up into `folder` as griddesk-YYYYMMDD-HHMMSS.db; the
    newest `keep` stay."""

    def __init__(self, url: str, folder: Path, *, keep: int, check_every: float = 3600.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.url, self.folder, self.keep = url, folder, keep
        self._check_every, self._clock = check_every, clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def backups(self) -> list[Path]:
        """The backups there are, oldest first (the names sort by time)."""
        return sorted(self.folder.glob(PATTERN))

    def due(self) -> bool:
        existing = self.backups()
        return not existing or self._clock() - existing[-1].stat().st_mtime >= DAY_SECONDS

    def run_if_due(self) -> Path | None:
        """Back up when the newest backup is a day old (or there is none); prune."""
        if self.keep <= 0 or not self.due():
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.fromtimestamp(self._clock()).strftime("%Y%m%d-%H%M%S")
        done = backup(self.url, self.folder / f"griddesk-{stamp}.db")
        log.info("daily backup %s: %.1f MB in %.1f s, audit event %d", done.path.name,
                 done.size / 1e6, done.seconds, done.audit_seq)
        for old in self.backups()[:-self.keep]:
            old.unlink()
            log.info("old backup %s removed (keeping %d)", old.name, self.keep)
        return done.path

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="gd-daily-backup", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        log.info("daily backups into %s, keeping %d", self.folder, self.keep)
        while True:
            try:
                self.run_if_due()
            except Exception:  # a failed backup must not end the schedule
                log.exception("daily backup failed; trying again in an hour")
            if self._stop.wait(self._check_every):
                return
