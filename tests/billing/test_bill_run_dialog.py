"""The bill run from the GUI: progress batch by batch, Cancel between batches, the summary."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt

from tests import factories as f
from tests.billing.test_bill_run import read
from tests.billing_helpers import account
from widgets.billing.bill_run_dialog import BillRunDialog, ended_months
from widgets.desk import Desk


@pytest.fixture
def town(file_db):
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        for n in range(6):
            _customer, meter = account(s, unit, tariff)
            read(s, meter, dt.date(2026, 10, 1), "1000.00")
            read(s, meter, dt.date(2026, 11, 1), f"{1100 + n}.00")
        return f.actor(s, unit, username="boss", role="supervisor")


def make_dialog(qtbot, file_db, tasks, boss):
    dialog = BillRunDialog(Desk(file_db, tasks, boss), batch_size=2)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findData("2026-10"))
    return dialog


def test_months_offered_are_over():
    assert ended_months(dt.date(2026, 1, 5), 3) == ["2025-12", "2025-11", "2025-10"]


def test_run_shows_progress_and_summary(qtbot, file_db, tasks, town):
    dialog = make_dialog(qtbot, file_db, tasks, town)
    seen = []
    dialog._progress.sig_progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(dialog.sig_run_finished, timeout=10000) as finished:
        dialog.run_button.click()
    result = finished.args[0]
    assert seen == [(2, 6), (4, 6), (6, 6)]
    assert (result.billed, result.cancelled) == (6, False)
    assert dialog.progress_bar.value() == 6
    assert "Bills written: <b>6</b>" in dialog.result_label.text()
    assert "2026-10 is billed" in dialog.result_label.text()
    # All three lines of the summary show: the dialog grows to its wrapped text (the
    # amount billed, on the last line, was cut off below the window's edge).
    label = dialog.result_label
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=3000)
    # Again: nothing to bill twice, said inline.
    dialog.run_button.click()
    qtbot.waitUntil(lambda: "billed already" in dialog.message_bar.text, timeout=5000)


def test_cancel_stops_between_batches(qtbot, file_db, tasks, town):
    dialog = make_dialog(qtbot, file_db, tasks, town)
    gate = threading.Event()

    def hold(done: int, _total: int) -> None:  # in the worker: wait after the first batch
        if done == 2:
            gate.wait(5)

    dialog._progress.sig_progress.connect(hold, Qt.ConnectionType.DirectConnection)
    dialog.run_button.click()
    qtbot.waitUntil(lambda: dialog.progress_bar.value() == 2, timeout=5000)
    assert dialog.close_button.text() == "Cancel run"
    with qtbot.waitSignal(dialog.sig_run_finished, timeout=10000) as finished:
        dialog.close_button.click()
        gate.set()
    result = finished.args[0]
    assert result.cancelled and result.billed == 2
    assert "Cancelled" in dialog.result_label.text()
    assert dialog.close_button.text() == "Close" and dialog.run_button.isEnabled()
