"""`python -m console channels bank-simulate` and `bank-import` as an operator runs them: a
summary on the terminal, "nothing new" the second time, a refusal with its line and exit 1."""

from __future__ import annotations

from sqlalchemy import select

from console.cli.app import main as cli
from console.models import Payment
from tests.channels.conftest import seed
from tests.operators import as_service, as_user, ensure_user

DAY = "2026-12-07"
NAME = "bank_batch_20261207.csv"


def simulate(db, tmp_path, *pays: str) -> list[str]:
    args = ["channels", "bank-simulate", "--db", db.url, "--keys", str(tmp_path / "keys"),
            "--day", DAY, "--out", str(tmp_path / "in")]
    for pay in pays:
        args += ["--pay", pay]
    assert cli(args) == 0
    return ["--db", db.url, "--keys", str(tmp_path / "keys")]


def test_a_supervisor_imports_the_days_file_once(file_db, tmp_path, monkeypatch, capsys):
    seed(file_db)
    ensure_user(file_db, "boss", "supervisor")
    where = simulate(file_db, tmp_path, "3700100001=50.00", "9999999999=20.00")
    assert (tmp_path / "in" / f"{NAME}.sig").exists()
    capsys.readouterr()
    command = ["channels", "bank-import", str(tmp_path / "in" / NAME), *where]
    assert cli([*command, *as_user(monkeypatch, "boss")]) == 0
    out = capsys.readouterr()
    assert "posted: 1 (50.00 yuan)" in out.out
    assert "held for a supervisor: 1" in out.out and "unknown customer" in out.out
    assert "signature good" in out.err
    assert cli([*command, *as_user(monkeypatch, "boss")]) == 0
    assert "nothing new: all 2 records were imported before" in capsys.readouterr().out
    with file_db.session() as s:
        assert s.scalars(select(Payment.method)).all() == ["transfer"]


def test_a_tampered_file_is_refused_with_exit_1(file_db, tmp_path, monkeypatch, capsys):
    seed(file_db)
    where = simulate(file_db, tmp_path, "3700100001=50.00")
    path = tmp_path / "in" / NAME
    path.write_bytes(path.read_bytes().replace(b"50.00", b"99.00"))
    capsys.readouterr()
    assert cli(["channels", "bank-import", str(path), *where,
                *as_service(file_db, "gateway")]) == 1
    err = capsys.readouterr().err
    assert f"{NAME} refused, nothing posted" in err and "does not match" in err
    assert "Traceback" not in err
    with file_db.session() as s:
        assert s.scalars(select(Payment)).all() == []


def test_only_a_supervisor_or_the_gateway_may_import(file_db, tmp_path, monkeypatch, capsys):
    seed(file_db)
    ensure_user(file_db, "clerk", "counter")
    where = simulate(file_db, tmp_path, "3700100001=50.00")
    command = ["channels", "bank-import", str(tmp_path / "in" / NAME), *where]
    assert cli(command) == 2  # nobody named: refused before the database is opened
    assert "--token-file" in capsys.readouterr().err
    assert cli([*command, *as_user(monkeypatch, "clerk")]) == 1
    assert "may not review_channel_payments" in capsys.readouterr().err
    assert cli([*command, *as_service(file_db, "collector")]) == 1
    assert "collector service token may not run this command" in capsys.readouterr().err
    assert cli([*command, *as_service(file_db, "gateway")]) == 0


def test_bank_simulate_wants_customer_and_yuan(file_db, tmp_path, capsys):
    assert cli(["channels", "bank-simulate", "--db", file_db.url, "--day", DAY,
                "--out", str(tmp_path), "--pay", "3700100001=fifty"]) == 2
    assert "CUSTOMER=YUAN" in capsys.readouterr().err


def test_a_keys_folder_without_the_banks_key_says_so(file_db, tmp_path, monkeypatch, capsys):
    seed(file_db)
    ensure_user(file_db, "boss", "supervisor")
    where = simulate(file_db, tmp_path, "3700100001=50.00")
    (tmp_path / "keys" / "bank_public.pem").unlink()
    capsys.readouterr()
    assert cli(["channels", "bank-import", str(tmp_path / "in" / NAME), *where,
                *as_user(monkeypatch, "boss")]) == 1
    err = capsys.readouterr().err
    assert "the bank's key in" in err and "missing or broken" in err and "Traceback" not in err
