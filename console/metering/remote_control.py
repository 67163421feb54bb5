"""Remote control (1CH) data: what a ControlSigner builds and a plain meter reads.

Data field: PA P0 P1 P2 (password, level first) + C0..C3 (operator code) +
N1 (operation) + N2 (reserved) + valid-until ss mm hh DD MM YY, all BCD, low
byte first. Production meters want it as ESAM ciphertext instead: that is why
building it sits behind the ControlSigner protocol.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol

from console.metering.values import FrameError

# Shanghai has had no daylight saving since 1991: meters run on UTC+8.
METER_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


class ControlOp(IntEnum):
    """N1 of a remote-control (1CH) command."""

    TRIP = 0x1A  # 拉闸
    CLOSE_ALLOWED = 0x1B  # 合闸允许: the customer's button closes the relay
    CLOSE_DIRECT = 0x1C  # 直接合闸
    ALARM_ON = 0x2A
    ALARM_OFF = 0x2B
    GUARANTEE_ON = 0x3A  # 保电
    GUARANTEE_OFF = 0x3B


@dataclass(frozen=True, slots=True)
class ControlRequest:
    """The plain content of 1CH data, as a meter without ESAM reads it."""

    level: int
    password: str  # six digits, as written
    operator: str  # eight digits
    op: ControlOp
    valid_until: dt.datetime  # meter time (UTC+8), naive


class ControlSigner(Protocol):
    """Builds the data field of a 1CH command.

    Production meters want ESAM ciphertext from the utility's crypto machine;
    a site plugs its own signer in. The simulator accepts PlainPasswordSigner.
    """

    def build(self, *, address: str, op: ControlOp, valid_until: dt.datetime) -> bytes: ...


def _bcd(text: str, size: int, what: str) -> bytes:
    if len(text) != size * 2 or not text.isdigit():
        raise ValueError(f"{what} must be {size * 2} digits: {text!r}")
    return bytes.fromhex(text)[::-1]


def _meter_time(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(METER_TZ).replace(tzinfo=None)
    return moment


@dataclass(frozen=True, slots=True)
class PlainPasswordSigner:
    """Password + operator code in clear (PA P0 P1 P2, C0..C3), as 645-2007 states."""

    password: str = "000000"
    level: int = 2
    operator: str = "00000000"

    def build(self, *, address: str, op: ControlOp, valid_until: dt.datetime) -> bytes:
        """``address`` is unused: plain passwords are not bound to the meter."""
        until = _meter_time(valid_until)
        stamp = bytes.fromhex(until.strftime("%S%M%H%d%m") + f"{until.year % 100:02d}")
        return (bytes((self.level,)) + _bcd(self.password, 3, "password")
                + _bcd(self.operator, 4, "operator code") + bytes((int(op), 0)) + stamp)


def parse_control_data(data: bytes) -> ControlRequest:
    """Read plain 1CH data; FrameError when it is not 16 well-formed bytes."""
    if len(data) != 16:
        raise FrameError(f"control data: {len(data)} bytes, expected 16")
    try:
        op = ControlOp(data[8])
        stamp = data[10:16].hex()
        if not stamp.isdigit():
            raise ValueError(stamp)
        ss, mm, hh, day, month, year = (int(stamp[i:i + 2]) for i in range(0, 12, 2))
        until = dt.datetime(2000 + year, month, day, hh, mm, ss)
    except ValueError as exc:
        raise FrameError(f"control data not understood: {exc}") from None
    password, operator = data[1:4][::-1].hex(), data[4:8][::-1].hex()
    return ControlRequest(data[0], password, operator, op, until)
