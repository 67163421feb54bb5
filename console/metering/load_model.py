"""Deterministic load curves for simulated meters.

Everything is a pure function of (meter key, time): no state and no ticking,
so 10,000 meters cost nothing until someone reads one, and a test that fixes
the seed and the clock can reason about the numbers.

Daily energy = mean x season (cooling in summer, heating in winter) x weekday
or weekend x a little day-to-day noise. Within the day it follows an hourly
shape per customer category (interpolated per minute): residential morning and
evening peaks, commercial daytime, industrial shifts. Instantaneous power adds
a per-minute flicker that averages out, so the energy integrates the curve.
Time is POSIX seconds (UTC); tariff periods and shapes are in meter time, UTC+8.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass

LOCAL_OFFSET = 8 * 3600  # China keeps UTC+8 all year
DAY = 86400
MINUTES = 1440
SHARP, PEAK, FLAT, VALLEY = range(4)  # tariff registers 1-4: 尖 峰 平 谷
# Tariff period of each hour of the day (one common provincial schedule).
TOU_BY_HOUR = (
    VALLEY, VALLEY, VALLEY, VALLEY, VALLEY, VALLEY, VALLEY, FLAT,  # 00-07
    PEAK, PEAK, SHARP, PEAK, FLAT, FLAT, FLAT, FLAT,  # 08-15
    FLAT, FLAT, PEAK, SHARP, SHARP, PEAK, PEAK, VALLEY,  # 16-23
)
# Feeder load through the day (0..1): voltage sags as it rises.
_FEEDER = (0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.4, 0.6, 0.6, 0.6, 0.7, 0.7,
           0.6, 0.6, 0.6, 0.6, 0.7, 0.8, 1.0, 1.0, 0.9, 0.8, 0.6, 0.4)
_MASK = (1 << 64) - 1


@dataclass(frozen=True, slots=True)
class Profile:
    """How a customer category uses electricity."""

    weekday: tuple[float, ...]  # 24 hourly weights
    weekend: tuple[float, ...]
    weekend_factor: float  # weekend day energy relative to a weekday
    cooling: float  # extra share at the height of summer
    heating: float  # extra share in the depth of winter
    daily_kwh: tuple[float, float]  # range of mean daily energy (primary side)
    power_factor: float


PROFILES: dict[str, Profile] = {
    "residential": Profile(
        (3, 2, 2, 2, 2, 3, 6, 10, 8, 5, 4, 5, 6, 5, 4, 4, 5, 8, 13, 15, 14, 12, 9, 5),
        (3, 2, 2, 2, 2, 2, 3, 5, 7, 9, 8, 8, 8, 7, 6, 6, 7, 9, 13, 15, 14, 12, 9, 5),
        1.15, 0.45, 0.3, (4.0, 14.0), 0.95),
    "commercial": Profile(
        (2, 2, 2, 2, 2, 2, 3, 6, 12, 15, 16, 16, 15, 15, 16, 16, 15, 14, 13, 12, 10, 6, 3, 2),
        (2, 2, 2, 2, 2, 2, 2, 4, 9, 13, 15, 15, 15, 15, 15, 15, 14, 13, 12, 10, 8, 5, 3, 2),
        0.8, 0.5, 0.2, (30.0, 200.0), 0.9),
    "industrial": Profile(  # two shifts on weekdays, one on weekends
        (4, 4, 4, 4, 4, 4, 5, 8, 15, 16, 16, 16, 12, 16, 16, 16, 15, 15, 15, 15, 15, 14, 14, 8),
        (3, 3, 3, 3, 3, 3, 3, 5, 14, 15, 15, 15, 11, 15, 15, 15, 6, 4, 4, 4, 4, 3, 3, 3),
        0.45, 0.1, 0.05, (300.0, 3000.0), 0.88),
    "agricultural": Profile(  # irrigation pumps by day, mostly in summer
        (1, 1, 1, 1, 1, 2, 8, 12, 14, 14, 14, 14, 10, 14, 14, 14, 12, 8, 3, 2, 1, 1, 1, 1),
        (1, 1, 1, 1, 1, 2, 8, 12, 14, 14, 14, 14, 10, 14, 14, 14, 12, 8, 3, 2, 1, 1, 1, 1),
        1.0, 1.2, 0.0, (5.0, 80.0), 0.85),
    "public": Profile(  # hospitals, pumping stations, street lighting
        (10, 10, 9, 9, 9, 9, 10, 11, 12, 13, 13, 13, 13, 13, 13, 13, 13, 13, 14, 14, 13, 12, 11, 10),
        (10, 10, 9, 9, 9, 9, 10, 10, 11, 12, 12, 12, 12, 12, 12, 12, 12, 12, 14, 14, 13, 12, 11, 10),
        0.95, 0.3, 0.25, (20.0, 400.0), 0.92),
}
MAX_METER_DAILY_KWH = 600.0  # beyond this a real site meters through CTs


class DayShape:
    """One day's shape per minute, normalised to 1, with cumulative tariff shares."""

    __slots__ = ("cumulative", "tariff", "totals", "weights")

    def __init__(self, hourly: tuple[float, ...]) -> None:
        raw = [_interpolate(hourly, (m + 0.5) / 60) for m in range(MINUTES)]
        total = sum(raw)
        self.weights = [w / total for w in raw]
        self.tariff = [TOU_BY_HOUR[m // 60] for m in range(MINUTES)]
        self.cumulative = [[0.0] * (MINUTES + 1) for _ in range(4)]
        for k, cum in enumerate(self.cumulative):
            for m in range(MINUTES):
                share = self.weights[m] if self.tariff[m] == k else 0.0
                cum[m + 1] = cum[m] + share
        self.totals = tuple(cum[MINUTES] for cum in self.cumulative)  # whole-day shares

    def share_until(self, k: int, minute: float) -> float:
        """Share of the day's energy in tariff k from midnight to ``minute``."""
        whole = min(int(minute), MINUTES - 1)
        part = minute - whole
        inside = self.weights[whole] * part if self.tariff[whole] == k else 0.0
        return self.cumulative[k][whole] + inside


def _interpolate(hourly: tuple[float, ...], hour: float) -> float:
    # Weights sit at the middle of each hour; wrap around midnight.
    x = hour - 0.5
    lo = math.floor(x)
    frac = x - lo
    return hourly[lo % 24] * (1 - frac) + hourly[(lo + 1) % 24] * frac


@functools.cache
def _shapes(category: str) -> tuple[DayShape, DayShape]:
    profile = PROFILES[category]
    return DayShape(profile.weekday), DayShape(profile.weekend)


def noise(key: int, n: int) -> float:
    """A repeatable pseudo-random number in [-1, 1) for (key, n) (splitmix64)."""
    z = (key + (n + 1) * 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return (z ^ (z >> 31)) / 2.0**63 - 1.0


@functools.lru_cache(maxsize=4096)
def _season(day: int) -> tuple[float, float, bool]:
    """(cooling 0..1, heating 0..1, weekend) of a local day number."""
    date = dt.date(1970, 1, 1) + dt.timedelta(days=day)
    doy = date.timetuple().tm_yday
    cooling = max(0.0, math.cos(2 * math.pi * (doy - 200) / 365.25)) ** 2
    heating = max(0.0, math.cos(2 * math.pi * (doy - 15) / 365.25)) ** 2
    return cooling, heating, date.weekday() >= 5


@dataclass(frozen=True, slots=True)
class MeterLoad:
    """The load behind one meter, meter side (already divided by CT x PT)."""

    key: int  # seeds every random number of this meter
    category: str
    mean_daily_kwh: float
    phases: int = 1
    nominal_voltage: float = 220.0

    @classmethod
    def create(cls, *, seed: int, address: str, category: str, phases: int = 1,
               multiplier: int = 1, pt_ratio: int = 1) -> MeterLoad:
        """A meter's load drawn from its category, repeatable for (seed, address)."""
        category = category if category in PROFILES else "residential"
        key = (seed * 1_000_003 + int(address, 16)) & _MASK
        low, high = PROFILES[category].daily_kwh
        primary = low + (high - low) * (noise(key, -1) + 1) / 2
        meter_side = min(primary / max(multiplier, 1), MAX_METER_DAILY_KWH)
        voltage = 220.0 if pt_ratio <= 1 else 57.7  # PT secondary: 100 V / sqrt 3
        return cls(key, category, meter_side, phases, voltage)

    @property
    def profile(self) -> Profile:
        return PROFILES[self.category]

    def day_energy(self, day: int) -> float:
        """kWh used on local day ``day`` (days since 1970-01-01, meter time)."""
        cooling, heating, weekend = _season(day)
        profile = self.profile
        factor = 1 + profile.cooling * cooling + profile.heating * heating
        if weekend:
            factor *= profile.weekend_factor
        return self.mean_daily_kwh * factor * (1 + 0.12 * noise(self.key, day))

    def _shape(self, day: int) -> DayShape:
        return _shapes(self.category)[_season(day)[2]]

    def power_kw(self, t: float) -> float:
        """Instantaneous active power at POSIX time ``t``."""
        day, second = divmod(t + LOCAL_OFFSET, DAY)
        minute = int(second // 60)
        mean = self.day_energy(int(day)) * self._shape(int(day)).weights[minute] * 60
        return mean * (1 + 0.06 * noise(self.key, int((t + LOCAL_OFFSET) // 60)))

    def energy(self, t0: float, t1: float) -> list[float]:
        """kWh per tariff (尖 峰 平 谷) used between POSIX times t0 <= t1."""
        out = [0.0, 0.0, 0.0, 0.0]
        day0, s0 = divmod(t0 + LOCAL_OFFSET, DAY)
        day1, s1 = divmod(t1 + LOCAL_OFFSET, DAY)
        for day in range(int(day0), int(day1) + 1):
            start = s0 / 60 if day == day0 else 0.0
            end = s1 / 60 if day == day1 else float(MINUTES)
            if end <= start:
                continue
            energy, shape = self.day_energy(day), self._shape(day)
            if start == 0.0 and end == MINUTES:  # a whole day: months of them on a first read
                for k in range(4):
                    out[k] += energy * shape.totals[k]
                continue
            for k in range(4):
                out[k] += energy * (shape.share_until(k, end) - shape.share_until(k, start))
        return out

    def voltage(self, t: float, phase: int) -> float:
        """Phase voltage: a little high at night, sagging at the evening peak."""
        hour = int((t + LOCAL_OFFSET) % DAY // 3600)
        flicker = noise(self.key ^ (phase + 1), int(t // 60))
        return self.nominal_voltage * (1.025 - 0.05 * _FEEDER[hour] + 0.004 * flicker)

    def phase_shares(self) -> tuple[float, ...]:
        """How the load splits over the phases (three-phase loads are a bit unbalanced)."""
        if self.phases < 3:
            return (1.0,)
        raw = [1 + 0.1 * noise(self.key, 1_000_000 + p) for p in range(3)]
        return tuple(r / sum(raw) for r in raw)
