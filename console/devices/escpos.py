"""ESC/POS bytes for a thermal receipt printer: text in GB18030 under the printer's Chinese
mode, bold and enlarged text, QR codes, Code 128, the cut and the drawer kick.

    out = EscPos(Paper.MM80)
    out.align(CENTER).bold(True).size(height=2).line("实缴金额：￥120.00")
    out.qr("3701000001").code128("37170101202600000123").cut()
    send(out.getvalue())

Why our own writer and not python-escpos (3.1, studied for issue 19): it never sends
FS & — a text() holding a character of U+4E00–U+9FA5 goes out as GB18030 bytes with the
printer left in single-byte mode, and one without ("￥12.00", a name in CJK Extension A)
is looked up in code pages and printed as "?"; its text() passes ESC, GS and DLE
through, so sanitising is ours anyway; it reads status DLE EOT 1 and 4 only, as
`recv(16)` with a 60 s default timeout and no parse of the offline and error causes;
and importing it parses a YAML printer database and writes
a pickle to the temp folder, pulling in PyYAML, appdirs, argcomplete, six, setuptools
and qrcode. What a receipt needs is the dozen commands below.

Text is refused, not cleaned, when it holds a control character: a byte below 0x20 is
a command to the printer (an ESC p in a name kicks the drawer). Untrusted text is
cleaned before it gets here (reports.printer_text.escpos_text); this check keeps a
forgotten clean from becoming a command. GB18030 puts no byte below 0x80 inside a
multi-byte character, so the check on characters holds for the bytes.

Commands as in Epson's ESC/POS reference (the Chinese printers — Xprinter, Gprinter,
SPRT — follow it): FS & / FS . Chinese mode, ESC E bold, GS ! size, ESC a alignment,
GS ( k QR (function 165–181), GS k 73 Code 128, GS V 66 feed and cut, ESC p drawer kick.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

ESC, GS, FS, DLE = b"\x1b", b"\x1d", b"\x1c", b"\x10"
LF = b"\n"
LEFT, CENTER, RIGHT = 0, 1, 2
ENCODING = "gb18030"
QR_LEVELS = {"L": 48, "M": 49, "Q": 50, "H": 51}
QR_MAX_BYTES = 7089  # GS ( k function 180: the symbol's capacity in byte mode, level L


@dataclass(frozen=True)
class PaperSpec:
    mm: int
    dots: int  # printable width at 203 dpi (8 dots per mm)
    columns: int  # font A characters of 12 dots; a Chinese character takes two
    qr_module: int  # dots per QR module
    bar_module: int  # dots per Code 128 module


class Paper(enum.Enum):
    MM80 = PaperSpec(80, 576, 48, 6, 2)
    MM58 = PaperSpec(58, 384, 32, 5, 2)


def columns(text: str) -> int:
    """Print width in font-A columns: in Chinese mode every multi-byte character takes a
    24-dot cell, ASCII a 12-dot one."""
    return sum(1 if ord(ch) < 0x80 else 2 for ch in text)


def refuse_controls(text: str) -> str:
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in text):
        raise ValueError(f"{text!r}: control characters would reach the printer as commands")
    return text


class EscPos:
    """One job's bytes, built by chained calls; `getvalue()` gives them."""

    def __init__(self, paper: Paper = Paper.MM80) -> None:
        self.paper = paper.value
        self._out = bytearray(ESC + b"@")  # initialise: forget the last job's modes
        self._chinese = False

    def getvalue(self) -> bytes:
        return bytes(self._out)

    def raw(self, data: bytes) -> EscPos:
        self._out += data
        return self

    def text(self, value: str) -> EscPos:
        """Characters on the current line (GB18030; Chinese mode on first non-ASCII)."""
        refuse_controls(value)
        if not value.isascii() and not self._chinese:
            self.chinese(True)
        self._out += value.encode(ENCODING)
        return self

    def line(self, value: str = "") -> EscPos:
        return self.text(value).raw(LF)

    def chinese(self, on: bool) -> EscPos:
        """FS & selects the double-byte (GB) character mode, FS . leaves it."""
        self._chinese = on
        return self.raw(FS + (b"&" if on else b"."))

    def bold(self, on: bool) -> EscPos:
        return self.raw(ESC + b"E" + bytes([int(on)]))

    def size(self, width: int = 1, height: int = 1) -> EscPos:
        """Character magnification, 1–8 each way (GS ! n)."""
        if not (1 <= width <= 8 and 1 <= height <= 8):
            raise ValueError("magnification is 1 to 8")
        return self.raw(GS + b"!" + bytes([(width - 1) << 4 | (height - 1)]))

    def align(self, where: int) -> EscPos:
        return self.raw(ESC + b"a" + bytes([where]))

    def feed(self, lines: int) -> EscPos:
        return self.raw(ESC + b"d" + bytes([min(max(lines, 0), 255)]))

    def qr(self, data: str, *, level: str = "M", module: int | None = None) -> EscPos:
        """A QR code (model 2) of `data`, printed at once; level L, M, Q or H."""
        payload = data.encode("utf-8")
        if not payload or len(payload) > QR_MAX_BYTES:
            raise ValueError("QR data must be 1 to 7089 bytes")
        size = module or self.paper.qr_module
        self._qr(65, b"\x32\x00")                       # model 2
        self._qr(67, bytes([size]))                     # module size in dots
        self._qr(69, bytes([QR_LEVELS[level]]))         # error correction level
        self._qr(80, b"\x30" + payload)                 # store the data
        return self._qr(81, b"\x30")                    # print the stored symbol

    def _qr(self, fn: int, params: bytes) -> EscPos:
        length = len(params) + 2  # cn and fn count in pL pH
        return self.raw(GS + b"(k" + length.to_bytes(2, "little") + bytes([49, fn]) + params)

    def code128(self, data: str, *, height: int = 80, module: int | None = None,
                hri: bool = True) -> EscPos:
        """A Code 128 symbol of printable ASCII `data` (GS k 73), its text below it when
        `hri`. An all-digit value goes as code set C: half the width."""
        body = code128_body(data)
        self.raw(GS + b"h" + bytes([height]) + GS + b"w" + bytes([module or self.paper.bar_module]))
        self.raw(GS + b"H" + bytes([2 if hri else 0]))
        return self.raw(GS + b"kI" + bytes([len(body)]) + body)

    def cut(self, feed: int = 3) -> EscPos:
        """Leave Chinese mode (the next job starts known), feed `feed` lines, full cut."""
        if self._chinese:
            self.chinese(False)
        return self.raw(GS + b"VB" + bytes([feed]))

    def kick(self, pin: int = 2, on_ms: int = 100, off_ms: int = 200) -> EscPos:
        return self.raw(drawer_kick(pin, on_ms, off_ms))


def drawer_kick(pin: int = 2, on_ms: int = 100, off_ms: int = 200) -> bytes:
    """ESC p m t1 t2: a pulse on connector pin 2 (m=0) or 5 (m=1), t1/t2 in 2 ms units."""
    if pin not in (2, 5):
        raise ValueError("the drawer is on pin 2 or pin 5")
    t1, t2 = (min(max(ms // 2, 1), 255) for ms in (on_ms, off_ms))
    return ESC + b"p" + bytes([0 if pin == 2 else 1, t1, t2])


def code128_body(data: str) -> bytes:
    """GS k 73's data: '{B' then the text ('{' doubled), or '{C' and digit pairs as bytes
    (an odd leading digit goes in set B first)."""
    if not data or not data.isascii() or not data.isprintable():
        raise ValueError(f"{data!r}: Code 128 takes printable ASCII")
    if data.isdigit() and len(data) >= 4:
        head, rest = data[: len(data) % 2], data[len(data) % 2:]
        pairs = bytes(int(rest[i:i + 2]) for i in range(0, len(rest), 2))
        body = (b"{B" + head.encode() if head else b"") + b"{C" + pairs
    else:
        body = b"{B" + data.replace("{", "{{").encode()
    if len(body) > 255:
        raise ValueError("Code 128 data too long for one symbol")
    return body
