"""Reading a lookup query: normalise it and tell what it could be.

The clerk never says what they typed: a scanner types 22 digits and Enter, a
clerk types `zxl` or 王伟 or 3排12号. We normalise (full-width to ASCII, case,
control characters, length) and list every interpretation worth a query.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

MAX_QUERY = 64  # a 10,000-character paste is cut, not searched
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KEEP = re.compile(r"[^0-9a-z\u3400-\u9fff\uf900-\ufaff#\-]+")


class Kind(StrEnum):
    CUSTOMER_NO = "customer_no"
    METER = "meter"  # asset number or DL/T 645 address
    SEAL = "seal"
    PHONE = "phone"
    NAME = "name"
    PINYIN = "pinyin"
    ADDRESS = "address"


@dataclass(frozen=True)
class Query:
    """A normalised query and the kinds of thing it could name."""

    text: str
    kinds: frozenset[Kind]

    @property
    def is_empty(self) -> bool:
        return not self.text

    @property
    def is_digits(self) -> bool:
        return self.text.isdigit()


def normalise(raw: str) -> str:
    """NFKC (１２３→123, ＡＢ→ab), lower case, no control or symbol characters."""
    text = unicodedata.normalize("NFKC", raw[: MAX_QUERY * 4]).lower()
    text = _KEEP.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY].strip()


def parse(raw: str) -> Query:
    """Normalise `raw` and decide which kinds of lookup it can be."""
    text = normalise(raw)
    if not text:
        return Query("", frozenset())
    compact = text.replace(" ", "").replace("-", "")
    if compact.isdigit():
        return Query(compact, _digit_kinds(compact))
    if _CJK.search(text):
        return Query(text, frozenset({Kind.NAME, Kind.ADDRESS}))
    if compact.isalpha() and compact.isascii():
        return Query(compact, frozenset({Kind.PINYIN}))
    return Query(text, frozenset({Kind.ADDRESS}))


def _digit_kinds(digits: str) -> frozenset[Kind]:
    n = len(digits)
    kinds: set[Kind] = set()
    if n == 22:
        kinds |= {Kind.METER, Kind.SEAL}
    if n == 12:
        kinds.add(Kind.METER)
    if 4 <= n <= 10:
        kinds.add(Kind.CUSTOMER_NO)  # whole, or a prefix typed so far
    if 4 <= n <= 11:
        kinds.add(Kind.PHONE)  # whole, or its last digits
    if n < 4:
        kinds.add(Kind.ADDRESS)  # a house number, 3排12号 typed as 12
    return frozenset(kinds)
