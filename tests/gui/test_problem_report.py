"""The "something went wrong" dialog carries the last log lines, masked, and copies them."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

import main
from console import logsetup
from widgets.errors import ErrorDialog


def test_the_problem_dialog_shows_and_copies_the_last_log_lines(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("GRIDDESK_LOG_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    path = main.setup_logging(main.parse_args([]))
    rotating = [h for h in logging.getLogger().handlers
                if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert [h.baseFilename for h in rotating] == [str(path)]  # the GUI's log rotates
    assert rotating[0].maxBytes == logsetup.MAX_BYTES
    try:
        logging.getLogger("griddesk.payments").info("receipt 370012026000123 for 13812345678")
        main.install_excepthook()
        try:
            raise RuntimeError("disk on fire")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        logsetup.shutdown()
    dialog = next(w for w in main.QApplication.allWidgets() if isinstance(w, ErrorDialog))
    qtbot.addWidget(dialog)
    assert not dialog.log_edit.isVisible()
    qtbot.mouseClick(dialog.details_button, Qt.MouseButton.LeftButton)
    shown = dialog.log_edit.toPlainText()
    assert dialog.log_edit.isVisible() and path == tmp_path / "griddesk.log"
    assert "receipt 370012026000123 for 138****5678" in shown and "13812345678" not in shown
    assert "CRITICAL gui griddesk: unexpected error" in shown  # the excepthook's own line
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Unexpected error: RuntimeError")
    assert "disk on fire" in copied and "receipt 370012026000123" in copied
    assert dialog.copy_button.text() == "Copied"
    dialog.resize(720, 640)
    dialog.grab().save(str(tmp_path / "problem-dialog.png"))
