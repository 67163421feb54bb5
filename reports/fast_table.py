"""A long list (thousands of rows) drawn fast: fixed row height, single-line cells.

ReportLab's Table measures every remaining row again each time it splits at a
page end, and formats every cell through the generic text machinery: a day of
10,000 payments took half a minute. `FastTable` splits by arithmetic (rows per
page from the row height) and writes its cells as PDF text operators with the
glyph codes of each character looked up once per document. It looks like
`layout.data_table`: heading row repeated on each page, thin grid, totals row.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from reports.fonts import register_cjk_font
from reports.safe_text import plain

PADDING_TOP, PADDING_BOTTOM, PADDING_SIDE = 1.6, 2.2, 6.0


class _Glyphs:
    """Per document: each character's subset, code and width, and subset font names.

    A string whose characters all sit in one subset (digits, a name) is encoded
    with str.translate and measured with one sum, both in C; whole strings that
    repeat (methods, names, amounts) are looked up once.
    """

    def __init__(self, font_name: str, doc) -> None:  # ReportLab's PDFDocument
        # A weak reference: the cache below is keyed by the document, and a strong one
        # here would keep every rendered document (and its pages) alive for good.
        self.font, self._doc = pdfmetrics.getFont(font_name), weakref.ref(doc)
        self.subset_of: dict[str, int] = {}
        self.width: dict[str, float] = {}
        self.tables: dict[int, dict[int, str]] = {}
        self.strings: dict[str, tuple[list[tuple[int, bytes]], float]] = {}
        self.names: dict[int, str] = {}

    @property
    def doc(self):  # ReportLab's PDFDocument, alive while it is drawn
        return self._doc()

    def _learn(self, text: str) -> None:
        for ch in [c for c in set(text) if c not in self.subset_of]:
            [(subset, code)] = self.font.splitString(ch, self.doc)
            self.subset_of[ch] = subset
            self.tables.setdefault(subset, {})[ord(ch)] = code.decode("latin-1")
            self.width[ch] = self.font.stringWidth(ch, 1)

    def runs(self, text: str) -> tuple[list[tuple[int, bytes]], float]:
        """(subset, codes) runs of `text` and its width at size 1."""
        known = self.strings.get(text)
        if known is not None:
            return known
        key, text = text, plain(text)  # cleaned once per distinct string: cached below
        try:
            subsets = {self.subset_of[ch] for ch in text}
        except KeyError:
            self._learn(text)
            subsets = {self.subset_of[ch] for ch in text}
        width = sum(map(self.width.__getitem__, text))
        if len(subsets) == 1:
            subset = subsets.pop()
            runs = [(subset, text.translate(self.tables[subset]).encode("latin-1"))]
        else:
            runs = []
            for ch in text:
                subset, code = self.subset_of[ch], self.tables[self.subset_of[ch]][ord(ch)]
                if runs and runs[-1][0] == subset:
                    runs[-1] = (subset, runs[-1][1] + code.encode("latin-1"))
                else:
                    runs.append((subset, code.encode("latin-1")))
        if len(self.strings) < 20000:
            self.strings[key] = (runs, width)
        return runs, width

    def name(self, subset: int) -> str:
        if subset not in self.names:
            self.names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return self.names[subset]


# Per document, forgotten with it (ReportLab keeps its own font state the same way).
_GLYPHS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _glyphs(canvas, font_name: str) -> _Glyphs:
    doc = canvas._doc
    cached = _GLYPHS.get(doc)
    if cached is None:
        cached = _GLYPHS[doc] = _Glyphs(font_name, doc)
    return cached


class FastTable(Flowable):
    """Rows of strings under a heading, split at page ends without measuring again."""

    def __init__(self, columns: Sequence, rows: Sequence[Sequence[str]], *,
                 totals: Sequence[str] | None = None, font_size: float = 7.5,
                 colours=None, first: int = 0, last: int | None = None) -> None:
        super().__init__()
        self.columns, self.rows, self.totals = columns, rows, totals
        self.font_size, self.colours = font_size, colours
        self.first, self.last = first, len(rows) if last is None else last
        self.row_height = font_size * 1.2 + PADDING_TOP + PADDING_BOTTOM
        self.widths = [c.width * mm for c in columns]

    def _count(self) -> int:
        return self.last - self.first + (1 if self.totals is not None else 0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return sum(self.widths), self.row_height * (1 + self._count())

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fit = int(avail_height // self.row_height) - 1  # less the heading
        if fit < 1:
            return []
        if fit >= self._count():
            return [self]
        cut = self.first + min(fit, self.last - self.first)
        head = FastTable(self.columns, self.rows, font_size=self.font_size, colours=self.colours,
                         first=self.first, last=cut)
        tail = FastTable(self.columns, self.rows, totals=self.totals, font_size=self.font_size,
                         colours=self.colours, first=cut, last=self.last)
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        ink, head_fill, total_fill, grid = self.colours
        lines = [[c.title for c in self.columns], *self.rows[self.first:self.last]]
        if self.totals is not None:
            lines.append(list(self.totals))
        height, width = self.row_height * len(lines), sum(self.widths)
        canvas.saveState()
        canvas.setFillColor(head_fill)
        canvas.rect(0, height - self.row_height, width, self.row_height, stroke=0, fill=1)
        if self.totals is not None:
            canvas.setFillColor(total_fill)
            canvas.rect(0, 0, width, self.row_height, stroke=0, fill=1)
        self._grid(canvas, height, width, grid, ink)
        canvas.setFillColor(ink)
        canvas._code.append(self._text(canvas, lines, height))
        canvas.restoreState()

    def _grid(self, canvas, height: float, width: float, grid, ink) -> None:
        canvas.setStrokeColor(grid)
        canvas.setLineWidth(0.25)
        x = 0.0
        for w in self.widths[:-1]:
            x += w
            canvas.line(x, 0, x, height - self.row_height)
        for i in range(1, int(round(height / self.row_height)) - 1):
            canvas.line(0, i * self.row_height, width, i * self.row_height)
        canvas.setStrokeColor(ink)
        for y, weight in ((height, 0.9), (height - self.row_height, 0.6), (0, 0.9)):
            canvas.setLineWidth(weight)
            canvas.line(0, y, width, y)
        if self.totals is not None:
            canvas.setLineWidth(0.6)
            canvas.line(0, self.row_height, width, self.row_height)

    def _text(self, canvas, lines: list, height: float) -> str:
        """One BT…ET block with every cell placed by Tm."""
        glyphs, size, escape = _glyphs(canvas, register_cjk_font()), self.font_size, canvas._escape
        out, current = ["BT"], None
        for index, line in enumerate(lines):
            y = height - (index + 1) * self.row_height + PADDING_BOTTOM + size * 0.2
            x0 = 0.0
            for column, w, value in zip(self.columns, self.widths, line, strict=False):
                if value:
                    runs, unit = glyphs.runs(str(value))
                    align = "C" if index == 0 else column.align
                    x = (x0 + PADDING_SIDE if align == "L" else x0 + w - PADDING_SIDE - unit * size
                         if align == "R" else x0 + (w - unit * size) / 2)
                    out.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
                    for subset, codes in runs:
                        if subset != current:
                            out.append(f"{glyphs.name(subset)} {size:g} Tf")
                            current = subset
                        out.append(f"({escape(codes)}) Tj")
                x0 += w
        out.append("ET")
        return "\n".join(out)
