"""The command line: clear messages and exit codes, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from console import migrate
from console.cli import main as cli


def test_unknown_command_prints_usage(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli(["frobnicate"])
    assert exit_.value.code == 2
    assert "usage: python -m console" in capsys.readouterr().err


def test_unreachable_postgres_is_one_clear_line(capsys):
    code = cli(["db", "upgrade", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"])
    err = capsys.readouterr().err
    assert code == 1
    assert "127.0.0.1:1/none" in err and "Traceback" not in err


def test_wrong_url_is_named(capsys):
    assert cli(["db", "current", "--db", "nosuchdb://x"]) == 1
    assert "not a database URL" in capsys.readouterr().err


def test_corrupt_sqlite_file_is_named(tmp_path, capsys):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not sqlite" * 400)
    assert cli(["audit", "verify", "--db", f"sqlite:///{path}"]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "not a database" in err


def test_empty_database_says_to_upgrade(tmp_path, capsys):
    assert cli(["audit", "verify", "--db", f"sqlite:///{tmp_path / 'empty.db'}"]) == 1
    assert "db upgrade" in capsys.readouterr().err


def test_module_entry_point_runs(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    done = subprocess.run([sys.executable, "-m", "console", "db", "upgrade", "--db", url],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and f"schema at {migrate.head_revision()}" in done.stdout
