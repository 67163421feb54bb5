"""PDF pages as images (pypdfium2) for the preview, and onto a QPrinter for printing.

Rendering runs in a worker thread: QImage (unlike QPixmap) may be made off the GUI thread.
PDFium is not thread-safe, not even across documents (pypdfium2's docs): every call into it
holds PDFIUM_LOCK, or a preview and a print running at once crash the process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

PREVIEW_DPI = 110
PRINT_DPI = 300
PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class RenderedPage:
    image: QImage
    width_pt: float
    height_pt: float


def render_pages(pdf: bytes, *, dpi: int = PREVIEW_DPI, limit: int | None = None
                 ) -> list[RenderedPage]:
    """Every page (or the first `limit`) of `pdf` as an RGB image at `dpi`."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            count = len(document) if limit is None else min(limit, len(document))
            return [_render(document[number], dpi) for number in range(count)]
        finally:
            document.close()


def _render(page: pdfium.PdfPage, dpi: int) -> RenderedPage:
    try:
        width, height = page.get_size()
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGB888).copy()  # copy: the buffer is freed
        return RenderedPage(image, width, height)
    finally:
        page.close()


def page_count(pdf: bytes) -> int:
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def print_pdf(printer: QPrinter, pdf: bytes, *, dpi: int = PRINT_DPI) -> int:
    """Paint every page of `pdf` onto `printer`, each sized as in the PDF; pages printed.

    Runs in a worker: Qt allows QPainter on a QPrinter outside the GUI thread. One page
    is rendered at a time, so a 10,000-label job never holds more than one page image.
    Label stock is set per page size (40 × 30 mm thermal, A4 sheets), no margins: the
    PDF already places every label where the stock has it.
    """
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        pages = len(document)
    painter = QPainter()
    try:
        for number in range(pages):
            with PDFIUM_LOCK:  # page by page: a preview may render between two pages
                page = _render(document[number], dpi)
            _fit(printer, page)
            if number == 0 and not painter.begin(printer):
                return 0
            if number:
                printer.newPage()
            target = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            target.moveTo(0, 0)
            painter.drawImage(target, page.image)
        return pages
    finally:
        if painter.isActive():
            painter.end()
        with PDFIUM_LOCK:
            document.close()


def _fit(printer: QPrinter, page: RenderedPage) -> None:
    # Qt keeps page sizes portrait and turns a wide label by the orientation instead.
    wide = page.width_pt > page.height_pt
    size = QPageSize(QSizeF(min(page.width_pt, page.height_pt), max(page.width_pt, page.height_pt)),
                     QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))


def scaled(image: QImage, width: int) -> QImage:
    return image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
