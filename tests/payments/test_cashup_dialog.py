"""Cash-up: the clerk counts blind, the supervisor closes the day and sees the differences."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from console.models import DayClose
from console.services.payments.counter import post_payment
from tests.billing_helpers import service_hall
from widgets.desk import Desk
from widgets.payments.cashup_dialog import CashUpDialog

D = Decimal


@pytest.fixture
def day(file_db):
    h = service_hall(file_db)
    for key, amount, method in (("a", "98.62", "cash"), ("b", "50.00", "wechat")):
        post_payment(file_db, h["clerk"], customer_id=h["farmer"], amount=amount, method=method,
                     idempotency_key=key)
    return h


def test_blind_count_then_supervisor_close_shows_differences(qtbot, file_db, tasks, day):
    clerk = CashUpDialog(Desk(file_db, tasks, day["clerk"]), supervisor=False)
    qtbot.addWidget(clerk)
    clerk.show()
    assert not clerk.table.isVisible()  # nothing expected on the clerk's screen
    assert "98.62" not in clerk.intro_label.text()
    qtbot.keyClicks(clerk.edits["cash"], "98.00")
    qtbot.keyClicks(clerk.edits["wechat"], "50")
    with qtbot.waitSignal(clerk.sig_done, timeout=3000):
        clerk.ok_button.click()
    assert "148.00 yuan was recorded" in clerk.message_bar.text

    boss = CashUpDialog(Desk(file_db, tasks, day["boss"]), supervisor=True)
    qtbot.addWidget(boss)
    boss.show()
    qtbot.waitUntil(lambda: boss.edits["cash"].text() == "98.00", timeout=3000)
    assert "测试clerk" in boss.clerk_combo.currentText()
    assert "counted" in boss.clerk_combo.currentText()
    with qtbot.waitSignal(boss.sig_done, timeout=3000) as closed:
        boss.ok_button.click()
    result = closed.args[0]
    assert (result.expected, result.counted, result.difference) == (D("148.62"), D("148.00"),
                                                                    D("-0.62"))
    cash_row = [boss.table.item(0, c).text() for c in range(4)]
    assert cash_row == ["Cash", "98.62", "98.00", "-0.62"]
    assert "Short by 0.62 yuan" in boss.summary_label.text()
    with file_db.session() as s:
        assert s.scalar(select(DayClose.operator_id)) == day["clerk"].user_id


def test_a_closed_day_refuses_a_recount(qtbot, file_db, tasks, day):
    from console.services.payments.cashup import close_day
    from console.timeutil import local_today
    close_day(file_db, day["boss"], day["clerk"].user_id, local_today(), {"cash": "98.62"})
    clerk = CashUpDialog(Desk(file_db, tasks, day["clerk"]), supervisor=False)
    qtbot.addWidget(clerk)
    clerk.show()
    clerk.edits["cash"].setText("1")
    clerk.ok_button.click()
    qtbot.waitUntil(lambda: "cash-up of" in clerk.message_bar.text, timeout=3000)


def test_a_bad_count_is_refused_inline(qtbot, file_db, tasks, day):
    clerk = CashUpDialog(Desk(file_db, tasks, day["clerk"]), supervisor=False)
    qtbot.addWidget(clerk)
    clerk.show()
    clerk.edits["card"].setText("12.345")
    clerk.ok_button.click()
    assert "more than two decimals" in clerk.message_bar.text


def test_the_account_menu_offers_each_role_its_cash_up(qtbot, file_db, tasks, day, settings):
    from widgets.main_window import MainWindow

    clerk = MainWindow(file_db, tasks, day["clerk"], settings=settings)
    qtbot.addWidget(clerk)
    assert clerk.count_action.isVisible() and not clerk.close_day_action.isVisible()
    boss = MainWindow(file_db, tasks, day["boss"], settings=settings)
    qtbot.addWidget(boss)
    assert boss.close_day_action.isVisible()
    boss.close_day_action.trigger()
    dialog = boss.findChild(CashUpDialog)
    assert dialog is not None and dialog.supervisor
    dialog.close()
