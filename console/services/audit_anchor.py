"""Anchors of the audit chain kept outside the database (issue 17, item 3).

The hash chain (console/services/audit.py) shows a row changed on its own, but whoever may
UPDATE `audit_event` can rewrite one event and recompute every later hash and the head:
the chain then verifies. An anchor is the head (seq, hash) at some moment, signed with
HMAC-SHA256 under a key the database never holds, appended as one JSON line to a file on
another host. Later, every anchored seq must still carry the anchored hash; a rewrite
before the last anchor changes it. Without the key nobody can write an anchor that
verifies, so editing the anchors file to match a rewritten chain fails too.

Each line's HMAC also covers the line before it, so a line removed from the middle is
noticed. What anchors cannot show: a rewrite of events after the newest anchor (anchor
often), or the newest lines cut off the file (keep it append-only / copied off the host).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.models import AuditEvent, AuditHead
from console.services.audit import GENESIS

KEY_ENV = "GRIDDESK_AUDIT_KEY_FILE"
KEY_FORMAT = "griddesk-audit-key-v1"
ANCHOR_FORMAT = 1
KEY_FILE_MODE = 0o600
MAX_KEY_FILE_BYTES = 256
# An anchor line is ~250 bytes: hourly anchors for ten years stay under 25 MiB.
MAX_ANCHORS_BYTES = 32 * 1024 * 1024
_IN_CHUNK = 500  # seqs per IN (...) query: well under every engine's parameter limit


# -- the key file ---------------------------------------------------------------


def key_id(key: bytes) -> str:
    """A short public name of a key, so "another key" can be told from "tampered"."""
    return hashlib.sha256(b"griddesk-audit-key-id" + key).hexdigest()[:16]


def new_key_file(path: Path | str) -> str:
    """Write a fresh random key, owner-only; refuse an existing file. Returns the key id."""
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, KEY_FILE_MODE)
    except FileExistsError:
        raise ValidationError(f"{path} exists: a key file is never overwritten "
                              "(anchors signed with it would no longer verify)") from None
    with os.fdopen(fd, "w", encoding="ascii") as out:
        os.fchmod(out.fileno(), KEY_FILE_MODE)  # whatever the umask left
        out.write(f"{KEY_FORMAT} {key.hex()}\n")
    return key_id(key)


def key_path(given: str | None) -> str:
    """The key file named on the command line, else in $GRIDDESK_AUDIT_KEY_FILE."""
    path = given or os.environ.get(KEY_ENV, "")
    if not path:
        raise ValidationError(f"no audit key: give --key-file PATH or set {KEY_ENV}")
    return path


def read_key(path: Path | str) -> bytes:
    text = _read_bounded(path, MAX_KEY_FILE_BYTES, "key file").decode("ascii", "replace")
    parts = text.split()
    try:
        if len(parts) != 2 or parts[0] != KEY_FORMAT:
            raise ValueError("format")
        key = bytes.fromhex(parts[1])
        if len(key) < 32:
            raise ValueError("short")
    except ValueError:
        raise ValidationError(f"{path} is not a GridDesk audit key file") from None
    return key


def _read_bounded(path: Path | str, limit: int, what: str) -> bytes:
    """At most `limit` bytes; a longer file is refused before it is read."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > limit:
                raise ValidationError(f"{what} {path} is larger than {limit} bytes")
            data = handle.read(limit + 1)  # the file may have grown since fstat
    except OSError as exc:
        raise ValidationError(f"cannot read {what} {path}: {exc.strerror}") from None
    if len(data) > limit:
        raise ValidationError(f"{what} {path} is larger than {limit} bytes")
    return data


# -- anchor lines -----------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    at: str
    mac: str = ""
    line_no: int = 0


def _mac(key: bytes, seq: int, head_hash: str, at: str, prev_mac: str) -> str:
    # Covering the previous line's HMAC chains the lines: one removed or moved from the
    # middle breaks the next (only the last line can go unnoticed).
    message = f"griddesk-audit-anchor|{ANCHOR_FORMAT}|{seq}|{head_hash}|{at}|{prev_mac}"
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def anchor_line(key: bytes, seq: int, head_hash: str, at: dt.datetime, prev_mac: str = "") -> str:
    """The line to append; `prev_mac` is the file's last anchor's HMAC ("" for the first)."""
    stamp = at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {"v": ANCHOR_FORMAT, "seq": seq, "hash": head_hash, "at": stamp,
            "key_id": key_id(key), "hmac": _mac(key, seq, head_hash, stamp, prev_mac)}
    return json.dumps(body, sort_keys=True, separators=(",", ":")) + "\n"


def append_anchor(path: Path | str, line: str) -> None:
    """One write in append mode: a crash leaves at most a partial last line, never a
    rewritten earlier one. The file is created owner-only."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, KEY_FILE_MODE)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(line)
        out.flush()
        os.fsync(out.fileno())


def read_anchors(path: Path | str, key: bytes) -> list[Anchor]:
    """Every anchor in the file, each HMAC checked; the first bad line is named."""
    data = _read_bounded(path, MAX_ANCHORS_BYTES, "anchors file")
    anchors: list[Anchor] = []
    for line_no, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        if line.strip():
            prev = anchors[-1].mac if anchors else ""
            anchors.append(_parse_line(line, line_no, key, path, prev))
    return anchors


def _parse_line(line: str, line_no: int, key: bytes, path: Path | str, prev_mac: str) -> Anchor:
    where = f"anchors file {path} line {line_no}"
    try:
        body = json.loads(line)
        seq, head_hash, at = int(body["seq"]), str(body["hash"]), str(body["at"])
        mac, signer = str(body["hmac"]), str(body["key_id"])
    except (ValueError, KeyError, TypeError):
        raise ValidationError(f"{where} is not an anchor") from None
    if signer != key_id(key):
        raise ValidationError(f"{where} was signed with another key ({signer}; "
                              f"this key is {key_id(key)})")
    if not hmac.compare_digest(mac, _mac(key, seq, head_hash, at, prev_mac)):
        raise ValidationError(f"{where} (event {seq}) was changed, or a line before it "
                              "removed: its HMAC does not verify")
    return Anchor(seq, head_hash, at, mac, line_no)


# -- checking the chain against them ------------------------------------------------


def head(session: Session) -> tuple[int, str]:
    row = session.get(AuditHead, 1)
    return (row.seq, row.hash) if row is not None else (0, "")


@dataclass(frozen=True)
class AnchorCheck:
    """`bad_seq` names the first anchored event the chain no longer matches."""

    ok: bool
    checked: int
    last_seq: int = 0
    bad_seq: int | None = None
    problem: str = ""


def check_anchors(session: Session, anchors: Sequence[Anchor]) -> AnchorCheck:
    """Every anchored seq must still carry the anchored hash."""
    hashes = _hashes_at(session, sorted({a.seq for a in anchors}))
    for anchor in sorted(anchors, key=lambda a: a.seq):
        now = hashes.get(anchor.seq)
        if now != anchor.hash:
            return AnchorCheck(False, len(anchors), bad_seq=anchor.seq,
                               problem=_mismatch(anchor, now))
    return AnchorCheck(True, len(anchors), last_seq=max((a.seq for a in anchors), default=0))


def _mismatch(anchor: Anchor, now: str | None) -> str:
    if now is None:
        return f"event {anchor.seq}, anchored at {anchor.at}, is no longer in the chain"
    return (f"event {anchor.seq} was anchored at {anchor.at} with hash {anchor.hash} "
            f"but the chain now has {now}: the chain was rewritten")


def _hashes_at(session: Session, seqs: list[int]) -> dict[int, str]:
    found: dict[int, str] = {0: GENESIS}  # an anchor of the empty chain
    for start in range(0, len(seqs), _IN_CHUNK):
        chunk = seqs[start:start + _IN_CHUNK]
        rows = session.execute(select(AuditEvent.seq, AuditEvent.hash)
                               .where(AuditEvent.seq.in_(chunk)))
        found.update({seq: h for seq, h in rows})
    return found
