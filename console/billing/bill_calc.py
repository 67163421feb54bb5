"""One account's bill for one period, decided and priced (pure: the bill run feeds it).

- Consumption is the advance of the total register between the previous
  reading (the last one a bill was based on) and the current one, times the
  CT/PT multiplier, less the kWh billed on estimates since the previous reading
  (the true-up). After a meter replacement `prev` is the new meter's first
  reading and `carry` holds what the replaced meters advanced before it.
- No current reading: the bill is estimated at the kWh of the latest bill and
  flagged; the next actual reading trues it up.
- A current reading lower than the previous one is never billed as negative
  use: the period is held for review (meter change, rollover, tampering). So
  is a true-up that would go negative (the estimates were too high).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from console.billing.money import ZERO
from console.billing.pricing import REGISTERS, Rates, Usage, price_usage
from console.models.enums import ReviewReason
from console.timeutil import to_local

BILL, ESTIMATED, HELD, SKIPPED = "bill", "estimated", "held", "skipped"


@dataclass(frozen=True)
class MeterRead:
    id: int
    at: dt.datetime  # aware UTC
    total: Decimal
    registers: Mapping[str, Decimal | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Carry:
    """Use on meters replaced since the previous reading (kWh after multipliers)."""

    kwh: Decimal
    registers: Mapping[str, Decimal] | None  # None: some register was not read
    since: dt.datetime  # the previous reading's time, on the first replaced meter
    base_id: int  # that reading


@dataclass(frozen=True)
class AccountInput:
    customer_id: int
    meter_id: int
    multiplier: int
    tariff_id: int  # the tariff version in force for the period
    rates: Rates
    period_start: dt.date  # first local day of the period
    period_end: dt.date  # first local day of the next period
    prev: MeterRead | None
    curr: MeterRead | None
    estimated_since: Decimal = ZERO  # kWh billed on estimates after `prev`
    last_kwh: Decimal | None = None  # kWh of the latest bill: the estimate
    year_to_date: Mapping[int, Decimal] = field(default_factory=dict)
    carry: Carry | None = None

    @property
    def base_id(self) -> int | None:
        """The reading the bill starts from (on the replaced meter when there was a change)."""
        return self.carry.base_id if self.carry else (self.prev.id if self.prev else None)


@dataclass(frozen=True)
class Outcome:
    kind: str  # BILL, ESTIMATED, HELD or SKIPPED
    kwh: Decimal = ZERO
    amount: Decimal = ZERO
    reason: str = ""  # HELD: a ReviewReason; SKIPPED: why


def compute(acc: AccountInput) -> Outcome:
    """Bill, estimate, hold or skip one account (see the module docstring)."""
    # A meter replaced just before the period's end may have no reading but its first one:
    # then the period's use is what the replaced meter advanced (curr is prev).
    carried_only = acc.carry is not None and acc.curr is not None and acc.prev is not None \
        and acc.curr.id == acc.prev.id
    if acc.curr is None or acc.prev is None or (acc.curr.at <= acc.prev.at and not carried_only):
        return _estimate(acc)
    if acc.curr.total < acc.prev.total:
        return Outcome(HELD, reason=ReviewReason.LOWER_THAN_PREVIOUS)
    advance = (acc.curr.total - acc.prev.total) * acc.multiplier
    kwh = advance + (acc.carry.kwh if acc.carry else ZERO) - acc.estimated_since
    if kwh < 0:
        return Outcome(HELD, reason=ReviewReason.ESTIMATE_EXCEEDS_ACTUAL)
    # After estimates the registers' split no longer matches the kWh: price them flat.
    registers = _advances(acc, acc.prev, acc.curr) if acc.estimated_since == 0 else None
    start = acc.carry.since if acc.carry else acc.prev.at
    usage = Usage(kwh, to_local(start), to_local(acc.curr.at), registers)
    return Outcome(BILL, kwh, price_usage(acc.rates, usage, acc.year_to_date).amount)


def _estimate(acc: AccountInput) -> Outcome:
    if acc.last_kwh is None:
        return Outcome(SKIPPED, reason="no_history")
    usage = Usage(acc.last_kwh, acc.period_start, acc.period_end)
    return Outcome(ESTIMATED, acc.last_kwh,
                   price_usage(acc.rates, usage, acc.year_to_date).amount)


def _advances(acc: AccountInput, prev: MeterRead, curr: MeterRead) -> dict[str, Decimal] | None:
    """Per-register kWh between two readings (compute has checked both are there)."""
    before, after, mult = prev.registers, curr.registers, acc.multiplier
    advances = {}
    for r in REGISTERS:  # a loop, not generators: this runs for every bill of a run
        old, new = before.get(r), after.get(r)
        if old is None or new is None:
            return None
        advances[r] = (new - old) * mult
    if acc.carry is not None:
        if acc.carry.registers is None:
            return None
        advances = {r: v + acc.carry.registers[r] for r, v in advances.items()}
    for v in advances.values():
        if v < 0:
            return None
    return advances
