"""A consumption export asks why, is recorded on the customer, then written (issue 16)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from console.models import AuditEvent
from tests.consumption.test_chart import household, load, make_chart  # noqa: F401 (fixture)
from widgets.consumption import export_audit
from widgets.customers.purpose_dialog import PurposeDialog
from widgets.desk import Desk


def audited_chart(qtbot, tasks, file_db, household):  # noqa: F811 (the fixture's value)
    customer_id, _meter, clerk = household
    chart = export_audit.audit_exports(make_chart(qtbot, tasks, file_db, clerk),
                                       Desk(file_db, tasks, clerk))
    load(qtbot, chart, customer_id)
    return chart, customer_id


def events(db) -> list[AuditEvent]:
    with db.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == "customer.exported")))


def test_the_export_is_recorded_with_its_purpose_before_the_file(qtbot, tasks, file_db,
                                                                  household, tmp_path,  # noqa: F811
                                                                  monkeypatch):
    chart, customer_id = audited_chart(qtbot, tasks, file_db, household)
    target = tmp_path / "daily.csv"
    monkeypatch.setattr(export_audit, "ask_save_path", lambda *_a, **_k: target)
    chart.export_csv_button.click()
    dialog = chart.findChild(PurposeDialog)
    dialog.purpose_combo.setCurrentIndex(dialog.purpose_combo.findData("complaint"))
    with qtbot.waitSignal(chart.sig_exported, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # the CSV, for Excel
    [event] = events(file_db)
    assert (event.entity_id, event.actor_name) == (str(customer_id), "lina")
    assert json.loads(event.after)["purpose"] == "complaint"
    assert json.loads(event.after)["what"].endswith(" csv")


def test_a_cancelled_purpose_writes_no_file_and_no_record(qtbot, tasks, file_db, household,  # noqa: F811
                                                          tmp_path, monkeypatch):
    chart, _ = audited_chart(qtbot, tasks, file_db, household)
    monkeypatch.setattr(export_audit, "ask_save_path", lambda *_a, **_k: tmp_path / "x.png")
    with file_db.session() as s:
        before = s.scalar(select(func.count()).select_from(AuditEvent))
    chart.export_png_button.click()
    qtbot.mouseClick(chart.findChild(PurposeDialog).cancel_button, Qt.MouseButton.LeftButton)
    assert not (tmp_path / "x.png").exists()
    with file_db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == before
