"""A fake label printer on loopback receives the whole job; a printer that does not answer
gives an error within seconds and the job waits on disk for a retry."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from reports import seal_labels_text
from reports.label_printer import LabelSpool, PrinterUnavailable, send_raw
from tests.seals.test_labels import offline_labels


class FakePrinter:
    """Accepts connections and keeps every byte each one sends, like a 9100 port."""

    def __init__(self, port: int = 9100) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.sock.bind(("127.0.0.1", port))
        except OSError:  # 9100 taken on this machine: any free port does
            self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.sock.listen()
        self.jobs: list[bytes] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            chunks = []
            while data := conn.recv(65536):
                chunks.append(data)
        self.jobs.append(b"".join(chunks))
        self.done.set()

    def close(self) -> None:
        self.sock.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def job() -> bytes:
    labels, _ = offline_labels(200)
    return seal_labels_text.zpl(labels)


def test_fake_printer_receives_the_whole_job(tmp_path, job):
    printer = FakePrinter()
    try:
        spool = LabelSpool(tmp_path)
        outcome = spool.submit("127.0.0.1", job, port=printer.port, title="37001-2026-0001")
        assert outcome.sent and printer.done.wait(5)
        assert printer.jobs == [job] and job.count(b"^XZ") == 200
        assert spool.pending() == []
    finally:
        printer.close()


def test_closed_port_fails_fast_and_keeps_the_job_for_retry(tmp_path, job):
    port = _free_port()
    spool = LabelSpool(tmp_path, timeout=2)
    started = time.monotonic()
    outcome = spool.submit("127.0.0.1", job, port=port, title="批次 37001-2026-0001")
    assert time.monotonic() - started < 5  # the requirement: an error within a few seconds
    assert not outcome.sent and f"127.0.0.1:{port}" in outcome.error
    [kept] = LabelSpool(tmp_path).pending()  # survives a restart of the program
    assert (kept.attempts, kept.size, kept.title) == (1, len(job), "批次 37001-2026-0001")
    printer = FakePrinter(port)
    try:
        assert spool.retry(kept.id).sent and printer.done.wait(5)
        assert printer.jobs == [job] and spool.pending() == []
    finally:
        printer.close()


def test_a_host_that_never_answers_times_out(tmp_path):
    # 192.0.2.0/24 is TEST-NET-1: never routed, so connect waits or is refused by the route.
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable) as err:
        send_raw("192.0.2.1", b"^XA^XZ", timeout=1)
    assert time.monotonic() - started < 4 and err.value.params["host"] == "192.0.2.1"


@pytest.mark.parametrize("host, port", [("", 9100), ("no-such-printer.invalid", 9100),
                                        ("127.0.0.1", 0)])
def test_bad_address_is_a_printer_error_not_a_traceback(host, port):
    with pytest.raises(PrinterUnavailable):
        send_raw(host, b"x", port=port, timeout=1)


def test_retry_all_and_discard(tmp_path):
    spool = LabelSpool(tmp_path, timeout=1)
    port = _free_port()
    first = spool.submit("127.0.0.1", b"one", port=port)
    spool.submit("127.0.0.1", b"two", port=port)
    assert [o.sent for o in spool.retry_all()] == [False, False]
    assert all(j.attempts == 2 for j in spool.pending())
    spool.discard(first.job.id)
    assert len(spool.pending()) == 1
    with pytest.raises(PrinterUnavailable):
        spool.retry("../etc")
