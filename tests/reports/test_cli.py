"""`python -m console report`: writes what the panel writes; bad input leaves no file."""

from __future__ import annotations

import os
import re

import pytest

from console.cli import main
from console.services.actor import Actor
from reports.registry import ReportParams, generate
from tests.operators import as_service
from tests.reports.helpers import history_hall, pages_text

STAMP = re.compile(r"(文档编号：|制表时间：|制表人：)\S+|[A-Z]{2}\d{13,}")


@pytest.fixture
def hall(file_db):
    return history_hall(file_db)


@pytest.fixture
def out(tmp_path):
    """A folder of its own for the PDFs (the database file sits in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def run(file_db, *args: str) -> int:
    return main(["report", *args, "--db", file_db.url, *as_service(file_db, "reports")])


def without_stamps(pdf: bytes) -> list[str]:
    """The pages' text without the document number, time and author (they differ per run)."""
    return [STAMP.sub("", text) for text in pages_text(pdf)]


def test_daily_collection_from_the_command_line(file_db, hall, out, capsys):
    target = out / "日报.pdf"
    day = hall["today"].isoformat()
    assert run(file_db, "daily_collection", "--from", day, "--to", day, "-o", str(target)) == 0
    assert "written to" in capsys.readouterr().out
    same = generate(file_db, Actor.system("系统（计划任务）"), "daily_collection",
                    ReportParams(start=hall["today"], end=hall["today"]))
    assert without_stamps(target.read_bytes()) == without_stamps(same)
    assert "189.33" in pages_text(target.read_bytes())[0]
    assert [p.name for p in out.iterdir()] == ["日报.pdf"]  # no temporary file left


def test_statement_and_aging_from_the_command_line(file_db, hall, out):
    statement, aging = out / "s.pdf", out / "a.pdf"
    assert run(file_db, "statement", "--customer", hall["farmer_no"], "-o", str(statement)) == 0
    assert run(file_db, "aging", "--unit", str(hall["station"]), "--lang", "en",
               "-o", str(aging)) == 0
    assert "王建国" in pages_text(statement.read_bytes())[0]
    assert "Arrears aging" in pages_text(aging.read_bytes())[0]


@pytest.mark.parametrize("args, message", [
    (["daily_collection"], "needs a date range: --from DATE --to DATE"),
    (["daily_collection", "--from", "2026-05-02", "--to", "2026-05-01"],
     "the range ends before it starts"),
    (["aging", "--unit", "999999"], "no such unit: 999999"),
    (["statement", "--customer", "3799999999"], "no such customer: 3799999999"),
    (["statement"], "needs a customer: --customer NO"),
])
def test_bad_input_says_what_and_writes_nothing(file_db, hall, out, capsys, args, message):
    target = out / "out.pdf"
    assert run(file_db, *args, "-o", str(target)) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list(out.iterdir()) == []


def test_a_malformed_date_is_a_usage_error(file_db, hall, out, capsys):
    with pytest.raises(SystemExit) as stop:
        run(file_db, "daily_collection", "--from", "2026-13-01", "--to", "2026-12-01",
            "-o", str(out / "x.pdf"))
    assert stop.value.code == 2 and "not a date" in capsys.readouterr().err


def test_an_unwritable_folder(file_db, hall, out, capsys):
    assert run(file_db, "aging", "-o", str(out / "missing" / "a.pdf")) == 1
    assert "does not exist" in capsys.readouterr().err
    locked = out / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root writes anywhere: make the rename fail instead
            (locked / "a.pdf").mkdir()
            assert run(file_db, "aging", "-o", str(locked / "a.pdf")) == 1
            assert list((locked / "a.pdf").iterdir()) == []
        else:
            assert run(file_db, "aging", "-o", str(locked / "a.pdf")) == 1
        assert "a.pdf" in capsys.readouterr().err
        assert [p.name for p in locked.iterdir() if p.name.endswith(".part")] == []
    finally:
        locked.chmod(0o700)
