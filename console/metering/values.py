"""Data identifiers GridDesk reads, their number formats, and the value codec.

Formats are those of DL/T 645-2007 appendix A: BCD, low byte first; where the
standard marks a value as signed, the top bit of its highest byte is the sign.
Decoding bad bytes raises FrameError, the codec's one error type.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import IntEnum


class FrameError(ValueError):
    """Bytes that are not a well-formed DL/T 645 frame or value."""


Value = Decimal | int | tuple[Decimal, ...]
"""Decimal for one number, int for a bit field, tuple for a data block."""


class DataId(IntEnum):
    COMBINED_ACTIVE_ENERGY = 0x00000000  # 组合有功总电能, kWh
    FORWARD_ACTIVE_TOTAL = 0x00010000  # 正向有功总电能
    FORWARD_ACTIVE_SHARP = 0x00010100  # tariff 1 尖
    FORWARD_ACTIVE_PEAK = 0x00010200  # tariff 2 峰
    FORWARD_ACTIVE_FLAT = 0x00010300  # tariff 3 平
    FORWARD_ACTIVE_VALLEY = 0x00010400  # tariff 4 谷
    FORWARD_ACTIVE_BLOCK = 0x0001FF00  # total, then tariffs 1-4
    VOLTAGE_A = 0x02010100
    VOLTAGE_B = 0x02010200
    VOLTAGE_C = 0x02010300
    VOLTAGE_BLOCK = 0x0201FF00
    CURRENT_A = 0x02020100
    CURRENT_B = 0x02020200
    CURRENT_C = 0x02020300
    CURRENT_BLOCK = 0x0202FF00
    ACTIVE_POWER = 0x02030000  # 瞬时总有功功率, kW
    STATUS_WORD_3 = 0x04000503


@dataclass(frozen=True, slots=True)
class DataFormat:
    """How one value (or each value of a block) is laid out."""

    name: str
    size: int  # bytes per value
    decimals: int = 0
    signed: bool = False
    count: int = 1  # values in a block
    bits: bool = False  # a bit field read as an unsigned integer

    @property
    def length(self) -> int:
        """Bytes of the whole item."""
        return self.size * self.count


_ENERGY = DataFormat("XXXXXX.XX kWh", 4, 2)
_VOLTAGE = DataFormat("XXX.X V", 2, 1)
_CURRENT = DataFormat("XXX.XXX A", 3, 3, signed=True)

DATA_FORMATS: dict[int, DataFormat] = {
    # Combined energy may run backwards (export): the standard gives it a sign.
    DataId.COMBINED_ACTIVE_ENERGY: DataFormat("XXXXXX.XX kWh", 4, 2, signed=True),
    DataId.FORWARD_ACTIVE_TOTAL: _ENERGY,
    DataId.FORWARD_ACTIVE_SHARP: _ENERGY,
    DataId.FORWARD_ACTIVE_PEAK: _ENERGY,
    DataId.FORWARD_ACTIVE_FLAT: _ENERGY,
    DataId.FORWARD_ACTIVE_VALLEY: _ENERGY,
    DataId.FORWARD_ACTIVE_BLOCK: DataFormat("XXXXXX.XX kWh x5", 4, 2, count=5),
    DataId.VOLTAGE_A: _VOLTAGE,
    DataId.VOLTAGE_B: _VOLTAGE,
    DataId.VOLTAGE_C: _VOLTAGE,
    DataId.VOLTAGE_BLOCK: DataFormat("XXX.X V x3", 2, 1, count=3),
    DataId.CURRENT_A: _CURRENT,
    DataId.CURRENT_B: _CURRENT,
    DataId.CURRENT_C: _CURRENT,
    DataId.CURRENT_BLOCK: DataFormat("XXX.XXX A x3", 3, 3, signed=True, count=3),
    DataId.ACTIVE_POWER: DataFormat("XX.XXXX kW", 3, 4, signed=True),
    DataId.STATUS_WORD_3: DataFormat("status word 3", 2, bits=True),
}


def _format(di: int) -> DataFormat:
    try:
        return DATA_FORMATS[di]
    except KeyError:
        raise FrameError(f"unknown data identifier {di:08X}") from None


def encode_value(di: int, value: Value) -> bytes:
    """The data bytes (no DI, no offset) of ``value`` in the format of ``di``."""
    fmt = _format(di)
    if fmt.bits:
        return int(value).to_bytes(fmt.size, "little")  # type: ignore[arg-type]
    items = value if isinstance(value, tuple) else (value,)
    return b"".join(_encode_number(Decimal(item), fmt) for item in items)


def _encode_number(value: Decimal, fmt: DataFormat) -> bytes:
    scaled = int(value.scaleb(fmt.decimals).to_integral_value(ROUND_HALF_EVEN))
    negative = scaled < 0
    digits = f"{abs(scaled):0{fmt.size * 2}d}"
    if len(digits) > fmt.size * 2 or (fmt.signed and digits[0] > "7"):
        raise ValueError(f"{value} does not fit {fmt.name}")
    if negative and not fmt.signed:
        raise ValueError(f"{fmt.name} cannot be negative: {value}")
    wire = bytearray.fromhex(digits)[::-1]
    if negative:
        wire[-1] |= 0x80
    return bytes(wire)


def decode_value(di: int, data: bytes) -> Value:
    """The value in ``data`` (no DI): Decimal, int (bit fields) or a tuple (blocks)."""
    fmt = _format(di)
    if fmt.bits:
        if len(data) != fmt.size:
            raise FrameError(f"{fmt.name}: {len(data)} bytes, expected {fmt.size}")
        return int.from_bytes(data, "little")
    if fmt.count == 1:
        if len(data) != fmt.size:
            raise FrameError(f"{fmt.name}: {len(data)} bytes, expected {fmt.size}")
        return _decode_number(data, fmt)
    if not data or len(data) % fmt.size or len(data) > fmt.size * fmt.count:
        raise FrameError(f"{fmt.name}: {len(data)} bytes is not a block of {fmt.size}")
    step = fmt.size
    return tuple(_decode_number(data[i:i + step], fmt) for i in range(0, len(data), step))


def _decode_number(data: bytes, fmt: DataFormat) -> Decimal:
    negative = fmt.signed and data[-1] & 0x80
    if negative:
        data = data[:-1] + bytes((data[-1] & 0x7F,))
    digits = data[::-1].hex()
    if not digits.isdigit():
        raise FrameError(f"{fmt.name}: not BCD: {digits}")
    number = Decimal(int(digits)).scaleb(-fmt.decimals)
    return -number if negative else number
