"""Printed notices: the figures, the rule, and a QR that decodes and whose signature verifies."""

from __future__ import annotations

from decimal import Decimal

import pypdfium2 as pdfium
import pytest
import zxingcpp

from console.errors import NotFound
from console.services.notices.issue import (
    send_reconnect_notices,
    send_reminders,
    serve_disconnect_notices,
)
from console.services.report_data.notices import notice_data, parse_qr, verify_notice_qr
from reports.layout import money
from reports.notices import render_notice
from tests.reports.helpers import history_hall, pages_text

D = Decimal


@pytest.fixture
def hall(db):
    return history_hall(db)


def qr_texts(pdf: bytes) -> list[str]:
    image = pdfium.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def test_disconnect_notice_states_amount_deadline_and_rule(db, hall):
    [served] = serve_disconnect_notices(db, hall["boss"], [hall["farmer"]], notice_days=5)
    data = notice_data(db, hall["boss"], doc_no=served.doc_no)
    pdf = render_notice(data)
    text = pages_text(pdf)[0].replace("\n", "")  # wrapped lines join up again
    assert data.amount is not None and data.deadline is not None
    for expected in ("停电通知书", "王建国", served.doc_no, money(data.amount), "第六十六条",
                     "第六十七条", "人工发起", "第 1 页 共 1 页"):
        assert expected in text, expected
    assert money(sum((b.unpaid for b in data.bills), D(0))) in text
    [code] = qr_texts(pdf)
    checked = verify_notice_qr(db, code)
    assert checked is not None and checked.doc_no == served.doc_no
    assert checked.amount_fen == int(data.amount * 100) and checked.kind == "disconnect"
    assert checked.customer_no == hall["farmer_no"] and checked.deadline


def test_an_altered_qr_fails_the_check(db, hall):
    [sent] = send_reminders(db, hall["boss"], [hall["farmer"]])
    [code] = qr_texts(render_notice(notice_data(db, hall["boss"], doc_no=sent.doc_no)))
    qr = parse_qr(code)
    assert verify_notice_qr(db, code) is not None
    cheaper = code.replace(f"|{qr.amount_fen}|", f"|{qr.amount_fen // 2}|")
    assert cheaper != code and parse_qr(cheaper) is not None
    assert verify_notice_qr(db, cheaper) is None
    assert verify_notice_qr(db, "hello") is None


def test_reminder_and_reconnect_notices(db, hall):
    [sent] = send_reminders(db, hall["boss"], [hall["shop"]])
    text = pages_text(render_notice(notice_data(db, hall["boss"], doc_no=sent.doc_no)))[0]
    text = text.replace("\n", "")
    assert "电费催缴通知单" in text and "第九十八条" in text and hall["shop_no"] in text
    [back] = send_reconnect_notices(db, hall["boss"], [hall["farmer"]], command_ids=[1])
    data = notice_data(db, hall["boss"], doc_no=back.doc_no)
    pdf = render_notice(data)
    [text] = pages_text(pdf)
    assert "复电通知书" in text and "已恢复" in text and data.last_payment[1] in text
    assert verify_notice_qr(db, qr_texts(pdf)[0]).kind == "reconnect"
    [english] = pages_text(render_notice(data, lang="en"))
    assert "Reconnection notice" in english


def test_unknown_notice(db, hall):
    with pytest.raises(NotFound):
        notice_data(db, hall["boss"], doc_no="TZ00000000000000")
