"""Send raw ZPL/TSPL to a network label printer (port 9100).

Jobs go through the label spool (reports/label_printer.LabelSpool): each is kept on
disk until a printer takes it, so a printer that is off loses nothing; Retry sends
the selected job again, Discard drops it. Every network and disk step runs in a worker.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reports.label_printer import RAW_PORT, Job, LabelSpool, Outcome
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.resources import icon
from widgets.seals import calls


class PrinterBox(QGroupBox):
    """Host, port, language, Send; jobs the printer did not take stay listed for Retry."""

    sig_job_requested = Signal(str)
    """Send was pressed; carries the language (zpl/tspl): the owner builds the job."""

    sig_job_sent = Signal(int)
    """A job reached the printer; carries its size in bytes."""

    sig_job_failed = Signal(str)
    """A job did not reach the printer and was kept; carries the message shown."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *,
                 spool: LabelSpool | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.spool = spool or LabelSpool.default()
        self._settings = settings or QSettings("GridDesk", "GridDesk")
        self.pending: list[Job] = []
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self._reload_pending()

    def _build_ui(self) -> None:
        self.host_edit = QLineEdit(str(self._settings.value("labels/printer_host", "")), self)
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(int(self._settings.value("labels/printer_port", RAW_PORT)))
        self.port_spin.setMinimumHeight(self.host_edit.sizeHint().height())
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("ZPL (Zebra)", "zpl")
        self.language_combo.addItem("TSPL (TSC, Gprinter)", "tspl")
        self.send_button = QPushButton(icon("print"), "", self)
        self.message_bar = MessageBar(self)
        self.pending_label = QLabel(self)
        self.pending_list = QListWidget(self)
        self.pending_list.setMaximumHeight(96)
        self.retry_button = QPushButton(icon("refresh"), "", self)
        self.discard_button = QPushButton(self)
        self.form = QFormLayout()
        for field in (self.host_edit, self.port_spin, self.language_combo):
            self.form.addRow(QLabel(self), field)
        jobs_buttons = QHBoxLayout()
        jobs_buttons.addWidget(self.retry_button)
        jobs_buttons.addWidget(self.discard_button)
        jobs_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        for widget in (self.send_button, self.message_bar, self.pending_label, self.pending_list):
            layout.addWidget(widget)
        layout.addLayout(jobs_buttons)
        self._show_pending()

    def _connect_signals(self) -> None:
        self.send_button.clicked.connect(self._on_send_button_clicked)
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.discard_button.clicked.connect(self._on_discard_button_clicked)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Network label printer"))
        for row, text in enumerate((self.tr("Host:"), self.tr("Port:"), self.tr("Language:"))):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.host_edit.setPlaceholderText(self.tr("e.g. 10.20.1.45"))
        self.send_button.setText(self.tr("Send to label printer"))
        self.retry_button.setText(self.tr("Retry"))
        self.discard_button.setText(self.tr("Discard"))
        self.pending_label.setText(self.tr("Jobs waiting for a printer:"))

    def set_ready(self, ready: bool) -> None:
        self.send_button.setEnabled(ready)

    # -- sending ----------------------------------------------------------------------------

    def _on_send_button_clicked(self) -> None:
        if not self.host_edit.text().strip():
            self.message_bar.show_error(self.tr("Please enter the printer's host name or address."))
            return
        self._settings.setValue("labels/printer_host", self.host_edit.text().strip())
        self._settings.setValue("labels/printer_port", self.port_spin.value())
        self.sig_job_requested.emit(self.language_combo.currentData())

    def send(self, make: Callable[[], bytes], *, title: str = "") -> None:
        """Build the job with `make` and hand it to the spool, both in a worker."""
        host, port, spool = self.host_edit.text().strip(), self.port_spin.value(), self.spool
        self.send_button.setEnabled(False)
        self.message_bar.show_message(self.tr("Sending to {host}:{port}…").format(
            host=host, port=port))
        self._spool_job(lambda: spool.submit(host, make(), port=port, title=title))

    def _spool_job(self, call: Callable[[], Outcome]) -> None:
        """`call` on the spool, then its pending jobs, both off the GUI thread."""
        spool = self.spool

        def work() -> tuple[Outcome, list[Job]]:
            return call(), spool.pending()

        self._desk.run(work, self, self._on_outcome, self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        self.message_bar.show_error(calls.seal_error_text(exc))

    def _on_outcome(self, result: tuple[Outcome, list[Job]]) -> None:
        outcome, self.pending = result
        self.send_button.setEnabled(True)
        self._show_pending()
        job = outcome.job
        if outcome.sent:
            self.message_bar.show_success(self.tr("{size} bytes sent to {host}:{port}.").format(
                size=f"{job.size:,}", host=job.host, port=job.port))
            self.sig_job_sent.emit(job.size)
            return
        text = self.tr("The label printer at {host}:{port} did not take the job ({why}). "
                       "The job is kept: press Retry when the printer is ready.").format(
            host=job.host, port=job.port, why=outcome.error.rsplit(": ", 1)[-1])
        self.message_bar.show_error(text)
        self.sig_job_failed.emit(text)

    # -- waiting jobs -----------------------------------------------------------------------

    def _selected_job(self) -> Job | None:
        row = max(self.pending_list.currentRow(), 0)
        return self.pending[row] if row < len(self.pending) else None

    def _on_retry_button_clicked(self) -> None:
        job, spool = self._selected_job(), self.spool
        if job is not None:
            self.message_bar.show_message(self.tr("Retrying…"))
            self._spool_job(lambda: spool.retry(job.id))

    def _on_discard_button_clicked(self) -> None:
        job, spool = self._selected_job(), self.spool
        if job is not None:
            self._desk.run(lambda: (spool.discard(job.id), spool.pending())[1], self,
                           self._on_pending_loaded, self._on_failed)

    def _reload_pending(self) -> None:
        spool = self.spool
        self._desk.run(spool.pending, self, self._on_pending_loaded, self._on_failed)

    def _on_pending_loaded(self, jobs: list[Job]) -> None:
        self.pending = jobs
        self._show_pending()

    def _show_pending(self) -> None:
        self.pending_list.clear()
        for job in self.pending:
            item = QListWidgetItem(f"{job.title or job.id[:8]} → {job.host}:{job.port}",
                                   self.pending_list)
            item.setToolTip(self.tr("{size} bytes, attempts: {attempts}, last error: {error}")
                            .format(size=f"{job.size:,}", attempts=job.attempts,
                                    error=job.last_error))
            item.setData(Qt.ItemDataRole.UserRole, job.id)
        for widget in (self.pending_label, self.pending_list, self.retry_button,
                       self.discard_button):
            widget.setVisible(bool(self.pending))
