"""Scanners (issue 19 item 5): a serial scanner on a real pseudo-terminal, the wedge's suffix,
and scans that go to the open dialog, never to a field behind it."""

from __future__ import annotations

import os
import queue

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from console.devices.serial_scanner import MAX_SCAN, ScanLines, SerialScanner
from tests.devices.counter import (
    Receipts,
    counter_hall,
    lookup_panel,
    open_customer,
    open_dialog,
    shot,
)
from widgets.control.reason_dialog import ReasonDialog
from widgets.desk import Desk
from widgets.devices.scan_router import ScanRouter
from widgets.devices.scanner_config import ScannerConfig, ScannerMode, Suffix
from widgets.devices.scanner_page import ScannerPage


@pytest.fixture
def pty():
    """A pseudo-terminal: the scanner writes to `master`, the console opens `port`."""
    master, slave = os.openpty()
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


# -- the reader -------------------------------------------------------------------------------


def test_lines_end_at_cr_lf_or_both_and_keep_printable_characters_only():
    lines = ScanLines()
    assert lines.feed(b"37000000") == []  # not finished yet
    assert lines.feed(b"02\r\n0101\x1b[A02\n\r\n") == ["3700000002", "0101[A02"]
    assert lines.feed("牡丹\r".encode("gb18030")) == ["牡丹"]
    assert lines.feed("张伟\n".encode()) == ["张伟"]


def test_an_endless_line_is_dropped_whole_and_the_next_scan_still_reads():
    lines = ScanLines()
    assert lines.feed(b"9" * (MAX_SCAN * 3)) == []
    assert lines.feed(b"tail\r3700000002\r") == ["3700000002"]
    assert lines.dropped == 1


def test_a_scanner_on_a_pseudo_terminal_is_read_line_by_line(pty):
    master, port = pty
    scans: queue.Queue[str] = queue.Queue()
    scanner = SerialScanner(port, on_scan=scans.put)
    scanner.start()
    try:
        os.write(master, b"3700000002\r\n37170101")
        assert scans.get(timeout=5) == "3700000002"
        os.write(master, b"202600000123\r\n")
        assert scans.get(timeout=5) == "37170101202600000123"
    finally:
        scanner.stop()
    assert not scanner.running


def test_a_port_that_does_not_exist_says_so_in_the_clerks_words(qtbot, tmp_path):
    router = ScanRouter(ScannerConfig())
    error = router.apply(ScannerConfig(mode=ScannerMode.SERIAL, port=str(tmp_path / "ttyNONE")))
    assert "cannot be read" in error and "ttyNONE" in error
    assert not router.serial_running
    router.deleteLater()


# -- the counter ------------------------------------------------------------------------------


@pytest.fixture
def hall(file_db):
    return counter_hall(file_db)


@pytest.fixture
def panel(qtbot, file_db, tasks, hall):
    return lookup_panel(qtbot, Desk(file_db, tasks, hall["clerk"]), print_receipt=Receipts())


class Clock:
    """Time as a scanner (or a person) types: `step` seconds between keys."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 100.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now

    def then(self, step: float) -> None:
        """A pause, then keys `step` apart."""
        self.now += 1.0
        self.step = step


@pytest.fixture
def router(qtbot):
    routers = []

    def make(config: ScannerConfig, step: float = 0.3) -> ScanRouter:
        routers.append(ScanRouter(config, clock=Clock(step)))
        return routers[-1]

    yield make
    for router in routers:  # filters on the application: off before the next test
        router.stop_serial()
        QApplication.instance().removeEventFilter(router)


def test_a_serial_scan_opens_the_customer_as_a_wedge_scan_does(qtbot, panel, hall, pty, router):
    master, port = pty
    scanner = router(ScannerConfig(mode=ScannerMode.SERIAL, port=port))
    assert scanner.apply(scanner.config) == ""
    with qtbot.waitSignal(panel.sig_customer_opened, timeout=5000) as opened:
        os.write(master, hall["farmer_no"].encode() + b"\r\n")
    assert opened.args == [hall["farmer"]]
    assert scanner.last_scan == hall["farmer_no"]


def _reason_dialog(qtbot, panel) -> ReasonDialog:
    dialog = ReasonDialog("拒绝", "为什么拒绝这项申请？", "拒绝", panel)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    dialog.reason_edit.setFocus()
    return dialog


def test_a_serial_scan_goes_to_the_open_dialog_not_the_search_box(qtbot, panel, hall, pty,
                                                                   router):
    master, port = pty
    scanner = router(ScannerConfig(mode=ScannerMode.SERIAL, port=port))
    assert scanner.apply(scanner.config) == ""
    panel.lookup.search_edit.setText("")
    dialog = _reason_dialog(qtbot, panel)
    with qtbot.waitSignal(scanner.sig_scanned, timeout=5000):
        os.write(master, b"SF0001\r\n")
    qtbot.waitUntil(lambda: "SF0001" in dialog.reason_edit.toPlainText())
    assert panel.lookup.search_edit.text() == ""


def test_wedge_keys_for_a_field_behind_the_dialog_go_into_the_dialog(qtbot, panel, router):
    router(ScannerConfig())
    dialog = _reason_dialog(qtbot, panel)
    qtbot.keyClicks(panel.lookup.search_edit, "3700000002")  # as if the focus had stayed behind
    assert panel.lookup.search_edit.text() == ""
    assert dialog.reason_edit.toPlainText() == "3700000002"


def test_a_scan_into_the_tendered_box_is_taken_out_and_posts_nothing(qtbot, panel, hall,
                                                                        router, pty):
    scanner = router(ScannerConfig())
    open_customer(qtbot, panel, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    qtbot.keyClicks(dialog.tendered_edit, "50")  # typed by hand, at a person's pace
    scanner._clock.then(0.004)  # then the next customer's card, scanner-fast
    with qtbot.waitSignal(scanner.sig_scan_refused) as refused:
        qtbot.keyClicks(dialog.tendered_edit, "3700000009")
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    assert "3700000009" in refused.args[0]
    assert dialog.message_bar.text == refused.args[0]
    shot(dialog, "payment-dialog-scan-refused-en")
    assert dialog.posted is None and dialog.tendered_edit.text() == "50"
    master, port = pty  # a serial scanner's line is not typed there at all
    scanner.apply(ScannerConfig(mode=ScannerMode.SERIAL, port=port))
    with qtbot.waitSignal(scanner.sig_scan_refused, timeout=5000):
        os.write(master, b"3700000009\r\n")
    assert dialog.posted is None and dialog.tendered_edit.text() == "50"
    scanner._clock.then(0.3)
    qtbot.keyClicks(dialog.tendered_edit, "0")  # 500 by hand, and Enter posts it
    with qtbot.waitSignal(dialog.sig_payment_posted, timeout=5000):
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    assert dialog.posted.tendered == 500


def test_a_dialog_over_another_window_leaves_this_one_alone(qtbot, panel, router):
    from PySide6.QtWidgets import QLineEdit

    router(ScannerConfig())
    other = QLineEdit()  # another top-level window, not under the dialog
    qtbot.addWidget(other)
    other.show()
    dialog = _reason_dialog(qtbot, panel)  # window-modal over the panel only
    qtbot.keyClicks(other, "3700000002")
    assert other.text() == "3700000002" and dialog.reason_edit.toPlainText() == ""


def test_a_tab_suffix_ends_a_scan_when_the_setting_says_tab(qtbot, panel, hall, router):
    scanner = router(ScannerConfig(suffix=Suffix.TAB), step=0.004)  # scanner-fast
    with qtbot.waitSignal(panel.sig_customer_opened, timeout=5000):
        qtbot.keyClicks(panel.lookup.search_edit, hall["farmer_no"])
        qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_Tab)
    assert scanner.last_scan == hall["farmer_no"]


def test_with_an_enter_suffix_a_tab_moves_on_and_opens_nothing(qtbot, panel, hall, router):
    scanner = router(ScannerConfig(suffix=Suffix.ENTER), step=0.004)
    with qtbot.waitSignal(panel.lookup.sig_results_loaded, timeout=5000):  # searched, not opened
        qtbot.keyClicks(panel.lookup.search_edit, hall["farmer_no"])
        qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not panel.lookup.search_edit
    assert scanner.last_scan == "" and panel.pages.currentWidget() is not panel.view


def test_a_person_typing_then_tab_is_not_a_scan(qtbot, panel, hall, router):
    scanner = router(ScannerConfig(suffix=Suffix.TAB), step=0.25)  # a key every 250 ms
    with qtbot.waitSignal(panel.lookup.sig_results_loaded, timeout=5000):
        qtbot.keyClicks(panel.lookup.search_edit, hall["farmer_no"])
        qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not panel.lookup.search_edit
    assert scanner.last_scan == "" and panel.pages.currentWidget() is not panel.view


def test_the_scanner_page_saves_and_shows_the_last_scan(qtbot, pty, router, tmp_path, english):
    english("zh_CN")
    master, port = pty
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    scanner = router(ScannerConfig())
    page = ScannerPage(scanner, settings)
    qtbot.addWidget(page)
    page.show()
    assert page.last_label.text() == "尚未扫码。"
    page.mode_combo.setCurrentIndex(page.mode_combo.findData("serial"))
    page.port_combo.setCurrentText(port)
    page.suffix_combo.setCurrentIndex(page.suffix_combo.findData("tab"))
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert scanner.serial_running
    assert ScannerConfig.load(settings) == ScannerConfig(ScannerMode.SERIAL, port, 9600,
                                                         Suffix.TAB)
    with qtbot.waitSignal(scanner.sig_scanned, timeout=5000):
        os.write(master, b"37170101202600000123\r")
    assert page.last_label.text() == "最近一次扫码：37170101202600000123"
    shot(page, "scanner-page-zh_CN")
