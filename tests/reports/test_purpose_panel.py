"""The reports panel asks what a report is for and records it (issue 16 item 4); the
supervisor finds the statement in the customer's access trail."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from console.models import AuditEvent
from tests.reports.helpers import history_hall, pages_text
from widgets.desk import Desk
from widgets.reports.panel import ReportsPanel


@pytest.fixture
def panel(qtbot, file_db, tasks):
    hall = history_hall(file_db)
    widget = ReportsPanel(Desk(file_db, tasks, hall["boss"]))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    qtbot.waitUntil(lambda: widget.unit_combo.count() > 0, timeout=5000)
    return widget, hall


def generate(qtbot, panel: ReportsPanel) -> None:
    with qtbot.waitSignal(panel.viewer.sig_generated, timeout=20000):
        panel.generate_button.click()


def last_event(db) -> AuditEvent:
    with db.session() as s:
        return s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()


def test_a_statement_for_a_complaint_shows_in_the_trail(qtbot, panel, file_db):
    widget, hall = panel
    widget.choose("aging")
    assert widget.purpose_combo.currentData() == "reporting"
    widget.choose("statement")
    assert widget.purpose_combo.isVisibleTo(widget)
    assert widget.purpose_combo.currentData() == "counter_service"
    widget.customer_edit.setText(hall["farmer_no"])
    widget.purpose_combo.setCurrentIndex(widget.purpose_combo.findData("complaint"))
    generate(qtbot, widget)
    event = last_event(file_db)
    assert (event.action, event.entity_id, json.loads(event.after)["purpose"]) == (
        "customer.printed", str(hall["farmer"]), "complaint")
    widget.choose("access_trail")
    widget.customer_edit.setText(hall["farmer_no"])
    generate(qtbot, widget)
    text = "".join(pages_text(widget.viewer.pdf))
    assert "打印单据" in text and "投诉处理" in text and widget.viewer.doc_no in \
        json.loads(last_event(file_db).after)["doc_no"]


def test_the_command_line_records_the_purpose_it_is_given(file_db, tmp_path, capsys):
    from console.cli import main
    from tests.operators import as_service

    hall = history_hall(file_db)
    target, scheduled = tmp_path / "statement.pdf", as_service(file_db, "reports")
    assert main(["report", "statement", "--customer", hall["farmer_no"], "--purpose", "legal",
                 "-o", str(target), "--db", file_db.url, *scheduled]) == 0
    event = last_event(file_db)
    assert (event.action, event.entity_id, json.loads(event.after)["purpose"]) == (
        "customer.printed", str(hall["farmer"]), "legal")
    with pytest.raises(SystemExit):  # not a purpose of the list: nothing made
        main(["report", "statement", "--customer", hall["farmer_no"], "--purpose", "curious",
              "-o", str(tmp_path / "x.pdf"), "--db", file_db.url, *scheduled])
    assert last_event(file_db).seq == event.seq and not (tmp_path / "x.pdf").exists()
