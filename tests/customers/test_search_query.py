"""What a lookup query means, before any database is asked."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from console.search.query import MAX_QUERY, Kind, normalise, parse


@pytest.mark.parametrize(
    ("raw", "text", "kinds"),
    [
        ("3700001234", "3700001234", {Kind.CUSTOMER_NO, Kind.PHONE}),
        ("３７００００１２３４", "3700001234", {Kind.CUSTOMER_NO, Kind.PHONE}),
        ("3700101000000000001232", "3700101000000000001232", {Kind.METER, Kind.SEAL}),
        ("000000000123", "000000000123", {Kind.METER}),
        ("138 0013 5678", "13800135678", {Kind.PHONE}),
        ("5678", "5678", {Kind.CUSTOMER_NO, Kind.PHONE}),
        ("王伟", "王伟", {Kind.NAME, Kind.ADDRESS}),
        ("ZXL", "zxl", {Kind.PINYIN}),
        ("ｚｈａｎｇｗｅｉ", "zhangwei", {Kind.PINYIN}),
        ("中华路12号", "中华路12号", {Kind.NAME, Kind.ADDRESS}),
    ],
)
def test_queries_are_read_as_a_clerk_means_them(raw, text, kinds):
    query = parse(raw)
    assert query.text == text and set(query.kinds) == kinds


@pytest.mark.parametrize("raw", ["", "   ", "\t\n", "%", "_", "'\"\\", "🙂", "\x00\x07"])
def test_empty_or_junk_queries_search_nothing(raw):
    assert parse(raw).is_empty


def test_sql_looking_input_is_just_text():
    query = parse("'; DROP TABLE customer; --")
    assert not set("';") & set(query.text) and query.kinds == {Kind.PINYIN}


def test_a_huge_paste_is_cut():
    assert len(parse("王" * 10_000).text) == MAX_QUERY


@given(st.text(max_size=300))
def test_any_input_normalises_without_error(raw):
    text = normalise(raw)
    assert len(text) <= MAX_QUERY and text == text.strip()
