"""Seal labels: preview, print, save as PDF, or send ZPL/TSPL to a network label printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.files import write_user_file
from reports.label_printer import LabelSpool
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.resources import icon
from widgets.save_files import ask_save_path, file_name, today_text
from widgets.seals import calls
from widgets.seals.issue_dialog import range_size
from widgets.seals.pdf_pages import RenderedPage, print_pdf, render_pages
from widgets.seals.printer_box import PrinterBox

LAYOUTS = ("a4", "thermal")
PREVIEW_PAGES = 20  # a 10,000-seal batch is 334 sheets: preview the start, print them all


class LabelsDialog(QDialog):
    """Labels for one range of seal numbers, in the chosen layout."""

    sig_preview_shown = Signal(int)
    """The preview was drawn; carries the number of pages of the whole document."""

    sig_printed = Signal(int)
    """Pages went to a QPrinter (or a PDF file); carries their number."""

    def __init__(self, desk: Desk, *, first: str, last: str,
                 spool: LabelSpool | None = None, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._spool, self._settings = spool, settings
        self._made: tuple[tuple, bytes] | None = None  # (form key, PDF) of the last preview
        self.pages: list[RenderedPage] = []
        self.total_pages = 0
        self._page = 0
        self._build_ui(first, last)
        self._connect_signals()
        self.retranslate_ui()
        self.preview()  # what will print is on screen from the start

    def _build_ui(self, first: str, last: str) -> None:
        self.first_edit, self.last_edit = QLineEdit(first, self), QLineEdit(last, self)
        self.count_label = QLabel(self)
        self.layout_combo = QComboBox(self)
        self.reprint_check = QCheckBox(self)
        self.form = QFormLayout()
        for field in (self.first_edit, self.last_edit, self.count_label, self.layout_combo,
                      self.reprint_check):
            self.form.addRow(QLabel(self), field)
        self.preview_button = QPushButton(icon("refresh"), "", self)
        self.print_button = QPushButton(icon("print", "#ffffff"), "", self)
        self.print_button.setObjectName("PrimaryButton")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton(self)
        self.printer_box = PrinterBox(self._desk, self, spool=self._spool,
                                      settings=self._settings)
        self.message_bar = MessageBar(self)
        side = QWidget(self)
        side.setFixedWidth(360)
        left = QVBoxLayout(side)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(self.form)
        for button in (self.preview_button, self.print_button, self.save_button):
            left.addWidget(button)
        left.addWidget(self.printer_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.message_bar)
        right.addWidget(self._build_preview(), 1)
        body = QHBoxLayout(self)
        body.addWidget(side)
        body.addLayout(right, 1)
        self.resize(1040, 760)

    def _build_preview(self) -> QWidget:
        self.page_label = QLabel(self)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setStyleSheet("background: #ffffff; border: 1px solid #c9d4e0;")
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setStyleSheet("QScrollArea { background: #e4e9ef; }")
        self.prev_button, self.next_button = QPushButton("◀", self), QPushButton("▶", self)
        self.page_of = QLabel(self)
        nav = QHBoxLayout()
        nav.addStretch(1)
        for widget in (self.prev_button, self.page_of, self.next_button):
            nav.addWidget(widget)
        nav.addStretch(1)
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(nav)
        return box

    def _connect_signals(self) -> None:
        self.first_edit.textChanged.connect(self._on_range_changed)
        self.last_edit.textChanged.connect(self._on_range_changed)
        self.layout_combo.currentIndexChanged.connect(lambda _i: self.preview())
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.prev_button.clicked.connect(lambda: self._show_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self._show_page(self._page + 1))
        self.printer_box.sig_job_requested.connect(self._on_job_requested)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Seal labels"))
        captions = (self.tr("First number:"), self.tr("Last number:"), self.tr("Labels:"),
                    self.tr("Layout:"), "")
        for row, text in enumerate(captions):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.reprint_check.setText(self.tr("Reprint (marked on the label and recorded)"))
        current = max(self.layout_combo.currentIndex(), 0)
        self.layout_combo.blockSignals(True)
        self.layout_combo.clear()
        self.layout_combo.addItem(self.tr("A4 sheet, 3 × 10 labels"), "a4")
        self.layout_combo.addItem(self.tr("Thermal label 40 × 30 mm"), "thermal")
        self.layout_combo.setCurrentIndex(current)
        self.layout_combo.blockSignals(False)
        self.preview_button.setText(self.tr("Preview"))
        self.print_button.setText(self.tr("Print..."))
        self.print_button.setToolTip(self.tr("Print on an office or label printer (Ctrl+P)"))
        self.save_button.setText(self.tr("Save as PDF..."))
        self._on_range_changed()

    # -- range and document -----------------------------------------------------------------

    def _range(self) -> tuple[str, str, int]:
        first, last = self.first_edit.text().strip(), self.last_edit.text().strip()
        return first, last, range_size(first, last)

    def _on_range_changed(self) -> None:
        count = self._range()[2]
        self.count_label.setText(f"{count:,}" if count
                                 else self.tr("Not a range of seal numbers"))
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(count > 0)
        self.printer_box.set_ready(count > 0)
        self._show_page_of()

    def _key(self) -> tuple[str, str, str, bool]:
        first, last, _count = self._range()
        return first, last, self.layout_combo.currentData(), self.reprint_check.isChecked()

    def _document(self):  # a callable for the worker
        """The PDF for the form as it stands; the one previewed is reused. Making it records
        nothing: Print and Save record the printing once it is done (`_recorded`)."""
        key = self._key()
        if self._made is not None and self._made[0] == key:
            pdf = self._made[1]
            return lambda: pdf
        db, actor, (first, last, layout, reprint) = self._db, self._actor, key
        return lambda: calls.label_pdf(db, actor, first, last, layout=layout, reprint=reprint)

    def preview(self) -> None:
        if not self._range()[2]:
            return
        make, key = self._document(), self._key()

        def work() -> tuple[tuple, bytes, int, list[RenderedPage]]:
            pdf = make()
            return key, pdf, calls.pdf_page_count(pdf), render_pages(pdf, limit=PREVIEW_PAGES)

        self.message_bar.clear()
        self._desk.run(work, self, self._on_previewed, self._on_failed, key="previews")

    def _on_previewed(self, result: tuple[tuple, bytes, int, list[RenderedPage]]) -> None:
        key, pdf, self.total_pages, self.pages = result
        self._made = (key, pdf)
        self._show_page(0)
        self.sig_preview_shown.emit(self.total_pages)

    def _show_page(self, number: int) -> None:
        if not self.pages:
            return
        self._page = max(0, min(number, len(self.pages) - 1))
        image = self.pages[self._page].image
        room = self.scroll.viewport().width() - 24
        if image.width() > room > 200:  # fit the width; a label page is read top to bottom
            image = image.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation)
        pixmap = QPixmap.fromImage(image)
        self.page_label.setPixmap(pixmap)
        self.page_label.resize(pixmap.size() + QSize(2, 2))
        self._show_page_of()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_page(self._page)

    def _show_page_of(self) -> None:
        shown = len(self.pages)
        self.prev_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page + 1 < shown)
        text = self.tr("Page {page} of {total}").format(page=self._page + 1,
                                                        total=self.total_pages)
        if shown and shown < self.total_pages:
            text += " " + self.tr("(preview shows the first {n})").format(n=shown)
        self.page_of.setText(text if shown else "")

    def _on_failed(self, exc: BaseException) -> None:
        self.message_bar.show_error(calls.seal_error_text(exc))

    # -- print and save ---------------------------------------------------------------------

    def _on_print_button_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print seal labels"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Make the PDF and paint it page by page on `printer`, all in a worker."""
        make = self._document()
        self._printer = printer  # kept alive (and untouched here) until the worker is done
        self.print_button.setEnabled(False)
        self._desk.run(self._recorded(lambda: print_pdf(printer, make()), "print"), self,
                       self._on_printed, self._on_print_failed)

    def _recorded(self, output, how: str):  # callables for the worker
        """`output`, then the audit of the printing: only labels that reached the printer or
        the file are counted, never a preview or a failed attempt."""
        db, actor, (first, last, _layout, reprint) = self._db, self._actor, self._key()

        def work():
            result = output()
            calls.record_labels(db, actor, first, last, how=how, reprint=reprint)
            return result

        return work

    def _on_print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self._on_failed(exc)

    def _on_printed(self, printed: int) -> None:
        self.print_button.setEnabled(True)
        self.message_bar.show_success(self.tr("Pages sent to the printer: {n}.").format(n=printed))
        self.sig_printed.emit(printed)

    def suggested_name(self) -> str:
        first, last, _count = self._range()
        return file_name("seal-labels", first, last[-6:], today_text(), suffix="pdf")

    def _on_save_button_clicked(self) -> None:
        path = ask_save_path(self, kind="seal_labels", title=self.tr("Save labels as PDF"),
                             name=self.suggested_name(), filters=self.tr("PDF documents (*.pdf)"),
                             settings=self._settings)
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        make = self._document()
        self._desk.run(self._recorded(lambda: write_user_file(path, make()), "pdf"), self,
                       lambda _n: self._on_saved(path), self._on_failed)

    def _on_saved(self, path: Path) -> None:
        self.message_bar.show_success(self.tr("Saved {file}.").format(file=path.name))

    # -- network label printer --------------------------------------------------------------

    def _on_job_requested(self, language: str) -> None:
        db, actor = self._db, self._actor
        first, last, _count = self._range()
        reprint = self.reprint_check.isChecked()
        title = f"{language.upper()} {first}…{last[-6:]}"
        self.printer_box.send(lambda: calls.label_job(db, actor, first, last, language=language,
                                                      reprint=reprint), title=title)
