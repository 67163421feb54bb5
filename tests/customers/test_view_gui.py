"""The customer view as the counter sees it."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from console.models import (
    AuditEvent,
    Bill,
    ControlCommand,
    LedgerEntry,
    Meter,
    Notice,
    Payment,
    Reading,
)
from console.services.customers.view import customer_detail, reveal_contact
from console.timeutil import local_today
from tests import factories as f
from widgets.customers.view import CustomerView
from widgets.desk import Desk

UTC = dt.UTC
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def farmer(file_db):
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        c = f.customer(s, unit, tariff, number="3700000101")
        c.phone, c.id_number, c.address = "13800135678", "371702199001011234", "曹县青菏街道王庄村3排12号"
        m = f.meter(s, unit, c)
        due = local_today() - dt.timedelta(days=23)
        s.add(Bill(bill_no="B1", customer_id=c.id, meter_id=m.id, tariff_id=tariff.id,
                   period="2026-10", kwh=Decimal("176.27"), amount=Decimal("96.40"),
                   paid_amount=Decimal("0"), due_date=due, status="open"))
        s.add(LedgerEntry(customer_id=c.id, kind="charge", amount=Decimal("-96.40")))
        s.add(Reading(meter_id=m.id, read_at=dt.datetime(2026, 11, 1, tzinfo=UTC),
                      energy_total=Decimal("1234.56")))
        f.installed_seal(s, unit, m, serial=5)
        clerk = f.actor(s, unit, username="clerk", role="counter")
        boss = f.actor(s, unit, username="boss", role="supervisor")
    return c.id, clerk, boss


def make_view(qtbot, tasks, db, actor):
    view = CustomerView(Desk(db, tasks, actor), lambda cid: customer_detail(db, actor, cid),
                        lambda cid, why: reveal_contact(db, actor, cid, purpose=why))
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    return view


def test_the_clerk_sees_what_is_owed_with_masked_contact(qtbot, tasks, file_db, farmer):
    cid, clerk, _ = farmer
    view = make_view(qtbot, tasks, file_db, clerk)
    with qtbot.waitSignal(view.sig_loaded, timeout=3000):
        view.load(cid)
    value = lambda key: view.fields[key][1].text()
    assert value("arrears") == "96.40"
    assert value("late_fees").startswith("2.22")  # 1‰ a day for 23 days
    assert value("amount_due") == "98.62"
    assert value("phone") == "138****5678"
    assert not view.reveal_button.isVisible()
    assert view.models["bills"].rowCount() == 1 and view.models["seals"].rowCount() == 1


def test_supervisor_reveals_the_whole_number(qtbot, tasks, file_db, farmer):
    cid, _, boss = farmer
    view = make_view(qtbot, tasks, file_db, boss)
    with qtbot.waitSignal(view.sig_loaded, timeout=3000):
        view.load(cid)
    assert view.reveal_button.isVisible()
    view.reveal_button.click()
    dialog = view.purpose_dialog
    assert view.fields["phone"][1].text() == "138****5678"  # not before a purpose is given
    dialog.purpose_combo.setCurrentIndex(dialog.purpose_combo.findData("complaint"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.fields["phone"][1].text() == "13800135678", timeout=3000)
    assert view.fields["id_number"][1].text() == "371702199001011234"
    with file_db.session() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert (event.action, event.actor_name, json.loads(event.after)) == (
        "customer.contact_revealed", "boss", {"purpose": "complaint"})


def test_a_cancelled_purpose_reveals_nothing_and_records_nothing(qtbot, tasks, file_db, farmer):
    cid, _, boss = farmer
    view = make_view(qtbot, tasks, file_db, boss)
    with qtbot.waitSignal(view.sig_loaded, timeout=3000):
        view.load(cid)
    with file_db.session() as s:
        before = s.scalar(select(func.count()).select_from(AuditEvent))
    view.reveal_button.click()
    qtbot.mouseClick(view.purpose_dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert view.fields["phone"][1].text() == "138****5678"
    with file_db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_screenshot_in_chinese(qtbot, tasks, file_db, farmer, english, tmp_path):
    cid, clerk, _ = farmer
    english("zh_CN")
    view = make_view(qtbot, tasks, file_db, clerk)
    with qtbot.waitSignal(view.sig_loaded, timeout=3000):
        view.load(cid)
    QApplication.processEvents()
    path = tmp_path / "customer_view.png"
    if os.environ.get("GRIDDESK_SHOTS"):
        path = Path(os.environ["GRIDDESK_SHOTS"]) / "customer_view.png"
    assert view.grab().save(str(path)) and path.stat().st_size > 10_000


def test_the_history_tabs_read_in_chinese_not_in_stored_codes(qtbot, tasks, file_db, farmer,
                                                               english):
    """Notices and disconnect/reconnect commands in words: no 'sms', 'disconnect', 'failed'."""
    cid, clerk, _ = farmer
    with file_db.session() as s:
        meter_id = s.scalars(select(Meter.id).where(Meter.customer_id == cid)).one()
        s.add(Notice(doc_no="TZ1", customer_id=cid, kind="reminder", channel="sms",
                     status="sent", amount=Decimal("96.40")))
        s.add(ControlCommand(meter_id=meter_id, customer_id=cid, action="disconnect",
                             reason="arrears", state="failed", idempotency_key="k1",
                             refused_rule="", error="timeout: 3 tries, 2.0 s each"))
    english("zh_CN")
    view = make_view(qtbot, tasks, file_db, clerk)
    with qtbot.waitSignal(view.sig_loaded, timeout=3000):
        view.load(cid)

    def row(name: str) -> list[str]:
        model = view.models[name]
        return [model.index(0, c).data() for c in range(model.columnCount())]
    notice, command = row("notices"), row("commands")
    assert notice[2:5] == ["催费通知", "短信", "已发送"]
    assert command[1:4] == ["停电", "欠费", "失败"]
    assert CJK.search(command[5]) and "timeout" not in command[5]


def _payment_rows(view) -> dict[str, int]:
    """Receipt no. -> row of the Payments tab."""
    model = view.models["payments"]
    return {model.row_at(i).receipt_no: i for i in range(model.rowCount())}


def test_reverse_is_greyed_out_on_ones_own_payment_and_offered_on_a_clerks(qtbot, tasks,
                                                                           file_db, farmer):
    # Separation of duties (issue 16): the service refuses a supervisor's own payment and
    # one taken at another unit, so the menu must not offer them as if it would work.
    from console.services.payments.counter import post_payment
    cid, clerk, boss = farmer
    own = post_payment(file_db, boss, customer_id=cid, amount="10", method="cash",
                       idempotency_key="boss-took-it").receipt_no
    clerks = post_payment(file_db, clerk, customer_id=cid, amount="20", method="cash",
                          idempotency_key="clerk-took-it").receipt_no
    with file_db.session() as s:
        county = f.unit(s, code="37029", name="曹县供电所")
        s.add(Payment(customer_id=cid, unit_id=county.id, amount=Decimal("5"), method="cash",
                      receipt_no="CX-0001", idempotency_key="taken-in-caoxian"))
    view = CustomerView(Desk(file_db, tasks, boss), lambda c: customer_detail(file_db, boss, c),
                        can_pay=True, can_reverse=True)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.sig_loaded, timeout=3000):
        view.load(cid)
    rows, table, action = _payment_rows(view), view.tables["payments"], view.reverse_action
    assert action in table.actions() and not action.isEnabled()  # nothing selected yet
    table.selectRow(rows[own])
    assert not action.isEnabled()
    assert "You took this payment yourself" in action.toolTip()
    table.selectRow(rows["CX-0001"])
    assert not action.isEnabled() and "another unit" in action.toolTip()
    table.selectRow(rows[clerks])
    assert action.isEnabled() and "yourself" not in action.toolTip()
    with qtbot.waitSignal(view.sig_reversal_requested, timeout=1000) as asked:
        action.trigger()
    assert asked.args[1] == clerks


def test_the_refusal_reads_in_chinese(qtbot, tasks, file_db, farmer, english):
    from console.services.payments.counter import post_payment
    cid, _clerk, boss = farmer
    english("zh_CN")
    post_payment(file_db, boss, customer_id=cid, amount="10", method="cash",
                 idempotency_key="boss-took-it")
    view = CustomerView(Desk(file_db, tasks, boss), lambda c: customer_detail(file_db, boss, c),
                        can_reverse=True)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.sig_loaded, timeout=3000):
        view.load(cid)
    view.tables["payments"].selectRow(0)
    assert "职责分离" in view.reverse_action.toolTip()
