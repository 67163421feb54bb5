"""CSV files that a spreadsheet opens as data, never as formulas.

    write_user_file(path, csv_bytes(header, rows))

Excel and WPS run a cell that starts with "=", "+", "-" or "@" (and, after their
own trimming, a tab or carriage return) as a formula: a name like
`=HYPERLINK("http://…","点击退费")` becomes a link, `=cmd|' /C calc'!A0` worse.
OWASP's advice is followed: such a cell gets a leading apostrophe, which the
spreadsheet hides. A plain number ("-1.250", a negative power) is left alone,
as it can be nothing but a number. Quoting is the csv module's.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d[\d,]*)?(\.\d+)?([eE][+-]?\d+)?")


def cell(value: object) -> str:
    """One cell's text, with an apostrophe before anything a spreadsheet would run."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not (_NUMBER.fullmatch(text) and text[-1:].isdigit()):
        return "'" + text
    return text


def csv_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """The table as CSV, UTF-8 with a BOM (so Excel in China reads the Chinese right)."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow([cell(v) for v in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    return text.getvalue().encode("utf-8-sig")
