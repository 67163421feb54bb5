"""The customer display: the payment dialog's figures, the masked name, "power restored",
the idle notices (issue 19 item 4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings, Qt

from console.metering import collector_command_store as store
from console.models import ControlCommand, Customer, Meter
from console.privacy import mask_name
from console.services.control.queries import QueueRow
from tests.devices.counter import (
    Receipts,
    activate,
    counter_hall,
    lookup_panel,
    open_dialog,
    shot,
)
from widgets.control.customer_strip import CustomerControlStrip, attach_control_strip
from widgets.desk import Desk
from widgets.devices.customer_display import CustomerDisplay
from widgets.devices.display_link import DisplayLink, DisplaySettings, customer_screen
from widgets.devices.display_page import DisplayPage


@pytest.fixture
def hall(file_db):
    return counter_hall(file_db)


@pytest.fixture
def counter(qtbot, file_db, tasks, hall, tmp_path):
    """The lookup panel with a customer open, and a display following it."""
    panel = lookup_panel(qtbot, Desk(file_db, tasks, hall["clerk"]), print_receipt=Receipts())
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    link = DisplayLink("牡丹区供电营业厅", settings, panel, panel)
    panel.sig_payment_dialog_opened.connect(link.follow)
    link.preview()  # the offscreen platform has one screen
    activate(qtbot, panel)
    with qtbot.waitSignal(panel.sig_customer_opened, timeout=3000):
        qtbot.keyClicks(panel.lookup.search_edit, hall["farmer_no"])
        qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_Return)
    return panel, link


def texts(display: CustomerDisplay) -> set[str]:
    return {label.text() for label in display.findChildren(type(display.hall_label))}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_display_shows_the_dialogs_amounts_and_the_masked_name_only(
        qtbot, counter, hall, english, lang):
    english(lang)
    panel, link = counter
    display = link.display
    dialog = open_dialog(qtbot, panel)
    yuan = "{} yuan" if lang == "en" else "{} 元"
    qtbot.waitUntil(lambda: display.values["due"].text() == yuan.format("98.62"), timeout=3000)
    qtbot.keyClicks(dialog.tendered_edit, "100")
    assert dialog.change_label.text() == "1.38"
    assert display.values["change"].text() == yuan.format(dialog.change_label.text())
    assert display.values["tendered"].text() == yuan.format("100.00")
    assert display.values["amount"].text() == yuan.format(dialog.amount_edit.text())
    assert display.values["late_fees"].text() == yuan.format(dialog.due.late_fees)
    assert dialog.due.late_fees > 0 and dialog.due.total == Decimal("98.62")
    # The customer's name masked; the number, the address and the full name never.
    masked = mask_name(hall["farmer_name"])
    assert masked in display.name_label.text() and masked != hall["farmer_name"]
    shown = " ".join(texts(display))
    assert hall["farmer_name"] not in shown and hall["farmer_no"] not in shown
    assert display.pages.currentWidget() is display.payment_page
    shot(dialog, f"payment-dialog-{lang}")
    shot(display, f"customer-display-{lang}")
    with qtbot.waitSignal(dialog.sig_payment_posted, timeout=5000):
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: display.status_label.text() in (
        "Payment received. Thank you!", "缴费成功，谢谢！"), timeout=3000)
    assert display.values["change"].text() == yuan.format("1.38")
    shot(display, f"customer-display-paid-{lang}")
    panel.sig_customer_opened.connect(link.customer_opened)  # as CounterDevices wires it
    panel.sig_customer_opened.emit(hall["farmer"])  # the view reloads: still this customer
    assert display.pages.currentWidget() is display.payment_page
    panel.sig_customer_opened.emit(hall["farmer"] + 1)  # the next customer: figures go
    assert display.pages.currentWidget() is display.idle_page and display.amounts is None


def test_a_scan_to_pay_method_shows_no_change_and_no_code_until_one_is_offered(qtbot, counter):
    panel, link = counter
    dialog = open_dialog(qtbot, panel)
    qtbot.keyClick(dialog, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # WeChat
    qtbot.waitUntil(lambda: dialog.method == "wechat", timeout=2000)
    display = link.display
    assert not display.qr_box.isVisible()  # the code comes with Alt+S (tests/devices/test_scan_pay)
    assert not display.values["change"].isVisible()
    assert display.values["amount"].text() == "98.62 yuan"
    shot(display, "customer-display-wechat-en")


def test_a_cancelled_payment_goes_back_to_the_notices(qtbot, counter):
    panel, link = counter
    dialog = open_dialog(qtbot, panel)
    qtbot.waitUntil(lambda: link.display.pages.currentWidget() is link.display.payment_page)
    dialog.reject()
    assert link.display.pages.currentWidget() is link.display.idle_page
    assert link.display.name_label.text() == ""


def _command(customer_id: int, finished: dt.datetime, *, state: str = "confirmed",
             command_id: int = 7) -> QueueRow:
    return QueueRow(command_id=command_id, customer_id=customer_id, customer_no="", customer_name="",
                    unit_name="", meter_id=1, meter_asset_no="", action="reconnect",
                    reason="payment", state=state, rule="", refused_rule="", error="",
                    attempts=1, requested_by=None, requester="", approver="",
                    requested_at=finished, approved_at=finished, sent_at=finished,
                    finished_at=finished, expires_at=None)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_power_restored_once_the_reconnect_of_this_payment_is_confirmed(
        qtbot, counter, hall, file_db, tasks, english, lang):
    english(lang)
    panel, link = counter
    strip = CustomerControlStrip(Desk(file_db, tasks, hall["clerk"]), panel.view)
    link.watch_commands(strip.sig_command_shown)
    dialog = open_dialog(qtbot, panel)
    # The view reloads after the payment and the strip reads the customer's commands (none).
    with qtbot.waitSignal(strip.sig_command_shown, timeout=5000):
        with qtbot.waitSignal(dialog.sig_payment_posted, timeout=5000):
            qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    display, now = link.display, dt.datetime.now(dt.UTC)
    # Still on its way to the meter; an old reconnect; another customer's: not yet.
    strip.sig_command_shown.emit(_command(hall["farmer"], now, state="sent"))
    strip.sig_command_shown.emit(_command(hall["farmer"], now - dt.timedelta(hours=1)))
    strip.sig_command_shown.emit(_command(hall["farmer"] + 1, now))
    assert display.pages.currentWidget() is not display.restored_page
    strip.sig_command_shown.emit(_command(hall["farmer"], now + dt.timedelta(seconds=3)))
    assert display.pages.currentWidget() is display.restored_page
    assert display.restored_label.text() == ("Power restored" if lang == "en" else "已恢复供电")
    shot(display, f"customer-display-restored-{lang}")


def _cut(db, hall) -> None:
    """The farmer as the collector leaves him after a confirmed trip for arrears."""
    meter_id = hall["meter"].id
    with db.session() as s:
        s.add(ControlCommand(meter_id=meter_id, customer_id=hall["farmer"],
                             action="disconnect", reason="arrears", state="confirmed",
                             idempotency_key="cut-arrears", rule="manual"))
        s.get(Customer, hall["farmer"]).control_state = "disconnected"
        s.get(Meter, meter_id).relay_state = "open"


def _collector_confirms(db) -> None:
    """What the collector does with the queued reconnect: send it, read the meter closed."""
    now = dt.datetime.now(dt.UTC)
    [command] = store.due_commands(db, now, limit=5)
    assert command.action == "reconnect" and store.claim(db, command, now)
    outcome = store.Outcome(command, confirmed=True, status_word=0)  # relay closed
    assert store.record_outcome(db, outcome, now, store.RetryPolicy(3, dt.timedelta(0))) \
        == "confirmed"


def test_power_restored_when_the_collector_confirms_the_payments_reconnect(
        qtbot, file_db, tasks, hall, tmp_path, english):
    english("zh_CN")
    _cut(file_db, hall)
    desk = Desk(file_db, tasks, hall["clerk"])
    panel = lookup_panel(qtbot, desk, print_receipt=Receipts())
    strip = attach_control_strip(panel.view, desk)  # as the console's Lookup panel has it
    settings = QSettings(str(tmp_path / "d.ini"), QSettings.Format.IniFormat)
    link = DisplayLink("牡丹区供电营业厅", settings, panel, panel)  # lives as long as the panel
    panel.sig_payment_dialog_opened.connect(link.follow)
    link.watch_commands(strip.sig_command_shown)
    with qtbot.waitSignal(panel.sig_customer_opened, timeout=3000):
        qtbot.keyClicks(panel.lookup.search_edit, hall["farmer_no"])
        qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, panel)
    with qtbot.waitSignal(strip.sig_command_shown, timeout=5000,  # the reconnect is queued
                          check_params_cb=lambda row: row is not None and row.is_open):
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    display = link.display
    assert display.pages.currentWidget() is display.payment_page  # paid, not yet restored
    _collector_confirms(file_db)
    qtbot.waitUntil(lambda: display.pages.currentWidget() is display.restored_page,
                    timeout=5000)  # the strip reads the command every second
    assert display.restored_label.text() == "已恢复供电"


def test_the_idle_notices_advance(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    settings.setValue("display/hours", "8:30–17:30")
    link = DisplayLink("牡丹区供电营业厅", settings)
    display = link.display
    qtbot.addWidget(display)
    display._slide_timer.setInterval(30)  # eight seconds in the hall
    shown = {display.slide_label.text()}
    display.sig_slide_changed.connect(lambda _i: shown.add(display.slide_label.text()))
    qtbot.waitUntil(lambda: len(shown) == len(display.slides), timeout=3000)
    assert "Welcome to 牡丹区供电营业厅" in shown and "Opening hours: 8:30–17:30" in shown
    display.resize(960, 540)
    shot(display, "customer-display-idle-en")


def test_no_second_screen_no_customer_screen(qapp):
    screens = qapp.screens()
    assert customer_screen(screens, screens[0]) is None
    assert customer_screen(["clerk", "customer"], "clerk") == "customer"  # type: ignore[list-item]


def test_the_settings_page_previews_and_tests(qtbot, tmp_path, english):
    english("zh_CN")
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    link = DisplayLink("牡丹区供电营业厅", settings)
    page = DisplayPage(link)
    qtbot.addWidget(page)
    qtbot.addWidget(link.display)
    page.show()
    assert "没有" in page.screen_label.text()
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert link.previewing and link.display.isVisible()
    assert link.display.values["change"].text() == "1.38 元"
    page.hours_edit.setText("周一至周日 8:30–17:30")
    page.hours_edit.editingFinished.emit()
    assert DisplayLink("x", settings).settings.hours == "周一至周日 8:30–17:30"
    shot(page, "display-page-zh_CN")


def test_the_display_is_on_by_default_only_where_payments_are_taken(tmp_path):
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    assert DisplaySettings(settings).enabled
    assert not DisplaySettings(settings, on_by_default=False).enabled  # a supervisor's desk
    DisplaySettings(settings).save(enabled=True, hours="", slide_seconds=8)
    assert DisplaySettings(settings, on_by_default=False).enabled  # once turned on, it is on
