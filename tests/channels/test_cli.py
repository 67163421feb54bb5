"""`python -m console channels serve` as its own process, and `channels simulate` against it:
the simulator's cases get the answers they should, and exactly one payment is posted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from decimal import Decimal

import pytest
from sqlalchemy import select

from console.channels.simulator import run_scenarios
from console.cli.app import main as cli
from console.models import ChannelNotification, ChannelRejection, Payment
from tests.channels.conftest import seed
from tests.operators import as_service


@pytest.fixture
def account(file_db):
    seed(file_db)
    return file_db


@pytest.fixture
def served(account, tmp_path):
    """The gateway process (test keys made at its first start); its URL and keys folder."""
    keys = tmp_path / "keys"
    process = subprocess.Popen(
        [sys.executable, "-m", "console", "channels", "serve", "--db", account.url,
         "--listen", "127.0.0.1:0", "--keys", str(keys), "--test-keys",
         *as_service(account, "gateway")],
        stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        url = ""
        assert process.stderr is not None
        for line in process.stderr:  # the process says where it listens once it does
            if line.startswith("channel gateway on "):
                url = line.split()[-1]
                break
        assert url, "the gateway did not start"
        # Its log goes to stderr too: keep reading so a full pipe never stalls it.
        threading.Thread(target=process.stderr.read, daemon=True).start()
        yield url, keys
    finally:
        process.terminate()
        process.wait(20)


def test_the_simulator_cases_against_the_gateway_process(account, served):
    url, keys = served
    lines: list[str] = []
    answers = run_scenarios(url, keys, "3700100001", Decimal("50.00"), lines.append)
    assert answers == {"wechat normal": 204, "wechat duplicate": 204, "wechat late": 401,
                       "wechat forged": 401, "alipay finished first": 200,
                       "alipay success after": 200, "alipay forged": 401}
    with account.session() as s:
        # WeChat's 50.00 clears what the prepaid account owed; Alipay's trade after it is a
        # top-up (prepaid accounts may pay more than is due), posted once for its two states.
        payments = s.scalars(select(Payment.method).order_by(Payment.id)).all()
        reasons = sorted(s.scalars(select(ChannelRejection.reason)).all())
    assert payments == ["wechat", "alipay"]
    assert reasons == ["bad_signature", "bad_signature", "stale"]
    assert len(lines) == 8
    # The lost trade: paid on the channel, never notified, nowhere in our database.
    [lost] = [json.loads(line) for line in (keys / "simulator" / "lost.jsonl").open()]
    assert lost["transaction_id"] in lines[-1]
    with account.session() as s:
        assert s.scalar(select(ChannelNotification).where(
            ChannelNotification.transaction_id == lost["transaction_id"])) is None


def test_simulate_command_prints_each_case(account, served, capsys):
    url, keys = served
    assert cli(["channels", "simulate", "--to", url, "--customer", "3700100001",
                "--amount", "50.00", "--keys", str(keys)]) == 0
    out = capsys.readouterr().out
    assert "wechat forged" in out and "401" in out


def test_bad_listen_and_amount_are_refused_with_a_message(account, capsys):
    assert cli(["channels", "serve", "--db", account.url, "--listen", "nowhere",
                *as_service(account, "gateway")]) == 2
    assert "HOST:PORT" in capsys.readouterr().err
    assert cli(["channels", "simulate", "--to", "http://127.0.0.1:9", "--customer", "1",
                "--amount", "fifty"]) == 2
    assert "yuan" in capsys.readouterr().err


def test_serve_without_keys_says_what_is_missing(account, tmp_path, capsys):
    assert cli(["channels", "serve", "--db", account.url, "--keys", str(tmp_path / "none"),
                *as_service(account, "gateway")]) == 1
    err = capsys.readouterr().err
    assert "channel keys in" in err and "missing or broken" in err and "Traceback" not in err


def test_the_gateway_serves_only_under_a_gateway_service_account(account, capsys):
    """It posts payments: no token, or another duty's token, and nothing is served."""
    assert cli(["channels", "serve", "--db", account.url]) == 2
    assert "--token-file" in capsys.readouterr().err
    assert cli(["channels", "serve", "--db", account.url, "--listen", "127.0.0.1:0",
                *as_service(account, "collector")]) != 0
    err = capsys.readouterr().err
    assert "collector service token may not run this command" in err and "Traceback" not in err


def test_the_running_gateway_stops_when_its_token_is_revoked(account, tmp_path):
    from console.services.admin.service_accounts import revoke_token
    from tests import factories as f

    with account.uow() as s:
        admin = f.actor(s, f.unit(s, code="37999"), username="admin9", role="admin")
    process = subprocess.Popen(
        [sys.executable, "-m", "console", "channels", "serve", "--db", account.url,
         "--listen", "127.0.0.1:0", "--keys", str(tmp_path / "keys"), "--test-keys",
         "--recheck-token", "0.2", *as_service(account, "gateway")],
        stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("channel gateway on "):
                break
        assert process.poll() is None  # its token holds: it serves
        revoke_token(account, admin, "gateway-svc")
        assert process.wait(30) == 1
        said = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
    assert "service token revoked or replaced: the gateway stops" in said
