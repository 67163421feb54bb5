"""One logging setup: rotating files, JSON lines, no personal data, start/stop/slow."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from console import cli, logsetup

log = logging.getLogger("griddesk.test")


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("GRIDDESK_LOG_DIR", str(tmp_path))
    yield tmp_path
    logsetup.shutdown()


def test_the_file_rotates_at_its_size_limit(log_dir: Path):
    path = logsetup.setup("collector", max_bytes=4000, backups=2)
    for i in range(200):
        log.info("cycle %03d: %s", i, "x" * 60)
    names = sorted(p.name for p in log_dir.iterdir())
    assert names == ["griddesk-collector.log", "griddesk-collector.log.1",
                     "griddesk-collector.log.2"]  # the oldest beyond two dropped
    assert all((log_dir / n).stat().st_size <= 4000 for n in names)
    assert "cycle 199" in path.read_text(encoding="utf-8")


def test_phone_and_id_numbers_are_masked_in_the_file(log_dir: Path):
    path = logsetup.setup("gui")
    log.info("customer rang from 13812345678 and 0530-5551234, ID 37010219900101123X")
    log.info("meter 3700101000000000012347 of customer 3700001234")  # not personal
    try:
        raise ValueError("no account for 139 8765 4321")
    except ValueError:
        log.exception("lookup failed")
    text = path.read_text(encoding="utf-8")
    for personal in ("13812345678", "5551234", "37010219900101123X", "8765 4321"):
        assert personal not in text
    assert "138****5678" in text and "3701**********123X" in text and "139****4321" in text
    assert "3700101000000000012347" in text and "3700001234" in text
    assert path.name == "griddesk.log"  # the GUI's file keeps its name


def test_names_given_as_extra_are_masked_in_json_lines(log_dir: Path):
    path = logsetup.setup("gateway", json_lines=True)
    log.warning("payment notice for %s", "3700001234",
                extra={"customer_name": "欧阳娜娜", "phone": "13912345678", "amount": "96.40"})
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    assert line["customer_name"] == "欧***" and line["phone"] == "139****5678"
    assert line["amount"] == "96.40" and line["service"] == "gateway"
    assert line["message"] == "payment notice for 3700001234" and line["level"] == "WARNING"


def test_an_operation_over_a_second_is_logged_as_slow_with_its_time(log_dir: Path):
    path = logsetup.setup("cli")
    with logsetup.timed(log, "bill run 2026-11", slow=0.0):
        pass
    assert "WARNING cli griddesk.test: slow: bill run 2026-11 took 0.00 s" in path.read_text()


def test_the_command_line_logs_its_start_and_stop(log_dir: Path, tmp_path: Path, capsys):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert cli.main(["db", "upgrade", "--db", url]) == 0
    assert cli.main(["--log-level", "debug", "audit", "verify", "--db", url]) == 0
    lines = (log_dir / "griddesk-cli.log").read_text().splitlines()
    assert any(f"start: db upgrade on {tmp_path / 'x.db'}" in ln for ln in lines)
    assert any("stop: db upgrade, exit code 0 after" in ln for ln in lines)
    assert any("DEBUG cli griddesk.cli: audit verify took" in ln for ln in lines)
    assert "stop: audit verify, exit code 0 after" in lines[-1]


def test_an_unexpected_failure_is_one_line_and_its_traceback_is_in_the_log(
        log_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    def broken(_args):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(cli.COMMANDS, "audit", broken)
    assert cli.main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unexpected RuntimeError: disk on fire" in err
    text = (log_dir / "griddesk-cli.log").read_text()
    assert "Traceback" in text and "stop: audit verify, exit code 1 after" in text


def test_a_service_logs_its_start_and_stop_in_its_own_file(log_dir: Path, tmp_path: Path,
                                                          capsys):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert cli.main(["db", "upgrade", "--db", url]) == 0
    from console.db import Database
    from tests.operators import token_file
    db = Database.open(url)
    token = token_file(db, tmp_path / "collector.token")
    db.dispose()
    assert cli.main(["collect", "--once", "--db", url, "--token-file", str(token)]) == 0
    lines = (log_dir / "griddesk-collector.log").read_text().splitlines()
    assert f"start: collect on {tmp_path / 'x.db'}" in lines[0]
    assert any("cycle: 0/0 meters answered" in ln for ln in lines)
    assert "stop: collect, exit code 0 after" in lines[-1]


def test_a_bad_format_string_does_not_break_the_caller(log_dir: Path, monkeypatch):
    monkeypatch.setattr(logging, "raiseExceptions", False)  # as in production, quietly
    path = logsetup.setup("cli")
    log.info("two places %s %s", "one value")  # a programming slip in some module
    log.info("after it 13812345678")
    assert path.read_text().splitlines()[-1].endswith("after it 138****5678")
