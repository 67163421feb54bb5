"""From the arrears panel to an approvable request: the plan names the customer and what is
missing, the reminder goes with the request, a refusal is never green (issue 13.1, 13.14)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from console.models import Customer, Notice, utcnow
from tests import factories as f
from tests.billing_helpers import account, add_bill, days_ago
from tests.clock import midday as midday  # the fixture
from tests.control.test_commands import policy
from tests.control.test_panel import open_panel as open_panel  # the fixture
from widgets.arrears.panel import ArrearsPanel
from widgets.control.model import Column
from widgets.desk import Desk

_docs = iter(range(1, 10_000))


def served(s, customer, *, reminder: bool) -> None:
    """A disconnect notice served 8 days ago whose period is over (and today's reminder)."""
    now = utcnow()
    customer.control_state = "notice"
    kinds = [("disconnect", now - dt.timedelta(days=8), now - dt.timedelta(days=1))]
    if reminder:
        kinds.append(("disconnect_reminder", now - dt.timedelta(minutes=1), None))
    for kind, when, deadline in kinds:
        n = next(_docs)
        s.add(Notice(doc_no=f"TG{n:010d}", customer_id=customer.id, kind=kind, channel="sms",
                     status="sent", created_at=when, sent_at=when, served_at=when,
                     deadline=deadline, dedupe_key=f"gui:{n}"))


@pytest.fixture
def hall(file_db, midday):
    """Cuts allowed at any hour; 陆春梅 is ready but for the reminder, 赵娟慧 has no notice.

    At local midday: near midnight the reminder would wait for tomorrow (tests/clock.py)."""
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        policy(s, unit, quiet_start=dt.time(0), quiet_end=dt.time(0), no_weekends=False,
               no_holidays=False)
        ready, meter = account(s, unit, tariff)
        ready.name = "陆春梅"
        add_bill(s, ready, meter, period="2026-08", amount="169.97", due=days_ago(40))
        served(s, ready, reminder=False)
        bare, meter = account(s, unit, tariff)
        bare.name = "赵娟慧"
        add_bill(s, bare, meter, period="2026-08", amount="88.00", due=days_ago(40))
        s.flush()
        return {"ready": ready.id, "ready_no": ready.customer_no, "bare": bare.id,
                "boss": f.actor(s, unit, username="boss", role="supervisor"),
                "boss2": f.actor(s, unit, username="boss2", role="supervisor")}


@pytest.fixture
def panel(qtbot, file_db, tasks, hall):
    widget = ArrearsPanel(Desk(file_db, tasks, hall["boss"]), poll_ms=60000)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    with qtbot.waitSignal(widget.sig_loaded, timeout=5000):
        widget.show()
    return widget


def plan_for(qtbot, panel, customer_id):
    panel.view.clearSelection()
    panel.view.selectRow(panel.model.row_of(customer_id))
    with qtbot.waitSignal(panel.sig_dialog_opened, timeout=5000) as opened:
        panel.actions["disconnect_request"].click()
    return opened.args[0]


def test_the_request_names_the_customer_and_sends_the_missing_reminder(qtbot, file_db, panel,
                                                                       hall, open_panel):
    dialog = plan_for(qtbot, panel, hall["ready"])
    question = dialog.question_label.text()
    assert hall["ready_no"] in question and "陆春梅" in question and "169.97" in question
    assert "30-minute reminder" in dialog.lines_label.text()
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        dialog.request_button.click()
    assert panel.message_bar.property("kind") == "success"
    assert "1 disconnection request recorded" in panel.message_bar.text
    assert "1 30-minute reminder sent" in panel.message_bar.text
    # The second supervisor sees when the request becomes approvable.
    switch = open_panel(hall["boss2"])
    command_id = switch.model.row_at(0).command_id
    note = switch.model.index(0, Column.NOTE).data()
    assert note.startswith("Approvable from ") and "30-minute reminder" in note
    switch.select_command(command_id)
    switch.buttons["approve"].click()
    qtbot.waitUntil(lambda: "Possible from" in switch.message_bar.text, timeout=5000)
    assert "30-minute reminder period is not over" in switch.message_bar.text


def test_a_request_that_cannot_be_made_is_never_a_green_success(qtbot, file_db, panel, hall):
    dialog = plan_for(qtbot, panel, hall["bare"])
    assert not dialog.request_button.isEnabled()
    assert dialog.serve_button.isVisible()
    assert "no disconnect notice served" in dialog.lines_label.text()
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        dialog.serve_button.click()
    with file_db.session() as s:
        assert s.get(Customer, hall["bare"]).control_state == "notice"
        assert s.scalar(select(Notice.kind).where(Notice.customer_id == hall["bare"])) == \
            "disconnect"
    # Ask twice in one day: the second answer says it is waiting, not "0 recorded" in green.
    first = plan_for(qtbot, panel, hall["ready"])
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        first.request_button.click()
    again = plan_for(qtbot, panel, hall["ready"])
    assert not again.request_button.isEnabled()
    assert "already requested" in again.lines_label.text()


def test_a_confirmed_command_stays_in_the_open_view_for_a_while_marked(qtbot, file_db, hall,
                                                                       open_panel):
    from console.models import ControlCommand, Meter

    with file_db.session() as s:
        meter_id = s.scalar(select(Meter.id).where(Meter.customer_id == hall["ready"]))
        for key, ended in (("just", 1), ("long-ago", 30)):
            s.add(ControlCommand(meter_id=meter_id, customer_id=hall["ready"],
                                 action="disconnect", reason="arrears", state="confirmed",
                                 idempotency_key=key, rule="manual", refused_rule="", error="",
                                 attempts=1, finished_at=utcnow() - dt.timedelta(minutes=ended)))
    switch = open_panel(hall["boss"])
    assert switch.scope_combo.currentData() == "open"
    assert switch.model.rowCount() == 1  # the one confirmed a minute ago, not the old one
    note = switch.model.index(0, Column.NOTE).data()
    assert note.startswith("Ended — leaves this view") and "Confirmed by the meter" in note


def test_the_switch_dialog_offers_the_missing_reminder_instead_of_a_dead_end(qtbot, file_db,
                                                                            hall, open_panel):
    panel = open_panel(hall["boss"])
    dialog = panel.open_confirmation(hall["ready"])
    with qtbot.waitSignal(dialog.sig_facts_loaded, timeout=5000):
        pass
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("arrears"))
    dialog.checked_box.setChecked(True)
    assert not dialog.remind_box.isVisible()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "30-minute reminder was not sent" in dialog.message_bar.text,
                    timeout=5000)
    assert dialog.remind_box.isVisible() and dialog.remind_box.isChecked()
    with qtbot.waitSignal(dialog.sig_requested, timeout=5000) as asked:
        dialog.ok_button.click()
    assert asked.args[0].state == "requested"
    with file_db.session() as s:
        assert s.scalar(select(Notice.kind).where(Notice.customer_id == hall["ready"],
                                                  Notice.kind == "disconnect_reminder"))


def test_the_switch_dialog_labels_arrears_and_owed_as_the_arrears_panel_does(qtbot, file_db,
                                                                            panel, hall,
                                                                            open_panel):
    from console.models import Meter
    from console.timeutil import local_today

    with file_db.session() as s:
        customer = s.get(Customer, hall["ready"])
        meter = s.scalar(select(Meter).where(Meter.customer_id == customer.id))
        add_bill(s, customer, meter, period="2026-10", amount="63.19",
                 due=local_today() + dt.timedelta(days=5))
    row = panel.model.row_at(panel.model.row_of(hall["ready"]))
    switch = open_panel(hall["boss"])
    dialog = switch.open_confirmation(hall["ready"])
    with qtbot.waitSignal(dialog.sig_facts_loaded, timeout=5000):
        pass
    assert dialog.captions["amount_due"].text() == "Owed in total (yuan)"
    breakdown = dialog.values["breakdown"].text()
    assert f"arrears (overdue) {row.arrears:,.2f}" in breakdown
    assert "not yet due 63.19" in breakdown


def test_a_request_for_several_names_the_count_and_the_first_customers(qtbot, panel, hall):
    panel.view.selectAll()
    with qtbot.waitSignal(panel.sig_dialog_opened, timeout=5000) as opened:
        panel.actions["disconnect_request"].click()
    question = opened.args[0].question_label.text()
    assert question.startswith("Request disconnection of 2 customers: ")
    assert "陆春梅" in question and "赵娟慧" in question
