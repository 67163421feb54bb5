"""Raw printing to a network label printer (ZPL/TSPL over TCP port 9100), with a
spool that keeps every job a printer did not take, for a retry.

    spool = LabelSpool.default()
    outcome = spool.submit("192.168.1.50", zpl(labels), title="37001-2026-0001")
    if not outcome.sent: show(outcome.error)          # the job stays in spool.pending()

Port 9100 ("JetDirect") takes the bytes and prints them; it answers nothing.
A printer that is off or unplugged refuses at once or never answers: connect
and every send wait at most `timeout` seconds (3 by default), so the clerk
hears within a few seconds and the job waits on disk. The spool is a folder of
files per workstation (the printer stands next to that workstation, and a job
must survive the program closing); a job is written before it is sent and
deleted once the printer took every byte.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from console.errors import ConsoleError

RAW_PORT = 9100
TIMEOUT_S = 3.0
CHUNK = 64 * 1024


class PrinterUnavailable(ConsoleError):
    """The label printer did not take the job. params: host, port, detail."""

    code = "printer_unavailable"


def send_raw(host: str, data: bytes, *, port: int = RAW_PORT, timeout: float = TIMEOUT_S) -> None:
    """Send the bytes and close; PrinterUnavailable (never a hang) if the printer does not take them."""
    if not host or not 0 < port < 65536:
        raise PrinterUnavailable("no printer address", host=host, port=port, detail="address")
    try:
        with socket.create_connection((host, port), timeout=timeout) as conn:
            conn.settimeout(timeout)
            for start in range(0, len(data), CHUNK):
                conn.sendall(data[start:start + CHUNK])
            conn.shutdown(socket.SHUT_WR)
    except (OSError, ValueError) as exc:  # refused, unreachable, timed out, bad name
        detail = "timed out" if isinstance(exc, TimeoutError) else (exc.strerror or str(exc))
        raise PrinterUnavailable(f"printer {host}:{port} did not answer: {detail}", host=host,
                                 port=port, detail=detail) from exc


@dataclass(frozen=True)
class Job:
    id: str
    host: str
    port: int
    title: str
    size: int
    created_at: str  # ISO 8601 UTC
    attempts: int = 0
    last_error: str = ""


@dataclass(frozen=True)
class Outcome:
    job: Job
    sent: bool
    error: str = ""


class LabelSpool:
    """Jobs on disk: `<id>.bin` (the bytes) and `<id>.json` (where to and what happened)."""

    def __init__(self, folder: Path, *, timeout: float = TIMEOUT_S) -> None:
        self.folder = Path(folder)
        self.timeout = timeout
        self.folder.mkdir(parents=True, exist_ok=True)

    @classmethod
    def default(cls) -> LabelSpool:
        return cls(Path(platformdirs.user_data_dir("GridDesk", appauthor=False)) / "label_jobs")

    def submit(self, host: str, data: bytes, *, port: int = RAW_PORT, title: str = "") -> Outcome:
        """Keep the job, try to send it; sent jobs are forgotten, the others wait for retry."""
        job = Job(uuid.uuid4().hex, host, port, title[:80], len(data),
                  dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        self._write(job, data)
        return self.retry(job.id)

    def retry(self, job_id: str) -> Outcome:
        job = self.get(job_id)
        data = self._data_path(job_id).read_bytes()
        try:
            send_raw(job.host, data, port=job.port, timeout=self.timeout)
        except PrinterUnavailable as exc:
            job = Job(**{**asdict(job), "attempts": job.attempts + 1, "last_error": exc.message})
            self._write_meta(job)
            return Outcome(job, False, exc.message)
        self.discard(job_id)
        return Outcome(Job(**{**asdict(job), "attempts": job.attempts + 1}), True)

    def retry_all(self) -> list[Outcome]:
        return [self.retry(job.id) for job in self.pending()]

    def pending(self) -> list[Job]:
        """Jobs not yet taken by a printer, oldest first."""
        jobs = []
        for meta in self.folder.glob("*.json"):
            try:
                jobs.append(Job(**json.loads(meta.read_text(encoding="utf-8"))))
            except (OSError, ValueError, TypeError):
                continue  # a half-written or foreign file is not a job
        return sorted(jobs, key=lambda j: (j.created_at, j.id))

    def get(self, job_id: str) -> Job:
        try:
            return Job(**json.loads(self._meta_path(job_id).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as exc:
            raise PrinterUnavailable("no such print job", host="", port=0, detail=job_id) from exc

    def discard(self, job_id: str) -> None:
        for path in (self._meta_path(job_id), self._data_path(job_id)):
            path.unlink(missing_ok=True)

    def _write(self, job: Job, data: bytes) -> None:
        self._data_path(job.id).write_bytes(data)
        self._write_meta(job)

    def _write_meta(self, job: Job) -> None:
        # Write then rename: a crash leaves the old file or the new one, never half.
        tmp = self._meta_path(job.id).with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self._meta_path(job.id))

    def _meta_path(self, job_id: str) -> Path:
        if not job_id.isalnum():
            raise PrinterUnavailable("no such print job", host="", port=0, detail=job_id)
        return self.folder / f"{job_id}.json"

    def _data_path(self, job_id: str) -> Path:
        return self._meta_path(job_id).with_suffix(".bin")
