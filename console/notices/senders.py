"""Pluggable notice senders, one per channel.

A sender gets one `OutgoingNotice` and returns a reference (gateway message
id, document number) or raises to have the outbox try again later. Delivery
is at least once: a crash between a send and its bookkeeping sends again, so
every notice carries its `dedupe_key`; a gateway that accepts a client
reference drops the second copy.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Protocol, runtime_checkable


class SendFailed(Exception):
    """A sender could not deliver; the outbox retries with back-off."""


@dataclass(frozen=True)
class OutgoingNotice:
    """What a sender needs, detached from the database."""

    notice_id: int
    doc_no: str
    dedupe_key: str
    kind: str
    channel: str
    customer_no: str
    customer_name: str
    phone: str
    address: str
    amount: Decimal | None
    deadline: dt.datetime | None  # disconnect notices: not cut before this (UTC)
    created_at: dt.datetime


@runtime_checkable
class NoticeSender(Protocol):
    """Delivers notices of one channel; `send` returns the sender's reference."""

    def send(self, notice: OutgoingNotice) -> str: ...


class PrintSender:
    """The print channel: the notice joins the print queue; nothing is rendered here.

    The queue is the paper notices marked sent (the reports work renders their
    PDFs); the document number is the notice's own.
    """

    def send(self, notice: OutgoingNotice) -> str:
        return notice.doc_no


class FileSender:
    """Appends one JSON line per notice to a file: a log, or what a gateway script picks up."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def send(self, notice: OutgoingNotice) -> str:
        line = json.dumps(_record(notice), ensure_ascii=False, sort_keys=True)
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(line + "\n")
        return f"file:{notice.dedupe_key}"


def _record(notice: OutgoingNotice) -> dict[str, object]:
    data = asdict(notice)
    for key, value in data.items():
        if isinstance(value, Decimal):
            data[key] = str(value)
        elif isinstance(value, dt.datetime):
            data[key] = value.astimezone(dt.UTC).isoformat()
    return data


def default_senders(folder: Path | str) -> dict[str, NoticeSender]:
    """Print for paper; a JSON-lines file per electronic channel until a gateway is plugged in."""
    folder = Path(folder)
    return {"paper": PrintSender(), "sms": FileSender(folder / "sms.jsonl"),
            "wechat": FileSender(folder / "wechat.jsonl")}
