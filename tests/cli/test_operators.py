"""The command line's one door (issue 17 item 6): a command that changes the database names its
operator — a person with a password or a service with a token file — and is audited under
that name; commands that only read need none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from console.cli import main
from console.models import AuditEvent, ReportDocument, ServiceAccount, SiteKey, User
from tests.factories import PASSWORD

ADMIN = ["--user", "admin1", "--password-stdin"]


def _last_actions(site, n: int = 6) -> list[tuple[str, str]]:
    with site.db.read() as s:
        rows = s.execute(select(AuditEvent.actor_name, AuditEvent.action)
                         .order_by(AuditEvent.seq.desc()).limit(n)).all()
    return [tuple(r) for r in reversed(rows)]


def _issue(site, tmp_path, stdin, name="collector", duty="collector"):
    token = tmp_path / f"{name}.token"
    stdin(PASSWORD + "\n")
    assert main(["users", "token", "--service", name, "--duty", duty, "--out", str(token),
                 "--db", site.url, *ADMIN]) == 0
    return token


@pytest.mark.parametrize("command", [
    ["seals", "rotate-key"], ["bill-run", "--period", "2026-10"], ["collect", "--once"],
    ["cost-control", "run"], ["users", "token", "--service", "collector", "--out", "t"],
    ["inspection", "import", "results.gdpkg"],
])
def test_a_mutating_command_without_an_operator_is_refused_and_writes_nothing(site, command,
                                                                               capsys):
    audit_before = site.count(AuditEvent)
    assert main([*command, "--db", site.url]) == 2
    err = capsys.readouterr().err
    assert "needs an operator" in err and "Traceback" not in err
    assert site.count(AuditEvent) == audit_before and site.count(SiteKey) == 0


def test_a_wrong_password_is_refused_and_counts_toward_the_lockout(site, stdin, capsys):
    for _ in range(5):
        stdin("not the password\n")
        assert main(["seals", "rotate-key", "--db", site.url, *ADMIN]) == 1
        assert "wrong user name or password" in capsys.readouterr().err
    stdin(PASSWORD + "\n")  # locked now: even the right password is refused
    assert main(["seals", "rotate-key", "--db", site.url, *ADMIN]) == 1
    assert "wrong user name or password" in capsys.readouterr().err
    assert site.count(SiteKey) == 0
    with site.db.read() as s:
        assert s.scalar(select(User.locked_until).where(User.username == "admin1")) is not None
    actions = [a for _, a in _last_actions(site, 8)]
    assert actions.count("login.failed") == 5 and "user.locked" in actions
    assert actions[-1] == "login.refused_locked"


def test_the_operator_is_who_the_audit_trail_names(site, stdin, capsys):
    stdin(PASSWORD + "\n")
    assert main(["seals", "rotate-key", "--db", site.url, *ADMIN]) == 0
    assert capsys.readouterr().out.startswith("active key ")
    trail = _last_actions(site, 2)
    assert trail == [("admin1", "login.cli"), ("admin1", "site_key.created")]
    with site.db.read() as s:
        assert "cli" not in set(s.scalars(select(AuditEvent.actor_name)))


def test_a_clerk_is_refused_an_administrators_command_and_another_countys_customer(
        site, stdin, tmp_path, capsys):
    clerk = ["--user", "counter1", "--password-stdin"]
    stdin(PASSWORD + "\n")
    assert main(["seals", "rotate-key", "--db", site.url, *clerk]) == 1
    assert "counter1 may not manage_keys" in capsys.readouterr().err
    assert site.count(SiteKey) == 0
    stdin(PASSWORD + "\n")
    assert main(["cost-control", "deliver", "--folder", str(tmp_path / "notices"),
                 "--db", site.url, *clerk]) == 1
    assert "counter1 may not request_control" in capsys.readouterr().err
    assert not (tmp_path / "notices").exists()
    stdin(PASSWORD + "\n")
    assert main(["users", "token", "--service", "collector", "--out", str(tmp_path / "t"),
                 "--db", site.url, *clerk]) == 1
    assert "counter1 may not manage_users" in capsys.readouterr().err
    assert not (tmp_path / "t").exists() and site.count(ServiceAccount) == 0
    stdin(PASSWORD + "\n")
    out = tmp_path / "statement.pdf"
    assert main(["report", "statement", "--customer", "3702100001", "-o", str(out),
                 "--db", site.url, *clerk]) == 1
    assert "outside counter1's units" in capsys.readouterr().err
    assert not out.exists() and site.count(ReportDocument) == 0
    stdin(PASSWORD + "\n")  # their own county's customer: the same clerk may
    assert main(["report", "statement", "--customer", "3700000001", "-o", str(out),
                 "--db", site.url, *clerk]) == 0
    assert out.read_bytes().startswith(b"%PDF") and site.count(ReportDocument) == 1
    assert ("counter1", "customer.printed") in _last_actions(site)


def test_a_disabled_account_is_refused(site, stdin, capsys):
    with site.db.uow() as s:
        s.scalar(select(User).where(User.username == "admin1")).active = False
    stdin(PASSWORD + "\n")
    assert main(["seals", "rotate-key", "--db", site.url, *ADMIN]) == 1
    assert "account disabled" in capsys.readouterr().err and site.count(SiteKey) == 0


def test_without_a_terminal_the_password_must_come_on_stdin(site, stdin, capsys):
    stdin("")  # not a terminal: never a prompt that waits forever
    assert main(["seals", "rotate-key", "--db", site.url, "--user", "admin1"]) == 2
    assert "--password-stdin" in capsys.readouterr().err and site.count(SiteKey) == 0
    assert main(["seals", "rotate-key", "--db", site.url, *ADMIN]) == 2  # stdin empty
    assert "no password on the first line" in capsys.readouterr().err
    assert main(["cost-control", "run", "--db", site.url, "--user", "admin1",
                 "--token-file", "x"]) == 2
    assert "not both" in capsys.readouterr().err
    assert site.count(SiteKey) == 0 and site.count(AuditEvent) == 0


def test_the_collector_runs_with_its_token_and_a_revoked_token_is_refused(site, stdin, tmp_path,
                                                                          capsys):
    token = _issue(site, tmp_path, stdin)
    assert os.stat(token).st_mode & 0o777 == 0o600
    assert "griddesk-service-token-1 collector " in token.read_text()
    with site.db.read() as s:
        stored = s.scalar(select(ServiceAccount.token_hash))
    assert stored and token.read_text().split()[-1] not in stored  # only the hash is kept
    collect = ["collect", "--once", "--db", site.url, "--spool", str(tmp_path / "spool"),
               "--token-file", str(token)]
    assert main(collect) == 0
    assert ("collector", "service.signed_in") in _last_actions(site)
    stdin(PASSWORD + "\n")
    assert main(["users", "revoke-token", "--service", "collector", "--db", site.url,
                 *ADMIN]) == 0
    assert ("admin1", "service.token_revoked") in _last_actions(site)
    capsys.readouterr()
    assert main(collect) == 1
    assert "service token refused" in capsys.readouterr().err
    assert _last_actions(site, 1) == [("collector", "service.token_refused")]


def test_a_token_runs_only_its_dutys_commands(site, stdin, tmp_path, capsys):
    token = _issue(site, tmp_path, stdin)
    assert main(["cost-control", "run", "--db", site.url, "--token-file", str(token)]) == 0
    assert ("collector", "service.signed_in") in _last_actions(site)
    capsys.readouterr()
    assert main(["report", "statement", "--customer", "3700000001", "-o",
                 str(tmp_path / "s.pdf"), "--db", site.url, "--token-file", str(token)]) == 1
    assert "a collector service token may not run this command" in capsys.readouterr().err
    assert site.count(ReportDocument) == 0
    with pytest.raises(SystemExit) as refused:  # no --token-file at all for a key rotation
        main(["seals", "rotate-key", "--db", site.url, "--token-file", str(token)])
    assert refused.value.code == 2


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644])
def test_a_token_file_others_may_read_is_refused(site, stdin, tmp_path, mode, capsys):
    token = _issue(site, tmp_path, stdin)
    os.chmod(token, mode)
    signed_in = site.count(AuditEvent, AuditEvent.action == "service.signed_in")
    assert main(["collect", "--once", "--db", site.url, "--token-file", str(token)]) == 2
    assert "chmod 600" in capsys.readouterr().err
    assert site.count(AuditEvent, AuditEvent.action == "service.signed_in") == signed_in


def test_a_long_or_forged_token_file_is_refused(site, tmp_path, capsys):
    big = tmp_path / "big.token"
    big.write_bytes(b"x" * 100_000)
    os.chmod(big, 0o600)
    assert main(["collect", "--once", "--db", site.url, "--token-file", str(big)]) == 2
    assert "longer than 256 bytes" in capsys.readouterr().err
    forged = tmp_path / "forged.token"
    forged.write_text("griddesk-service-token-1 collector AAAAAAAAAAAAAAAAAAAAAAAA\n")
    os.chmod(forged, 0o600)
    assert main(["collect", "--once", "--db", site.url, "--token-file", str(forged)]) == 1
    assert "service token refused" in capsys.readouterr().err


def test_read_only_commands_need_no_operator(site, capsys):
    for command in (["db", "current"], ["seals", "keys"], ["seals", "check", "3700000101"],
                    ["audit", "verify"], ["users", "services"],
                    ["inspection", "conflicts"]):
        code = main([*command, "--db", site.url])
        assert code in (0, 1) and "needs an operator" not in capsys.readouterr().err, command
    assert main(["audit", "verify", "--db", site.url]) == 0
    assert "audit chain intact" in capsys.readouterr().out


def test_the_first_administrator_is_made_without_an_operator_only_once(blank, stdin, capsys):
    url = blank.url
    first = ["users", "first-admin", "--username", "zhangmin", "--full-name", "张敏",
             "--unit-code", "37000", "--unit-name", "菏泽供电公司", "--password-stdin",
             "--db", url]
    stdin("short\n")
    assert main(first) == 1 and "password too short" in capsys.readouterr().err
    stdin(PASSWORD + "\n")
    assert main(first) == 0
    assert "administrator zhangmin (张敏) in 菏泽供电公司" in capsys.readouterr().out
    stdin(PASSWORD + "\n")  # the first administrator acts at once, under their own name
    assert main(["seals", "rotate-key", "--db", url, "--user", "zhangmin",
                 "--password-stdin"]) == 0
    stdin(PASSWORD + "\n")
    assert main([*first[:3], "lisi", *first[4:]]) == 1
    assert "has users already" in capsys.readouterr().err


def test_on_a_terminal_the_password_is_asked_and_not_echoed(sqlite_template, tmp_path):
    """The interactive path, in a real pseudo-terminal (the child's controlling tty); the
    terminal is the same whatever the engine, so SQLite only."""
    import pty
    import select
    import shutil
    import sys

    from console.db import Database
    from tests import factories as f
    from tests.cli.conftest import Site

    shutil.copy(sqlite_template, tmp_path / "tty.db")
    url = f"sqlite:///{tmp_path / 'tty.db'}"
    site = Site(url, Database.open(url))
    with site.db.uow() as s:
        f.user(s, f.unit(s), username="admin1", role="admin")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, on the terminal
        os.execvpe(sys.executable, [sys.executable, "-m", "console", "seals", "rotate-key",
                                    "--db", site.url, "--user", "admin1"],
                   {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    seen = b""
    while b"password for admin1:" not in seen:
        assert select.select([fd], [], [], 60)[0], seen  # never waits forever
        seen += os.read(fd, 1024)
    os.write(fd, PASSWORD.encode() + b"\n")
    while True:
        assert select.select([fd], [], [], 60)[0], seen
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child ended and closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert os.waitpid(pid, 0)[1] == 0, seen
    assert b"active key " in seen and PASSWORD.encode() not in seen  # echo was off
    assert _last_actions(site, 2)[0] == ("admin1", "login.cli")
    site.db.dispose()
