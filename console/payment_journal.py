"""The workstation's journal of payments whose outcome is not known yet.

A payment's idempotency key is written here before the payment is sent and
struck out once the database has answered (recorded, or refused). If the
connection drops between the commit and its reply, the key stays: when the
database answers again, `payments.payment_by_key` says whether it was recorded,
and a new payment dialog for the same customer asks that first instead of
charging the customer twice under a new key.

One small JSON file in the data folder, rewritten atomically (temporary file,
fsync, rename) so a crash leaves the old or the new journal, never half of one.
It is bounded: at most MAX_ENTRIES keys (the oldest give way, logged), and a
file larger than MAX_BYTES is set aside unread rather than parsed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import threading
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

import platformdirs

from console.db import APP_NAME, Database

log = logging.getLogger(__name__)

FILE_NAME = "pending_payments.json"
MAX_ENTRIES = 200
MAX_BYTES = 256 * 1024


@dataclass(frozen=True)
class PendingPayment:
    """A payment sent to `database` whose outcome this workstation has not heard."""

    key: str
    database: str  # Database.description: keys of another database are not asked there
    customer_id: int
    amount: str  # Decimal as text
    method: str
    sent_at: str  # ISO, UTC

    @property
    def value(self) -> Decimal:
        return Decimal(self.amount)

    @property
    def sent(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.sent_at)


def journal_folder(db: Database) -> Path:
    """The embedded database's folder, else the user's GridDesk data folder."""
    if db.is_sqlite and db.description not in ("", ":memory:"):
        return Path(db.description).parent
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class PaymentJournal:
    """Pending payment keys on disk; safe to share between the dialogs of one process."""

    def __init__(self, folder: Path, *, max_entries: int = MAX_ENTRIES) -> None:
        self.path = folder / FILE_NAME
        self._max = max_entries
        self._lock = threading.Lock()

    @classmethod
    def for_database(cls, db: Database) -> PaymentJournal:
        return cls(journal_folder(db))

    def add(self, entry: PendingPayment) -> None:
        """Remember `entry` until `resolve(entry.key)`; write-ahead, before it is sent."""
        with self._lock:
            entries = [e for e in self._read() if e.key != entry.key] + [entry]
            for dropped in entries[:-self._max]:
                log.warning("payment journal full: forgetting the oldest key %s", dropped.key)
            self._write(entries[-self._max:])

    def resolve(self, key: str) -> None:
        """The outcome of `key` is known: strike it out."""
        with self._lock:
            entries = self._read()
            if any(e.key == key for e in entries):
                self._write([e for e in entries if e.key != key])

    def pending(self, database: str, customer_id: int | None = None) -> list[PendingPayment]:
        """Unresolved payments of `database` (and of one customer), oldest first."""
        with self._lock:
            return [e for e in self._read() if e.database == database
                    and (customer_id is None or e.customer_id == customer_id)]

    def _read(self) -> list[PendingPayment]:
        try:
            if self.path.stat().st_size > MAX_BYTES:
                self._set_aside(f"larger than {MAX_BYTES} bytes")
                return []
            rows = json.loads(self.path.read_text("utf-8"))
            return [PendingPayment(**row) for row in rows]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, TypeError) as exc:
            self._set_aside(str(exc))
            return []

    def _set_aside(self, why: str) -> None:
        target = self.path.with_suffix(".bad")
        log.error("payment journal %s unreadable (%s): moved to %s", self.path, why, target)
        try:
            os.replace(self.path, target)
        except OSError:
            log.exception("could not move the payment journal aside")

    def _write(self, entries: list[PendingPayment]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=0)
        handle, tmp = tempfile.mkstemp(prefix=".pending", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()
