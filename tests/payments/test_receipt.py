"""The plain receipt: figures and capitals extract back from the PDF; posted payments print."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from console.services.payments.counter import post_payment
from console.services.payments.receipts import receipt_data
from console.services.payments.types import ReceiptData, ReceiptLine
from reports.money_words import yuan_in_words
from reports.receipt import render_receipt
from tests.billing_helpers import service_hall

D = Decimal
RECEIPT = ReceiptData(
    company="国网菏泽供电公司", unit_name="牡丹区城区营业厅", unit_phone="0530-5001117",
    receipt_no="37419202600000042", customer_no="3700000101", customer_name="王建国",
    phone="138****5678", address="菏泽市牡丹区吕陵镇王庄村12号", amount=D("98.62"),
    method="cash", tendered=D("100.00"), change=D("1.38"),
    lines=(ReceiptLine("2026-10", "DF202610000000101", D("96.40"), D("2.22")),),
    balance_after=D("0.00"), operator="李娜", workstation="YYT-37419-01",
    received_at=dt.datetime(2026, 11, 27, 0, 5, 30, tzinfo=dt.UTC))


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


@pytest.mark.parametrize("amount, words", [
    ("98.62", "玖拾捌元陆角贰分"), ("100.00", "壹佰元整"), ("1.38", "壹元叁角捌分"),
    ("0.50", "伍角整"), ("0.05", "伍分"), ("105.06", "壹佰零伍元零陆分"), ("10.20", "壹拾元贰角整"),
    ("1005.00", "壹仟零伍元整"), ("100010.00", "壹拾万零壹拾元整"), ("1000000.00", "壹佰万元整"),
    ("10000001.00", "壹仟万零壹元整"), ("0.00", "零元整"),
])
def test_amount_in_capitals(amount, words):
    assert yuan_in_words(D(amount)) == words


def test_receipt_shows_every_figure():
    text = text_of(render_receipt(RECEIPT))
    for expected in ("国网菏泽供电公司", "37419202600000042", "2026-11-27 08:05:30", "3700000101",
                     "王建国", "138****5678", "96.40 / 2.22", "98.62", "玖拾捌元陆角贰分", "现金",
                     "100.00", "1.38", "李娜", "YYT-37419-01", "2026-10"):
        assert expected in text, expected
    assert "13800135678" not in text and "已冲正" not in text


def test_a_reversed_payment_prints_as_void():
    from dataclasses import replace

    assert "已冲正" in text_of(render_receipt(replace(RECEIPT, reversed=True)))


def test_receipt_of_a_posted_payment(db):
    hall = service_hall(db)
    posted = post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount="98.62",
                          method="cash", idempotency_key="r1", tendered="100")
    data = receipt_data(db, hall["clerk"], posted.payment_id)
    assert (data.receipt_no, data.amount, data.change, data.balance_after) == (
        posted.receipt_no, D("98.62"), D("1.38"), D("0.00"))
    assert [(x.principal, x.late_fee) for x in data.lines] == [(D("96.40"), D("2.22"))]
    assert data.company == "牡丹区供电所" and data.operator == "测试clerk"
    text = text_of(render_receipt(data))
    assert posted.receipt_no in text and "玖拾捌元陆角贰分" in text
