"""Theft panel: run the analysis (progress, cancel), suspects into inspection orders,
export a route and import its results through the dialogs."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from console.fieldwork.package import read_package
from console.fieldwork.results import write_results
from console.fieldwork.sealing import read_key_file
from console.models import Unit, WorkOrder
from console.services.actor import Actor
from console.services.admin.site_keys import public_key
from console.services.inspection.devices import enrol_device
from tests import factories as f
from tests.inspection.test_field_package_limits import bomb_zip, sealed
from tests.inspection.test_theft import build_town
from widgets.desk import Desk
from widgets.inspection.dialogs import ExportRouteDialog, ImportResultsDialog
from widgets.inspection.panel import UsageInspectionPanel


@pytest.fixture
def panel(qtbot, file_db, tasks):
    town = build_town(file_db)
    with file_db.uow() as s:
        unit = s.scalars(select(Unit)).first()
        f.user(s, unit, username="chengang", role="inspector")
    town["device"] = read_key_file(enrol_device(file_db, Actor.system("test"), "chengang").key_file)
    widget = UsageInspectionPanel(Desk(file_db, tasks, town["boss"]))
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    return widget, town


def run(qtbot, widget) -> None:
    with qtbot.waitSignal(widget.sig_analysis_finished, timeout=20000):
        widget.run_button.click()


def test_run_the_analysis_and_turn_the_top_suspect_into_an_inspection_order(qtbot, panel, file_db):
    widget, town = panel
    run(qtbot, widget)
    top = widget.model.row_at(0)
    assert top.meter_id == town["meters"][0] and top.rank == 1
    assert "use fell" in widget.model.index(0, 7).data()
    assert "suspects" in widget.status_label.text()
    widget.view.selectRow(0)
    assert "kWh/day" in widget.detail.text()
    with qtbot.waitSignal(widget.sig_orders_opened, timeout=10000) as opened:
        widget.orders_button.click()
    assert len(opened.args[0].opened) == 1
    with file_db.read() as s:
        order = s.scalar(select(WorkOrder).where(WorkOrder.meter_id == top.meter_id))
    assert order.kind == "inspection" and "use fell" in order.description
    # The panel reads the list again: the suspect now shows its open order.
    qtbot.waitUntil(lambda: widget.model.rowCount() and widget.model.row_at(0).open_order_no
                    == order.order_no, timeout=20000)


def test_cancel_stops_the_analysis_and_keeps_the_list(qtbot, panel):
    widget, _town = panel
    gate = threading.Event()
    # Hold the worker at its first progress report until Cancel was clicked.
    widget._relay = SimpleNamespace(sig_progress=SimpleNamespace(emit=lambda *_a: gate.wait(10)))
    widget.run_button.click()
    assert widget.cancel_button.isEnabled() and not widget.run_button.isEnabled()
    widget.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: "cancelled" in widget.message_bar.text, timeout=20000)
    assert widget.run_button.isEnabled() and widget.model.rowCount() == 0


def test_export_a_route_and_import_its_results_through_the_dialogs(qtbot, panel, file_db, tmp_path):
    widget, town = panel
    run(qtbot, widget)
    widget.view.selectRow(0)
    with qtbot.waitSignal(widget.sig_orders_opened, timeout=10000):
        widget.orders_button.click()
    with qtbot.waitSignal(widget.sig_analysis_finished, timeout=20000):
        pass  # the reload after opening
    widget.route_buttons["export"].click()
    dialog = widget.dialog
    assert isinstance(dialog, ExportRouteDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and dialog.inspector_id is not None,
                    timeout=10000)
    route_file = tmp_path / "route.gdpkg"
    with qtbot.waitSignal(dialog.sig_exported, timeout=10000):
        dialog.export_to(str(route_file))
    with file_db.read() as s:
        route = read_package(route_file.read_bytes(), lambda kid: public_key(s, kid),
                             town["device"])
    stop = route.manifest["stops"][0]
    items = [{"id": "f1", "type": "finding", "work_order_id": stop["work_order_id"],
              "customer_no": stop["customer"]["customer_no"], "finding": "bypass",
              "at": "2026-01-10T09:00:00+08:00", "lat": 35.2, "lon": 115.4}]
    results_file = tmp_path / "results.gdpkg"
    results_file.write_bytes(write_results(route, items))
    widget.route_buttons["import"].click()
    importer = widget.dialog
    assert isinstance(importer, ImportResultsDialog)
    with qtbot.waitSignal(importer.sig_imported, timeout=10000):
        importer.import_from(str(results_file))
    assert "1 applied" in importer.summary.text()
    assert importer.model.index(0, 1).data() == "bypass"
    widget.route_buttons["findings"].click()
    findings = widget.dialog
    qtbot.waitUntil(lambda: findings.model.rowCount() == 1, timeout=10000)
    assert findings.model.index(0, 1).data() == "bypass"
    assert findings.model.index(0, 7).data() == "35.20000, 115.40000"
    bad = tmp_path / "bad.gdpkg"
    bad.write_bytes(results_file.read_bytes()[:-10])
    importer = widget.dialog = ImportResultsDialog(widget._desk, widget)
    importer.import_from(str(bad))
    qtbot.waitUntil(lambda: "cut short" in importer.message_bar.text, timeout=10000)
    # A results file holding a deflated entry that would inflate to 300 MB.
    bomb = tmp_path / "bomb.gdpkg"
    bomb.write_bytes(sealed(route, bomb_zip("manifest.json")))
    importer.import_from(str(bomb))
    qtbot.waitUntil(lambda: "compressed entry" in importer.message_bar.text, timeout=10000)
    assert "Nothing was imported" in importer.message_bar.text
