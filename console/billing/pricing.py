"""Pricing a bill's consumption under a tariff (pure: no database, no rounding until the end).

Where rounding happens, and only there:
- kWh are exact to 0.01 kWh as the registers give them (times the CT/PT
  multiplier, still exact). Only when a bill spans a year boundary are its kWh
  split between the years pro rata by time (from the previous reading's time,
  not its day), rounded half up to 0.01 kWh, the remainder going to the later
  year so the parts add up to the whole.
- Each price line's amount is kWh x price, exact (6 decimals).
- The bill total is the exact sum of its lines, rounded half up to the fen
  once (`Priced.amount`). Lines are never rounded one by one.

Annual tiers (阶梯电价): a tier's `upper_kwh` is a limit on the year's running
total. A bill whose consumption crosses a limit is split exactly at it: with
2,400 kWh billed earlier in the year and 300 kWh now, 120 kWh cost the tier-1
price and 180 kWh the tier-2 price.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from console.billing.money import ZERO, to_fen
from console.timeutil import LOCAL

KWH = Decimal("0.01")
REGISTERS = ("sharp", "peak", "flat", "valley")


@dataclass(frozen=True)
class Tier:
    """kWh of the year's running total up to `upper_kwh` (None: no limit) cost `price`."""

    upper_kwh: Decimal | None
    price: Decimal


@dataclass(frozen=True)
class Rates:
    """The prices of one tariff version: kind 'flat', 'tiered' or 'tou'."""

    kind: str
    price: Decimal  # flat price; TOU: the price of kWh no register accounts for
    tiers: tuple[Tier, ...] = ()
    tou: Mapping[str, Decimal] = field(default_factory=dict)  # register -> price


@dataclass(frozen=True)
class Usage:
    """A bill's consumption: total kWh, register advances (TOU), and the days it covers."""

    kwh: Decimal
    start: dt.date  # the previous reading: its local time, or a local day from midnight
    end: dt.date  # the current reading, likewise; the span is [start, end)
    registers: Mapping[str, Decimal] | None = None


@dataclass(frozen=True)
class PriceLine:
    label: str  # "tier 1 (2025)", "peak", "flat"
    kwh: Decimal
    price: Decimal
    amount: Decimal  # exact, not rounded


@dataclass(frozen=True)
class Priced:
    kwh: Decimal
    lines: tuple[PriceLine, ...]

    @property
    def amount(self) -> Decimal:
        """The bill total: exact sum of the lines, half up to the fen."""
        return to_fen(sum((line.amount for line in self.lines), ZERO))


def price_usage(rates: Rates, usage: Usage, year_to_date: Mapping[int, Decimal]) -> Priced:
    """Price `usage`; `year_to_date[year]` is the kWh billed earlier in that year (tiers)."""
    if rates.kind == "tiered":
        lines = price_tiered(rates.tiers, usage, year_to_date)
    elif rates.kind == "tou":
        lines = price_tou(rates, usage)
    else:
        lines = [_line("flat", usage.kwh, rates.price)]
    return Priced(usage.kwh, tuple(lines))


def price_tiered(tiers: tuple[Tier, ...], usage: Usage,
                 year_to_date: Mapping[int, Decimal]) -> list[PriceLine]:
    """Each year's share of the kWh split at the tier limits of that year's running total."""
    lines = []
    for year, kwh in split_by_year(usage.kwh, usage.start, usage.end):
        for seq, kwh_in_tier, price in tier_split(kwh, year_to_date.get(year, ZERO), tiers):
            lines.append(_line(f"tier {seq} ({year})", kwh_in_tier, price))
    return lines


def tier_split(kwh: Decimal, year_to_date: Decimal,
               tiers: tuple[Tier, ...]) -> list[tuple[int, Decimal, Decimal]]:
    """(tier number, kWh, price) for `kwh` billed on top of `year_to_date` kWh."""
    parts, low, start, end = [], ZERO, year_to_date, year_to_date + kwh
    for seq, tier in enumerate(tiers, start=1):
        high = tier.upper_kwh
        inside = (end if high is None else min(end, high)) - max(start, low)
        if inside > 0:
            parts.append((seq, inside, tier.price))
        if high is None or end <= high:
            break
        low = high
    return parts


def split_by_year(kwh: Decimal, start: dt.date, end: dt.date) -> list[tuple[int, Decimal]]:
    """The kWh of [start, end) per calendar year, pro rata by time (see module docstring).

    `start`/`end` are local days (from midnight) or local times: a previous reading at
    23:30 on 31 December leaves half an hour's share in the old year, not a day's.
    """
    start, end = _moment(start), _moment(end)
    last_year = (end - dt.timedelta(microseconds=1)).year
    if end <= start or start.year == last_year:
        return [(start.year, kwh)]
    total = Decimal((end - start) // _TICK)
    parts, left, cursor = [], kwh, start
    for year in range(start.year, last_year + 1):
        stop = min(end, dt.datetime(year + 1, 1, 1, tzinfo=start.tzinfo))
        ticks = (stop - cursor) // _TICK
        if year == last_year:
            share = left
        else:
            share = (kwh * ticks / total).quantize(KWH, rounding=ROUND_HALF_UP)
        if ticks > 0:
            parts.append((year, share))
        left -= share
        cursor = stop
    return parts


_TICK = dt.timedelta(microseconds=1)


def _moment(value: dt.date) -> dt.datetime:
    """A day as its local midnight; a time as it is (local, as the bill run passes it)."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(), tzinfo=LOCAL)


def price_tou(rates: Rates, usage: Usage) -> list[PriceLine]:
    """Each register's advance at its price; what no register accounts for at the flat price."""
    registers = usage.registers or {}
    lines = [_line(r, registers[r], rates.tou.get(r, rates.price))
             for r in REGISTERS if registers.get(r)]
    rest = usage.kwh - sum((line.kwh for line in lines), ZERO)
    if rest:
        lines.append(_line("unregistered", rest, rates.price))
    return lines


def _line(label: str, kwh: Decimal, price: Decimal) -> PriceLine:
    return PriceLine(label, kwh, price, kwh * price)
