"""Text in a printer's job (ZPL II for Zebra, TSPL for TSC and Gprinter, ESC/POS for
receipt printers), wherever it came from: a printed field can never end the label or
start a command.

    f"^FO{x},{y}^A0N,14,10{zpl_text(label.batch_no)}"      # ^FH_^FD…^FS, hex-escaped
    f'TEXT {x},{y},"1",0,1,1,{tspl_string(label.batch_no)}'  # "…", quotes escaped
    escpos.line(f"户名：{escpos_text(receipt.customer_name)}")  # no control byte left

ZPL has no quoting: "^" and "~" start commands anywhere in the data, so every
byte outside a small plain set goes as `_XX` after ^FH (ZPL II Programming
Guide, ^FH; the bytes are UTF-8 under ^CI28). In TSPL a line is a command and a
string ends at its double quote: line breaks become spaces (`plain`) and a
quote is written `\\["]` (TSPL/TSPL2 Programming Manual, TEXT). Barcode and QR
data are not escaped but refused: they must encode exactly what we generated.
ESC/POS has no quoting either: every byte below 0x20 is a command (ESC p kicks the
drawer, GS V cuts, DLE EOT asks for status), and text bytes are printed as they
come; `plain` takes out every control character, which is all it needs. "¥" becomes the
full-width "￥": GB18030 has U+00A5 only as a four-byte sequence, which a printer with
a GBK font prints as two wrong characters.
"""

from __future__ import annotations

import string

from reports.safe_text import plain

ZPL_PLAIN = frozenset(string.ascii_letters + string.digits + " -./:,+#()")
ZPL_HEX = "_"  # ^FH's indicator: escaped itself, like every byte not in ZPL_PLAIN
ZPL_FORBIDDEN = frozenset("^~")
TSPL_FORBIDDEN = frozenset('"\\')


def zpl_text(value: object) -> str:
    """A complete ZPL text field, ^FH_^FD…^FS, printing `value` as one line."""
    data = "".join(ch if ch in ZPL_PLAIN else "".join(f"{ZPL_HEX}{b:02X}" for b in ch.encode())
                   for ch in plain(value))
    return f"^FH{ZPL_HEX}^FD{data}^FS"


def tspl_string(value: object) -> str:
    """A TSPL string argument, quotes included, printing `value` as one line."""
    return '"' + plain(value).replace('"', '\\["]') + '"'


def escpos_text(value: object) -> str:
    """`value` as one line of ESC/POS text: no control character, "￥" for "¥"."""
    return plain(value).replace("¥", "￥")


def check_code(value: str, forbidden: frozenset[str]) -> str:
    """Barcode or QR data as it is, or ValueError if a printer would read part of it as a
    command (`forbidden`), or it is not printable ASCII."""
    if not value or forbidden & set(value) or not (value.isascii() and value.isprintable()):
        raise ValueError(f"{value!r}: characters the printer would misread in a code")
    return value
