"""A revoked collector token stops the running collector, not only its next start (issue 17)."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

from console.db import Database
from console.services.actor import Actor
from console.services.admin.service_accounts import (
    install_token,
    revoke_token,
    token_still_valid,
)
from tests import factories as f
from tests.operators import token_file

ROOT = Path(__file__).resolve().parents[2]
SETUP = Actor.system("test set-up")


def _admin(db: Database) -> Actor:
    with db.uow() as s:
        return f.actor(s, f.unit(s), username="admin9", role="admin")


def test_a_token_holds_until_it_is_revoked_or_replaced(db):
    admin = _admin(db)
    with db.uow() as s:
        first = install_token(s, SETUP, "collector-a", "collector").text
    assert token_still_valid(db, first)
    with db.uow() as s:  # a new token for the same account: the old one is out
        second = install_token(s, SETUP, "collector-a", "collector").text
    assert not token_still_valid(db, first) and token_still_valid(db, second)
    revoke_token(db, admin, "collector-a")
    assert not token_still_valid(db, second)
    assert not token_still_valid(db, "not a token at all")


def _lines(stream) -> queue.Queue:
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()
    return lines


def test_the_running_collector_stops_when_its_token_is_revoked(file_db, tmp_path):
    admin, token = _admin(file_db), token_file(file_db, tmp_path / "collector.token")
    url = file_db.engine.url.render_as_string(hide_password=False)
    collect = subprocess.Popen(
        [sys.executable, "-m", "console", "collect", "--db", url, "--token-file", str(token),
         "--interval", "3600", "--recheck-token", "0.2", "--spool", str(tmp_path / "spool")],
        cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1", "GRIDDESK_DB": ""},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = _lines(collect.stdout)
        seen = [lines.get(timeout=30)]
        while not seen[-1].startswith("collecting every"):
            seen.append(lines.get(timeout=30))
        assert collect.poll() is None  # its token holds: it keeps running
        revoke_token(file_db, admin, "collector")
        assert collect.wait(30) == 1
    finally:
        if collect.poll() is None:
            collect.kill()
    rest = "".join(seen) + "".join(iter(lambda: lines.get(timeout=5), "collector stopped\n"))
    assert "service token revoked or replaced: the collector stops" in rest
