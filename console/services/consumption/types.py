"""What the consumption service returns: frozen values, never ORM rows.

Long series are tuples of floats (epoch seconds, kW, V, A) that numpy takes
as they are; energy totals are exact `Decimal` kWh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

TOU_REGISTERS = ("sharp", "peak", "flat", "valley")


@dataclass(frozen=True)
class PowerSeries:
    """Instantaneous active power, oldest first; `last_id` is the newest reading's id."""

    meter_id: int
    times: tuple[float, ...]  # epoch seconds (UTC)
    power_kw: tuple[float, ...]  # NaN where the meter gave no value
    last_id: int | None

    def __len__(self) -> int:
        return len(self.times)


@dataclass(frozen=True)
class PhaseSeries:
    """Phase voltages (V) and currents (A), oldest first; NaN where absent."""

    meter_id: int
    times: tuple[float, ...]
    voltage: tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]  # A, B, C
    current: tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]
    last_id: int | None


@dataclass(frozen=True)
class DailyEnergy:
    """Energy of one local day; `kwh` None when no reading covers the day."""

    day: dt.date
    kwh: Decimal | None
    partial: bool = False  # part of the day fell into a gap in the readings


@dataclass(frozen=True)
class MonthCompare:
    """One month of `year` next to the same month a year earlier (kWh or None)."""

    month: int
    this_year: Decimal | None
    last_year: Decimal | None


@dataclass(frozen=True)
class TouSplit:
    """Energy per time-of-use register (尖峰平谷) between two local dates."""

    start: dt.date
    end: dt.date  # exclusive
    sharp: Decimal | None
    peak: Decimal | None
    flat: Decimal | None
    valley: Decimal | None
    total: Decimal | None

    def by_register(self) -> dict[str, Decimal | None]:
        return {name: getattr(self, name) for name in TOU_REGISTERS}


@dataclass(frozen=True)
class TierLimit:
    """An annual tier (阶梯) ends at `upper_kwh`; the next tier's price applies beyond."""

    seq: int
    upper_kwh: Decimal
    price: Decimal


@dataclass(frozen=True)
class MeterState:
    """What the chart says about the meter itself: identity, relay, reachability.

    `reachable` is False when the collector says 'unreachable' (`comm_error`
    says why: timeout, garbled, wrong_address, connection, refused,
    password_wrong), or when the meter was last heard (`heard_at`: a poll or a
    reading) longer than `stale_after` ago or never. Not the same as zero
    consumption.
    """

    meter_id: int
    asset_no: str
    address: str
    phases: int
    multiplier: int
    relay_state: str
    relay_changed_at: dt.datetime | None
    last_reading_at: dt.datetime | None
    reachable: bool
    stale_after: dt.timedelta
    last_seen_at: dt.datetime | None = None  # the collector's last answered poll
    comm_error: str = ""

    @property
    def heard_at(self) -> dt.datetime | None:
        """When the meter was last heard of: a poll it answered, or a reading."""
        return max((t for t in (self.last_reading_at, self.last_seen_at) if t is not None),
                   default=None)


@dataclass(frozen=True)
class ConsumptionOverview:
    """Everything the consumption view needs when it opens, in one task."""

    customer_id: int
    customer_no: str
    customer_name: str
    year: int
    meter: MeterState | None  # None: no meter in service
    power: PowerSeries | None
    phases: PhaseSeries | None
    daily: tuple[DailyEnergy, ...]
    monthly: tuple[MonthCompare, ...]
    tou: TouSplit | None
    tiers: tuple[TierLimit, ...]


@dataclass(frozen=True)
class LiveUpdate:
    """New rows since the last ones drawn, and the meter's state now."""

    meter: MeterState
    power: PowerSeries
    phases: PhaseSeries
