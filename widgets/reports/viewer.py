"""Generate a report off the UI thread, show it, print it, save it.

The reports panel and the customer view's statement dialog both embed this.
`generate(name, params)` runs reports.registry.generate through the task
runner with a progress bar and a Cancel button; the finished PDF is shown
page under page (QtPdf), printed through QPrintDialog (widgets.payments.receipt_printer
draws each page at the printer's resolution) or saved where the user says
(temporary file and rename, so nothing half-written stays behind).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.files import write_user_file
from console.services.report_data.documents import IssuedDocument
from console.timeutil import local_today
from reports.registry import ReportCancelled, ReportParams, generate_document
from widgets.desk import Desk
from widgets.errors import MessageBar, error_text
from widgets.payments.receipt_printer import print_pdf
from widgets.save_files import ask_save_path, file_name


class _Progress(QObject):
    """Carries a worker's progress to the GUI thread (queued: it lives in the GUI thread)."""

    sig_progress = Signal(float)


class ReportViewer(QWidget):
    """Progress, preview, print and save of one generated report at a time."""

    sig_generated = Signal(int)
    """A report is shown; carries its page count."""

    sig_failed = Signal(str)
    """Generating failed (bad parameters, database); carries what the user was told."""

    sig_cancelled = Signal()
    """The user cancelled a report being generated; nothing is shown."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.pdf: bytes = b""
        self.name = ""
        self.doc_no = ""  # the number the shown document was issued under
        self._params = ReportParams()
        self._cancel: threading.Event | None = None
        self._progress = _Progress(self)
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self._set_busy(False)

    def _build_ui(self) -> None:
        self.message_bar = MessageBar(self, reserve_space=True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(self)
        self.print_button = QPushButton(self, objectName="PrimaryButton")
        self.save_button = QPushButton(self)
        self.pages_label = QLabel(self)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self._buffer = QBuffer(self)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        bar.addStretch(0)
        bar.addWidget(self.pages_label)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message_bar)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _connect_signals(self) -> None:
        self._progress.sig_progress.connect(self._on_progress)
        self.cancel_button.clicked.connect(self.cancel)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)

    def retranslate_ui(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as…"))
        self._show_page_count()

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    def generate(self, name: str, params: ReportParams) -> None:
        """Make the report in a worker; a report still being made is cancelled first."""
        self.cancel()
        db, actor, cancel = self._db, self._actor, threading.Event()
        self._cancel, self.name, self._params = cancel, name, params
        emit = self._progress.sig_progress.emit
        self.message_bar.clear()
        self._set_busy(True)
        self._desk.run(lambda: generate_document(db, actor, name, params,
                                                 progress=lambda f, _s: emit(f),
                                                 cancelled=cancel.is_set),
                       self, lambda made: self._on_generated(cancel, made),
                       lambda exc: self._on_failed(cancel, exc))

    def cancel(self) -> None:
        """Stop the report being made (at its next page); nothing is shown for it."""
        if self._cancel is not None:
            self._cancel.set()

    def _on_progress(self, fraction: float) -> None:
        if self.busy:
            self.progress.setValue(int(fraction * 100))

    def _on_generated(self, mine: threading.Event, made: IssuedDocument) -> None:
        if mine is not self._cancel:
            return  # an older run that finished anyway
        self._cancel = None
        self._set_busy(False)
        self.show_pdf(made.pdf)
        self.doc_no = made.doc_no
        self.sig_generated.emit(self.document.pageCount())

    def _on_failed(self, mine: threading.Event, exc: BaseException) -> None:
        if mine is not self._cancel and not isinstance(exc, ReportCancelled):
            return
        if mine is self._cancel:
            self._cancel = None
            self._set_busy(False)
        if isinstance(exc, ReportCancelled):
            self.message_bar.show_message(self.tr("The report was cancelled."))
            self.sig_cancelled.emit()
            return
        text = report_error_text(exc)
        self.message_bar.show_error(text)
        self.sig_failed.emit(text)

    def show_pdf(self, pdf: bytes) -> None:
        """Show these PDF bytes in the preview (the buffer must outlive the document)."""
        self.pdf = pdf
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self._show_page_count()
        self._set_busy(False)

    def clear(self) -> None:
        """Nothing shown and nothing to print or save (another report was chosen: the old
        preview would be printed or saved under the new report's name)."""
        self.cancel()
        self._cancel = None
        self.pdf, self.name, self.doc_no = b"", "", ""
        self.document.close()
        self._buffer.close()
        self.message_bar.clear()
        self._show_page_count()
        self._set_busy(False)

    def _show_page_count(self) -> None:
        count = self.document.pageCount() if self.pdf else 0
        self.pages_label.setText(self.tr("%n page(s)", "", count) if count else "")

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)
        for button in (self.print_button, self.save_button):
            button.setEnabled(bool(self.pdf) and not busy)

    # -- print and save ---------------------------------------------------------------------

    def _on_print_button_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_document(printer)

    def print_document(self, printer: QPrinter) -> None:
        """Every page onto `printer` (a real one, or a PDF file in tests)."""
        if not self.pdf:
            return
        print_pdf(self.pdf, printer)
        self.message_bar.show_success(self.tr("Sent to {printer}.").format(
            printer=printer.printerName() or printer.outputFileName()))

    def suggested_name(self) -> str:
        """Customer number (or notice number), the report, its day and its document number."""
        p = self._params
        day = p.end or p.start or local_today()  # the hall's day, not the PC's UTC one
        return file_name(p.customer_no or p.notice_no, self.name, day.isoformat(), self.doc_no,
                         suffix="pdf")

    def _on_save_button_clicked(self) -> None:
        path = ask_save_path(self, kind=f"report.{self.name}", title=self.tr("Save report"),
                             name=self.suggested_name(),
                             filters=self.tr("PDF documents (*.pdf)"))
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the shown PDF to `path`; says where, or why not."""
        try:
            write_user_file(path, self.pdf)
        except OSError as exc:
            self.message_bar.show_error(self.tr("Cannot save {path}: {reason}").format(
                path=str(path), reason=exc.strerror or str(exc)))
            return False
        self.message_bar.show_success(self.tr("Saved as {path}").format(path=str(path)))
        return True


def report_error_text(exc: BaseException) -> str:
    """The report's own problems in words; the rest as every panel says them."""
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    reason = getattr(exc, "params", {}).get("reason")
    entity = getattr(exc, "params", {}).get("entity")
    texts = {
        "empty": translate("ReportViewer", "Please choose the first and the last day."),
        "reversed": translate("ReportViewer", "The last day is before the first day."),
        "too_long": translate("ReportViewer", "Choose at most a year."),
    }
    if getattr(exc, "code", "") == "validation" and reason in texts:
        return texts[reason]
    if getattr(exc, "code", "") == "not_found" and entity in ("customer", "unit", "notice"):
        what = {"customer": translate("ReportViewer", "No customer has the number {id}."),
                "unit": translate("ReportViewer", "The unit {id} does not exist."),
                "notice": translate("ReportViewer", "No notice has the number {id}.")}[entity]
        return what.format(id=exc.params.get("id"))
    return error_text(exc)
