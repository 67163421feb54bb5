"""An ESC/POS stream read back the way a printer reads it: printed lines with their
style, QR and Code 128 symbols, cuts, drawer kicks and status requests.

    reader = EscPosReader(on_status=lambda n: conn.sendall(answer(n)))
    reader.feed(chunk)            # as bytes arrive: a command split across chunks waits
    reader.finish()               # prints the last unterminated line
    reader.doc.lines, reader.doc.kicks

The fake printer's parser (console.devices.fake_printer). It knows the commands our
writer (console.devices.escpos) sends and the common ones of other software by their
parameter length, so an unknown command is skipped whole and recorded, never printed.
Text is GB18030 in Chinese mode (FS &) and code page 437 outside it, as on a printer
set to its defaults.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

# Command byte -> number of parameter bytes, for the commands of fixed length.
ESC_FIXED = {0x40: 0, 0x45: 1, 0x61: 1, 0x64: 1, 0x4A: 1, 0x21: 1, 0x2D: 1, 0x4D: 1,
             0x32: 0, 0x33: 1, 0x74: 1, 0x52: 1, 0x7B: 1, 0x47: 1, 0x56: 1, 0x20: 1,
             0x70: 3, 0x4C: 0, 0x53: 0, 0x54: 1, 0x55: 1, 0x72: 1, 0x3D: 1, 0x69: 0,
             0x6D: 0, 0x24: 2, 0x5C: 2, 0x25: 1}
GS_FIXED = {0x21: 1, 0x42: 1, 0x48: 1, 0x66: 1, 0x68: 1, 0x77: 1, 0x4C: 2, 0x57: 2,
            0x61: 1, 0x72: 1, 0x49: 1, 0x62: 1, 0x24: 2, 0x5C: 2, 0x50: 2, 0x54: 1}
FS_FIXED = {0x26: 0, 0x2E: 0, 0x21: 1, 0x2D: 1, 0x43: 1, 0x57: 1, 0x53: 2, 0x70: 2}
DLE_FIXED = {0x04: 1, 0x05: 1, 0x14: 3}
CUT_WITH_FEED = {65, 66, 97, 98, 103, 104}
QR_LEVELS = {48: "L", 49: "M", 50: "Q", 51: "H"}
INCOMPLETE = -1
# Runs of text read in one go (a byte at a time, a 1 MiB job takes seconds): ASCII, and in
# Chinese mode whole GB18030 characters; a character cut off at the chunk's end waits.
ASCII_RUN = re.compile(rb"[\x20-\x7e]+")
GB_RUN = re.compile(rb"(?:[\x20-\x7e]|[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]"
                    rb"|[\x81-\xfe][\x40-\x7e\x80-\xfe])+")


@dataclass(frozen=True)
class Glyph:
    char: str
    bold: bool
    width: int
    height: int


@dataclass(frozen=True)
class TextLine:
    glyphs: tuple[Glyph, ...]
    align: int

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


@dataclass(frozen=True)
class QrSymbol:
    data: bytes
    module: int
    level: str
    align: int


@dataclass(frozen=True)
class Code128Symbol:
    data: str
    module: int
    height: int
    hri: bool
    align: int


@dataclass(frozen=True)
class Feed:
    dots: int


Item = TextLine | QrSymbol | Code128Symbol | Feed


@dataclass
class Document:
    items: list[Item] = field(default_factory=list)
    kicks: list[dict[str, int]] = field(default_factory=list)
    cuts: int = 0
    status_queries: list[int] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return [item.text for item in self.items if isinstance(item, TextLine)]


@dataclass
class _Mode:
    bold: bool = False
    width: int = 1
    height: int = 1
    align: int = 0
    chinese: bool = False
    qr_module: int = 3
    qr_level: str = "L"
    bar_height: int = 162
    bar_module: int = 3
    hri: bool = False


class EscPosReader:
    def __init__(self, on_status: Callable[[int], None] | None = None) -> None:
        self.doc = Document()
        self._on_status = on_status or (lambda n: None)
        self._buf = bytearray()
        self._mode = _Mode()
        self._line: list[Glyph] = []
        self._qr_data = b""

    def feed(self, data: bytes) -> None:
        self._buf += data
        pos = 0
        while pos < len(self._buf):
            step = self._step(pos)
            if step == INCOMPLETE:
                break
            pos = step
        del self._buf[:pos]

    def finish(self) -> Document:
        if self._buf:
            self.doc.unknown.append(f"incomplete command {bytes(self._buf[:8]).hex(' ')}")
            self._buf.clear()
        if self._line:
            self._print_line()
        return self.doc

    def _step(self, pos: int) -> int:
        byte = self._buf[pos]
        if byte == 0x1B:
            return self._command(pos, ESC_FIXED, self._esc, "ESC")
        if byte == 0x1D:
            return self._gs(pos)
        if byte == 0x1C:
            return self._command(pos, FS_FIXED, self._fs, "FS")
        if byte == 0x10:
            return self._command(pos, DLE_FIXED, self._dle, "DLE")
        if byte in (0x0A, 0x0C):
            self._print_line()
        elif byte == 0x09:
            self._text(" " * (8 - len(self._line) % 8))
        elif byte >= 0x20:
            return self._character(pos)
        return pos + 1

    def _command(self, pos: int, table: dict[int, int], run: Callable[[int, bytes], None],
                 name: str) -> int:
        if pos + 1 >= len(self._buf):
            return INCOMPLETE
        cmd = self._buf[pos + 1]
        if cmd not in table:
            self.doc.unknown.append(f"{name} 0x{cmd:02x}")
            return pos + 2
        end = pos + 2 + table[cmd]
        if end > len(self._buf):
            return INCOMPLETE
        run(cmd, bytes(self._buf[pos + 2:end]))
        return end

    def _character(self, pos: int) -> int:
        run = (GB_RUN if self._mode.chinese else ASCII_RUN).match(self._buf, pos)
        if run:
            self._text(run.group().decode("gb18030", errors="replace"))
            return run.end()
        lead = self._buf[pos]
        if not self._mode.chinese or lead < 0x81 or lead == 0xFF:
            self._text(bytes([lead]).decode("gb18030" if lead < 0x80 else "cp437"))
            return pos + 1
        size = 4 if pos + 1 < len(self._buf) and 0x30 <= self._buf[pos + 1] <= 0x39 else 2
        if pos + size > len(self._buf):
            return INCOMPLETE
        self._text(bytes(self._buf[pos:pos + size]).decode("gb18030", errors="replace"))
        return pos + size

    def _text(self, chars: str) -> None:
        m = self._mode
        self._line += [_glyph(ch, m.bold, m.width, m.height) for ch in chars]

    def _print_line(self) -> None:
        if self._line:
            self.doc.items.append(TextLine(tuple(self._line), self._mode.align))
        else:
            self.doc.items.append(Feed(30))
        self._line = []

    def _esc(self, cmd: int, params: bytes) -> None:
        m = self._mode
        if cmd == 0x40:  # ESC @
            self._mode = _Mode()
        elif cmd == 0x45:
            m.bold = bool(params[0] & 1)
        elif cmd == 0x21:  # ESC ! n: bit 3 bold, bit 4 double height, bit 5 double width
            m.bold, m.height, m.width = bool(params[0] & 8), 1 + (params[0] >> 4 & 1), 1 + (
                params[0] >> 5 & 1)
        elif cmd == 0x61:
            m.align = params[0] % 48 if params[0] >= 48 else params[0]
        elif cmd == 0x64:
            self._feed_lines(params[0])
        elif cmd == 0x4A:
            self._feed_dots(params[0])
        elif cmd == 0x70:  # ESC p m t1 t2
            self.doc.kicks.append({"pin": 2 if params[0] in (0, 48) else 5,
                                   "on_ms": params[1] * 2, "off_ms": params[2] * 2})

    def _feed_lines(self, lines: int) -> None:
        if self._line:
            self._print_line()
            lines -= 1
        self._feed_dots(30 * max(lines, 0))

    def _feed_dots(self, dots: int) -> None:
        if dots:
            self.doc.items.append(Feed(dots))

    def _fs(self, cmd: int, params: bytes) -> None:
        if cmd in (0x26, 0x2E):
            self._mode.chinese = cmd == 0x26

    def _dle(self, cmd: int, params: bytes) -> None:
        if cmd == 0x04:
            self.doc.status_queries.append(params[0])
            self._on_status(params[0])

    def _gs(self, pos: int) -> int:
        if pos + 1 >= len(self._buf):
            return INCOMPLETE
        cmd = self._buf[pos + 1]
        if cmd == 0x28:  # GS ( x pL pH ...
            return self._gs_paren(pos)
        if cmd == 0x6B:
            return self._barcode(pos)
        if cmd == 0x56:
            return self._cut(pos)
        if cmd == 0x76:
            return self._raster(pos)
        return self._command(pos, GS_FIXED, self._gs_fixed, "GS")

    def _gs_fixed(self, cmd: int, params: bytes) -> None:
        m = self._mode
        if cmd == 0x21:
            m.width, m.height = (params[0] >> 4) + 1, (params[0] & 7) + 1
        elif cmd == 0x68:
            m.bar_height = params[0]
        elif cmd == 0x77:
            m.bar_module = params[0]
        elif cmd == 0x48:
            m.hri = params[0] % 48 in (2, 3) if params[0] >= 48 else params[0] in (2, 3)

    def _gs_paren(self, pos: int) -> int:
        if pos + 5 > len(self._buf):
            return INCOMPLETE
        fn_class, size = self._buf[pos + 2], int.from_bytes(self._buf[pos + 3:pos + 5], "little")
        end = pos + 5 + size
        if end > len(self._buf):
            return INCOMPLETE
        body = bytes(self._buf[pos + 5:end])
        if fn_class == 0x6B and len(body) >= 2 and body[0] == 49:
            self._qr(body[1], body[2:])
        else:
            self.doc.unknown.append(f"GS ( {chr(fn_class)}")
        return end

    def _qr(self, fn: int, params: bytes) -> None:
        m = self._mode
        if fn == 67 and params:
            m.qr_module = params[0]
        elif fn == 69 and params:
            m.qr_level = QR_LEVELS.get(params[0], "L")
        elif fn == 80:
            self._qr_data = params[1:]
        elif fn == 81 and self._qr_data:
            self._flush_line()
            self.doc.items.append(QrSymbol(self._qr_data, m.qr_module, m.qr_level, m.align))

    def _flush_line(self) -> None:
        if self._line:
            self._print_line()

    def _barcode(self, pos: int) -> int:
        if pos + 3 > len(self._buf):
            return INCOMPLETE
        kind = self._buf[pos + 2]
        if kind <= 6:  # function A: data ends at NUL
            nul = self._buf.find(b"\x00", pos + 3)
            if nul < 0:
                return INCOMPLETE
            self.doc.unknown.append(f"barcode type {kind}")
            return nul + 1
        end = pos + 4 + self._buf[pos + 3] if pos + 3 < len(self._buf) else len(self._buf) + 1
        if end > len(self._buf):
            return INCOMPLETE
        if kind == 73:
            m = self._mode
            self._flush_line()
            self.doc.items.append(Code128Symbol(code128_text(bytes(self._buf[pos + 4:end])),
                                                m.bar_module, m.bar_height, m.hri, m.align))
        else:
            self.doc.unknown.append(f"barcode type {kind}")
        return end

    def _cut(self, pos: int) -> int:
        if pos + 3 > len(self._buf):
            return INCOMPLETE
        end = pos + 3 + (self._buf[pos + 2] in CUT_WITH_FEED)
        if end > len(self._buf):
            return INCOMPLETE
        self._flush_line()
        if self._buf[pos + 2] in CUT_WITH_FEED:
            self._feed_dots(self._buf[pos + 3])
        self.doc.cuts += 1
        return end

    def _raster(self, pos: int) -> int:
        """GS v 0 m xL xH yL yH data: skipped (our receipts send no pictures)."""
        if pos + 8 > len(self._buf):
            return INCOMPLETE
        x = int.from_bytes(self._buf[pos + 4:pos + 6], "little")
        y = int.from_bytes(self._buf[pos + 6:pos + 8], "little")
        end = pos + 8 + x * y
        if end > len(self._buf):
            return INCOMPLETE
        self.doc.unknown.append("raster image")
        return end


@cache
def _glyph(char: str, bold: bool, width: int, height: int) -> Glyph:
    return Glyph(char, bold, width, height)  # one object per look: a long job holds many


def code128_text(body: bytes) -> str:
    """The characters a GS k 73 body encodes: '{A'/'{B' bytes as text, '{C' bytes as digit
    pairs, '{{' a brace; shifts and function characters add no text."""
    out, code_set, i = [], "B", 0
    while i < len(body):
        if body[i] == 0x7B and i + 1 < len(body):
            nxt = chr(body[i + 1])
            if nxt in "ABC":
                code_set = nxt
            elif nxt == "{":
                out.append("{")
            i += 2
            continue
        out.append(f"{body[i]:02d}" if code_set == "C" else chr(body[i]))
        i += 1
    return "".join(out)
