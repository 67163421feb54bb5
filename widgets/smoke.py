"""`griddesk --smoke FOLDER`: does this installation work? Offscreen, no database.

Shows the login window, grabs it to FOLDER/login.png and writes a sample
receipt to FOLDER/receipt.pdf (the CJK font embedded), then exits: 0 when the
font, icons, style sheet and Chinese translation loaded and both files were
written, 1 naming what is missing. For a wheel installed outside the checkout
and for the PyInstaller folder, where a file left out shows only at run time.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from console.services.payments.types import ReceiptData, ReceiptLine
from reports.receipt import render_receipt
from widgets.login_dialog import LoginDialog
from widgets.resources import CJK_FAMILY, icon, style_sheet
from widgets.task_runner import TaskRunner

D = Decimal
SAMPLE = ReceiptData(
    company="国网菏泽供电公司", unit_name="牡丹区城区营业厅", unit_phone="0530-5001117",
    receipt_no="37419202600000001", customer_no="3700000101", customer_name="王建国",
    phone="138****5678", address="菏泽市牡丹区吕陵镇王庄村12号", amount=D("98.62"),
    method="cash", tendered=D("100.00"), change=D("1.38"),
    lines=(ReceiptLine("2026-10", "DF202610000000101", D("96.40"), D("2.22")),),
    balance_after=D("0.00"), operator="李娜", workstation="YYT-37419-01",
    received_at=dt.datetime(2026, 11, 27, 0, 5, 30, tzinfo=dt.UTC))


def problems(app: QApplication) -> list[str]:
    """What did not load: [] on a working installation."""
    found = []
    if CJK_FAMILY not in QFontDatabase.families():
        found.append(f"font {CJK_FAMILY} not loaded")
    if icon("logo").isNull():
        found.append("icons missing")
    if not style_sheet().strip() or not app.styleSheet().strip():
        found.append("style sheet missing")
    if QCoreApplication.translate("LoginDialog", "Log in") == "Log in":
        found.append("Chinese translation not loaded")
    return found


def _show_login(folder: Path) -> LoginDialog:
    tasks = TaskRunner()
    dialog = LoginDialog(tasks)
    dialog.show()
    deadline = QDeadlineTimer(10_000)
    while not dialog.windowHandle().isExposed() and not deadline.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    dialog.grab().save(str(folder / "login.png"))
    tasks.shutdown(wait=False)
    return dialog


def run_smoke(app: QApplication, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    found = problems(app)
    dialog = _show_login(folder)
    if not (folder / "login.png").is_file():
        found.append("the login window could not be shown")
    (folder / "receipt.pdf").write_bytes(render_receipt(SAMPLE))
    dialog.close()
    for problem in found:
        print(f"smoke: {problem}", file=sys.stderr)
    print("smoke: ok" if not found else "smoke: FAILED", f"({folder})")
    return 1 if found else 0
