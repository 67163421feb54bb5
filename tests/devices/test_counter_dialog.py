"""The payment dialog with a thermal receipt printer (a real fake printer on loopback TCP):
what the clerk sees and what came out of the printer, read back as the customer would."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from console.devices.fake_printer import FakePrinter, PrinterState
from console.devices.transport import PrinterConfig, PrinterKind
from console.models import AuditEvent, Customer, Payment, ReceiptPrint
from console.services.payments.counter import METHODS
from tests.devices.helpers import decoded_codes
from tests.payments.test_dialog import Receipts, open_dialog, open_panel
from widgets.desk import Desk
from widgets.devices.printer_settings import load_printer_config, save_printer_config
from widgets.devices.settings_dialog import WorkstationSettingsDialog

SHOTS = Path(os.environ.get("GRIDDESK_SHOTS", "")) if os.environ.get("GRIDDESK_SHOTS") else None


@pytest.fixture
def printer(tmp_path):
    with FakePrinter(tmp_path / "jobs") as p:
        host, port = p.address
        save_printer_config(PrinterConfig(kind=PrinterKind.NETWORK, host=host, port=port))
        yield p


def shot(widget, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / name))


def summary(printer: FakePrinter, number: int) -> dict:
    assert printer.wait_for_jobs(number)
    return json.loads(printer.job_path(number, ".json").read_text(encoding="utf-8"))


def count(file_db, what) -> int:
    with file_db.session() as s:
        return s.scalar(select(func.count()).select_from(what))


def pay_cash(qtbot, dialog, tendered: str = "100") -> None:
    qtbot.keyClicks(dialog.tendered_edit, tendered)
    with qtbot.waitSignal(dialog.sig_receipt_done, timeout=8000):
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)


def test_cash_payment_prints_a_chinese_receipt_and_opens_the_drawer(qtbot, file_db, tasks,
                                                                     hall, printer):
    pdfs = Receipts()
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], pdfs, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    pay_cash(qtbot, dialog)
    assert dialog.outcome[1] and "The cash drawer is open." in dialog.outcome[0]
    job = summary(printer, 1)
    assert (job["printed"], job["drawer_kicks"], pdfs.printed) == (True, 1, [])
    text = printer.job_path(1, ".txt").read_text(encoding="utf-8").splitlines()
    assert "实缴金额：￥98.62" in text and "实收：100.00  找零：1.38" in text
    assert "户名：" + "测试" not in text  # the customer, not the clerk, is named
    codes = decoded_codes(printer.job_path(1, ".png"))
    assert codes == {"QRCode": hall["farmer_no"], "Code128": dialog.posted.receipt_no}
    assert count(file_db, ReceiptPrint) == 1


def test_out_of_paper_leaves_it_unprinted_then_reprint_marks_it(qtbot, file_db, tasks, hall,
                                                                 printer):
    printer.state = PrinterState(paper_out=True)
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], Receipts(), hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    pay_cash(qtbot, dialog)
    said = dialog.message_bar.text
    assert "out of paper: load a new roll" in said and "NOT printed" in said
    assert dialog.isVisible() and dialog.reprint_button.isVisible()
    assert (count(file_db, Payment), count(file_db, ReceiptPrint)) == (1, 0)
    assert printer.wait_for_status_connections(1) and printer.status_connections == 1
    assert not printer.wait_for_jobs(1, timeout=0.2)
    shot(dialog, "payment-out-of-paper.png")
    printer.state = PrinterState()  # a new roll
    with qtbot.waitSignal(dialog.sig_receipt_done, timeout=8000):
        qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    job = summary(printer, 1)
    assert "（补打）" in printer.job_path(1, ".txt").read_text(encoding="utf-8")
    assert job["drawer_kicks"] == 1  # the cash drawer opens once, when the receipt prints
    assert (count(file_db, Payment), count(file_db, ReceiptPrint)) == (1, 1)
    with file_db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "payment.receipt_reprinted")) == 1


def test_wechat_payment_prints_without_opening_the_drawer(qtbot, file_db, tasks, hall, printer):
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], Receipts(), hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    key = Qt.Key(Qt.Key.Key_1.value + METHODS.index("wechat"))
    qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
    assert dialog.method == "wechat"
    with qtbot.waitSignal(dialog.sig_receipt_done, timeout=8000):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert summary(printer, 1)["drawer_kicks"] == 0
    assert "drawer" not in dialog.outcome[0]


def test_a_refused_post_neither_prints_nor_kicks(qtbot, file_db, tasks, hall, printer):
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], Receipts(), hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    with file_db.session() as s:  # closed at another desk while the dialog was open
        s.get(Customer, hall["farmer"]).status = "closed"
    qtbot.keyClicks(dialog.tendered_edit, "100")
    qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.message_bar.text), timeout=5000)
    assert dialog.posted is None and count(file_db, Payment) == 0
    assert not printer.wait_for_jobs(1, timeout=0.3) and printer.status_connections == 0


def test_customer_view_reprint_goes_to_the_thermal_printer(qtbot, file_db, tasks, hall, printer):
    pdfs = Receipts()
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], pdfs, hall["farmer_no"])
    pay_cash(qtbot, open_dialog(qtbot, panel))
    summary(printer, 1)
    qtbot.waitUntil(lambda: panel.payment_dialog is None, timeout=3000)
    payment_id = panel.view.detail.payments[0].id
    panel.view.sig_reprint_requested.emit(payment_id)
    job = summary(printer, 2)
    assert (job["drawer_kicks"], pdfs.printed) == (0, [])
    assert "（补打）" in printer.job_path(2, ".txt").read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: "reprinted" in panel.view.message_bar.text, timeout=3000)


def test_settings_page_saves_tests_and_guards_the_drawer(qtbot, file_db, tasks, hall, printer):
    clerk = WorkstationSettingsDialog(Desk(file_db, tasks, hall["clerk"]))
    qtbot.addWidget(clerk)
    page = clerk.printer_page
    assert not page.open_drawer_button.isEnabled()
    assert "Only a supervisor" in page.open_drawer_button.toolTip()
    with qtbot.waitSignal(page.sig_status_read, timeout=5000):
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert "Printer ready." in page.status_label.text()
    assert summary(printer, 1)["printed"]
    assert "打印测试页" in printer.job_path(1, ".txt").read_text(encoding="utf-8")
    assert set(decoded_codes(printer.job_path(1, ".png"))) == {"QRCode", "Code128"}
    page.paper_combo.setCurrentIndex(page.paper_combo.findData(58))
    clerk.accept()
    assert load_printer_config().paper_mm == 58
    boss = WorkstationSettingsDialog(Desk(file_db, tasks, hall["boss"]))
    qtbot.addWidget(boss)
    boss.show()
    page = boss.printer_page
    page.reason_edit.setText("备用金换零钱")
    with qtbot.waitSignal(page.sig_drawer_opened, timeout=5000):
        qtbot.mouseClick(page.open_drawer_button, Qt.MouseButton.LeftButton)
    assert summary(printer, 2)["drawer_kicks"] == 1
    printer.state = PrinterState(drawer_open=True)
    with qtbot.waitSignal(page.sig_status_read, timeout=5000):
        qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    assert "Cash drawer open." in page.status_label.text()
    shot(boss, "workstation-settings.png")
    with file_db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "drawer.opened_without_sale")) == 1


def test_post_amount_is_the_printed_amount(qtbot, file_db, tasks, hall, printer):
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], Receipts(), hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    dialog.amount_edit.setText("120.00")
    pay_cash(qtbot, dialog, "200")
    assert dialog.posted.amount == Decimal("120.00")
    summary(printer, 1)
    text = printer.job_path(1, ".txt").read_text(encoding="utf-8")
    assert "实缴金额：￥120.00" in text and "找零：80.00" in text
    shot(dialog, "payment-printed.png")


def test_the_account_menu_opens_the_workstation_settings(qtbot, file_db, tasks, hall, settings):
    from widgets.main_window import MainWindow

    window = MainWindow(file_db, tasks, hall["clerk"], settings=settings)
    qtbot.addWidget(window)
    assert window.devices_action in window.account_menu.actions()
    window.devices_action.trigger()
    dialog = window.findChild(WorkstationSettingsDialog)
    assert dialog is not None and dialog.isVisible()
    # The printer's, the customer display's and the scanner's tabs; another device adds its own.
    assert [dialog.tabs.tabText(i) for i in range(3)] == [
        "Receipt printer and drawer", "Customer display", "Scanner"]
    extra = QLabel("钱箱")
    assert dialog.add_page("钱箱", extra) == 3 and dialog.pages()[3] is extra
    dialog.reject()
