"""Arrears aging (欠费账龄分析表): overdue principal by unit and age bucket, the largest
debtors, and a stacked bar of the buckets.

    pdf = render_aging(aging_data(db, actor, unit_id=3))
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

from console.services.report_data.types import AgingData
from reports.fonts import register_cjk_font
from reports.layout import INK, Column, data_table, money, no_data, render_document, styles
from reports.safe_text import paragraph, plain
from reports.words import words

BUCKET_COLOURS = [colors.HexColor(c) for c in ("#8fb8de", "#f2c14e", "#f08a4b", "#c0392b")]


def render_aging(data: AgingData, *, lang: str = "zh") -> bytes:
    """The aging report as PDF bytes (A4 landscape)."""
    w, st = words(lang), styles()
    story = [paragraph(w["by_unit"], st["section"])]
    if data.rows:
        story += [_by_unit(data, w), paragraph(w["aging_note"], st["note"]), _chart(data, w),
                  paragraph(w["top_debtors"], st["section"], n=len(data.top_debtors)),
                  _debtors(data, w)]
    else:
        story.append(no_data(w["no_data"]))
    return render_document(data.header, w, w["aging"], story, landscape=True,
                           scope=f"{w['as_of']}{w['colon']}{data.as_of:%Y-%m-%d}")


def _bucket_titles(data: AgingData, w) -> list[str]:
    return [w[f"bucket_{i}"] for i in range(len(data.bucket_limits) + 1)]


def _by_unit(data: AgingData, w) -> object:
    titles = _bucket_titles(data, w)
    cols = [Column(w["unit"], 64), Column(w["customers"], 22, "R"),
            *[Column(t, 32, "R") for t in titles], Column(w["total"], 36, "R"),
            Column(w["share"], 18, "R")]
    whole = data.totals.total

    def cells(row) -> list[str]:
        share = f"{row.total / whole * 100:.1f}%" if whole else ""
        return [f"{row.customers:,}", *[money(a) for a in row.amounts], money(row.total), share]

    rows = [[r.unit_name, *cells(r)] for r in data.rows]
    return data_table(cols, rows, totals=[w["total"], *cells(data.totals)])


def _debtors(data: AgingData, w) -> object:
    cols = [Column("#", 10, "R"), Column(w["customer_no"], 28, "C"),
            Column(w["customer_name"], 46), Column(w["unit"], 62),
            Column(w["bill_count"], 22, "R"), Column(w["amount"], 32, "R"),
            Column(w["oldest_due"], 28, "C"), Column(w["days"], 22, "R")]
    rows = [[str(i), d.customer_no, d.name, d.unit_name, str(d.bills), money(d.amount),
             f"{d.oldest_due:%Y-%m-%d}", str(d.days)]
            for i, d in enumerate(data.top_debtors, start=1)]
    total = sum((d.amount for d in data.top_debtors), Decimal("0.00"))
    return data_table(cols, rows, totals=[w["total"], "", "", "", "", money(total), "", ""])


def _chart(data: AgingData, w) -> Drawing:
    """One stacked bar per unit (at most 12, the largest), buckets in warming colours."""
    font = register_cjk_font()
    rows = sorted(data.rows, key=lambda r: r.total, reverse=True)[:12]
    height = (18 + 7 * len(rows)) * mm
    drawing = Drawing(269 * mm, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 60 * mm, 8 * mm, 160 * mm, height - 12 * mm
    chart.data = [[float(r.amounts[i]) for r in reversed(rows)]
                  for i in range(len(data.bucket_limits) + 1)]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [plain(r.unit_name)[:16] for r in reversed(rows)]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, 7
        axis.strokeColor = INK
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    for i, colour in enumerate(BUCKET_COLOURS):
        chart.bars[i].fillColor, chart.bars[i].strokeColor = colour, None
    legend = Legend()
    legend.x, legend.y = 226 * mm, height - 8 * mm
    legend.fontName, legend.fontSize = font, 7.5
    legend.columnMaximum = len(BUCKET_COLOURS)  # one column, oldest at the bottom
    legend.colorNamePairs = list(zip(BUCKET_COLOURS, _bucket_titles(data, w), strict=True))
    drawing.add(chart)
    drawing.add(legend)
    return drawing
