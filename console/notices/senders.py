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
import os
import threading
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Protocol, runtime_checkable

from console.privacy import mask_address, mask_name, mask_phone, mask_recipient


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
    # A message's recipient on its channel (openid, mobile) from the customer's binding.
    recipient: str = ""


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
    """Appends one JSON line per notice to a file, its contact masked.

    The file records what went out (number, customer, kind, amount, reference); it is
    not a list of phone numbers and addresses to lose. The whole number goes only to
    `gateway`, the sender that delivers (an SMS or WeChat gateway), which answers the
    reference recorded; without one the file is all there is until a gateway is plugged in.
    """

    def __init__(self, path: Path | str, gateway: NoticeSender | None = None) -> None:
        self.path = Path(path)
        self.gateway = gateway
        self._lock = threading.Lock()

    def send(self, notice: OutgoingNotice) -> str:
        ref = self.gateway.send(notice) if self.gateway else f"file:{notice.dedupe_key}"
        line = json.dumps({**masked_record(notice), "ref": ref}, ensure_ascii=False,
                          sort_keys=True)
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Owner only, as every file written for people (console.files).
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with open(fd, "a", encoding="utf-8") as out:
                out.write(line + "\n")
        return ref


def masked_record(notice: OutgoingNotice) -> dict[str, object]:
    """The notice as JSON-ready values, with name, phone and address masked."""
    data = asdict(replace(notice, customer_name=mask_name(notice.customer_name),
                          phone=mask_phone(notice.phone), address=mask_address(notice.address),
                          recipient=mask_recipient(notice.recipient)))
    for key, value in data.items():
        if isinstance(value, Decimal):
            data[key] = str(value)
        elif isinstance(value, dt.datetime):
            data[key] = value.astimezone(dt.UTC).isoformat()
    return data

