"""The demo enrols inspector1's tablet, so a supervisor's route export works in `python main.py`
(issue 16 sealed routes for enrolled devices; the demo had none, and the export dead-ended)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from console.cli.app import main
from console.db import Database, make_engine
from console.demo import DEMO_PASSWORD, generate
from console.demo.devices import demo_device_key
from console.fieldwork.package import read_package
from console.models import Customer, FieldDevice, Unit, User
from console.services.admin.site_keys import public_key
from console.services.auth import login
from console.services.inspection.packages import import_results
from console.services.work_orders import create_work_order
from widgets.desk import Desk
from widgets.inspection.dialogs import ExportRouteDialog

AS_OF = dt.date(2026, 1, 20)


@pytest.fixture(scope="module")
def demo_file(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-device") / "demo.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    generate(engine, customers=300, seed=1, as_of=AS_OF)
    engine.dispose()
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path):
    """A fresh copy of the small demo for each test (they export and import)."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    db = Database.open(f"sqlite:///{path}")
    yield db
    db.dispose()


def test_inspector1_has_one_device_made_from_the_seed(demo_db):
    with demo_db.read() as s:
        devices = s.execute(select(User.username, FieldDevice.key_id, FieldDevice.retired_at)
                            .join(User, User.id == FieldDevice.user_id)).all()
    assert devices == [("inspector1", demo_device_key(1).key_id, None)]
    assert demo_device_key(2).key_id != demo_device_key(1).key_id


def test_supervisor1_exports_a_route_the_demo_device_opens(qtbot, tasks, demo_db, tmp_path):
    boss = login(demo_db, "supervisor1", DEMO_PASSWORD)
    with demo_db.read() as s:
        customer_id = s.scalar(select(Customer.id).join(Unit, Unit.id == Customer.unit_id)
                               .where(Unit.code == "37412").order_by(Customer.id).limit(1))
    order = create_work_order(demo_db, boss, kind="inspection", customer_id=customer_id)
    dialog = ExportRouteDialog(Desk(demo_db, tasks, boss))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_inspectors_loaded, timeout=10000):
        dialog.show()
    assert dialog.inspector == "马强"  # inspector1, the enrolled device offered first
    assert demo_device_key(1).key_id in dialog.device_label.text()
    assert dialog.export_button.isEnabled()
    route_file = tmp_path / "route.gdpkg"
    with qtbot.waitSignal(dialog.sig_exported, timeout=10000):
        dialog.export_to(str(route_file))
    with demo_db.read() as s:
        route = read_package(route_file.read_bytes(), lambda kid: public_key(s, kid),
                             demo_device_key(1), kind="route")
    assert route.manifest["inspector_username"] == "inspector1"
    assert order.id in [stop["work_order_id"] for stop in route.manifest["stops"]]
    # The demo's stand-in tablet answers it without a key file, and the results go in.
    results_file = tmp_path / "results.gdpkg"
    assert main(["inspection", "demo-results", str(route_file), "--out", str(results_file),
                 "--db", demo_db.url]) == 0
    outcome = import_results(demo_db, boss, results_file.read_bytes())
    assert outcome.route_no == route.manifest["package_no"] and outcome.applied > 0


def test_outside_the_demo_the_stand_in_tablet_needs_a_key_file(file_db, tmp_path, capsys):
    route_file = tmp_path / "route.gdpkg"
    route_file.write_bytes(b"")
    assert main(["inspection", "demo-results", str(route_file), "--out",
                 str(tmp_path / "r.gdpkg"), "--db", file_db.url]) != 0
    assert "--device-key" in capsys.readouterr().err
