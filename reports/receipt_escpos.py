"""The counter receipt (缴费凭证) for an 80 mm or 58 mm thermal printer, as ESC/POS bytes.

    job = escpos_receipt(receipt_data(db, actor, payment_id), paper=Paper.MM58)

The same `ReceiptData` and `ReceiptLabels` as the A5 PDF (reports.receipt), laid out in
columns of the printer's font: the amount bold and double height, the customer number
as a QR (a clerk scans last month's receipt to find the customer), the receipt number as
Code 128, then the cut. Every text field goes through `escpos_text` first (a customer
named "张\\x1bp\\x00三" must not open the drawer); the writer refuses what is left.
"""

from __future__ import annotations

from decimal import Decimal

from console.devices.escpos import CENTER, LEFT, EscPos, Paper, columns
from console.services.payments.types import ReceiptData, ReceiptLine
from console.timeutil import LOCAL
from reports.money_words import yuan_in_words
from reports.printer_text import escpos_text
from reports.receipt import ReceiptLabels, money


def escpos_receipt(receipt: ReceiptData, *, paper: Paper = Paper.MM80,
                   labels: ReceiptLabels | None = None, qr_text: str | None = None,
                   reprint: bool = False) -> bytes:
    """The receipt's printer job; `qr_text` defaults to the customer number; a `reprint`
    is marked 补打 under the title."""
    labels = labels or ReceiptLabels()
    out = EscPos(paper)
    width = out.paper.columns
    _header(out, receipt, labels, reprint)
    rule = "-" * width
    out.line(rule)
    for text in _customer(receipt, labels):
        _wrapped(out, text, width)
    out.line(rule)
    for line in receipt.lines:
        _bill(out, line, labels, width)
    out.line(rule)
    _payment(out, receipt, labels, width)
    out.align(CENTER).feed(1).qr(qr_text or receipt.customer_no)
    out.feed(1).code128(receipt.receipt_no).feed(1)
    _wrapped(out, f"{labels.footer} {escpos_text(receipt.unit_phone)}".strip(), width)
    return out.cut().getvalue()


def _header(out: EscPos, r: ReceiptData, labels: ReceiptLabels, reprint: bool) -> None:
    out.align(CENTER).bold(True).size(height=2).line(escpos_text(r.company))
    out.size().line(labels.title).bold(False).line(escpos_text(r.unit_name))
    if reprint:
        out.bold(True).size(width=2, height=2).line(f"（{labels.reprint}）").size().bold(False)
    if r.reversed:
        out.bold(True).size(width=2, height=2).line(labels.reversed).size().bold(False)
    out.align(LEFT)
    out.line(f"{labels.receipt_no}：{escpos_text(r.receipt_no)}")
    out.line(f"{labels.time}：{r.received_at.astimezone(LOCAL):%Y-%m-%d %H:%M:%S}")


def _customer(r: ReceiptData, labels: ReceiptLabels) -> list[str]:
    return [f"{labels.customer_no}：{escpos_text(r.customer_no)}",
            f"{labels.customer_name}：{escpos_text(r.customer_name)}",
            f"{labels.phone}：{escpos_text(r.phone)}",
            f"{labels.address}：{escpos_text(r.address)}"]


def _bill(out: EscPos, line: ReceiptLine, labels: ReceiptLabels, width: int) -> None:
    head = f"{escpos_text(line.period)} {escpos_text(line.bill_no)}"
    _row(out, head, money(line.principal + line.late_fee), width)
    if line.late_fee:
        out.line(f"  {labels.principal} {money(line.principal)}  "
                 f"{labels.late_fee} {money(line.late_fee)}")


def _payment(out: EscPos, r: ReceiptData, labels: ReceiptLabels, width: int) -> None:
    out.bold(True).size(height=2).line(f"{labels.amount}：{_yuan(r.amount)}")
    out.size().bold(False)
    _wrapped(out, f"{labels.in_words}：{yuan_in_words(r.amount)}", width)
    method = escpos_text(labels.methods.get(r.method, r.method))
    out.line(f"{labels.method}：{method}")
    if r.tendered is not None:
        out.line(f"{labels.tendered}：{money(r.tendered)}  {labels.change}：{money(r.change)}")
    out.line(f"{labels.balance}：{money(r.balance_after)}")
    _wrapped(out, f"{labels.operator}：{escpos_text(r.operator)}", width)
    _wrapped(out, f"{labels.workstation}：{escpos_text(r.workstation)}", width)


def _yuan(value: Decimal) -> str:
    return f"￥{money(value)}"


def _row(out: EscPos, left: str, right: str, width: int) -> None:
    """`left` and `right` on one line, `right` flush right; two lines when they do not fit."""
    gap = width - columns(left) - columns(right)
    if gap >= 1:
        out.line(left + " " * gap + right)
    else:
        _wrapped(out, left, width)
        out.line(" " * max(width - columns(right), 0) + right)


def _wrapped(out: EscPos, text: str, width: int) -> None:
    """`text` broken into lines of at most `width` columns (never inside a character; a
    space where the line breaks is dropped)."""
    line, used = "", 0
    for ch in text:
        need = columns(ch)
        if used + need > width:
            out.line(line)
            line, used = "", 0
            if ch == " ":
                continue
        line, used = line + ch, used + need
    out.line(line)
