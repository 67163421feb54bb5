"""DLE EOT 1–4 read from the printer before a receipt counts as printed."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys

import pytest

from console.devices.escpos import EscPos
from console.devices.fake_printer import FakePrinter, Limits, PrinterState
from console.devices.status import StatusError, parse_status, query_tcp
from reports.label_printer import PrinterUnavailable, send_raw
from reports.receipt_escpos import escpos_receipt
from tests.devices.helpers import print_job, receipt


def test_a_ready_printer():
    status = parse_status(b"\x12\x12\x12\x12")
    assert status.ready and status.online and status.problem == ""
    assert not (status.paper_end or status.paper_near_end or status.cover_open)


@pytest.mark.parametrize(("answer", "problem"), [
    (b"\x1a\x32\x12\x7e", "paper_end"),
    (b"\x1a\x16\x12\x12", "cover_open"),
    (b"\x1a\x12\x1a\x12", "autocutter_error"),
    (b"\x1a\x12\x12\x12", "offline"),
])
def test_what_stops_printing(answer, problem):
    assert parse_status(answer).problem == problem


def test_paper_near_end_still_prints_and_the_drawer_pin_is_read():
    status = parse_status(b"\x16\x12\x12\x1e")
    assert status.ready and status.paper_near_end and status.drawer_open
    assert not parse_status(b"\x16\x12\x12\x12", drawer_open_high=False).drawer_open


@pytest.mark.parametrize("answer", [b"", b"\x12\x12\x12", b"\x12\x12\x12\x00", b"OK\r\n"])
def test_an_answer_that_is_not_a_status_is_refused(answer):
    with pytest.raises(StatusError):
        parse_status(answer)


def test_a_printer_out_of_paper_says_so_and_prints_nothing(tmp_path):
    with FakePrinter(tmp_path, state=PrinterState(paper_out=True)) as printer:
        status = query_tcp(*printer.address)
        summary = print_job(printer, escpos_receipt(receipt()) + EscPos().kick().getvalue())
    assert printer.wait_for_status_connections(1) and printer.status_queries == 4
    assert status.paper_end and not status.online and status.problem == "paper_end"
    assert (summary["printed"], summary["drawer_kicks"]) == (False, 0)
    assert not printer.job_path(1, ".png").exists()


def test_an_offline_printer_reports_its_cover_open(tmp_path):
    with FakePrinter(tmp_path, state=PrinterState(offline=True)) as printer:
        status = query_tcp(*printer.address)
    assert (status.online, status.cover_open, status.paper_end) == (False, True, False)


def test_an_oversize_job_is_refused(tmp_path):
    with FakePrinter(tmp_path) as printer:
        host, port = printer.address
        with contextlib.suppress(PrinterUnavailable):  # the printer may hang up mid-send
            send_raw(host, b"A" * (1024 * 1024 + 4096), port=port)
        assert printer.wait_for_jobs(1)
        summary = print_job(printer, EscPos().line("next").cut().getvalue(), 2)
    first = (tmp_path / "job-0001.json").read_text(encoding="utf-8")
    assert '"printed": false' in first and "over 1048576 bytes" in first
    assert not (tmp_path / "job-0001.png").exists()
    assert summary["printed"]  # the printer serves the next job


def test_a_stream_that_never_ends_is_cut_off(tmp_path):
    limits = Limits(max_bytes=1 << 40, max_seconds=0.3)
    with FakePrinter(tmp_path, limits=limits) as printer:
        host, port = printer.address
        with contextlib.suppress(OSError), send_stream(host, port) as conn:
            while not printer.wait_for_jobs(1, timeout=0):
                conn.sendall(b"x" * 512)
        assert printer.wait_for_jobs(1)
    assert "still sending after 0.3 s" in (tmp_path / "job-0001.json").read_text()


def test_a_client_that_never_closes_still_gets_its_receipt(tmp_path):
    with FakePrinter(tmp_path, limits=Limits(idle_seconds=0.3)) as printer:
        with send_stream(*printer.address) as conn:
            conn.sendall(EscPos().line("完").cut().getvalue())
            assert printer.wait_for_jobs(1)  # while the connection is still open
    assert (tmp_path / "job-0001.txt").read_text(encoding="utf-8") == "完\n"


@contextlib.contextmanager
def send_stream(host, port):
    with socket.create_connection((host, port), timeout=5) as conn:
        yield conn


def test_the_command_line_printer_answers_status(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "console", "devices", "fake-printer",
                             "--listen", "127.0.0.1:0", "--out", str(tmp_path), "--paper-out"],
                            stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        address = first.split()[3].rstrip(",")
        host, _, port = address.rpartition(":")
        assert query_tcp(host, int(port)).paper_end
    finally:
        proc.terminate()
        proc.wait(timeout=10)
