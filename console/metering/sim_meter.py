"""One simulated meter: registers, relay, password, and how it answers a frame.

State changes only when a command arrives or when someone reads the meter; the
energy registers are the last checkpoint plus the load model's integral since
then, so reading a meter is cheap and nothing ticks in the background.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal

from console.metering import dlt645 as p
from console.metering.load_model import DAY, LOCAL_OFFSET, MeterLoad
from console.metering.values import DataId, Value

_CENT = Decimal("0.01")
_WRAP = 10**8  # registers roll over at 999999.99 kWh, in hundredths
_POWER_CAP = 79.9999  # XX.XXXX kW is all the register holds
_ENERGY_IDS: dict[int, int] = {
    DataId.FORWARD_ACTIVE_SHARP: 1, DataId.FORWARD_ACTIVE_PEAK: 2,
    DataId.FORWARD_ACTIVE_FLAT: 3, DataId.FORWARD_ACTIVE_VALLEY: 4,
    DataId.FORWARD_ACTIVE_TOTAL: 0, DataId.COMBINED_ACTIVE_ENERGY: 0,
}
_PHASE_IDS: dict[int, tuple[str, int]] = {
    DataId.VOLTAGE_A: ("v", 0), DataId.VOLTAGE_B: ("v", 1), DataId.VOLTAGE_C: ("v", 2),
    DataId.CURRENT_A: ("i", 0), DataId.CURRENT_B: ("i", 1), DataId.CURRENT_C: ("i", 2),
}


class Fault(enum.Enum):
    """What a meter does wrong, for tests of the collector and transport."""

    NONE = "none"
    SILENT = "silent"  # never answers
    GARBLED = "garbled"  # answers noise
    BAD_CHECKSUM = "bad_checksum"  # a frame whose checksum is off by one
    SLOW = "slow"  # answers after `slow_seconds`
    WRONG_ADDRESS = "wrong_address"  # answers as if it were another meter


class MeterRefused(Exception):
    """A request the meter answers with an abnormal reply."""

    def __init__(self, error: p.ErrorBits) -> None:
        super().__init__(error.name)
        self.error = error


@dataclass
class SimMeter:
    """A meter on a simulated bus. Times are POSIX seconds (UTC)."""

    address: str
    load: MeterLoad
    since: float  # checkpoint time
    kwh: list[float] = field(default_factory=lambda: [0.0] * 4)  # 尖 峰 平 谷 at `since`
    password: str = "000000"
    level: int = 2
    relay_open: bool = False
    command_open: bool = False
    alarm: bool = False
    guarantee: bool = False
    close_at: float | None = None  # when the customer presses the button after 1BH
    fault: Fault = Fault.NONE
    last_operator: str = ""

    # ------------------------------------------------------------ state in time

    def _advance(self, now: float) -> float:
        """Bring the checkpoint forward to ``now``; returns the effective time."""
        if now < self.since:  # a clock that steps back never unwinds registers
            return self.since
        if self.close_at is not None and self.close_at <= now:
            self._checkpoint(self.close_at)
            self.relay_open, self.close_at = False, None
        # Keep the integral short: checkpoint at the start of the current day.
        day_start = (now + LOCAL_OFFSET) // DAY * DAY - LOCAL_OFFSET
        if day_start > self.since:
            self._checkpoint(day_start)
        return now

    def _checkpoint(self, t: float) -> None:
        if not self.relay_open:
            used = self.load.energy(self.since, t)
            self.kwh = [a + b for a, b in zip(self.kwh, used, strict=True)]
        self.since = t

    def tariff_kwh(self, now: float) -> list[float]:
        now = self._advance(now)
        if self.relay_open:
            return list(self.kwh)
        used = self.load.energy(self.since, now)
        return [a + b for a, b in zip(self.kwh, used, strict=True)]

    def registers(self, now: float) -> tuple[Decimal, ...]:
        """(total, 尖, 峰, 平, 谷) kWh as the meter displays them; total = their sum."""
        cents = [int(x * 100) % _WRAP for x in self.tariff_kwh(now)]
        return tuple(Decimal(c).scaleb(-2) for c in [sum(cents) % _WRAP, *cents])

    def power_kw(self, now: float) -> float:
        now = self._advance(now)
        return 0.0 if self.relay_open else min(self.load.power_kw(now), _POWER_CAP)

    def status_word(self, now: float) -> int:
        self._advance(now)
        flags = p.StatusWord3(0)
        for on, bit in ((self.relay_open, p.StatusWord3.RELAY_OPEN),
                        (self.command_open, p.StatusWord3.RELAY_COMMAND_OPEN),
                        (self.alarm, p.StatusWord3.PRE_TRIP_ALARM),
                        (self.guarantee, p.StatusWord3.GUARANTEE)):
            if on:
                flags |= bit
        return int(flags)

    # ------------------------------------------------------------ values

    def value(self, di: int, now: float) -> Value:
        """The value of a data identifier now, or MeterRefused(NO_DATA)."""
        if di in _ENERGY_IDS:
            return self.registers(now)[_ENERGY_IDS[di]]
        if di == DataId.FORWARD_ACTIVE_BLOCK:
            return self.registers(now)
        if di == DataId.ACTIVE_POWER:
            return Decimal(round(self.power_kw(now), 4)).quantize(Decimal("0.0001"))
        if di == DataId.STATUS_WORD_3:
            return self.status_word(now)
        if di == DataId.VOLTAGE_BLOCK:
            return self._phase_values("v", now)
        if di == DataId.CURRENT_BLOCK:
            return self._phase_values("i", now)
        if di in _PHASE_IDS:
            kind, phase = _PHASE_IDS[di]
            values = self._phase_values(kind, now)
            if phase < len(values):
                return values[phase]
        raise MeterRefused(p.ErrorBits.NO_DATA)

    def _phase_values(self, kind: str, now: float) -> tuple[Decimal, ...]:
        shares = self.load.phase_shares()
        volts = [self.load.voltage(now, ph) for ph in range(len(shares))]
        if kind == "v":
            return tuple(Decimal(round(v, 1)).quantize(Decimal("0.1")) for v in volts)
        watts = self.power_kw(now) * 1000 / self.load.profile.power_factor
        return tuple(Decimal(round(min(watts * s / v, 799.999), 3)).quantize(Decimal("0.001"))
                     for s, v in zip(shares, volts, strict=True))

    # ------------------------------------------------------------ remote control

    def control(self, data: bytes, now: float, *, button_delay: float) -> None:
        """Carry out 1CH data, or raise MeterRefused."""
        try:
            request = p.parse_control_data(data)
        except p.FrameError:
            # Not plain text: ciphertext this meter has no ESAM to open.
            raise MeterRefused(p.ErrorBits.PASSWORD) from None
        if (request.level, request.password) != (self.level, self.password):
            raise MeterRefused(p.ErrorBits.PASSWORD)
        meter_now = dt.datetime.fromtimestamp(now + LOCAL_OFFSET, dt.UTC)
        if request.valid_until < meter_now.replace(tzinfo=None, microsecond=0):
            raise MeterRefused(p.ErrorBits.OTHER)  # the command has expired
        self._advance(now)
        self._apply(request.op, now, button_delay)
        self.last_operator = request.operator

    def _apply(self, op: p.ControlOp, now: float, button_delay: float) -> None:
        Op = p.ControlOp
        if op is Op.TRIP:
            if self.guarantee:
                raise MeterRefused(p.ErrorBits.OTHER)  # 保电 forbids tripping
            self._set_relay(True, now)
            self.command_open, self.close_at = True, None
        elif op in (Op.CLOSE_ALLOWED, Op.CLOSE_DIRECT):
            self.command_open = False
            if op is Op.CLOSE_DIRECT:
                self._set_relay(False, now)
            elif self.relay_open:
                self.close_at = now + button_delay
        elif op in (Op.ALARM_ON, Op.ALARM_OFF):
            self.alarm = op is Op.ALARM_ON
        else:
            self.guarantee = op is Op.GUARANTEE_ON
            if self.guarantee:  # 保电 puts the power back on at once
                self.command_open = False
                self._set_relay(False, now)

    def _set_relay(self, open_: bool, now: float) -> None:
        if open_ != self.relay_open:
            self._checkpoint(now)
            self.relay_open = open_
        self.close_at = None
