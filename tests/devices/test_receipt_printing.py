"""A counter receipt sent as ESC/POS over real loopback TCP to the fake printer, and read
back the way a clerk would check it: the Chinese text, the QR and the Code 128."""

from __future__ import annotations

import pytest

from console.devices.escpos import EscPos, Paper, code128_body
from console.devices.escpos_reader import EscPosReader
from console.devices.fake_printer import FakePrinter, PrinterState
from reports.receipt_escpos import escpos_receipt
from tests.devices.helpers import decoded_codes, print_job, printed_text, receipt


@pytest.fixture
def printer(tmp_path, request):
    paper = getattr(request, "param", Paper.MM80)
    with FakePrinter(tmp_path / "jobs", state=PrinterState(paper_dots=paper.value.dots)) as p:
        yield p


@pytest.mark.parametrize("printer", [Paper.MM80, Paper.MM58], indirect=True, ids=["80mm", "58mm"])
def test_a_chinese_receipt_prints_back_with_its_codes(printer):
    paper = Paper.MM80 if printer.state.paper_dots == 576 else Paper.MM58
    summary = print_job(printer, escpos_receipt(receipt(), paper=paper))
    text = printed_text(printer)
    assert "户名：张三" in text.splitlines()
    assert "实缴金额：￥1,234.56" in text.splitlines()
    assert "缴费方式：现金" in text
    assert "壹仟贰佰叁拾肆元伍角陆分" in text.replace("\n", "")
    lines = text.splitlines()
    assert all(len(line.encode("gb18030")) <= paper.value.columns for line in lines)
    assert lines[-1].endswith("95598") and not lines[-1].startswith(" ")  # wrapped or not
    assert decoded_codes(printer.job_path(1, ".png")) == {
        "QRCode": "3701000000123", "Code128": "37170101202600000123"}
    assert (summary["cuts"], summary["drawer_kicks"], summary["printed"]) == (1, 0, True)


def test_the_stream_is_gb18030_in_chinese_mode_and_leaves_it_before_the_cut():
    job = escpos_receipt(receipt())
    assert "户名：张三".encode("gb18030") in job
    assert "张三".encode() not in job
    enter, leave, cut = job.index(b"\x1c&"), job.rindex(b"\x1c."), job.rindex(b"\x1dVB")
    assert enter < job.index("张三".encode("gb18030")) < leave < cut
    assert b"\x1d(k\x04\x001A\x32\x00" in job  # QR model 2
    assert "￥".encode("gb18030") in job and "¥".encode("gb18030") not in job


def test_the_amount_is_bold_and_double_height():
    reader = EscPosReader()
    reader.feed(escpos_receipt(receipt()))
    [amount] = [item for item in reader.finish().items
                if getattr(item, "text", "").startswith("实缴金额")]
    assert {(g.bold, g.width, g.height) for g in amount.glyphs} == {(True, 1, 2)}


def test_a_stream_read_byte_by_byte_reads_the_same():
    job = escpos_receipt(receipt(customer_name="䶮𠀀李"))  # four-byte GB18030 characters
    whole, split = EscPosReader(), EscPosReader()
    whole.feed(job)
    for i in range(len(job)):
        split.feed(job[i:i + 1])
    assert split.finish().lines == whole.finish().lines
    assert "户名：䶮𠀀李" in whole.doc.lines


def test_a_drawer_kick_is_counted(printer):
    summary = print_job(printer, EscPos().line("cash").kick().cut().getvalue())
    assert summary["drawer_kicks"] == 1
    assert summary["kicks"] == [{"pin": 2, "on_ms": 100, "off_ms": 200}]


def test_code_128_of_digits_goes_in_code_set_c_and_text_in_b():
    assert code128_body("12345") == b"{B1{C" + bytes([23, 45])
    assert code128_body("R-{1}") == b"{BR-{{1}"
    with pytest.raises(ValueError):
        code128_body("收据")


def test_commands_it_does_not_print_are_skipped_whole():
    picture = b"\x1dv0\x00\x01\x00\x02\x00\x0a\x0a"  # GS v 0: a 1×2-byte raster image
    reader = EscPosReader()
    reader.feed(b"\x1b@\x1bt\x11" + picture + b"\x1b\x99ok\n\x1dk\x04123\x00")
    doc = reader.finish()
    assert doc.lines == ["ok"]
    assert doc.unknown == ["raster image", "ESC 0x99", "barcode type 4"]
