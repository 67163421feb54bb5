"""A serial (USB-CDC) scanner unplugged and plugged back in: the port is opened again by
itself. A real pseudo-terminal is the scanner; its path is reached through a link, as
/dev/serial/by-id/… names a USB scanner whatever ttyACMn it comes back as. Unplugging
closes the terminal and removes the link; plugging in makes a new terminal and link."""

from __future__ import annotations

import os
import queue
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from console.devices import serial_scanner
from console.devices.serial_scanner import SerialScanner
from tests.billing_helpers import service_hall
from tests.devices.counter import shot
from widgets.devices.scan_router import ScanRouter
from widgets.devices.scanner_config import ScannerConfig, ScannerMode
from widgets.devices.scanner_page import ScannerPage
from widgets.main_window import MainWindow

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX's")


class Cable:
    """A scanner behind a stable link that can be unplugged and plugged in again."""

    def __init__(self, folder: Path) -> None:
        self.link = folder / "usb-Scanner_1234-if00"
        self.master = self.slave = -1
        self.plug()

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        self.link.symlink_to(os.ttyname(self.slave))

    def unplug(self) -> None:
        self.link.unlink()
        os.close(self.master)
        os.close(self.slave)
        self.master = self.slave = -1

    def scan(self, code: str) -> None:
        os.write(self.master, code.encode() + b"\r\n")


@pytest.fixture
def cable(tmp_path):
    c = Cable(tmp_path)
    yield c
    if c.master >= 0:
        c.unplug()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(serial_scanner, "RETRY_FIRST_S", 0.05)
    monkeypatch.setattr(serial_scanner, "RETRY_MAX_S", 0.2)


def test_an_unplugged_scanner_is_reopened_when_it_comes_back(qtbot, cable):
    scans: queue.Queue[str] = queue.Queue()
    events: queue.Queue[str] = queue.Queue()
    scanner = SerialScanner(str(cable.link), on_scan=scans.put,
                            on_error=lambda exc: events.put("lost"),
                            on_reopened=lambda: events.put("back"))
    scanner.start()
    try:
        cable.scan("3700000002")
        assert scans.get(timeout=5) == "3700000002"
        cable.unplug()
        assert events.get(timeout=5) == "lost"
        assert scanner.running and not scanner.connected
        # It keeps trying while the cable is out, and says nothing more.
        qtbot.waitUntil(lambda: scanner.reopen_tries >= 2, timeout=5000)
        assert events.empty() and scans.empty()
        cable.plug()
        assert events.get(timeout=5) == "back"
        assert scanner.connected
        cable.scan("37170101202600000123")
        assert scans.get(timeout=5) == "37170101202600000123"
    finally:
        scanner.stop()
    assert not scanner.running


def test_stop_while_reopening_ends_the_reader(qtbot, cable):
    scanner = SerialScanner(str(cable.link), on_scan=lambda text: None)
    scanner.start()
    cable.unplug()
    qtbot.waitUntil(lambda: scanner.reopen_tries >= 1, timeout=5000)
    scanner.stop()
    assert not scanner.running


def test_the_clerk_is_told_it_is_gone_and_back(qtbot, cable, tmp_path, english):
    english("zh_CN")
    router = ScanRouter(ScannerConfig())
    page = ScannerPage(router, QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(page)
    page.resize(640, 300)
    page.show()
    try:
        assert router.apply(ScannerConfig(mode=ScannerMode.SERIAL, port=str(cable.link))) == ""
        with qtbot.waitSignal(router.sig_serial_error, timeout=5000) as lost:
            cable.unplug()
        assert str(cable.link) in lost.args[0]
        qtbot.waitUntil(lambda: page.message_bar.text == lost.args[0], timeout=3000)
        assert router.serial_running and not router.serial_connected
        shot(page, "scanner-lost-zh_CN")
        with qtbot.waitSignal(router.sig_serial_reopened, timeout=5000) as back:
            cable.plug()
        qtbot.waitUntil(lambda: page.message_bar.text == back.args[0], timeout=3000)
        assert router.serial_connected
        with qtbot.waitSignal(router.sig_scanned, timeout=5000) as scanned:
            cable.scan("3700000002")
        assert scanned.args == ["3700000002"]
    finally:
        router.stop_serial()
        QApplication.instance().removeEventFilter(router)


def test_the_status_bar_says_gone_until_the_scanner_is_back(qtbot, cable, file_db, tasks,
                                                           settings):
    ScannerConfig(mode=ScannerMode.SERIAL, port=str(cable.link)).save(settings)
    window = MainWindow(file_db, tasks, service_hall(file_db)["clerk"], settings=settings)
    qtbot.addWidget(window)
    router = window.devices.router
    qtbot.waitUntil(lambda: router.serial_connected, timeout=5000)
    bar = window.statusBar()
    with qtbot.waitSignal(router.sig_serial_error, timeout=5000):
        cable.unplug()
    qtbot.waitUntil(lambda: "disconnected" in bar.currentMessage(), timeout=3000)
    with qtbot.waitSignal(router.sig_serial_reopened, timeout=5000):
        cable.plug()
    qtbot.waitUntil(lambda: "is back" in bar.currentMessage(), timeout=3000)
    window.close()
