"""A receipt printer on TCP for the tests and the demo: it reads ESC/POS, answers status
requests, and writes what it printed.

    with FakePrinter(out_dir, paper_out=False) as printer:   # listens on 127.0.0.1:<free>
        send_raw(*printer.address, job)
        printer.wait_for_jobs(1)                              # job-0001.{txt,png,json}

One connection is one job, as on port 9100. DLE EOT n is answered as the bytes arrive
(a client asks before it sends the receipt); a connection that only asked is counted in
`status_connections`, not written as a job. Per job it writes `job-NNNN.json` (bytes,
drawer kicks, cuts, status queries, QR and Code 128 data, what was refused or not
understood) and, when something came out of the printer, `.txt` (the lines, decoded)
and `.png` (console.devices.receipt_image). Out of paper or offline it answers so and
prints nothing, kicks no drawer: a real printer keeps the job in its buffer until
someone fixes it, which a test reads as "not printed".

Bounded like any network input: a job over `max_bytes` (1 MiB) is refused and its
connection closed; one still sending after `max_seconds` is cut off; `idle_seconds`
without a byte ends the job (a client that forgot to close).
"""

from __future__ import annotations

import json
import socket
import socketserver
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType

from console.devices.escpos import Paper
from console.devices.escpos_reader import Code128Symbol, Document, EscPosReader, QrSymbol
from console.devices.receipt_image import render

MAX_BYTES = 1024 * 1024
MAX_SECONDS = 30.0
IDLE_SECONDS = 5.0
READY = 0x12  # bits 1 and 4 are fixed on in every status byte


@dataclass(frozen=True)
class PrinterState:
    paper_out: bool = False
    offline: bool = False  # answered as "cover open", why a printer with paper goes offline
    paper_dots: int = Paper.MM80.value.dots
    drawer_open: bool = False  # pin 3 HIGH in DLE EOT 1 (a drawer whose switch reads so)

    def answer(self, n: int) -> bytes:
        """The status byte of DLE EOT n (console.devices.status reads it)."""
        down = self.paper_out or self.offline
        bits = {1: (0x08 if down else 0) | (0x04 if self.drawer_open else 0),
                2: (0x20 if self.paper_out else 0) | (0x04 if self.offline else 0),
                3: 0,
                4: 0x6C if self.paper_out else 0}.get(n, 0)
        return bytes([READY | bits])

    @property
    def prints(self) -> bool:
        return not (self.paper_out or self.offline)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_seconds: float = MAX_SECONDS
    idle_seconds: float = IDLE_SECONDS


class FakePrinter:
    def __init__(self, out: Path, *, host: str = "127.0.0.1", port: int = 0,
                 state: PrinterState | None = None, limits: Limits | None = None,
                 listen: bool = True) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.state = state or PrinterState()
        self.limits = limits or Limits()
        # A folder printed into before (the demo's, each start) goes on where it stopped:
        # what was printed yesterday is not overwritten (job numbers, and `wait_for_jobs`, go on).
        self._jobs = _last_job(self.out)
        self.status_connections = self.status_queries = 0
        self._done = threading.Condition()
        # listen=False: the jobs folder only, for a printer fed some other way (fake_device)
        self._server = _Server((host, port), _Connection, self) if listen else None
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> tuple[str, int]:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def start(self) -> FakePrinter:
        assert self._server is not None
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-printer",
                                        daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        assert self._server is not None
        self._server.serve_forever()

    def stop(self) -> None:
        if self._server is None:
            return
        if self._thread is not None:  # shutdown() waits for a loop that must be running
            self._server.shutdown()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> FakePrinter:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def wait_for_jobs(self, count: int, timeout: float = 10.0) -> bool:
        """True once `count` jobs are written (False after `timeout`)."""
        with self._done:
            return self._done.wait_for(lambda: self._jobs >= count, timeout)

    def job_path(self, number: int, suffix: str) -> Path:
        return self.out / f"job-{number:04d}{suffix}"

    def status_only(self, queries: int) -> None:
        """A connection that only asked for status: counted, not a job."""
        with self._done:
            self.status_connections += 1
            self.status_queries += queries
            self._done.notify_all()

    def wait_for_status_connections(self, count: int, timeout: float = 10.0) -> bool:
        """True once `count` status-only connections have ended: the printer's thread counts
        one when the client hangs up, which may be after the client has moved on."""
        with self._done:
            return self._done.wait_for(lambda: self.status_connections >= count, timeout)

    def record(self, doc: Document, size: int, refused: str, last_byte_at: float = 0.0) -> None:
        """Write one finished job's files; called on the connection's thread."""
        with self._done:
            number = self._jobs + 1
            printed = self.state.prints and not refused and bool(doc.items)
            if printed:
                self.job_path(number, ".txt").write_text(
                    "".join(line + "\n" for line in doc.lines), encoding="utf-8")
                render(doc, self.state.paper_dots).save(self.job_path(number, ".png"),
                                                        dpi=(203, 203))
            summary = _summary(doc, size, refused, printed, self.state)
            summary["last_byte_at"] = last_byte_at  # time.monotonic(): the bench's clock
            self.job_path(number, ".json").write_text(json.dumps(summary, ensure_ascii=False,
                                                                 indent=1), encoding="utf-8")
            self._jobs = number
            self._done.notify_all()


def _last_job(out: Path) -> int:
    numbers = [int(p.stem[4:]) for p in out.glob("job-*.json") if p.stem[4:].isdigit()]
    return max(numbers, default=0)


def _summary(doc: Document, size: int, refused: str, printed: bool,
             state: PrinterState) -> dict[str, object]:
    worked = state.prints and not refused
    return {
        "bytes": size, "printed": printed, "refused": refused,
        # A kick alone (a drawer opened without a sale) prints nothing but still opens it.
        "drawer_kicks": len(doc.kicks) if worked else 0,
        "kicks": doc.kicks if worked else [], "cuts": doc.cuts if printed else 0,
        "status_queries": doc.status_queries, "state": asdict(state),
        "qr": [i.data.decode("utf-8", "replace") for i in doc.items if isinstance(i, QrSymbol)],
        "code128": [i.data for i in doc.items if isinstance(i, Code128Symbol)],
        "unknown": doc.unknown,
    }


def _answer(conn: socket.socket, status: bytes) -> None:
    try:
        conn.sendall(status)
    except OSError:  # the client asked and left: nobody to answer
        pass


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[_Connection],
                 printer: FakePrinter) -> None:
        self.printer = printer
        super().__init__(address, handler)


class _Connection(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        printer: FakePrinter = self.server.printer  # type: ignore[attr-defined]
        conn: socket.socket = self.request
        state, limits = printer.state, printer.limits
        reader = EscPosReader(on_status=lambda n: _answer(conn, state.answer(n)))
        size, refused, last_byte_at = self._read(conn, reader, limits)
        doc = reader.finish()
        if refused or doc.items or doc.kicks or doc.cuts or doc.unknown:
            printer.record(doc, size, refused, last_byte_at)
        else:
            printer.status_only(len(doc.status_queries))

    @staticmethod
    def _read(conn: socket.socket, reader: EscPosReader,
              limits: Limits) -> tuple[int, str, float]:
        """(bytes taken, why the job was refused or "", when the last byte came) — reads
        until the client closes."""
        size, deadline, last = 0, time.monotonic() + limits.max_seconds, 0.0
        conn.settimeout(limits.idle_seconds)
        while True:
            try:
                chunk = conn.recv(64 * 1024)
            except TimeoutError:
                return size, "", last  # idle: the client is done but did not close
            except OSError:
                return size, "connection lost", last
            if not chunk:
                return size, "", last
            size, last = size + len(chunk), time.monotonic()
            if size > limits.max_bytes:
                return size, f"job over {limits.max_bytes} bytes", last
            if last > deadline:
                return size, f"job still sending after {limits.max_seconds:g} s", last
            reader.feed(chunk)
