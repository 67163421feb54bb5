"""Hostile text and what a reader of the printed page would see of it (tests/security/test_untrusted_text.py).

Each hostile value carries ReportLab markup that, if applied, prints a 60-point red
word; control characters; a spreadsheet formula; and printer commands. A document
treated it as text when the word is printed only together with its markup, at a
normal size, in no red, and no control character left a box (pypdf extracts a
missing glyph as NUL).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from pypdf import PdfReader

BIG = '<font size="60" color="red">'


def hostile(before: str, word: str, after: str) -> str:
    return f"{before}{BIG}{word}</font>{after}"


NAME = hostile("李", "已缴清", "\x07\x1b[31m\u202e")
ADDRESS = hostile('@SUM(1+1) "', "南京路", '^XZ~JA"\nPRINT 9\r\n=1+2')
UNIT = hostile("吕陵", "甲乙所", "\r\n<br/><b>")
USER = hostile('=HYPERLINK("x")', "戊己庚", "\t\x0b")
NOTE = hostile("+", "丙丁错", "&amp;<b>\x1f")
WORDS = {"已缴清": NAME, "南京路": ADDRESS, "甲乙所": UNIT, "戊己庚": USER, "丙丁错": NOTE}
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


@dataclass
class Page:
    """What one PDF shows: its text (lines joined up again), the sizes text was set
    in, and whether anything was painted pure red."""

    text: str
    sizes: set[float] = field(default_factory=set)
    red: bool = False


def read_pdf(pdf: bytes) -> Page:
    seen = Page("")
    parts: list[str] = []

    def on_text(text, _cm, tm, _font, size) -> None:
        if text.strip():
            seen.sizes.add(round(abs(size * tm[3]), 1))

    def on_operator(op, args, _cm, _tm) -> None:
        if op in (b"rg", b"scn", b"sc") and [float(a) for a in args[:3]] == [1.0, 0.0, 0.0]:
            seen.red = True

    for page in PdfReader(io.BytesIO(pdf)).pages:
        parts.append(page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator))
    seen.text = "".join(parts).replace("\n", "")
    return seen


def printed_as_text(pdf: bytes) -> list[str]:
    """What is wrong with how the document printed the hostile values ([] when nothing)."""
    page = read_pdf(pdf)
    wrong = [f"{word!r} printed without its markup" for word in WORDS
             if page.text.count(word) != page.text.count(BIG + word)]  # a cut may end it
    if max(page.sizes, default=0) > 20:
        wrong.append(f"text set at {max(page.sizes)} pt")
    if page.red:
        wrong.append("red text")
    if CONTROL.search(page.text):
        wrong.append(f"control character or empty box in {CONTROL.findall(page.text)!r}")
    return wrong


def shown(pdf: bytes) -> set[str]:
    """Which hostile values the document shows (by their visible word)."""
    text = read_pdf(pdf).text
    return {word for word in WORDS if BIG + word in text}
