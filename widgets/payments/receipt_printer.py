"""Where a receipt PDF goes after a payment: the printer, or a file when there is none.

With a printer installed, the receipt is printed on the default printer at
once ("print receipts automatically", the counter's setting) or after the
print dialog. Without one (and offscreen, in tests) the PDF is saved in a
receipts folder next to the embedded database, or in the user's documents,
and the clerk is told where. The payment dialog takes any callable of the
same shape, so tests capture the bytes instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QSettings,
    QStandardPaths,
)
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from console.db import Database
from console.files import write_user_file
from console.timeutil import local_today

translate = QCoreApplication.translate

# (pdf bytes, receipt number, parent widget) -> what happened, in words for the clerk.
PrintReceipt = Callable[[bytes, str, QWidget | None], str]
AUTO_PRINT_KEY = "receipts/print_automatically"


def receipts_folder(db: Database | None) -> Path:
    """Next to the SQLite file when there is one, else Documents/GridDesk receipts."""
    if db is not None and db.is_sqlite and db.description not in ("", ":memory:"):
        return Path(db.description).parent / "receipts"
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "GridDesk receipts"


def has_printer() -> bool:
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return False
    return bool(QPrinterInfo.availablePrinters())


class ReceiptPrinter:
    """Prints (or saves) receipt PDFs; one per shell, shared by every payment dialog."""

    def __init__(self, folder: Path, settings: QSettings | None = None) -> None:
        self.folder = folder
        self._settings = settings or QSettings("GridDesk", "GridDesk")

    @property
    def automatic(self) -> bool:
        return str(self._settings.value(AUTO_PRINT_KEY, "true")).lower() == "true"

    def __call__(self, pdf: bytes, receipt_no: str, parent: QWidget | None = None) -> str:
        if not has_printer():
            return self.save(pdf, receipt_no)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(receipt_no)
        if not self.automatic:
            dialog = QPrintDialog(printer, parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return self.save(pdf, receipt_no)
        print_pdf(pdf, printer)
        return translate("ReceiptPrinter", "Receipt printed on {printer}.").format(
            printer=printer.printerName())

    def save(self, pdf: bytes, receipt_no: str) -> str:
        day = local_today().isoformat()
        path = self.folder / day / f"{receipt_no}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_user_file(path, pdf)
        return translate("ReceiptPrinter", "No printer is installed: the receipt was saved as "
                         "{path}").format(path=str(path))


def print_pdf(pdf: bytes, printer: QPrinter) -> None:
    """Draw each page of the PDF onto the printer at its resolution."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    painter = QPainter(printer)
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = painter.viewport()
            image = document.render(page, target.size())
            painter.drawImage(target, image)
    finally:
        painter.end()
        document.close()
