"""The bank batch format itself (no database): what a bank's file may look like, and the
words a refusal uses for each kind of broken line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from console.channels.bank import BatchRefused, parse_batch, render_batch
from console.timeutil import LOCAL

DAY = dt.date(2026, 12, 7)
AT = dt.datetime(2026, 12, 7, 9, 15, tzinfo=LOCAL)
GOOD = render_batch("ICBC-HZ", DAY, [("B1", "3700100001", Decimal("50.00"), AT),
                                     ("B2", "3700100002", Decimal("12.34"), AT)])


def problems(data: bytes, name: str = "bank_batch_20261207.csv") -> tuple[str, ...]:
    with pytest.raises(BatchRefused) as info:
        parse_batch(data, file_name=name)
    return info.value.problems


def test_a_good_file_with_a_bom_and_bare_line_feeds_is_read():
    batch = parse_batch(b"\xef\xbb\xbf" + GOOD.replace(b"\r\n", b"\n"),
                        file_name="bank_batch_20261207.csv")
    assert (batch.bank, batch.day, batch.total) == ("ICBC-HZ", DAY, Decimal("62.34"))
    assert [(r.line, r.transaction_id, r.amount) for r in batch.records] == [
        (2, "B1", Decimal("50.00")), (3, "B2", Decimal("12.34"))]
    assert batch.records[0].paid_at == dt.datetime(2026, 12, 7, 1, 15, tzinfo=dt.UTC)


def test_every_bad_line_is_named_in_line_order():
    data = GOOD.replace(b"B2,3700100002,12.34", b"B1,37001\x1b[2J,-1.00")
    assert problems(data) == (
        "line 3: bad customer number '37001\\x1b[2J', amount '-1.00' (yuan with two "
        "decimals, above zero)",)
    assert problems(GOOD.replace(b"B2,", b"B1,")) == (
        "line 3: transaction B1 is already on line 2",)


def test_the_header_date_must_be_the_file_names_and_payments_that_day():
    assert problems(GOOD, "bank_batch_20261208.csv") == (
        "line 1: the header's date 20261207 is not the file name's 20261208",)
    late = GOOD.replace(b"2026-12-07T09:15:00+08:00", b"2026-12-09T09:15:00+08:00", 1)
    assert problems(late)[0].startswith("line 2: bad paid at '2026-12-09T09:15:00+08:00'")
    naive = GOOD.replace(b"2026-12-07T09:15:00+08:00", b"2026-12-07T09:15:00", 1)
    assert problems(naive)[0].startswith("line 2: bad paid at")
    evening_before = GOOD.replace(b"2026-12-07T09:15", b"2026-12-06T22:15", 1)
    assert parse_batch(evening_before).records[0].paid_at.day == 6


def test_a_broken_header_and_an_empty_file():
    assert problems(b"") == ("line 1: the file is empty",)
    assert problems(GOOD.replace(b"GDBANK1", b"GDBANK2"))[0].startswith(
        "line 1: the header must be H,GDBANK1,BANK,YYYYMMDD,COUNT,TOTAL")
    assert problems(GOOD.replace(b",20261207,", b",20261307,"))[0].startswith(
        "line 1: bad bank code, date, count or total in the header")
