"""Seal labels as PDF: an A4 sheet of 3 × 10 for office printers, or one 40 × 30 mm
thermal label per page.

    pdf = render_sheet(seals.label_data(db, actor, batch_id=7))

Each label: the seal number as Code 128 (python-barcode's module pattern, drawn
as vector bars) with the number in text drawn under it by us (ReportLab's own
caption touches the bars), and the signed QR (console.seals.qr) from our batch
encoder (reports.qr_matrix) as a 1-bit image mask: a few hundred bytes per
code, crisp at any zoom. Batch, type, colour, unit and key id beside the QR;
a reprint says 补打/REPRINT. No personal data: labels sit on meters in the street.
Bars and QR go into the content stream as literal PDF operators because
ReportLab's shape objects cost ~1 ms a label and a batch prints 10,000.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from barcode.codex import Code128
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from console.models.enums import SealType
from console.services.seals.types import SealLabel
from reports.fonts import register_cjk_font
from reports.qr_matrix import matrices
from reports.safe_text import plain
from reports.vocabulary import names


@dataclass(frozen=True)
class LabelWords:
    """Every word a label prints besides the data (Chinese: labels are printed in China)."""

    reprint: str = "补打/REPRINT"
    batch: str = "批次"
    key: str = "密钥"
    title: str = "计量封印"
    types: dict[str, str] = field(default_factory=lambda: names("zh", SealType))


@dataclass(frozen=True)
class Geometry:
    """Where things sit on one label, in points from its top-left corner."""

    width: float
    height: float
    module: float  # one Code 128 module
    bar_top: float
    bar_height: float
    number_size: float
    number_gap: float  # from the bars' bottom to the digits' top
    qr_left: float
    qr_top: float
    qr_size: float
    text_size: float


    prefixes: bool = True  # "批次 …", "密钥 …" where there is room


SHEET = Geometry(66 * mm, 27 * mm, module=0.33 * mm, bar_top=1.2 * mm, bar_height=6 * mm,
                 number_size=7, number_gap=1.0 * mm, qr_left=3 * mm, qr_top=11.2 * mm,
                 qr_size=14.8 * mm, text_size=6.5)
THERMAL = Geometry(40 * mm, 30 * mm, module=0.2 * mm, bar_top=1.0 * mm, bar_height=5.5 * mm,
                   number_size=6, number_gap=0.8 * mm, qr_left=1.5 * mm, qr_top=10.0 * mm,
                   qr_size=17.5 * mm, text_size=5.5, prefixes=False)
SHEET_COLUMNS, SHEET_ROWS = 3, 10
SHEET_LEFT, SHEET_TOP, SHEET_GAP = 4 * mm, 13.5 * mm, 2 * mm
DIGIT_HEIGHT = 0.72  # Helvetica's digits, as a share of the font size


def bar_runs(seal_no: str) -> list[tuple[int, int]]:
    """(first module, width in modules) of each bar of the seal number's Code 128."""
    pattern = Code128(seal_no).build()[0]
    runs, start = [], None
    for i, ch in enumerate(pattern + "0"):
        if ch == "1" and start is None:
            start = i
        elif ch == "0" and start is not None:
            runs.append((start, i - start))
            start = None
    return runs


def _bars(canvas: Canvas, seal_no: str, x: float, top: float, geo: Geometry) -> None:
    runs = bar_runs(seal_no)
    total = runs[-1][0] + runs[-1][1]
    left = x + (geo.width - total * geo.module) / 2  # the rest is quiet zone
    bottom = top - geo.bar_top - geo.bar_height
    ops = " ".join(f"{left + s * geo.module:.3f} {bottom:.3f} {w * geo.module:.3f} "
                   f"{geo.bar_height:.3f} re" for s, w in runs)
    canvas.addLiteral(f"q 0 g {ops} f Q")


def _qr(canvas: Canvas, grid: np.ndarray, x: float, y: float, size: float) -> None:
    """The QR as an image mask: rows top first, 1 = dark, scaled to `size` points."""
    n = grid.shape[0]
    data = np.packbits(grid, axis=1).tobytes().hex()
    canvas.addLiteral(f"q 0 g {size:.3f} 0 0 {size:.3f} {x:.3f} {y:.3f} cm "
                      f"BI /W {n} /H {n} /IM true /BPC 1 /D [1 0] /F /AHx ID\n{data}>\nEI Q")


def _text(canvas: Canvas, label: SealLabel, x: float, top: float, geo: Geometry,
          words: LabelWords, font: str) -> None:
    bars_bottom = top - geo.bar_top - geo.bar_height
    digits_top = bars_bottom - geo.number_gap
    canvas.setFont("Helvetica", geo.number_size)
    canvas.drawCentredString(x + geo.width / 2, digits_top - geo.number_size * DIGIT_HEIGHT,
                             label.seal_no)
    left = x + geo.qr_left + geo.qr_size + 1.5 * mm
    line = top - geo.qr_top - geo.text_size
    batch, key = (f"{words.batch} ", f"{words.key} ") if geo.prefixes else ("", "")
    lines = [f"{words.types.get(label.seal_type, label.seal_type)} {label.colour} {label.year}",
             batch + label.batch_no, label.unit_name[:12], key + label.key_id]
    canvas.setFont(font, geo.text_size)
    for text in lines:
        canvas.drawString(left, line, plain(text))
        line -= geo.text_size * 1.3
    if label.reprint:
        canvas.setFont(font, geo.text_size + 1)
        canvas.drawString(left, line - 0.5 * mm, words.reprint)


def _label(canvas: Canvas, label: SealLabel, grid: np.ndarray, x: float, top: float,
           geo: Geometry, words: LabelWords, font: str) -> None:
    """One label whose top-left corner is at (x, top) in page coordinates."""
    _bars(canvas, label.seal_no, x, top, geo)
    _qr(canvas, grid, x + geo.qr_left, top - geo.qr_top - geo.qr_size, geo.qr_size)
    _text(canvas, label, x, top, geo, words, font)


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Deflate without the ASCII85 layer while we write: ReportLab's pure-Python
    ASCII85 (no C accelerator here) took half the time of a 1,000-label run."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def _pdf(title: str, pagesize: tuple[float, float]) -> tuple[io.BytesIO, Canvas]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pagesize, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("GridDesk")
    return buffer, canvas


def render_sheet(labels: Sequence[SealLabel], words: LabelWords = LabelWords()) -> bytes:
    """A4 pages of 3 × 10 labels (66 × 27 mm), in order, row by row."""
    if not labels:
        raise ValueError("no labels")
    font = register_cjk_font()
    grids = matrices([lab.qr_payload.encode("ascii") for lab in labels])
    buffer, canvas = _pdf(words.title, A4)
    per_page = SHEET_COLUMNS * SHEET_ROWS
    for i, (label, grid) in enumerate(zip(labels, grids, strict=True)):
        if i and i % per_page == 0:
            canvas.showPage()
        row, col = divmod(i % per_page, SHEET_COLUMNS)
        x = SHEET_LEFT + col * (SHEET.width + SHEET_GAP)
        top = A4[1] - SHEET_TOP - row * SHEET.height
        _label(canvas, label, grid, x, top, SHEET, words, font)
    canvas.showPage()
    with _binary_streams():
        canvas.save()
    return buffer.getvalue()


def render_thermal(labels: Sequence[SealLabel], words: LabelWords = LabelWords()) -> bytes:
    """One 40 × 30 mm page per label, for a thermal printer driven through its PDF driver."""
    if not labels:
        raise ValueError("no labels")
    font = register_cjk_font()
    grids = matrices([lab.qr_payload.encode("ascii") for lab in labels])
    buffer, canvas = _pdf(words.title, (THERMAL.width, THERMAL.height))
    for label, grid in zip(labels, grids, strict=True):
        _label(canvas, label, grid, 0, THERMAL.height, THERMAL, words, font)
        canvas.showPage()
    with _binary_streams():
        canvas.save()
    return buffer.getvalue()
