"""What marks a notice as a message to a bound phone channel, not a notice the law asks for.

A message is a `notice` row whose dedupe key starts with MESSAGE_PREFIX: the outbox
delivers it like any notice, but the disconnect procedure (its period, its state) only
ever reads the official notice, never the WeChat copy of it.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import ColumnElement, or_

from console.models import Notice

MESSAGE_PREFIX = "msg:"
KEY_LENGTH = 80  # notice.dedupe_key


def message_key(channel: str, key: str) -> str:
    """The message key of `key` (a notice's or a payment's) on `channel`, within 80."""
    whole = f"{MESSAGE_PREFIX}{channel}:{key}"
    if len(whole) <= KEY_LENGTH:
        return whole
    return f"{MESSAGE_PREFIX}{channel}:#{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def official() -> ColumnElement[bool]:
    """Notices that are not messages (rows from before dedupe keys count as official)."""
    return or_(Notice.dedupe_key.is_(None), Notice.dedupe_key.not_like(MESSAGE_PREFIX + "%"))


def is_message() -> ColumnElement[bool]:
    return Notice.dedupe_key.like(MESSAGE_PREFIX + "%")
