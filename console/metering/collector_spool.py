"""Readings the database could not take, on disk until it can: the collector's spool.

A folder of append-only segment files. Each failed batch is one line — a
CRC-32, a sequence number and the rows as JSON — written and fsync'd before
the collector lets go of it, so a collector killed during an outage loses
nothing it had handed over. When the database answers again the records are
replayed oldest first; each one written is acknowledged in a small ``acked``
file (replaced atomically), and fully acknowledged segments are deleted. A
kill between a replay's commit and its acknowledgement replays that record
once more: the reading insert ignores rows already stored (meter, time), so
every reading arrives exactly once.

The folder is bounded (``max_bytes``): past it the oldest segment is dropped,
counted and logged — a collector that fills the disk helps nobody. A row the
database refuses on its own (not an outage) goes to ``quarantine.jsonl`` with
the reason, and the rest of its batch is written.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import zlib
from collections import deque
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from console.errors import ValidationError

log = logging.getLogger(__name__)

_DECIMALS = ("energy_total", "energy_sharp", "energy_peak", "energy_flat", "energy_valley")
_TIMES = ("read_at",)


@dataclass(frozen=True, slots=True)
class SpoolRecord:
    seq: int
    rows: list[dict]


@dataclass(frozen=True, slots=True)
class _Entry:
    seq: int
    segment: Path
    offset: int
    count: int


def _convert(row: dict, decimal, time) -> dict:  # the two converters
    out = dict(row)
    for keys, convert in ((_DECIMALS, decimal), (_TIMES, time)):
        for key in keys:
            if out.get(key) is not None:
                out[key] = convert(out[key])
    return out


def encode_row(row: dict) -> dict:
    """JSON-safe: Decimals as strings (exact), times as ISO 8601 with their offset."""
    return _convert(row, str, dt.datetime.isoformat)


def decode_row(data: dict) -> dict:
    return _convert(data, Decimal, dt.datetime.fromisoformat)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder; NTFS journals the rename itself
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Spool:
    """The on-disk queue of one collector (one folder per collector name)."""

    def __init__(self, folder: Path, *, owner: str = "", max_bytes: int = 256 * 2**20,
                 segment_bytes: int = 4 * 2**20) -> None:
        """``owner`` names the database the readings belong to: a spool still holding
        readings of another one is refused, never replayed into the wrong database."""
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.max_bytes, self.segment_bytes = max_bytes, segment_bytes
        self.dropped = 0  # readings lost to the size bound
        self._acked = self._read_acked()
        self._entries: deque[_Entry] = deque()
        self._next_seq = self._acked + 1
        for segment in self._segments():
            self._scan(segment)
        if owner:
            self._claim(owner)

    def _claim(self, owner: str) -> None:
        path = self.folder / "database"
        known = path.read_text(encoding="utf-8") if path.is_file() else None
        if known == owner:
            return
        if known is not None and self._entries:
            raise ValidationError(
                f"the spool {self.folder} holds {len(self)} readings of another database "
                f"({known}); start the collector against that database to deliver them, "
                f"or give this one its own --spool folder", folder=str(self.folder))
        with path.open("w", encoding="utf-8") as file:
            file.write(owner)
            file.flush()
            os.fsync(file.fileno())

    # ------------------------------------------------------------ reading the folder

    def _segments(self) -> list[Path]:
        return sorted(self.folder.glob("segment-*.jsonl"))

    def _read_acked(self) -> int:
        try:
            return int((self.folder / "acked").read_text(encoding="ascii").strip() or 0)
        except (FileNotFoundError, ValueError):
            return 0

    def _scan(self, segment: Path) -> None:
        """Index the unacknowledged records; a torn or damaged tail (a kill mid-write) ends it."""
        offset = 0
        with segment.open("rb") as file:
            for line in file:
                record = self._parse(line)
                if record is None:
                    log.warning("spool %s: damaged record at byte %d ignored", segment, offset)
                    break
                if record.seq > self._acked:
                    self._entries.append(_Entry(record.seq, segment, offset, len(record.rows)))
                self._next_seq = max(self._next_seq, record.seq + 1)
                offset += len(line)
        if not any(e.segment == segment for e in self._entries):
            segment.unlink(missing_ok=True)

    @staticmethod
    def _parse(line: bytes) -> SpoolRecord | None:
        if not line.endswith(b"\n"):
            return None
        crc, _, payload = line.rstrip(b"\n").partition(b" ")
        try:
            if int(crc, 16) != zlib.crc32(payload):
                return None
            data = json.loads(payload)
        except ValueError:
            return None
        return SpoolRecord(data["seq"], [decode_row(r) for r in data["rows"]])

    # ------------------------------------------------------------ the queue

    def __len__(self) -> int:
        """Readings waiting on disk."""
        return sum(e.count for e in self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def append(self, rows: list[dict]) -> None:
        """One batch as one record, on disk (fsync'd) when this returns."""
        if not rows:
            return
        payload = json.dumps({"seq": self._next_seq, "rows": [encode_row(r) for r in rows]},
                             separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        line = b"%08x %s\n" % (zlib.crc32(payload), payload)
        segment = self._segment_for(len(line))
        with segment.open("ab") as file:
            offset = file.tell()
            file.write(line)
            file.flush()
            os.fsync(file.fileno())
        self._entries.append(_Entry(self._next_seq, segment, offset, len(rows)))
        self._next_seq += 1
        self._enforce_bound()

    def _segment_for(self, size: int) -> Path:
        segments = self._segments()
        if segments and segments[-1].stat().st_size + size <= self.segment_bytes:
            return segments[-1]
        segment = self.folder / f"segment-{self._next_seq:012d}.jsonl"
        segment.touch()
        _fsync_dir(self.folder)
        return segment

    def _enforce_bound(self) -> None:
        segments = self._segments()
        while len(segments) > 1 and sum(s.stat().st_size for s in segments) > self.max_bytes:
            oldest = segments.pop(0)
            lost = [e for e in self._entries if e.segment == oldest]
            self.dropped += sum(e.count for e in lost)
            log.error("collector spool over %d bytes: dropped %d readings of %s",
                      self.max_bytes, sum(e.count for e in lost), oldest.name)
            self._entries = deque(e for e in self._entries if e.segment != oldest)
            oldest.unlink(missing_ok=True)

    def peek(self) -> SpoolRecord | None:
        """The oldest record not yet acknowledged (one that cannot be read back is logged
        and skipped: it would block every record behind it)."""
        while self._entries:
            entry = self._entries[0]
            with entry.segment.open("rb") as file:
                file.seek(entry.offset)
                record = self._parse(file.readline())
            if record is not None and record.seq == entry.seq:
                return record
            log.error("spool record %d in %s cannot be read back: %d readings skipped",
                      entry.seq, entry.segment, entry.count)
            self.dropped += entry.count
            self.ack(entry.seq)
        return None

    def ack(self, seq: int) -> None:
        """Record ``seq`` (and everything before it) is in the database."""
        tmp = self.folder / "acked.tmp"
        with tmp.open("w", encoding="ascii") as file:
            file.write(str(seq))
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, self.folder / "acked")
        _fsync_dir(self.folder)
        self._acked = seq
        while self._entries and self._entries[0].seq <= seq:
            done = self._entries.popleft()
            if not any(e.segment == done.segment for e in self._entries) \
                    and done.segment != self._segments()[-1]:
                done.segment.unlink(missing_ok=True)

    def quarantine(self, row: dict, reason: str) -> None:
        """A row the database refused on its own: kept aside with the reason, fsync'd."""
        line = json.dumps({"row": encode_row(row), "reason": reason, "at": dt.datetime.now(
            dt.UTC).isoformat()}, ensure_ascii=False)
        with (self.folder / "quarantine.jsonl").open("a", encoding="utf-8") as file:
            file.write(line + "\n")
            file.flush()
            os.fsync(file.fileno())
