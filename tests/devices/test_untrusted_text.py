"""Customer text never reaches the printer as a command: an ESC p in a name would open
the cash drawer, a GS V would cut the receipt in two, a DLE EOT would answer status."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from console.devices.escpos import EscPos
from console.devices.escpos_reader import EscPosReader
from console.devices.fake_printer import FakePrinter
from reports.printer_text import escpos_text
from reports.receipt_escpos import escpos_receipt
from tests.devices.helpers import print_job, printed_text, receipt

KICK = "\x1bp\x00\x19\xfa"


def test_an_injected_drawer_kick_in_a_name_opens_no_drawer(tmp_path):
    job = escpos_receipt(receipt(customer_name=f"张{KICK}三",
                                 address="中华路\x1dVA\x00 1号\x10\x04\x01\r\n2单元"))
    assert b"\x1bp" not in job and b"\x1dVA" not in job and b"\x10\x04" not in job
    with FakePrinter(tmp_path) as printer:
        summary = print_job(printer, job)
        text = printed_text(printer)
    assert (summary["drawer_kicks"], summary["cuts"], summary["status_queries"]) == (0, 1, [])
    assert "户名：张pú三" in text.splitlines()  # the printable rest stays, in its place
    assert "用电地址：中华路 VA 1号 2单元" in text.splitlines()


def test_the_writer_refuses_control_characters_it_is_handed():
    for bad in ("张\x1bp\x00三", "a\nb", "\x85", "\x10\x04\x01"):
        with pytest.raises(ValueError, match="control characters"):
            EscPos().text(bad)


def test_escpos_text_keeps_chinese_and_prints_the_yuan_sign_a_gbk_printer_has():
    assert escpos_text("王\u3000小明 ¥5\t") == "王\u3000小明 ￥5 "
    assert escpos_text(None) == ""


@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=40), address=st.text(max_size=80))
def test_no_name_or_address_becomes_a_command(name, address):
    reader = EscPosReader()
    reader.feed(escpos_receipt(receipt(customer_name=name, address=address)))
    doc = reader.finish()
    assert (doc.kicks, doc.cuts, doc.status_queries, doc.unknown) == ([], 1, [], [])
