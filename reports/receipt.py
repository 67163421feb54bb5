"""The plain counter receipt (缴费凭证): one A5 page, Chinese embedded.

    pdf_bytes = render_receipt(receipt_data(db, actor, payment_id))

`reports/` never touches the database: the service builds the frozen
`ReceiptData`, this module only draws it. Labels arrive translated
(`ReceiptLabels`, Chinese by default, as a receipt in China is printed).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from console.models.enums import PaymentMethod
from console.services.payments.types import ReceiptData
from console.timeutil import LOCAL
from reports.fonts import register_cjk_font
from reports.money_words import yuan_in_words
from reports.safe_text import plain_fields
from reports.vocabulary import names

LEFT, RIGHT = 12 * mm, A5[0] - 12 * mm
COLUMNS = (LEFT, LEFT + 30 * mm, LEFT + 75 * mm, RIGHT)  # period, bill no, principal…, total


@dataclass(frozen=True)
class ReceiptLabels:
    """Every word the receipt prints besides the data."""

    title: str = "电费缴费凭证"
    receipt_no: str = "凭证号"
    time: str = "缴费时间"
    customer_no: str = "户号"
    customer_name: str = "户名"
    phone: str = "联系电话"
    address: str = "用电地址"
    period: str = "电费年月"
    bill_no: str = "账单号"
    principal: str = "电费"
    late_fee: str = "违约金"
    subtotal: str = "小计"
    amount: str = "实缴金额"
    in_words: str = "人民币（大写）"
    method: str = "缴费方式"
    tendered: str = "实收"
    change: str = "找零"
    balance: str = "缴费后余额"
    operator: str = "收费员"
    workstation: str = "收费终端"
    reversed: str = "已冲正 作废"
    reprint: str = "补打"  # a copy printed again (issue 19): thermal and PDF receipts say so
    footer: str = "请妥善保管本凭证。如有疑问请致电"
    methods: dict[str, str] = field(default_factory=lambda: names("zh", PaymentMethod))


def render_receipt(receipt: ReceiptData, labels: ReceiptLabels | None = None, *,
                   reprint: bool = False) -> bytes:
    """The receipt as PDF bytes (one A5 page); a `reprint` is marked 补打 beside the title."""
    labels = labels or ReceiptLabels()
    receipt = plain_fields(receipt)  # names and addresses print on one line, no stray boxes
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A5, pageCompression=1)
    pdf.setTitle(f"{labels.title} {receipt.receipt_no}")
    font = register_cjk_font()
    y = _header(pdf, font, receipt, labels, A5[1] - 16 * mm)
    if reprint:
        pdf.setFont(font, 13)
        pdf.drawRightString(RIGHT, A5[1] - 23 * mm, f"（{labels.reprint}）")
    y = _customer(pdf, font, receipt, labels, y)
    y = _bills(pdf, font, receipt, labels, y)
    y = _payment(pdf, font, receipt, labels, y)
    _footer(pdf, font, receipt, labels, y)
    if receipt.reversed:
        _stamp(pdf, font, labels.reversed)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _header(pdf: Canvas, font: str, r: ReceiptData, labels: ReceiptLabels, y: float) -> float:
    pdf.setFont(font, 15)
    pdf.drawCentredString(A5[0] / 2, y, r.company)
    pdf.setFont(font, 13)
    pdf.drawCentredString(A5[0] / 2, y - 7 * mm, labels.title)
    pdf.setFont(font, 9)
    pdf.drawCentredString(A5[0] / 2, y - 12 * mm, r.unit_name)
    y -= 20 * mm
    local = r.received_at.astimezone(LOCAL)
    pdf.drawString(LEFT, y, f"{labels.receipt_no}：{r.receipt_no}")
    pdf.drawRightString(RIGHT, y, f"{labels.time}：{local:%Y-%m-%d %H:%M:%S}")
    pdf.line(LEFT, y - 2.5 * mm, RIGHT, y - 2.5 * mm)
    return y - 8 * mm


def _customer(pdf: Canvas, font: str, r: ReceiptData, labels: ReceiptLabels, y: float) -> float:
    pdf.setFont(font, 10)
    pdf.drawString(LEFT, y, f"{labels.customer_no}：{r.customer_no}")
    pdf.drawString(LEFT + 62 * mm, y, f"{labels.customer_name}：{r.customer_name}")
    y -= 6 * mm
    pdf.drawString(LEFT, y, f"{labels.phone}：{r.phone}")
    y -= 6 * mm
    pdf.drawString(LEFT, y, f"{labels.address}：{r.address}"[:48])
    return y - 9 * mm


def _bills(pdf: Canvas, font: str, r: ReceiptData, labels: ReceiptLabels, y: float) -> float:
    pdf.setFont(font, 9)
    heads = (labels.period, labels.bill_no, f"{labels.principal} / {labels.late_fee}")
    for x, head in zip(COLUMNS, heads, strict=False):
        pdf.drawString(x, y, head)
    pdf.drawRightString(COLUMNS[3], y, labels.subtotal)
    pdf.line(LEFT, y - 2 * mm, RIGHT, y - 2 * mm)
    y -= 6.5 * mm
    for line in r.lines:
        pdf.drawString(COLUMNS[0], y, line.period)
        pdf.drawString(COLUMNS[1], y, line.bill_no)
        pdf.drawString(COLUMNS[2], y, f"{money(line.principal)} / {money(line.late_fee)}")
        pdf.drawRightString(COLUMNS[3], y, money(line.principal + line.late_fee))
        y -= 5.5 * mm
    pdf.line(LEFT, y + 2 * mm, RIGHT, y + 2 * mm)
    return y - 5 * mm


def _payment(pdf: Canvas, font: str, r: ReceiptData, labels: ReceiptLabels, y: float) -> float:
    pdf.setFont(font, 12)
    pdf.drawString(LEFT, y, f"{labels.amount}：¥{money(r.amount)}")
    y -= 7 * mm
    pdf.setFont(font, 10)
    pdf.drawString(LEFT, y, f"{labels.in_words}：{yuan_in_words(r.amount)}")
    y -= 7 * mm
    method = labels.methods.get(r.method, r.method)
    text = f"{labels.method}：{method}"
    if r.tendered is not None:
        text += f"    {labels.tendered}：{money(r.tendered)}    {labels.change}：{money(r.change)}"
    pdf.drawString(LEFT, y, text)
    y -= 6 * mm
    pdf.drawString(LEFT, y, f"{labels.balance}：{money(r.balance_after)}")
    return y - 10 * mm


def _footer(pdf: Canvas, font: str, r: ReceiptData, labels: ReceiptLabels, y: float) -> None:
    pdf.setFont(font, 10)
    pdf.drawString(LEFT, y, f"{labels.operator}：{r.operator}")
    pdf.drawString(LEFT + 62 * mm, y, f"{labels.workstation}：{r.workstation}")
    pdf.setFont(font, 8)
    pdf.drawCentredString(A5[0] / 2, 12 * mm, f"{labels.footer} {r.unit_phone}".strip())


def _stamp(pdf: Canvas, font: str, text: str) -> None:
    pdf.saveState()
    pdf.setFillColorRGB(0.8, 0.1, 0.1)
    pdf.setFont(font, 30)
    pdf.translate(A5[0] / 2, A5[1] / 2)
    pdf.rotate(25)
    pdf.drawCentredString(0, 0, text)
    pdf.restoreState()
