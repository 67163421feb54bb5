"""A printed ESC/POS document as the paper would look: a PNG at the printer's 203 dpi.

Text in the printer's cells (ASCII 12×24 dots, a Chinese character 24×24, magnified by
GS !), drawn with the shipped CJK font; QR codes drawn module by module at the dots the
job asked for (segno plays the printer's encoder), Code 128 bar by bar from
python-barcode's modules. A white margin around the paper is the quiet zone a scanner
(and zxing-cpp in the tests) needs. The picture stops after 4 m of paper (MAX_HEIGHT): a
job of a megabyte of text is a test of the printer's limits, not something to look at.
"""

from __future__ import annotations

from functools import cache

import barcode
import segno
from PIL import Image, ImageDraw, ImageFont

from console import assets
from console.devices.escpos_reader import Code128Symbol, Document, Feed, Glyph, QrSymbol, TextLine

CELL_H = 24
LINE_GAP = 6
MARGIN = 32
DPI = 203
FONT_FILE = ("fonts", "wqy-microhei.ttc")
MAX_HEIGHT = 32_000  # dots: 4 m at 203 dpi


def render(doc: Document, paper_dots: int) -> Image.Image:
    """The document on a strip of paper `paper_dots` wide (plus the margin)."""
    strips, height = [], 0
    for item in doc.items:
        if height > MAX_HEIGHT:
            break
        strips.append(_strip(item, paper_dots))
        height += strips[-1].height
    height = height or CELL_H
    page = Image.new("L", (paper_dots + 2 * MARGIN, height + 2 * MARGIN), 255)
    y = MARGIN
    for strip in strips:
        page.paste(strip, (MARGIN, y))
        y += strip.height
    return page


def _strip(item: TextLine | QrSymbol | Code128Symbol | Feed, width: int) -> Image.Image:
    if isinstance(item, TextLine):
        return _text_strip(item, width)
    if isinstance(item, QrSymbol):
        return _aligned(_qr(item), item.align, width)
    if isinstance(item, Code128Symbol):
        return _aligned(_code128(item), item.align, width)
    return Image.new("L", (width, max(item.dots, 1)), 255)


def _aligned(picture: Image.Image, align: int, width: int) -> Image.Image:
    strip = Image.new("L", (width, picture.height), 255)
    free = max(width - picture.width, 0)
    strip.paste(picture, (free * align // 2, 0))
    return strip


def _text_strip(line: TextLine, width: int) -> Image.Image:
    """One printed line; a printer starts a new line where the paper ends, so may this."""
    rows: list[list[Image.Image]] = [[]]
    used = 0
    for glyph in line.glyphs[: MAX_HEIGHT // CELL_H * width // 24]:
        cell = _cell(glyph)
        if used + cell.width > width and rows[-1]:
            rows.append([])
            used = 0
        rows[-1].append(cell)
        used += cell.width
    return _stack([_row(cells, line.align, width) for cells in rows])


def _row(cells: list[Image.Image], align: int, width: int) -> Image.Image:
    height = max(c.height for c in cells) + LINE_GAP
    row = Image.new("L", (sum(c.width for c in cells), height), 255)
    x = 0
    for cell in cells:
        row.paste(cell, (x, height - LINE_GAP - cell.height))
        x += cell.width
    return _aligned(row, align, width)


def _stack(parts: list[Image.Image]) -> Image.Image:
    out = Image.new("L", (parts[0].width, sum(p.height for p in parts)), 255)
    y = 0
    for part in parts:
        out.paste(part, (0, y))
        y += part.height
    return out


@cache
def _cell(glyph: Glyph) -> Image.Image:
    wide = ord(glyph.char) >= 0x80
    cell = Image.new("L", (24 if wide else 12, CELL_H), 255)
    draw = ImageDraw.Draw(cell)
    draw.text((cell.width / 2, CELL_H / 2), glyph.char, fill=0, font=_font(), anchor="mm",
              stroke_width=1 if glyph.bold else 0, stroke_fill=0)
    size = (cell.width * glyph.width, CELL_H * glyph.height)
    return cell.resize(size, Image.Resampling.NEAREST) if size != cell.size else cell


@cache
def _font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(assets.file_path(*FONT_FILE)), size=22, index=0)


def _qr(symbol: QrSymbol) -> Image.Image:
    code = segno.make_qr(symbol.data, error=symbol.level, boost_error=False)
    rows = [list(row) for row in code.matrix]
    side = len(rows) * symbol.module
    picture = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(picture)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                m = symbol.module
                draw.rectangle((x * m, y * m, x * m + m - 1, y * m + m - 1), fill=0)
    return picture


def _code128(symbol: Code128Symbol) -> Image.Image:
    modules = barcode.get("code128", symbol.data).build()[0]
    m = symbol.module
    text_h = CELL_H + LINE_GAP if symbol.hri else 0
    picture = Image.new("L", (len(modules) * m, symbol.height + text_h), 255)
    draw = ImageDraw.Draw(picture)
    for x, bar in enumerate(modules):
        if bar == "1":
            draw.rectangle((x * m, 0, x * m + m - 1, symbol.height - 1), fill=0)
    if symbol.hri:
        draw.text((picture.width / 2, symbol.height + LINE_GAP), symbol.data, fill=0,
                  font=_font(), anchor="mt")
    return picture
