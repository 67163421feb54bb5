"""The page every report is printed on: company and unit header, document number, who
generated it and when, "第 x 页 共 y 页", tables that break across pages with their
header row repeated, and a totals row.

    pdf = render_document(data.header, words, title, story, landscape=True)

A report module builds the story (paragraphs, `data_table`s, charts) from its
frozen data; this module draws the frame around it. The page count needs the
whole document first, so the canvas keeps each page's drawing and writes the
footers when it saves (the usual ReportLab "numbered canvas").
"""

from __future__ import annotations

import contextvars
import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape as landscape_of
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageTemplate,
    Spacer,
    TableStyle,
)

from console.services.report_data.types import DocumentHeader
from console.timeutil import LOCAL
from reports.fonts import register_cjk_font
from reports.safe_text import paragraph, plain, plain_fields
from reports.words import Words

# Binary streams (no ASCII85 pass) and no attribute validation of chart shapes: a third
# less time per statement; the documents are the same to a reader.
rl_config.useA85 = 0
rl_config.shapeChecking = 0
# Called with the page number as each page is laid out (progress, cancel): set per
# thread by reports.registry.generate; it may raise to stop the document.
PAGE_HOOK: contextvars.ContextVar[Callable[[int], None] | None] = contextvars.ContextVar(
    "report_page_hook", default=None)
MARGIN = 14 * mm
HEADER_HEIGHT = 30 * mm
FOOTER_HEIGHT = 12 * mm
INK = colors.HexColor("#1f2d3d")
RULE = colors.HexColor("#8a9bb0")
HEAD_FILL = colors.HexColor("#e4ebf3")
TOTAL_FILL = colors.HexColor("#f3f5f8")
STATE_GRID = colors.HexColor("#b8c4d2")


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def local(moment: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "" if moment is None else moment.astimezone(LOCAL).strftime(fmt)


def days(head: DocumentHeader) -> tuple[dt.date, dt.date]:
    """The first and last day a report covers; the reports over days are built with them."""
    if head.period is None:
        raise ValueError(f"document {head.doc_no}: no period of days to show")
    return head.period


def styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font()
    base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13.5, wordWrap="CJK",
                          textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11),
        "section": ParagraphStyle("section", parent=base, fontSize=11.5, leading=16,
                                  spaceBefore=5 * mm, spaceAfter=2 * mm),
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=22, alignment=1,
                                spaceAfter=3 * mm),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=12,
                               textColor=colors.HexColor("#4a5868")),
        "big": ParagraphStyle("big", parent=base, fontSize=12, leading=18),
    }


@dataclass(frozen=True)
class Column:
    """One table column: its heading, width in mm and alignment ("L", "R", "C")."""

    title: str
    width: float
    align: str = "L"


LONG_TABLE = 150  # rows from which a list is drawn by reports.fast_table


def data_table(columns: Sequence[Column], rows: Sequence[Sequence[str]], *,
               totals: Sequence[str] | None = None, font_size: float = 8.5) -> Flowable:
    """A table whose heading row repeats on every page it runs onto; `totals` is its last row.
    Long lists (thousands of payments) take the fast path, which looks the same."""
    if len(rows) >= LONG_TABLE:
        from reports.fast_table import FastTable

        return FastTable(columns, rows, totals=totals, font_size=font_size,
                         colours=(INK, HEAD_FILL, TOTAL_FILL, STATE_GRID))
    font = register_cjk_font()
    # Cells are not markup, but a line break would split a name over two lines.
    data = [[c.title for c in columns], *[[plain(v) for v in r] for r in rows]]
    if totals is not None:
        data.append([plain(v) for v in totals])
    table = LongTable(data, colWidths=[c.width * mm for c in columns], repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), font, font_size),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, INK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
        ("LINEBELOW", (0, -1), (-1, -1), 0.9, INK),
        ("INNERGRID", (0, 1), (-1, -1), 0.25, STATE_GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
    ]
    for index, column in enumerate(columns):
        align = {"L": "LEFT", "R": "RIGHT", "C": "CENTER"}[column.align]
        style.append(("ALIGN", (index, 1), (index, -1), align))
    if totals is not None:
        style += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL),
                  ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK)]
    table.setStyle(TableStyle(style))
    return table


def facts_table(pairs: Sequence[tuple[str, str]], *, columns: int = 2,
                width: float = 182, colon: str = "：") -> LongTable:
    """Caption：value pairs laid out in `columns` pairs a row (the customer block)."""
    font = register_cjk_font()
    cells, row = [], []
    for caption, value in pairs:
        row += [f"{caption}{colon}", plain(value)]
        if len(row) == 2 * columns:
            cells.append(row)
            row = []
    if row:
        cells.append(row + [""] * (2 * columns - len(row)))
    share = width / columns
    table = LongTable(cells, colWidths=[24 * mm, (share - 24) * mm] * columns)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 9.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("TEXTCOLOR", tuple((0, 0)), (0, -1), colors.HexColor("#4a5868")),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def no_data(template: str, **values: object) -> Flowable:
    """A note in place of an empty table; `values` fill the template's fields as text."""
    return paragraph(template, styles()["note"], **values)


def render_document(head: DocumentHeader, words: Words, title: str, story: list, *,
                    landscape: bool = False, scope: str = "") -> bytes:
    """The story on A4 pages with the header and footer drawn on each; PDF bytes."""
    size = landscape_of(A4) if landscape else A4
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=MARGIN + FOOTER_HEIGHT,
                          title=f"{title} {head.doc_no}", author=head.company,
                          creator="GridDesk", pageCompression=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    page = _PageDecor(head, words, title, scope)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=page.draw, pagesize=size)])
    doc.build(list(story) or [Spacer(1, 1)],
              canvasmaker=lambda *a, **kw: _NumberedCanvas(*a, footer=page, **kw))
    return buffer.getvalue()


class _PageDecor:
    """Draws the header of each page and, once the count is known, its footer."""

    def __init__(self, head: DocumentHeader, words: Words, title: str, scope: str) -> None:
        self.head, self.words = plain_fields(head), words
        self.title, self.scope = plain(title), plain(scope)

    def draw(self, canvas: Canvas, doc) -> None:  # ReportLab hook
        hook = PAGE_HOOK.get()
        if hook is not None:
            hook(doc.page)
        font = register_cjk_font()
        width, height = canvas._pagesize
        left, right, top = MARGIN, width - MARGIN, height - MARGIN
        canvas.saveState()
        canvas.setFillColor(INK)
        canvas.setFont(font, 10)
        canvas.drawString(left, top - 4 * mm, self.head.company)
        canvas.setFont(font, 16)
        canvas.drawCentredString(width / 2, top - 10 * mm, self.title)
        canvas.setFont(font, 9)
        unit = "" if self.head.unit_name == self.head.company else self.head.unit_name
        unit = "　".join(filter(None, (unit, self.scope)))
        canvas.drawCentredString(width / 2, top - 16 * mm, unit)
        w = self.words
        canvas.setFont(font, 8.5)
        canvas.drawString(left, top - 23 * mm, f"{w['doc_no']}{w['colon']}{self.head.doc_no}")
        canvas.drawRightString(right, top - 23 * mm,
                               f"{w['generated_by']}{w['colon']}{self.head.generated_by}　"
                               f"{w['generated_at']}{w['colon']}{local(self.head.generated_at)}")
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.1)
        canvas.line(left, top - 25.5 * mm, right, top - 25.5 * mm)
        canvas.setLineWidth(0.4)
        canvas.line(left, top - 26.3 * mm, right, top - 26.3 * mm)
        canvas.restoreState()

    def footer(self, canvas: Canvas, number: int, total: int) -> None:
        font = register_cjk_font()
        width, _height = canvas._pagesize
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, MARGIN + 6 * mm, width - MARGIN, MARGIN + 6 * mm)
        canvas.setFillColor(INK)
        canvas.setFont(font, 8.5)
        canvas.drawCentredString(width / 2, MARGIN + 1.5 * mm,
                                 self.words["page"].format(page=number, pages=total))
        canvas.drawString(MARGIN, MARGIN + 1.5 * mm, self.head.unit_phone
                          and f"{self.words['phone']}{self.words['colon']}{self.head.unit_phone}" or "")
        canvas.drawRightString(width - MARGIN, MARGIN + 1.5 * mm, self.head.doc_no)
        canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Keeps every page until save, then writes "page x of y" on each."""

    def __init__(self, *args, footer: _PageDecor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer = footer

    def showPage(self) -> None:  # ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer.footer(self, number, total)
            Canvas.showPage(self)
        Canvas.save(self)
