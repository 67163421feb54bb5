"""Seal labels in printer languages: ZPL II (Zebra) and TSPL (TSC, Gprinter).

    job = zpl(labels, dpi=203)   # bytes, sent raw to port 9100 (reports.label_printer)

Same 40 × 30 mm layout as the thermal PDF, drawn by the printer's own
Code 128 and QR generators (so the host sends ~300 bytes a label, not an image).
At 203 dpi a Code 128 module is one dot (0.125 mm; the 22 digits need 156
modules and the label is 320 dots wide); at 300 dpi it is two dots. ZPL
prints ASCII only (Chinese needs a font downloaded to the printer), so its
reprint mark is "REPRINT"; TSPL printers sold in China carry the GB font
TSS24.BF2, so TSPL prints "补打/REPRINT" and the job is GB18030.
"""

from __future__ import annotations

from collections.abc import Sequence

from console.services.seals.types import SealLabel
from reports.printer_text import TSPL_FORBIDDEN, ZPL_FORBIDDEN, check_code, tspl_string, zpl_text

WIDTH_MM, HEIGHT_MM = 40, 30
DOTS_PER_MM = {203: 8, 300: 12}


def _dots(dpi: int) -> int:
    if dpi not in DOTS_PER_MM:
        raise ValueError(f"dpi must be one of {sorted(DOTS_PER_MM)}")
    return DOTS_PER_MM[dpi]


def _check(label: SealLabel, forbidden: frozenset[str]) -> None:
    """The codes print exactly what we generated, or not at all (the text fields are
    escaped instead: reports.printer_text)."""
    for code in (label.qr_payload, label.seal_no):
        try:
            check_code(code, forbidden)
        except ValueError as exc:
            raise ValueError(f"label {label.seal_no!r}: {exc}") from None


def _zpl_one(label: SealLabel, dpm: int) -> str:
    module, qr_mag = (1, 3) if dpm == 8 else (2, 4)
    width = 156 * module
    left = (WIDTH_MM * dpm - width) // 2
    return "\n".join([
        "^XA", "^CI28", f"^PW{WIDTH_MM * dpm}", f"^LL{HEIGHT_MM * dpm}", "^LH0,0",
        f"^FO{left},{dpm}^BY{module}^BCN,{int(5.5 * dpm)},N,N,N,A^FD{label.seal_no}^FS",
        f"^FO0,{int(7.2 * dpm)}^FB{WIDTH_MM * dpm},1,0,C^A0N,{int(1.8 * dpm)},{int(1.4 * dpm)}"
        + zpl_text(label.seal_no),
        f"^FO{int(1.0 * dpm)},{int(9.5 * dpm)}^BQN,2,{qr_mag}^FDMA,{label.qr_payload}^FS",
        *_zpl_lines(label, dpm),
        "^PQ1", "^XZ",
    ])


def _zpl_lines(label: SealLabel, dpm: int) -> list[str]:
    x, y, step = int(21 * dpm), int(11 * dpm), int(2.4 * dpm)
    lines = [f"{label.seal_type.upper()} {label.year}", label.batch_no, f"UNIT {label.unit_code}",
             f"KEY {label.key_id}"] + (["REPRINT"] if label.reprint else [])
    return [f"^FO{x},{y + i * step}^A0N,{int(1.8 * dpm)},{int(1.3 * dpm)}{zpl_text(text)}"
            for i, text in enumerate(lines)]


def zpl(labels: Sequence[SealLabel], *, dpi: int = 203) -> bytes:
    """One ^XA … ^XZ format per label (UTF-8, ^CI28)."""
    dpm = _dots(dpi)
    for label in labels:
        _check(label, ZPL_FORBIDDEN)
    return ("\n".join(_zpl_one(label, dpm) for label in labels) + "\n").encode("utf-8")


def _tspl_one(label: SealLabel, dpm: int) -> str:
    narrow = 1 if dpm == 8 else 2
    cell = 3 if dpm == 8 else 4
    left = (WIDTH_MM * dpm - 156 * narrow) // 2
    x, y, step = int(21 * dpm), int(11 * dpm), int(2.4 * dpm)
    lines = [f"{label.seal_type.upper()} {label.year}", label.batch_no, f"UNIT {label.unit_code}",
             f"KEY {label.key_id}"]
    text = [f'TEXT {x},{y + i * step},"1",0,1,1,{tspl_string(line)}' for i, line in enumerate(lines)]
    if label.reprint:
        text.append(f'TEXT {x},{y + len(lines) * step},"TSS24.BF2",0,1,1,"补打/REPRINT"')
    return "\n".join([
        "CLS",
        f'BARCODE {left},{dpm},"128",{int(5.5 * dpm)},0,0,{narrow},{narrow},"{label.seal_no}"',
        f'TEXT {int(7 * dpm)},{int(7.2 * dpm)},"2",0,1,1,{tspl_string(label.seal_no)}',
        f'QRCODE {dpm},{int(9.5 * dpm)},M,{cell},A,0,"{label.qr_payload}"',
        *text,
        "PRINT 1,1",
    ])


def tspl(labels: Sequence[SealLabel], *, dpi: int = 203) -> bytes:
    """SIZE/GAP once, then CLS … PRINT per label (GB18030 for the Chinese reprint mark)."""
    dpm = _dots(dpi)
    for label in labels:
        _check(label, TSPL_FORBIDDEN)
    head = [f"SIZE {WIDTH_MM} mm,{HEIGHT_MM} mm", "GAP 2 mm,0 mm", "DIRECTION 1", "REFERENCE 0,0"]
    body = [_tspl_one(label, dpm) for label in labels]
    return ("\n".join(head + body) + "\n").encode("gb18030")
