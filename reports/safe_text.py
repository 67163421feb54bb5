"""Text from the database or from outside (names, addresses, notes, reasons, unit and
user names), made safe for the PDF page it is printed on.

    story.append(paragraph(w["dear"], st["big"], name=data.name, no=data.customer_no))

A ReportLab `Paragraph` reads its text as markup: a customer called
`李<font size="60" color="red">已缴清</font>` would print a huge red "paid" across
a reminder. So no report builds a `Paragraph` itself (tests/security/test_untrusted_text.py
checks the sources): `paragraph` takes a template we wrote (the words, where "\\n"
is a line break) and the values, each escaped and put on one line. Table cells,
chart captions and canvas strings are not markup, but a control character prints
as an empty box and a line break splits a name in two: `plain` removes them.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

# Line and paragraph separators become one space; the other C0 and C1 controls and the
# bidirectional overrides (they reorder what follows: "Trojan source" on paper) go.
_BREAKS = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"
                       "\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANY = re.compile(f"{_BREAKS.pattern}|{_CONTROLS.pattern}")

T = TypeVar("T")


def plain(value: object) -> str:
    """`value` as one line of text without control characters ("" for None)."""
    text = value if type(value) is str else "" if value is None else str(value)
    # isprintable (C, fast) is true for most text; false also for U+3000 and other
    # spaces, which the scan below keeps. A day's payment list calls this 50,000 times.
    if text.isprintable() or _ANY.search(text) is None:
        return text
    return _CONTROLS.sub("", _BREAKS.sub(" ", text))


def markup(value: object) -> str:
    """`value` as Paragraph markup that prints exactly its characters, on one line."""
    return escape(plain(value))


def paragraph(template: str, style: ParagraphStyle, /, **values: object) -> Paragraph:
    """A Paragraph of `template` (our words: escaped too, "\\n" breaks the line) with
    `{name}` fields filled from `values`, which never become markup."""
    lines = [escape(_CONTROLS.sub("", line)) for line in template.split("\n")]
    text = "<br/>".join(lines)
    if values:
        text = text.format(**{name: markup(value) for name, value in values.items()})
    return Paragraph(text, style)


def plain_fields(data: T) -> T:
    """A copy of a frozen dataclass whose text fields (and those of the dataclasses,
    tuples and lists inside it) went through `plain`. For small documents: a receipt,
    a page header, a sheet of labels."""
    return _clean(data)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return plain(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _clean(getattr(value, f.name)) for f in dataclasses.fields(value)
                   if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple | list):
        items = [_clean(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    return value
