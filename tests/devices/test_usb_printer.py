"""A USB receipt printer through its Linux device file (/dev/usb/lp0), with a real
pseudo-terminal standing in for the device and the fake printer reading the other end:
the receipt read back, out of paper, a missing device and one the user may not open."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from console.devices import usblp
from console.devices.fake_device import FakeUsbPrinter
from console.devices.fake_printer import PrinterState
from console.devices.transport import (
    PrinterConfig,
    PrinterKind,
    PrinterNotReady,
    ReceiptPrinterUnavailable,
    deliver,
    printer_status,
)
from console.models import Payment, ReceiptPrint
from reports.receipt_escpos import escpos_receipt
from tests.devices.counter import shot
from tests.devices.helpers import decoded_codes, receipt
from tests.devices.test_counter_dialog import count, pay_cash, summary
from tests.payments.test_dialog import Receipts, open_dialog, open_panel
from widgets.desk import Desk
from widgets.devices.printer_settings import load_printer_config, save_printer_config
from widgets.devices.printer_words import failure_text
from widgets.devices.settings_dialog import WorkstationSettingsDialog
from widgets.devices.thermal import print_test_page
from widgets.status_bar import ConsoleStatusBar

pytestmark = pytest.mark.skipif(os.name != "posix", reason="USB device files are Linux's")


@pytest.fixture
def usb(tmp_path):
    with FakeUsbPrinter(tmp_path / "jobs", link=tmp_path / "lp0") as device:
        yield device


def config(device: FakeUsbPrinter | str) -> PrinterConfig:
    path = device if isinstance(device, str) else device.path
    return PrinterConfig(kind=PrinterKind.USB, device=path)


def test_a_chinese_receipt_over_usb_reads_back_with_its_codes(usb):
    status = deliver(config(usb), escpos_receipt(receipt()))
    assert status.ready
    assert usb.wait_for_jobs(1)
    text = usb.job_path(1, ".txt").read_text(encoding="utf-8").splitlines()
    assert "户名：张三" in text and "实缴金额：￥1,234.56" in text
    assert decoded_codes(usb.job_path(1, ".png")) == {
        "QRCode": "3701000000123", "Code128": "37170101202600000123"}


def test_out_of_paper_sends_nothing_and_says_what_to_do(usb):
    usb.state = PrinterState(paper_out=True)
    with pytest.raises(PrinterNotReady) as caught:
        deliver(config(usb), escpos_receipt(receipt()))
    assert "out of paper: load a new roll" in failure_text(caught.value)
    assert not usb.wait_for_jobs(1, timeout=0.5)  # a status read only: nothing printed


def test_a_missing_device_and_a_forbidden_one_say_what_to_do(tmp_path, monkeypatch):
    with pytest.raises(ReceiptPrinterUnavailable) as missing:
        printer_status(config(str(tmp_path / "lp7")))
    assert missing.value.params["detail"] == "usb_missing"
    assert "check that its cable is plugged in" in failure_text(missing.value)

    def forbidden(path, flags):  # the tests run as root, who may open anything
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(usblp.os, "open", forbidden)
    with pytest.raises(ReceiptPrinterUnavailable) as denied:
        printer_status(config("/dev/usb/lp0"))
    said = failure_text(denied.value)
    assert "lp" in said and "usermod -aG lp" in said and "log out" in said


def test_a_device_that_does_not_answer_is_not_a_printer(tmp_path):
    master, slave = os.openpty()  # a terminal nobody answers on
    try:
        with pytest.raises(ReceiptPrinterUnavailable) as silent:
            printer_status(PrinterConfig(kind=PrinterKind.USB, device=os.ttyname(slave),
                                         timeout=0.3))
        assert silent.value.params["detail"] == "no_status"
    finally:
        os.close(master)
        os.close(slave)


def test_a_usb_payment_out_of_paper_stays_unprinted_and_posted_once(qtbot, file_db, tasks,
                                                                   hall, usb):
    usb.state = PrinterState(paper_out=True)
    save_printer_config(config(usb))
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], Receipts(), hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    pay_cash(qtbot, dialog)
    said = dialog.message_bar.text
    assert "out of paper: load a new roll" in said and "NOT printed" in said
    assert dialog.reprint_button.isVisible()
    assert (count(file_db, Payment), count(file_db, ReceiptPrint)) == (1, 0)
    usb.state = PrinterState()
    with qtbot.waitSignal(dialog.sig_receipt_done, timeout=8000):
        qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    job = summary(usb.printer, 1)
    assert job["printed"] and job["drawer_kicks"] == 1
    assert "（补打）" in usb.job_path(1, ".txt").read_text(encoding="utf-8")
    assert (count(file_db, Payment), count(file_db, ReceiptPrint)) == (1, 1)


def test_the_settings_page_offers_usb_devices_and_prints_a_test_page(qtbot, file_db, tasks,
                                                                    hall, usb, monkeypatch,
                                                                    english):
    monkeypatch.setattr(usblp, "DEVICE_GLOB", usb.path)  # the pty is "/dev/usb/lp0"
    monkeypatch.setattr("widgets.devices.printer_page.find_usb_printers",
                        lambda: usblp.find_usb_printers(usb.path))
    english("zh_CN")
    dialog = WorkstationSettingsDialog(Desk(file_db, tasks, hall["clerk"]))
    qtbot.addWidget(dialog)
    page = dialog.printer_page
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("usb"))
    dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSizeHint()))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert page.usb_combo.isVisible() and not page.device_edit.isVisible()
    assert page.usb_combo.currentText() == usb.path
    assert usb.path in page.status_label.text() and "lp" in page.status_label.text()
    shot(dialog, "workstation-settings-usb-found")
    with qtbot.waitSignal(page.sig_status_read, timeout=5000):
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert "打印机就绪" in page.status_label.text()
    assert summary(usb.printer, 1)["printed"]
    assert "打印测试页" in usb.job_path(1, ".txt").read_text(encoding="utf-8")
    shot(dialog, "workstation-settings-usb")
    dialog.accept()
    assert load_printer_config() == config(usb)


def test_the_settings_page_says_when_no_usb_printer_is_plugged_in(qtbot, file_db, tasks, hall,
                                                                 monkeypatch):
    monkeypatch.setattr("widgets.devices.printer_page.find_usb_printers", lambda: [])
    dialog = WorkstationSettingsDialog(Desk(file_db, tasks, hall["clerk"]))
    qtbot.addWidget(dialog)
    page = dialog.printer_page
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("usb"))
    assert "No USB printer is plugged in" in page.status_label.text()
    page.usb_combo.setCurrentText("/dev/usb/lp3")  # typed by hand
    with qtbot.waitSignal(page.sig_failed, timeout=5000) as failed:
        qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    assert "No USB printer at /dev/usb/lp3" in failed.args[0]


def test_the_status_bar_reads_a_usb_printer_and_says_when_it_is_unplugged(qtbot, english,
                                                                        file_db, tasks, hall,
                                                                        usb):
    english("zh_CN")
    save_printer_config(config(usb))
    bar = ConsoleStatusBar(Desk(file_db, tasks, hall["clerk"]))
    qtbot.addWidget(bar)
    bar.resize(1100, 30)
    bar.show()
    field = bar.printer_field
    qtbot.waitUntil(lambda: field.state == "ready", timeout=8000)
    assert field.label.text() == "打印机就绪" and usb.path in field.toolTip()
    usb.state = PrinterState(paper_out=True)
    with qtbot.waitSignal(field.sig_checked, timeout=8000):
        bar._desk.sig_printer_used.emit()
    assert field.label.text() == "打印机缺纸"
    usb.unplug()
    with qtbot.waitSignal(field.sig_checked, timeout=8000):
        bar._desk.sig_printer_used.emit()
    assert field.state == "unreachable" and "USB" in field.toolTip()


def test_the_fake_printer_command_can_be_a_usb_device(tmp_path):
    link = tmp_path / "lp0"
    proc = subprocess.Popen([sys.executable, "-m", "console", "devices", "fake-printer",
                             "--usb", str(link), "--out", str(tmp_path / "jobs")],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().startswith(f"fake USB printer at {link}")
        assert print_test_page(config(str(link))).ready
    finally:
        proc.terminate()
        proc.wait(10)
    assert not link.exists() and not link.is_symlink()  # unplugged when it stops
    assert "打印测试页" in (tmp_path / "jobs" / "job-0001.txt").read_text(encoding="utf-8")


def test_look_again_lists_a_printer_plugged_in_since(qtbot, file_db, tasks, hall, monkeypatch):
    found: list[str] = []
    monkeypatch.setattr("widgets.devices.printer_page.find_usb_printers", lambda: list(found))
    dialog = WorkstationSettingsDialog(Desk(file_db, tasks, hall["clerk"]))
    qtbot.addWidget(dialog)
    page = dialog.printer_page
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("usb"))
    assert page.usb_combo.count() == 0 and "No USB printer" in page.status_label.text()
    found.append("/dev/usb/lp0")  # the clerk plugs it in
    qtbot.mouseClick(page.usb_find_button, Qt.MouseButton.LeftButton)
    assert page.usb_combo.currentText() == "/dev/usb/lp0"
    assert "USB printers found: /dev/usb/lp0" in page.status_label.text()
    assert page.config().device == "/dev/usb/lp0"
