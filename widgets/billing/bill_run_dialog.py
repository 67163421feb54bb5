"""The monthly bill run from the GUI (supervisors): period, progress bar, Cancel.

The run goes batch by batch on the writer thread; each batch commits, so a
cancel stops between batches and keeps what was billed (a later run bills the
rest, never anything twice).
"""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.billing.bill_run import BillRunResult, run_bills
from console.timeutil import local_today
from widgets.desk import Desk
from widgets.domain_labels import money
from widgets.errors import MessageBar
from widgets.plain_text import rich


def ended_months(today: dt.date, count: int = 12) -> list[str]:
    """The last `count` months that are over, newest first: "2026-10", "2026-09"…"""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        months.append(f"{year:04d}-{month:02d}")
    return months


class _Progress(QObject):
    """Carries the worker's progress calls to the GUI thread (a queued signal)."""

    sig_progress = Signal(int, int)


class BillRunDialog(QDialog):
    """Pick a month, run its bills, watch them go, cancel if need be."""

    sig_run_finished = Signal(object)
    """A run ended, finished or cancelled (BillRunResult)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *,
                 batch_size: int = 5000) -> None:
        super().__init__(parent)
        self._desk, self._db, self._actor, self._batch = desk, desk.db, desk.actor, batch_size
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self.running = False
        self.result: BillRunResult | None = None
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.message_bar = MessageBar(self)
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.period_combo = QComboBox(self)
        for month in ended_months(local_today()):
            self.period_combo.addItem(month, month)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel(self, objectName="FieldCaption")
        self.result_label = rich(QLabel(self, objectName="RunResult"))
        self.result_label.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow(QLabel(self), self.period_combo)
        self.run_button, self.close_button = QPushButton(self), QPushButton(self)
        self.run_button.setObjectName("PrimaryButton")
        self.run_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        for widget in (self.message_bar, self.intro_label):
            layout.addWidget(widget)
        layout.addLayout(self.form)
        for widget in (self.progress_bar, self.progress_label, self.result_label):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)

    def _connect_signals(self) -> None:
        self.run_button.clicked.connect(self._on_run_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self._progress.sig_progress.connect(self._on_progress)


    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Bill run"))
        self.intro_label.setText(self.tr(
            "Bills every active account of the month that has no bill for it yet. Accounts "
            "without a reading are estimated; readings lower than the previous one are held "
            "for review. Running a month again bills nothing twice."))
        self.form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setText(self.tr("Month"))
        self.run_button.setText(self.tr("Run bills"))
        self.close_button.setText(self.tr("Cancel run") if self.running else self.tr("Close"))
        if self.result is not None:
            self._show_result(self.result)

    def _on_run_button_clicked(self) -> None:
        if self.running:
            return
        self.running, self.result = True, None
        self._cancel.clear()
        self.message_bar.clear()
        self.result_label.clear()
        self.run_button.setEnabled(False)
        self.period_combo.setEnabled(False)
        self.progress_bar.setRange(0, 0)  # busy until the first batch reports
        self.progress_label.setText(self.tr("Finding the accounts to bill..."))
        self.retranslate_ui()
        db, actor, period, batch = self._db, self._actor, self.period_combo.currentData(), self._batch
        progress, cancel = self._progress.sig_progress.emit, self._cancel.is_set
        self._desk.run(lambda: run_bills(db, actor, period, progress=progress, cancel=cancel,
                                         batch_size=batch),
                       self, self._on_run_done, self._on_run_failed, write=True)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(1, total))
        self.progress_bar.setValue(done)
        self.progress_label.setText(self.tr("{done} of {total} accounts").format(
            done=f"{done:,}", total=f"{total:,}"))

    def _on_close_button_clicked(self) -> None:
        if self.running:
            self._cancel.set()
            self.close_button.setEnabled(False)
            self.progress_label.setText(self.tr("Stopping after the current batch..."))
        else:
            self.accept()

    def reject(self) -> None:
        if self.running:  # Esc while running asks the run to stop, and waits for it
            self._on_close_button_clicked()
        else:
            super().reject()

    def _finish(self) -> None:
        self.running = False
        self.run_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.period_combo.setEnabled(True)
        self.retranslate_ui()

    def _on_run_done(self, result: BillRunResult) -> None:
        self.result = result
        if self.progress_bar.maximum() == 0:
            self.progress_bar.setRange(0, 1)
        self._finish()
        self.sig_run_finished.emit(result)

    def _on_run_failed(self, exc: BaseException) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_label.clear()
        self._finish()
        self.message_bar.show_error(exc)

    def _show_result(self, r: BillRunResult) -> None:
        head = (self.tr("Cancelled: {period} was billed in part.") if r.cancelled
                else self.tr("{period} is billed.")).format(period=r.period)
        self.result_label.setText(self.tr(
            "{head}<br>Bills written: <b>{billed}</b> (estimated: {estimated}) · held for review: "
            "{held} · skipped: {skipped}<br>Amount billed: <b>{amount} yuan</b> · {seconds} s"
        ).format(head=head, billed=f"{r.billed:,}", estimated=f"{r.estimated:,}",
                 held=f"{r.held:,}", skipped=f"{r.skipped:,}", amount=money(r.amount),
                 seconds=f"{r.seconds:.1f}"))
        # A top-level window does not grow for a word-wrapped label's new lines by itself:
        # without this the last line (the amount billed) sat below the window's edge.
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))
