"""QR code matrices for many labels at once (ISO/IEC 18004, byte mode, level M).

Why our own encoder: a label run signs and draws every seal of a batch, and
the encoders at hand take 1.4 ms (zxing-cpp) to 96 ms (ReportLab's, which
tries all eight masks in pure Python) per code; 1,000 labels must render in
under 2 s. Seal payloads are ~150 ASCII bytes, so versions 1–10 suffice.
Codes of one version are encoded together with numpy: Reed-Solomon across all
blocks at once and the data bits dropped into precomputed module positions.
One fixed mask (the standard's penalty rules pick the mask for robustness;
any mask decodes): the tests decode what we draw with zxing-cpp.

Layout follows Project Nayuki's reference QR generator (MIT), translated to numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

MASK = 0
MAX_VERSION = 10
# Level M per version: Reed-Solomon codewords per block, number of blocks.
ECC_PER_BLOCK = (0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26)
BLOCKS = (0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5)
ALIGN = ((), (), (6, 18), (6, 22), (6, 26), (6, 30), (6, 34), (6, 22, 38), (6, 24, 42),
         (6, 26, 46), (6, 28, 50))
FORMAT_M = 0  # format bits of level M

# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP = np.zeros(512, dtype=np.int32)
_LOG = np.zeros(256, dtype=np.int32)
_x = 1
for _i in range(255):
    _EXP[_i] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
_EXP[255:510] = _EXP[:255]


def raw_modules(version: int) -> int:
    result = (16 * version + 128) * version + 64
    if version >= 2:
        n = version // 7 + 2
        result -= (25 * n - 10) * n - 55
        if version >= 7:
            result -= 36
    return result


def data_capacity(version: int) -> int:
    """Data codewords of a version at level M."""
    return raw_modules(version) // 8 - ECC_PER_BLOCK[version] * BLOCKS[version]


def version_for(length: int) -> int:
    """The smallest version whose byte mode holds `length` bytes."""
    for version in range(1, MAX_VERSION + 1):
        header = 4 + (8 if version < 10 else 16)
        if header + 8 * length <= 8 * data_capacity(version):
            return version
    raise ValueError(f"{length} bytes do not fit a version {MAX_VERSION} QR code")


@cache
def _generator(degree: int) -> np.ndarray:
    """Coefficients (highest first, leading 1 dropped) of prod (x - a^i), i < degree."""
    poly = [1]
    for i in range(degree):
        nxt = [0] * (len(poly) + 1)
        for j, c in enumerate(poly):
            nxt[j] ^= c
            if c:
                nxt[j + 1] ^= int(_EXP[(_LOG[c] + i) % 255])
        poly = nxt
    return np.array(poly[1:], dtype=np.int32)


@cache
def _products(degree: int) -> np.ndarray:
    """(256, degree): the generator times every field element (row 0: zeros)."""
    table = _EXP[(_LOG[_generator(degree)][None, :] + _LOG[np.arange(1, 256)][:, None]) % 255]
    return np.vstack([np.zeros((1, degree), dtype=np.int32), table]).astype(np.uint8)


def _rs(blocks: np.ndarray, degree: int) -> np.ndarray:
    """Reed-Solomon remainders of many blocks of equal length: (n, len) -> (n, degree)."""
    products = _products(degree)
    length = blocks.shape[1]
    work = np.zeros((blocks.shape[0], length + degree), dtype=np.uint8)
    work[:, :length] = blocks
    for i in range(length):  # long division, one leading term of every block per step
        work[:, i + 1:i + 1 + degree] ^= products[work[:, i]]
    return work[:, length:]


def _codewords(payload: bytes, version: int) -> list[int]:
    """Mode, count, data, terminator and pad bytes up to the data capacity.

    Byte mode's header is 12 (or 20) bits, so everything after it sits half a
    byte off: build the stream as nibbles and pair them up.
    """
    count = len(payload)
    header = [4, count >> 4, count & 15] if version < 10 else \
        [4, count >> 12, (count >> 8) & 15, (count >> 4) & 15, count & 15]
    data = np.frombuffer(payload, dtype=np.uint8)
    nibbles = np.empty(2 * count, dtype=np.uint8)
    nibbles[0::2], nibbles[1::2] = data >> 4, data & 15
    stream = np.concatenate([np.array(header, dtype=np.uint8), nibbles, [0, 0]])  # terminator
    capacity = data_capacity(version)
    stream = stream[: 2 * ((len(header) + 2 * count + 1 + 1) // 2)][: 2 * capacity]
    out = ((stream[0::2] << 4) | stream[1::2]).tolist()
    return out + [(0xEC, 0x11)[i % 2] for i in range(capacity - len(out))]


def _interleave(data: np.ndarray, version: int) -> np.ndarray:
    """(n, data codewords) -> (n, all codewords) in the order they are placed."""
    nblocks, ecc = BLOCKS[version], ECC_PER_BLOCK[version]
    total = raw_modules(version) // 8
    nshort, short_len = nblocks - total % nblocks, total // nblocks - ecc
    blocks, start = [], 0
    for i in range(nblocks):
        length = short_len + (0 if i < nshort else 1)
        part = data[:, start:start + length]
        start += length
        blocks.append((part, _rs(part, ecc)))
    columns = []
    for i in range(short_len + 1):
        columns += [part[:, i] for part, _ in blocks if i < part.shape[1]]
    for i in range(ecc):
        columns += [rs[:, i] for _, rs in blocks]
    return np.stack(columns, axis=1)


@cache
def _template(version: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Function modules (value), their mask, and the data positions (rows, cols) in order,
    already XOR-ed with the fixed mask (returned as the fourth array)."""
    size = 17 + 4 * version
    value = np.zeros((size, size), dtype=bool)
    func = np.zeros((size, size), dtype=bool)

    def put(row: int, col: int, dark: bool) -> None:
        value[row, col], func[row, col] = dark, True

    for i in range(size):
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    for cr, cc in ((3, 3), (3, size - 4), (size - 4, 3)):
        for dr in range(-4, 5):
            for dc in range(-4, 5):
                if 0 <= cr + dr < size and 0 <= cc + dc < size:
                    put(cr + dr, cc + dc, max(abs(dr), abs(dc)) not in (2, 4))
    _alignment(version, put)
    _format_bits(size, put)
    _version_bits(version, size, put)
    rows, cols = _zigzag(size, func)
    masked = ((rows + cols) % 2 == 0) if MASK == 0 else None
    return value, func, (rows, cols), masked


def _alignment(version: int, put) -> None:
    pos = ALIGN[version]
    last = len(pos) - 1
    for i, r in enumerate(pos):
        for j, c in enumerate(pos):
            if (i, j) in ((0, 0), (0, last), (last, 0)):
                continue
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    put(r + dr, c + dc, max(abs(dr), abs(dc)) != 1)


def _format_bits(size: int, put) -> None:
    data = FORMAT_M << 3 | MASK
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * 0x537)
    bits = (data << 10 | rem) ^ 0x5412

    def bit(i: int) -> bool:
        return (bits >> i) & 1 == 1

    for i in range(6):
        put(i, 8, bit(i))
    put(7, 8, bit(6))
    put(8, 8, bit(7))
    put(8, 7, bit(8))
    for i in range(9, 15):
        put(8, 14 - i, bit(i))
    for i in range(8):
        put(8, size - 1 - i, bit(i))
    for i in range(8, 15):
        put(size - 15 + i, 8, bit(i))
    put(size - 8, 8, True)


def _version_bits(version: int, size: int, put) -> None:
    if version < 7:
        return
    rem = version
    for _ in range(12):
        rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
    bits = version << 12 | rem
    for i in range(18):
        dark = (bits >> i) & 1 == 1
        a, b = size - 11 + i % 3, i // 3
        put(b, a, dark)
        put(a, b, dark)


def _zigzag(size: int, func: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = [], []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = (right + 1) & 2 == 0
        for vert in range(size):
            row = size - 1 - vert if upward else vert
            for j in range(2):
                col = right - j
                if not func[row, col]:
                    rows.append(row)
                    cols.append(col)
        right -= 2
    return np.array(rows), np.array(cols)


def matrices(payloads: Sequence[bytes]) -> list[np.ndarray]:
    """A boolean module matrix (True = dark, no quiet zone) per payload, in order."""
    out: list[np.ndarray | None] = [None] * len(payloads)
    by_version: dict[int, list[int]] = {}
    for i, payload in enumerate(payloads):
        by_version.setdefault(version_for(len(payload)), []).append(i)
    for version, idx in by_version.items():
        value, _func, (rows, cols), masked = _template(version)
        data = np.array([_codewords(payloads[i], version) for i in idx], dtype=np.int32)
        words = _interleave(data, version).astype(np.uint8)
        bits = np.unpackbits(words, axis=1)
        if bits.shape[1] < len(rows):  # remainder bits are light
            bits = np.pad(bits, ((0, 0), (0, len(rows) - bits.shape[1])))
        grid = np.repeat(value[None, :, :], len(idx), axis=0)
        grid[:, rows, cols] = bits[:, :len(rows)].astype(bool) ^ masked[None, :]
        for k, i in enumerate(idx):
            out[i] = grid[k]
    return out  # type: ignore[return-value]


def matrix(payload: bytes) -> np.ndarray:
    return matrices([payload])[0]
