"""DL/T 645-2007 frames and data formats: a pure codec, no I/O.

A frame on the wire (after optional FEH wake-up bytes)::

    68H  A0..A5  68H  C  L  DATA(+33H each)  CS  16H

The address is 12 BCD digits sent low byte first; in this module an address is
the string printed on the nameplate (``"000012345678"``, most significant digit
first), or ``"AAAAAAAAAAAA"`` for the broadcast. CS is the sum modulo 256 of
every byte from the first 68H to the end of the data.

Every malformed input raises :class:`FrameError` and nothing else; encoding a
value that cannot be represented raises ``ValueError`` (a caller bug).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import IntEnum, IntFlag

from console.metering.remote_control import (
    ControlOp,
    ControlRequest,
    ControlSigner,
    PlainPasswordSigner,
    parse_control_data,
)
from console.metering.values import (
    DataFormat,
    DataId,
    FrameError,
    Value,
    decode_value,
    encode_value,
)

__all__ = [
    "BROADCAST", "ControlOp", "ControlRequest", "ControlSigner", "DataFormat", "DataId",
    "ErrorBits", "Frame", "FrameError", "FrameParser", "Function", "PlainPasswordSigner",
    "StatusWord3", "Value", "control_reply", "control_request", "decode_frame",
    "decode_value", "encode_frame", "encode_value", "error_reply", "follow_up_reply",
    "follow_up_request", "parse_control_data", "read_reply", "read_request", "reply_di",
]

BROADCAST = "AAAAAAAAAAAA"
START, END = 0x68, 0x16
PREAMBLE = b"\xfe\xfe\xfe\xfe"
MAX_DATA = 255
# The +33H offset keeps the data field away from 68H/16H on quiet lines;
# translate() with these tables is the fastest way to apply it in Python.
_PLUS33 = bytes((i + 0x33) & 0xFF for i in range(256))
_MINUS33 = bytes((i - 0x33) & 0xFF for i in range(256))
_ADDRESS_CHARS = frozenset("0123456789a")


class Function(IntEnum):
    """Control codes (the low five bits of C) this console speaks."""

    BROADCAST_TIME = 0x08
    READ = 0x11
    READ_FOLLOW_UP = 0x12
    READ_ADDRESS = 0x13
    CONTROL = 0x1C


REPLY, ERROR_REPLY, FOLLOW_UP = 0x80, 0x40, 0x20


class ErrorBits(IntFlag):
    """The error byte of an abnormal reply (Table: 错误信息字 ERR)."""

    OTHER = 0x01
    NO_DATA = 0x02  # no such data identifier
    PASSWORD = 0x04  # password wrong or not authorised
    BAUD_RATE = 0x08
    YEAR_ZONES = 0x10
    DAY_PERIODS = 0x20
    TARIFFS = 0x40


class StatusWord3(IntFlag):
    """Bits of status word 3 (04000503) the console cares about."""

    RELAY_OPEN = 1 << 4  # the relay is actually open (断)
    RELAY_COMMAND_OPEN = 1 << 6  # the last command asked for open
    PRE_TRIP_ALARM = 1 << 7
    GUARANTEE = 1 << 12  # 保电


@dataclass(frozen=True, slots=True)
class Frame:
    """One decoded frame; ``data`` has the 33H offset already removed."""

    address: str
    control: int
    data: bytes = b""

    @property
    def function(self) -> int:
        return self.control & 0x1F

    @property
    def is_reply(self) -> bool:
        return bool(self.control & REPLY)

    @property
    def is_error(self) -> bool:
        return bool(self.control & ERROR_REPLY)

    @property
    def has_more(self) -> bool:
        """A reply announcing follow-up frames (bit 5)."""
        return bool(self.control & FOLLOW_UP)

    @property
    def error(self) -> ErrorBits:
        """The error byte of an abnormal reply (OTHER when the meter sent none)."""
        return ErrorBits(self.data[0] & 0x7F) if self.data else ErrorBits.OTHER

    def encode(self, *, preamble: bytes = PREAMBLE) -> bytes:
        return encode_frame(self.address, self.control, self.data, preamble=preamble)


# ---------------------------------------------------------------- addresses

@functools.lru_cache(maxsize=1 << 16)
def address_bytes(address: str) -> bytes:
    """The six wire bytes (A0 first) of a 12-digit address."""
    text = address.lower()
    if len(text) != 12 or not _ADDRESS_CHARS.issuperset(text):
        raise ValueError(f"not a DL/T 645 address: {address!r}")
    return bytes.fromhex(text)[::-1]


def _address_text(wire: bytes) -> str:
    text = wire[::-1].hex()
    if text.isdigit():
        return text
    if not _ADDRESS_CHARS.issuperset(text):
        raise FrameError(f"address is not BCD: {text}")
    return text.upper()


# ---------------------------------------------------------------- frames

def encode_frame(address: str, control: int, data: bytes = b"", *,
                 preamble: bytes = PREAMBLE) -> bytes:
    """A complete frame for ``data`` given without the 33H offset."""
    if len(data) > MAX_DATA:
        raise ValueError(f"data field too long: {len(data)} bytes")
    body = b"\x68" + address_bytes(address) + bytes((START, control, len(data))) \
        + data.translate(_PLUS33)
    return preamble + body + bytes((sum(body) & 0xFF, END))


def decode_frame(raw: bytes) -> Frame:
    """Exactly one frame, optionally after FEH bytes; FrameError otherwise."""
    start = len(raw) - len(raw.lstrip(b"\xfe"))
    end = _frame_end(raw, start)
    if end is None:
        raise FrameError(f"truncated frame ({len(raw)} bytes)")
    if end != len(raw):
        raise FrameError(f"{len(raw) - end} bytes after the end of the frame")
    return _frame_at(raw, start, end)


def _frame_end(buf: bytes | bytearray, start: int) -> int | None:
    """Where the frame starting at ``start`` ends; None if more bytes are needed."""
    have = len(buf) - start
    if have and buf[start] != START:
        raise FrameError("no 68H at the start")
    if have > 7 and buf[start + 7] != START:
        raise FrameError("second 68H missing")
    if have < 10:
        return None
    end = start + 12 + buf[start + 9]
    return end if end <= len(buf) else None


def _frame_at(buf: bytes | bytearray, start: int, end: int) -> Frame:
    """Check and decode the frame in buf[start:end]."""
    if buf[end - 1] != END:
        raise FrameError("end byte 16H missing")
    checksum = sum(buf[start:end - 2]) & 0xFF
    if checksum != buf[end - 2]:
        raise FrameError(f"checksum {buf[end - 2]:02X}H, expected {checksum:02X}H")
    address = _address_text(bytes(buf[start + 1:start + 7]))
    return Frame(address, buf[start + 8], bytes(buf[start + 10:end - 2]).translate(_MINUS33))


class FrameParser:
    """Finds frames in a byte stream fed piece by piece; resynchronises after garbage.

    ``feed`` never raises: noise is skipped (counted in ``discarded``) and each
    frame-shaped run of bytes that fails its checks is kept as a FrameError for
    ``take_errors``, so a caller can tell a garbled answer from silence.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self._errors: list[FrameError] = []
        self.discarded = 0

    def feed(self, data: bytes) -> list[Frame]:
        """The frames completed by ``data``, in order."""
        self._buf += data
        frames: list[Frame] = []
        pos = 0
        buf = self._buf
        while True:
            start = buf.find(b"\x68", pos)
            if start < 0:
                self._drop(len(buf))
                return frames
            self._drop(start)
            buf, pos = self._buf, 0
            outcome = self._try_frame(buf)
            if outcome is None:
                return frames
            if isinstance(outcome, Frame):
                frames.append(outcome)

    def take_errors(self) -> list[FrameError]:
        """The corrupt frames seen since the last call."""
        errors, self._errors = self._errors, []
        return errors

    def clear(self) -> None:
        self._buf.clear()

    def _try_frame(self, buf: bytearray) -> Frame | bool | None:
        """Consume a frame at buf[0] (a Frame) or one byte of garbage (False).

        None: a plausible frame is still incomplete and nothing later completes.
        """
        try:
            end = _frame_end(buf, 0)
            if end is None and self._later_frame_complete(buf):
                raise FrameError("incomplete frame followed by another")
        except FrameError:
            self._drop(1)  # noise, not a frame: skip without complaint
            return False
        if end is None:
            return None
        try:
            frame = _frame_at(buf, 0, end)
        except FrameError as exc:
            # Framed like a frame but corrupt: most likely a garbled answer.
            self._errors.append(exc)
            self._drop(1)
            return False
        del buf[:end]
        return frame

    def _later_frame_complete(self, buf: bytearray) -> bool:
        """True when a complete, valid frame starts after a stalled candidate."""
        pos = buf.find(b"\x68", 1)
        while pos >= 0:
            try:
                end = _frame_end(buf, pos)
                if end is not None:
                    _frame_at(buf, pos, end)
                    return True
            except FrameError:
                pass
            pos = buf.find(b"\x68", pos + 1)
        return False

    def _drop(self, count: int) -> None:
        if count:
            self.discarded += count - self._buf.count(b"\xfe", 0, count)
            del self._buf[:count]


@functools.lru_cache(maxsize=256)
def _di_bytes(di: int) -> bytes:
    return di.to_bytes(4, "little")


# ---------------------------------------------------------------- requests and replies

def read_request(address: str, di: int) -> bytes:
    """11H: read one data identifier."""
    return encode_frame(address, Function.READ, _di_bytes(di))


def follow_up_request(address: str, di: int, seq: int) -> bytes:
    """12H: ask for follow-up frame ``seq`` (1, 2, ...) of a read."""
    return encode_frame(address, Function.READ_FOLLOW_UP, _di_bytes(di) + bytes((seq & 0xFF,)))


def read_reply(address: str, di: int, payload: bytes, *, more: bool = False) -> bytes:
    """91H (B1H when follow-up frames come): DI + data."""
    control = REPLY | Function.READ | (FOLLOW_UP if more else 0)
    return encode_frame(address, control, _di_bytes(di) + payload)


def follow_up_reply(address: str, di: int, payload: bytes, seq: int, *, more: bool) -> bytes:
    """92H/B2H: DI + data + SEQ."""
    control = REPLY | Function.READ_FOLLOW_UP | (FOLLOW_UP if more else 0)
    return encode_frame(address, control, _di_bytes(di) + payload + bytes((seq & 0xFF,)))


def error_reply(address: str, function: int, error: ErrorBits) -> bytes:
    """Abnormal reply (C = function | C0H) carrying the error byte."""
    return encode_frame(address, REPLY | ERROR_REPLY | function, bytes((int(error),)))


def control_request(address: str, data: bytes) -> bytes:
    """1CH with the data a ControlSigner built."""
    return encode_frame(address, Function.CONTROL, data)


def control_reply(address: str) -> bytes:
    """9CH: the meter accepted the command."""
    return encode_frame(address, REPLY | Function.CONTROL)


def reply_di(frame: Frame) -> int:
    """The data identifier a normal read reply starts with."""
    if len(frame.data) < 4:
        raise FrameError(f"read reply too short: {len(frame.data)} bytes")
    return int.from_bytes(frame.data[:4], "little")


