"""Anchors outside the database catch what the hash chain cannot: a consistent rewrite of
the chain by someone with UPDATE rights (issue 17, item 3)."""

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from console import migrate
from console.cli import main as cli
from console.db import Database, make_engine
from console.models import AuditEvent, AuditHead
from console.services import audit, audit_anchor
from tests.conftest import create_pg_database, drop_pg_database, require_pg
from tests.test_audit import _write_events


def _rehash_from(db: Database, seq: int) -> None:
    """What a DB-only attacker does: change one event, then recompute every later hash
    and the head so the chain walks clean."""
    with db.session() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        prev = audit.GENESIS
        for event in events:
            if event.seq == seq:
                event.after = '{"amount":"9.62"}'
            event.prev_hash = prev
            event.hash = prev = audit.chain_hash(prev, event)
        head = s.get(AuditHead, 1)
        assert head is not None
        head.hash = prev


def _anchored_db(url: str, tmp_path: Path, capsys) -> tuple[Database, list[str]]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    db = Database(engine)
    _write_events(db)
    key, out = str(tmp_path / "audit.key"), str(tmp_path / "anchors.jsonl")
    assert cli(["audit", "anchor", "--new-key", key]) == 0
    assert cli(["audit", "anchor", "--db", url, "--key-file", key, "--out", out]) == 0
    _write_events(db, 2)  # events after the anchor: still checked by the chain
    capsys.readouterr()
    return db, ["audit", "verify", "--db", url, "--anchors", out, "--key-file", key]


def _rewrite_is_caught(url: str, tmp_path: Path, capsys) -> None:
    db, verify = _anchored_db(url, tmp_path, capsys)
    assert cli(verify) == 0
    assert "anchors match: 1 anchors, the newest at event 5" in capsys.readouterr().out
    _rehash_from(db, 2)
    assert cli(verify[:4]) == 0  # the plain chain check is fooled
    assert "intact: 7 events" in capsys.readouterr().out
    assert cli(verify) == 1
    err = capsys.readouterr().err
    assert "anchors BROKEN at event 5" in err and "rewritten" in err and "Traceback" not in err
    assert cli(["audit", "anchor", *verify[2:4], *verify[6:], "--out", verify[5]]) == 1
    assert "not anchored" in capsys.readouterr().err
    db.dispose()


def test_consistent_rewrite_fails_anchors_sqlite(tmp_path, capsys):
    _rewrite_is_caught(f"sqlite:///{tmp_path / 'a.db'}", tmp_path, capsys)


@pytest.mark.postgres
def test_consistent_rewrite_fails_anchors_postgres(tmp_path, capsys):
    admin = require_pg()
    name = f"griddesk_anchor_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(admin, name)
    try:
        _rewrite_is_caught(url, tmp_path, capsys)
    finally:
        drop_pg_database(admin, name)


@pytest.fixture
def anchored(tmp_path, capsys):
    db, verify = _anchored_db(f"sqlite:///{tmp_path / 'a.db'}", tmp_path, capsys)
    yield verify
    db.dispose()


def test_verify_prints_the_head(anchored, capsys):
    url = anchored[3]
    assert cli(["audit", "verify", "--db", url]) == 0
    with Database(make_engine(url)).session() as s:
        head = s.get(AuditHead, 1)
        assert head is not None
        expected = f"audit head: event 7, hash {head.hash}"
    assert expected in capsys.readouterr().out


def test_tampered_anchor_line_fails(anchored, capsys):
    path = Path(anchored[5])
    path.write_text(path.read_text().replace('"seq":5', '"seq":4'))
    assert cli(anchored) == 1
    err = capsys.readouterr().err
    assert "line 1 (event 4) was changed, or a line before it removed" in err


def test_anchor_removed_from_the_middle_fails(anchored, capsys):
    anchor = ["audit", "anchor", *anchored[2:4], "--out", anchored[5], "--key-file", anchored[7]]
    assert cli(anchor) == 0 and cli(anchor) == 0
    path = Path(anchored[5])
    lines = path.read_text().splitlines(keepends=True)
    path.write_text(lines[0] + lines[2])
    assert cli(anchored) == 1
    assert "line 2 (event 7) was changed, or a line before it removed" in capsys.readouterr().err


def test_wrong_key_fails(anchored, tmp_path, capsys):
    other = str(tmp_path / "other.key")
    assert cli(["audit", "anchor", "--new-key", other]) == 0
    assert cli([*anchored[:6], "--key-file", other]) == 1
    assert "signed with another key" in capsys.readouterr().err


def test_key_from_environment(anchored, monkeypatch, capsys):
    monkeypatch.setenv(audit_anchor.KEY_ENV, anchored[7])
    assert cli(anchored[:6]) == 0
    assert "anchors match" in capsys.readouterr().out


def test_anchors_need_a_key(anchored, monkeypatch, capsys):
    monkeypatch.delenv(audit_anchor.KEY_ENV, raising=False)
    assert cli(anchored[:6]) == 1
    assert "no audit key" in capsys.readouterr().err


def test_new_key_is_private_and_never_overwritten(tmp_path, capsys):
    path = tmp_path / "k"
    assert cli(["audit", "anchor", "--new-key", str(path)]) == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    before = path.read_bytes()
    assert cli(["audit", "anchor", "--new-key", str(path)]) == 1
    assert "never overwritten" in capsys.readouterr().err and path.read_bytes() == before


def test_oversized_files_are_refused_unread(anchored, capsys):
    with open(anchored[5], "ab") as out:
        out.truncate(audit_anchor.MAX_ANCHORS_BYTES + 1)
    assert cli(anchored) == 1
    assert "larger than" in capsys.readouterr().err
    Path(anchored[7]).write_bytes(b"x" * (audit_anchor.MAX_KEY_FILE_BYTES + 1))
    assert cli(anchored) == 1
    assert "key file" in capsys.readouterr().err


def test_check_anchors_on_both_engines(db):
    _write_events(db, 3)
    key = b"k" * 32
    with db.read() as s:
        seq, head_hash = audit_anchor.head(s)
    line = audit_anchor.anchor_line(key, seq, head_hash, audit.utcnow())
    anchor = audit_anchor._parse_line(line, 1, key, "mem", "")
    with db.read() as s:
        assert audit_anchor.check_anchors(s, [anchor]).ok
    _rehash_from(db, 1)
    with db.read() as s:
        check = audit_anchor.check_anchors(s, [anchor])
    assert (check.ok, check.bad_seq) == (False, 3)
