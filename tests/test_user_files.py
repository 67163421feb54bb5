"""One policy for files we write for people: whole or not at all, owner-only."""

from __future__ import annotations

import os
import stat

import pytest

from console.files import write_user_file


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_and_a_replaced_one_are_private_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        target = tmp_path / "statement.pdf"
        target.write_bytes(b"old")
        target.chmod(0o644)  # as label sheets used to be written
        write_user_file(target, b"%PDF-new")
        assert target.read_bytes() == b"%PDF-new" and mode(target) == 0o600
        fresh = write_user_file(tmp_path / "labels.pdf", b"%PDF")
        assert mode(fresh) == 0o600
    finally:
        os.umask(old)


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        write_user_file(tmp_path / "report.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []

