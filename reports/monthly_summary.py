"""Monthly management summary (月度经营分析): billed against collected and the collection
rate over twelve bill months (charts), the month's takings, arrears and the largest
debtors, switch success and notices."""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Table

from console.models.enums import CommandAction, NoticeKind, PaymentMethod
from console.services.report_data.types import MonthlySummaryData
from reports.fonts import register_cjk_font
from reports.layout import INK, Column, data_table, money, no_data, render_document, styles
from reports.safe_text import paragraph
from reports.vocabulary import name_of
from reports.words import words

BILLED, COLLECTED, RATE = (colors.HexColor(c) for c in ("#8fb8de", "#2f6fb0", "#c0392b"))

WORDS = ({
    "monthly_summary": "月度经营分析报告", "month": "统计月份", "key_figures": "主要指标",
    "billed": "应收电费", "collected": "已收电费", "rate": "电费回收率", "outstanding": "未收",
    "received": "本月实收", "payment_count": "本月收费笔数", "overdue_total": "逾期欠费（本金）",
    "control_rate": "停复电成功率", "trend": "近12个月应收、已收与回收率", "arrears_trend": "各账期未收电费（元）",
    "notices_sent": "本月通知", "switching": "本月停复电执行", "confirmed": "成功", "failed": "失败",
    "notice_kind": "通知类型", "bill_month": "账期",
    "as_at_month_end": "以上数据截至 {day} 24:00：此后的收费与冲正不计入，日后重出本报告数字不变。",
    "as_at_printing": "本月尚未结束：以上数据截至出表时，月末前仍会变化。",
}, {
    "monthly_summary": "Monthly management summary", "month": "Month", "key_figures": "Key figures",
    "billed": "Billed", "collected": "Collected", "rate": "Collection rate",
    "outstanding": "Outstanding", "received": "Received",
    "payment_count": "Payments", "overdue_total": "Overdue",
    "control_rate": "Switching OK", "trend": "Last 12 bill months: billed, collected, rate",
    "arrears_trend": "Unpaid by bill month (yuan)", "notices_sent": "Notices this month",
    "switching": "Switching this month", "confirmed": "Confirmed", "failed": "Failed",
    "notice_kind": "Notice", "bill_month": "Bill month",
    "as_at_month_end": "Figures as at the end of {day}: payments and reversals after it are not "
                       "counted, so this report printed again later shows the same figures.",
    "as_at_printing": "The month is not over: figures as at the time of printing; they will "
                      "change until the month ends.",
})


def render_monthly_summary(data: MonthlySummaryData, *, lang: str = "zh") -> bytes:
    w, st = words(lang, WORDS), styles()
    story = [paragraph(w["key_figures"], st["section"]), _key_figures(data, w),
             paragraph(_as_at(data, w), st["note"]),
             paragraph(w["trend"], st["section"]), _trend_chart(data, w, lang),
             _periods(data, w), paragraph(w["by_method"], st["section"]), _methods(data, w, lang),
             KeepTogether([paragraph(w["switching"] + " / " + w["notices_sent"], st["section"]),
                           _switching(data, w, lang)]),
             paragraph(w["top_debtors"], st["section"], n=len(data.debtors)),
             _debtors(data, w)]
    return render_document(data.header, w, w["monthly_summary"], story,
                           scope=f"{w['month']}{w['colon']}{data.month}")


def _as_at(data: MonthlySummaryData, w) -> str:
    """Which moment the figures describe: a closed month's last, or now."""
    if data.as_at is None:
        return w["as_at_printing"]
    return w["as_at_month_end"].format(day=data.as_at.isoformat())


def control_rate(data: MonthlySummaryData) -> Decimal | None:
    ok = sum(c for _a, c, _f in data.commands)
    bad = sum(f for _a, _c, f in data.commands)
    return (Decimal(ok * 100) / (ok + bad)).quantize(Decimal("0.1")) if ok + bad else None


def _key_figures(data: MonthlySummaryData, w) -> object:
    # A month's bills go out early in the next: the newest bill month with bills.
    this = next((p for p in reversed(data.periods) if p.billed), data.periods[-1])
    rate, switching = this.rate, control_rate(data)
    keys = ("billed", "collected", "rate", "received", "payment_count", "overdue_total",
            "control_rate")
    titles = [w[k] for k in keys]
    titles[0] = f"{w['billed']}（{this.period}）"
    cols = [Column(t, width, "R") for t, width in zip(titles, (30, 24, 22, 26, 24, 30, 26),
                                                       strict=True)]
    row = [money(this.billed), money(this.collected), "" if rate is None else f"{rate}%",
           money(data.received), f"{data.payments:,}", money(data.overdue_total),
           "" if switching is None else f"{switching}%"]
    return data_table(cols, [row])


def _trend_chart(data: MonthlySummaryData, w, lang: str) -> Drawing:
    font = register_cjk_font()
    drawing = Drawing(182 * mm, 62 * mm)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 16 * mm, 10 * mm, 140 * mm, 44 * mm
    bars.data = [[float(p.billed) for p in data.periods], [float(p.collected) for p in data.periods]]
    bars.bars[0].fillColor, bars.bars[1].fillColor = BILLED, COLLECTED
    bars.bars.strokeColor = None
    bars.categoryAxis.categoryNames = [p.period[2:] for p in data.periods]
    bars.valueAxis.valueMin = 0
    if not any(bars.data[0]):
        bars.valueAxis.valueMax = 100
    if lang == "zh":
        bars.valueAxis.labelTextFormat = lambda v: f"{v / 10000:,.1f}万" if v >= 10000 else f"{v:,.0f}"
    else:
        bars.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    rate = LinePlot()
    rate.x, rate.y, rate.width, rate.height = bars.x, bars.y, bars.width, bars.height
    rate.data = [[(i + 0.5, float(p.rate)) for i, p in enumerate(data.periods) if p.rate is not None]
                 or [(0.5, 0.0)]]
    rate.xValueAxis.valueMin, rate.xValueAxis.valueMax = 0, len(data.periods)
    rate.xValueAxis.visible = False
    rate.yValueAxis.valueMin, rate.yValueAxis.valueMax = 0, 100
    rate.yValueAxis.joinAxisMode = "right"
    rate.yValueAxis.labelTextFormat = "%d%%"
    rate.lines[0].strokeColor, rate.lines[0].strokeWidth = RATE, 1.6
    rate.lines[0].symbol = makeMarker("FilledCircle", size=3.5, fillColor=RATE)
    for axis in (bars.categoryAxis, bars.valueAxis, rate.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, 7
        axis.strokeColor = INK
    legend = Legend()
    legend.x, legend.y = 160 * mm, 56 * mm
    legend.fontName, legend.fontSize = font, 7.5
    legend.colorNamePairs = [(BILLED, w["billed"]), (COLLECTED, w["collected"]), (RATE, w["rate"])]
    for part in (bars, rate, legend):
        drawing.add(part)
    return drawing


def _periods(data: MonthlySummaryData, w) -> object:
    cols = [Column(w["bill_month"], 26, "C"), Column(w["billed"], 40, "R"),
            Column(w["collected"], 40, "R"), Column(w["outstanding"], 40, "R"),
            Column(w["rate"], 30, "R")]
    rows = [[p.period, money(p.billed), money(p.collected), money(p.outstanding),
             "" if p.rate is None else f"{p.rate}%"] for p in data.periods]
    billed = sum((p.billed for p in data.periods), Decimal("0.00"))
    paid = sum((p.collected for p in data.periods), Decimal("0.00"))
    rate = f"{(paid / billed * 100).quantize(Decimal('0.1'))}%" if billed else ""
    return data_table(cols, rows, totals=[w["total"], money(billed), money(paid),
                                          money(billed - paid), rate])


def _methods(data: MonthlySummaryData, w, lang: str) -> object:
    if not data.by_method:
        return no_data(w["no_data"])
    return data_table([Column(w["method"], 40, "C"), Column(w["count"], 30, "R"),
                       Column(w["amount"], 40, "R")],
                      [[name_of(lang, PaymentMethod, m), f"{n:,}", money(a)]
                       for m, n, a in data.by_method],
                      totals=[w["total"], f"{data.payments:,}", money(data.received)])


def _switching(data: MonthlySummaryData, w, lang: str) -> object:
    switches = data_table([Column(w["action"], 24, "C"), Column(w["confirmed"], 22, "R"),
                           Column(w["failed"], 22, "R")],
                          [[name_of(lang, CommandAction, a), str(c), str(f)]
                           for a, c, f in data.commands])
    notices = data_table([Column(w["notice_kind"], 40), Column(w["count"], 24, "R")],
                         [[name_of(lang, NoticeKind, k), f"{n:,}"] for k, n in data.notices]
                         or [[w["no_data"], ""]])
    return Table([[switches, notices]], colWidths=[80 * mm, 100 * mm],
                 style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])


def _debtors(data: MonthlySummaryData, w) -> object:
    if not data.debtors:
        return no_data(w["no_data"])
    cols = [Column("#", 8, "R"), Column(w["customer_no"], 24, "C"), Column(w["customer_name"], 44),
            Column(w["unit"], 44), Column(w["amount"], 30, "R"), Column(w["days"], 18, "R")]
    return data_table(cols, [[str(i), d.customer_no, d.name, d.unit_name, money(d.amount),
                              str(d.days)] for i, d in enumerate(data.debtors, start=1)])
