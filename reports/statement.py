"""The customer statement (电费对账单): 13 months of bills and payments, the ledger over
them, what is owed today, and a chart of the monthly consumption.

    pdf = render_statement(statement_data(db, actor, customer_no="3700000101"))
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from console.models.enums import BillStatus, CustomerCategory, PaymentMethod, PaymentStatus
from console.services.report_data.types import StatementData
from reports.fonts import register_cjk_font
from reports.layout import (
    INK,
    Column,
    data_table,
    days,
    facts_table,
    local,
    money,
    no_data,
    render_document,
    styles,
)
from reports.safe_text import paragraph
from reports.vocabulary import name_of
from reports.words import words

BAR = colors.HexColor("#2f6fb0")


def render_statement(data: StatementData, *, lang: str = "zh") -> bytes:
    """The statement as PDF bytes (A4 portrait)."""
    w, st = words(lang), styles()
    first, last = days(data.header)
    span = f"{w['period']}{w['colon']}{first:%Y-%m-%d} — {last:%Y-%m-%d}"
    story = [
        facts_table([(w["customer_no"], data.customer_no), (w["customer_name"], data.name),
                     (w["category"], name_of(lang, CustomerCategory, data.category)),
                     (w["tariff"], data.tariff), (w["cust_phone"], data.phone),
                     (w["period"], f"{first:%Y-%m} — {last:%Y-%m}"),
                     (w["address"], data.address)], colon=w["colon"]),
        paragraph(w["summary"], st["section"]),
        _summary(data, w),
        paragraph(w["balance_note"], st["note"]),
        paragraph(w["chart"], st["section"]),
        consumption_chart(data, w),
        paragraph(w["bills"], st["section"]),
        _bills(data, w, lang),
        paragraph(w["payments"], st["section"]),
        _payments(data, w, lang),
        Spacer(1, 5 * mm),
        paragraph(w["statement_note"], st["note"]),
    ]
    return render_document(data.header, w, w["statement"], story, scope=span)


def _summary(data: StatementData, w) -> object:
    cols = [Column(w[k], 26, "R") for k in ("opening", "charged", "late_fees", "paid",
                                             "adjusted", "closing")]
    row = [money(v) for v in (data.opening_balance, data.charged, data.late_fees, data.paid,
                              data.adjusted, data.closing_balance)]
    due = [Column(w["arrears_now"], 60, "R"), Column(w["fees_now"], 60, "R"),
           Column(w["due_now"], 62, "R")]
    owed = [money(data.arrears), money(data.accrued_fees),
            money(data.arrears + data.accrued_fees)]
    cols[-1] = Column(w["closing"], 52, "R")
    return KeepTogether([data_table(cols, [row]), Spacer(1, 2 * mm), data_table(due, [owed])])


def _bills(data: StatementData, w, lang: str) -> object:
    if not data.bills:
        return no_data(w["no_data"])
    cols = [Column(w["bill_period"], 20, "C"), Column(w["bill_no"], 42), Column(w["kwh"], 26, "R"),
            Column(w["bill_amount"], 25, "R"), Column(w["bill_paid"], 25, "R"),
            Column(w["due_date"], 24, "C"), Column(w["status"], 20, "C")]
    rows = [[b.period, b.bill_no, f"{b.kwh:,.2f}", money(b.amount), money(b.paid),
             f"{b.due_date:%Y-%m-%d}", name_of(lang, BillStatus, b.status)] for b in data.bills]
    totals = [w["total"], "", f"{sum((b.kwh for b in data.bills), Decimal(0)):,.2f}",
              money(sum((b.amount for b in data.bills), Decimal("0.00"))),
              money(sum((b.paid for b in data.bills), Decimal("0.00"))), "", ""]
    return data_table(cols, rows, totals=totals)


def _payments(data: StatementData, w, lang: str) -> object:
    if not data.payments:
        return no_data(w["no_data"])
    cols = [Column(w["received_at"], 34, "C"), Column(w["receipt_no"], 44),
            Column(w["method"], 22, "C"), Column(w["amount"], 28, "R"),
            Column(w["operator"], 30), Column(w["status"], 24, "C")]
    rows = [[local(p.received_at), p.receipt_no, name_of(lang, PaymentMethod, p.method),
             money(p.amount), p.operator, name_of(lang, PaymentStatus, p.status)]
            for p in data.payments]
    posted = sum((p.amount for p in data.payments if p.status == "posted"), Decimal("0.00"))
    return data_table(cols, rows, totals=[w["total"], "", "", money(posted), "", ""])


def consumption_chart(data: StatementData, w) -> Drawing:
    """Bars of kWh per month over the statement's 13 months (an empty month is a gap)."""
    font = register_cjk_font()
    kwh = {b.period: float(b.kwh) for b in data.bills}
    values = [kwh.get(p, 0.0) for p in data.periods]
    drawing = Drawing(182 * mm, 52 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 14 * mm, 9 * mm, 164 * mm, 38 * mm
    chart.data = [values]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: f"{v:,.0f}" if v else ""
    chart.barLabels.fontName, chart.barLabels.fontSize = font, 6.5
    chart.barLabels.nudge = 5
    chart.categoryAxis.categoryNames = [p[2:] for p in data.periods]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 7
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, 7
    chart.valueAxis.valueMin = 0
    if not any(values):
        chart.valueAxis.valueMax = 100  # an axis from 0 to 0 cannot be drawn
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d5dde6")
    chart.valueAxis.visibleGrid = True
    chart.categoryAxis.strokeColor = chart.valueAxis.strokeColor = INK
    drawing.add(chart)
    if not any(values):
        drawing.add(String(91 * mm, 26 * mm, w["no_data"], fontName=font, fontSize=9,
                           textAnchor="middle"))
    return drawing
