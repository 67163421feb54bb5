"""The daily collection report (日收费报表): takings by operator and method, by method,
the cash-up of each operator's day, and every payment.

    pdf = render_daily_collection(daily_collection_data(db, actor, start=day, end=day))
"""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby

from console.models.enums import PaymentMethod, PaymentStatus
from console.services.report_data.types import DailyCollectionData
from reports.layout import Column, data_table, days, local, money, no_data, render_document, styles
from reports.safe_text import paragraph
from reports.vocabulary import name_of
from reports.words import words

ZERO = Decimal("0.00")


def render_daily_collection(data: DailyCollectionData, *, lang: str = "zh") -> bytes:
    """The report as PDF bytes (A4 portrait; the payment list runs over as many pages
    as it needs, its heading repeated on each)."""
    w, st = words(lang), styles()
    first, last = days(data.header)
    span = f"{first:%Y-%m-%d}" if first == last else f"{first:%Y-%m-%d} — {last:%Y-%m-%d}"
    story = [
        paragraph(w["by_operator"], st["section"]), _by_operator(data, w, lang),
        paragraph(w["by_method"], st["section"]), _by_method(data, w, lang),
        paragraph(w["cash_up"], st["section"]), *_cash_up(data, w, lang),
        paragraph(w["detail"], st["section"]), _detail(data, w, lang),
    ]
    return render_document(data.header, w, w["daily_collection"], story,
                           scope=f"{w['period']}{w['colon']}{span}")


def _by_operator(data: DailyCollectionData, w, lang: str) -> object:
    if not data.lines:
        return no_data(w["no_data"])
    cols = [Column(w["operator"], 38), Column(w["method"], 26, "C"), Column(w["count"], 20, "R"),
            Column(w["amount"], 34, "R"), Column(w["reversed"], 28, "R"),
            Column(w["reversed_amount"], 36, "R")]
    rows = []
    for operator, group in groupby(data.lines, key=lambda x: x.operator):
        lines = list(group)
        rows += [[operator or w["online"], name_of(lang, PaymentMethod, x.method), str(x.count),
                  money(x.amount), str(x.reversed_count), money(x.reversed_amount)] for x in lines]
        rows.append(["", w["subtotal"], str(sum(x.count for x in lines)),
                     money(sum((x.amount for x in lines), ZERO)),
                     str(sum(x.reversed_count for x in lines)),
                     money(sum((x.reversed_amount for x in lines), ZERO))])
    totals = [w["total"], "", str(data.count), money(data.total), str(data.reversed_count),
              money(data.reversed_total)]
    return data_table(cols, rows, totals=totals)


def _by_method(data: DailyCollectionData, w, lang: str) -> object:
    if not data.by_method:
        return no_data(w["no_data"])
    cols = [Column(w["method"], 40, "C"), Column(w["count"], 30, "R"),
            Column(w["amount"], 40, "R"), Column(w["share"], 30, "R")]
    rows = [[name_of(lang, PaymentMethod, m), str(n), money(a),
             f"{(a / data.total * 100):.1f}%" if data.total else ""] for m, n, a in data.by_method]
    return data_table(cols, rows, totals=[w["total"], str(data.count), money(data.total),
                                          "100.0%" if data.total else ""])


def _cash_up(data: DailyCollectionData, w, lang: str) -> list:
    parts: list = []
    if data.cash_up:
        cols = [Column(w["day"], 22, "C"), Column(w["operator"], 30),
                Column(w["method"], 22, "C"), Column(w["expected"], 27, "R"),
                Column(w["counted"], 27, "R"), Column(w["difference"], 24, "R"),
                Column(w["closed_by"], 30)]
        rows = [[f"{r.day:%Y-%m-%d}", r.operator, name_of(lang, PaymentMethod, r.method),
                 money(r.expected), money(r.counted), _signed(r.difference), r.closed_by]
                for r in data.cash_up]
        totals = [w["total"], "", "", money(sum((r.expected for r in data.cash_up), ZERO)),
                  money(sum((r.counted for r in data.cash_up), ZERO)),
                  _signed(sum((r.difference for r in data.cash_up), ZERO)), ""]
        parts.append(data_table(cols, rows, totals=totals))
    else:
        parts.append(no_data(w["no_data"]))
    if data.open_operators:
        names = "、".join(f"{day:%m-%d} {who}" for day, who in data.open_operators)
        parts.append(no_data(w["not_cashed_up"] + "{names}", names=names))
    return parts


def _signed(value: Decimal) -> str:
    return f"+{value:,.2f}" if value > 0 else money(value)


def _detail(data: DailyCollectionData, w, lang: str) -> object:
    if not data.payments:
        return no_data(w["no_data"])
    cols = [Column(w["received_at"], 29, "C"), Column(w["receipt_no"], 36),
            Column(w["customer_no"], 22, "C"), Column(w["customer_name"], 24),
            Column(w["method"], 18, "C"), Column(w["amount"], 23, "R"),
            Column(w["operator"], 18), Column(w["status"], 12, "C")]
    rows = [[local(p.received_at), p.receipt_no, p.customer_no, p.customer_name[:10],
             name_of(lang, PaymentMethod, p.method), money(p.amount), p.operator or w["online"],
             name_of(lang, PaymentStatus, p.status)] for p in data.payments]
    return data_table(cols, rows, totals=[w["total"], "", "", "", "", money(data.total), "",
                                                name_of(lang, PaymentStatus, PaymentStatus.POSTED)],
                      font_size=7.5)
