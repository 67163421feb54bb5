"""`python -m console inspection export|import|conflicts` and `analysis theft`, headless."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.cli import main
from console.fieldwork import sealing
from console.fieldwork.package import read_package
from console.fieldwork.results import write_results
from console.fieldwork.sealing import read_key_file
from console.models import FieldPackage, Meter, Reading, Unit, WorkOrder
from console.services.admin.site_keys import public_key
from tests import factories as f
from tests.billing_helpers import next_customer_no
from tests.inspection.test_field_package_limits import bomb_zip, sealed
from tests.operators import as_user

AT = "2026-11-20T10:15:00+08:00"
ADMIN = ["--user", "admin1", "--password-stdin"]  # enrols devices (MANAGE_KEYS)
SUPERVISOR = ["--user", "supervisor1", "--password-stdin"]  # routes out, results in


@pytest.fixture(autouse=True)
def _passwords(monkeypatch):
    as_user(monkeypatch, "supervisor1")  # the password on stdin for every command below


def seed(db) -> tuple[str, str]:
    with db.uow() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        f.user(s, unit, username="chengang", role="inspector")
        f.user(s, unit, username="supervisor1", role="supervisor")
        f.user(s, unit, username="admin1", role="admin")
        customer = f.customer(s, unit, tariff, number=next_customer_no())
        meter = f.meter(s, unit, customer)
        s.add(Reading(meter_id=meter.id, read_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
                      energy_total=Decimal("10.00")))
        s.add(WorkOrder(order_no="GDT000001", kind="inspection", unit_id=unit.id,
                        customer_id=customer.id, meter_id=meter.id,
                        due_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC), state="open"))
        return customer.customer_no, meter.asset_no


def enrol(url: str, folder: Path, capsys) -> Path:
    """The inspector's device key, as an administrator hands it over (owner-only file)."""
    key_file = folder / "chengang.key"
    assert main(["inspection", "enrol-device", "--inspector", "chengang", "--out", str(key_file),
                 "--db", url, *ADMIN]) == 0
    assert "enrolled for chengang" in capsys.readouterr().out
    assert key_file.stat().st_mode & 0o777 == 0o600
    return key_file


def test_export_import_and_analysis_from_the_command_line(file_db, tmp_path, capsys):
    url = file_db.url
    customer_no, asset = seed(file_db)
    route_file, results_file = tmp_path / "route.gdpkg", tmp_path / "results.gdpkg"
    key_file = enrol(url, tmp_path, capsys)
    assert main(["inspection", "export", "--out", str(route_file), "--inspector", "chengang",
                 "--db", url, *SUPERVISOR]) == 0
    assert "1 orders" in capsys.readouterr().out
    with file_db.read() as s:
        route = read_package(route_file.read_bytes(), lambda kid: public_key(s, kid),
                             read_key_file(key_file.read_bytes()))
    stop = route.manifest["stops"][0]
    items = [{"id": "r1", "type": "reading", "work_order_id": stop["work_order_id"],
              "customer_no": customer_no, "meter_asset_no": asset, "energy_total": "25.00",
              "at": AT},
             {"id": "f1", "type": "finding", "work_order_id": stop["work_order_id"],
              "customer_no": customer_no, "finding": "bypass", "at": AT}]
    results_file.write_bytes(write_results(route, items))
    assert main(["inspection", "import", str(results_file), "--db", url, *SUPERVISOR]) == 0
    out = capsys.readouterr().out
    assert "2 items, 2 applied, 0 conflicts" in out and "finding bypass" in out
    assert main(["inspection", "import", str(results_file), "--db", url, *SUPERVISOR]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert main(["analysis", "theft", "--json", "--db", url]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [r["code"] for r in report["suspects"][0]["reasons"]] == ["tamper_history"]


def test_bad_files_are_one_clear_line(file_db, tmp_path, capsys):
    url = file_db.url
    seed(file_db)
    assert main(["inspection", "import", str(tmp_path / "missing.gdpkg"), "--db", url, *SUPERVISOR]) == 1
    assert "No such file" in capsys.readouterr().err
    junk = tmp_path / "junk.gdpkg"
    junk.write_bytes(b"hello")
    assert main(["inspection", "import", str(junk), "--db", url, *SUPERVISOR]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: not a GridDesk field package") and "Traceback" not in err


def test_the_demo_field_device_answers_a_route(file_db, tmp_path, capsys):
    url = file_db.url
    customer_no, _asset = seed(file_db)
    with file_db.uow() as s:
        meter = s.scalars(select(Meter)).first()
        f.installed_seal(s, s.scalars(select(Unit)).first(), meter, serial=4242)
    route_file, results_file = tmp_path / "route.gdpkg", tmp_path / "results.gdpkg"
    key_file = enrol(url, tmp_path, capsys)
    assert main(["inspection", "export", "--out", str(route_file), "--inspector", "chengang",
                 "--db", url, *SUPERVISOR]) == 0
    assert main(["inspection", "demo-results", str(route_file), "--device-key", str(key_file),
                 "--out", str(results_file), "--db", url]) == 0
    assert main(["inspection", "import", str(results_file), "--db", url, *SUPERVISOR]) == 0
    out = capsys.readouterr().out
    assert "4 items, 4 applied" in out and f"finding broken_seal  {customer_no}" in out


def test_refusals_are_one_clear_line_and_write_nothing(file_db, tmp_path, capsys):
    url = file_db.url
    seed(file_db)
    route_file = tmp_path / "route.gdpkg"
    assert main(["inspection", "export", "--out", str(route_file), "--inspector", "chengang",
                 "--db", url, *SUPERVISOR]) == 1
    err = capsys.readouterr().err
    assert "chengang has no enrolled device" in err and "enrol-device" in err
    assert not route_file.exists()
    key_file = enrol(url, tmp_path, capsys)
    assert main(["inspection", "export", "--out", str(route_file), "--inspector", "chengang",
                 "--db", url, *SUPERVISOR]) == 0
    assert b"chengang" not in route_file.read_bytes()
    with file_db.read() as s:
        route = read_package(route_file.read_bytes(), lambda kid: public_key(s, kid),
                             read_key_file(key_file.read_bytes()))
        before = s.scalar(select(func.count()).select_from(FieldPackage))
    bomb = tmp_path / "bomb.gdpkg"
    bomb.write_bytes(sealed(route, bomb_zip("manifest.json")))
    other_key = tmp_path / "other.key"
    other_key.write_bytes(sealing.key_file(sealing.BoxKey.generate(), inspector="someone"))
    cases = [(["import", str(bomb)], "is compressed; packages hold stored entries only"),
             (["demo-results", str(route_file), "--device-key", str(other_key), "--out",
               str(tmp_path / "r.gdpkg")], "sealed for key"),
             (["demo-results", str(route_file), "--device-key", str(route_file), "--out",
               str(tmp_path / "r.gdpkg")], "not a GridDesk device key file")]
    for args, message in cases:
        who = SUPERVISOR if args[0] == "import" else []
        assert main(["inspection", *args, "--db", url, *who]) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: ") and message in err and "Traceback" not in err, err
    assert not (tmp_path / "r.gdpkg").exists()
    with file_db.read() as s:
        assert s.scalar(select(func.count()).select_from(FieldPackage)) == before
