"""The shared page: long tables run over pages with their heading, page x of y, the font embedded."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from pypdf import PdfReader

from console.services.report_data.types import (
    CollectionLine,
    CollectionPayment,
    DailyCollectionData,
    DocumentHeader,
)
from reports.daily_collection import render_daily_collection
from tests.reports.helpers import ink_share, pages_text

D = Decimal
NOW = dt.datetime(2026, 11, 27, 8, 30, tzinfo=dt.UTC)
HEAD = DocumentHeader("国网菏泽供电公司", "牡丹区城区营业厅", "0530-5001117", "SF3741920261127163000",
                      "陈建国", NOW, (dt.date(2026, 11, 27), dt.date(2026, 11, 27)))


def busy_day(payments: int) -> DailyCollectionData:
    rows = tuple(CollectionPayment(NOW + dt.timedelta(seconds=30 * i), f"3741920260{i:07d}",
                                   f"37{i:08d}", "王建国", "cash", D("12.34"), "李娜", "posted")
                 for i in range(payments))
    total = D("12.34") * payments
    return DailyCollectionData(HEAD, (CollectionLine("李娜", "cash", payments, total, 0, D("0.00")),),
                               (("cash", payments, total),), rows, (), (), payments, total, 0,
                               D("0.00"))


def test_a_long_list_runs_over_pages_with_its_heading_on_each():
    pdf = render_daily_collection(busy_day(300))
    texts = pages_text(pdf)
    assert len(texts) >= 5
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {len(texts)} 页" in text
        assert "国网菏泽供电公司" in text and "SF3741920261127163000" in text
        assert "制表人：陈建国" in text and "2026-11-27 16:30" in text  # shown in Asia/Shanghai
    for text in texts[1:]:
        assert text.count("凭证号") == 1 and "缴费时间" in text  # the heading row, repeated
    assert "3,702.00" in texts[-1]  # 300 x 12.34 in the totals row at the end
    rows = sum(t.count("3741920260") for t in texts)
    assert rows == 300  # every payment once: none lost or repeated at a page break


def test_chinese_is_embedded_and_extracts_as_chinese():
    pdf = render_daily_collection(busy_day(3))
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {str(f["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("WenQuanYi" in name for name in fonts)
    assert b"/FontFile2" in pdf  # the TrueType outlines travel inside the file
    text = pages_text(pdf)[0]
    assert "日收费报表" in text and "按收费员及缴费方式汇总" in text and "现金" in text


def test_a_rendered_page_is_not_blank():
    assert ink_share(render_daily_collection(busy_day(40))) > 0.03


def test_english_option():
    text = pages_text(render_daily_collection(busy_day(2), lang="en"))[0]
    assert "Daily collection report" in text and "Page 1 of 1" in text and "cash" in text


def test_rendering_the_same_long_list_again_and_again_does_not_grow_memory():
    """A console prints the day's list many times a day: nothing may pile up per document."""
    import gc
    import tracemalloc

    day = busy_day(2000)
    for _ in range(2):  # fonts, glyph tables and caches that are meant to stay
        render_daily_collection(day)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(8):
            render_daily_collection(day)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # Keeping each document cost ~1.6 MB: eight renders kept ~13 MB.
    assert grown < 3_000_000, f"{grown / 1e6:.1f} MB kept after 8 renders"
