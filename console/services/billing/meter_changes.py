"""Bill across meter replacements: what the replaced meters advanced before the current one.

A replacement writes a `meter_change` row: the old meter's final reading and
the new meter's first one, at the same moment. A period's consumption is the
old meter's advance from the previous reading to its final reading, plus the
new meter's from its first reading on (each times its own multiplier), so
nothing is lost or counted twice, and the bill run prices the sum as one use.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.billing.bill_calc import Carry, MeterRead
from console.billing.pricing import REGISTERS
from console.models import Meter
from console.models.work import MeterChange
from console.services.billing import run_data as data
from console.services.billing.bulk_sql import IdSet, dialect_of


class ChangeBook:
    """The meter changes of a batch of customers up to `upto`, with their readings."""

    def __init__(self, session: Session, customer_ids: Sequence[int], upto: dt.datetime) -> None:
        self._session = session
        self._changes: dict[int, list[MeterChange]] = defaultdict(list)
        batch = IdSet(dialect_of(session))
        rows = session.scalars(select(MeterChange).where(
            batch.has(MeterChange.customer_id),
            MeterChange.changed_at <= upto, MeterChange.new_first_reading_id.is_not(None))
            .order_by(MeterChange.changed_at, MeterChange.id), batch.bind(customer_ids))
        for change in rows:
            self._changes[change.customer_id].append(change)
        # (The query took only changes with a first reading: `is not None` drops nothing.)
        reading_ids = [i for cs in self._changes.values() for c in cs
                       for i in (c.old_final_reading_id, c.new_first_reading_id) if i is not None]
        self._reads = data.readings_by_id(session, reading_ids) if reading_ids else {}
        meter_ids = {c.old_meter_id for cs in self._changes.values() for c in cs}
        self._mult = {i: m for i, m in session.execute(select(
            Meter.id, Meter.ct_ratio * Meter.pt_ratio).where(Meter.id.in_(meter_ids)))}

    def bridge(self, customer_id: int, prev: MeterRead | None,
               period_start: dt.datetime) -> tuple[MeterRead | None, Carry | None]:
        """The reading the current meter's use starts from, and what came before it.

        Without a change since `prev` (else since the period's start) nothing changes.
        """
        after = prev.at if prev is not None else period_start
        chain = [c for c in self._changes.get(customer_id, ()) if c.changed_at > after]
        if not chain:
            return prev, None
        start = prev or self._start_of(chain[0], period_start)
        if start is None:
            return self._first_read(chain[-1]), None
        base, kwh, registers = start, Decimal("0.00"), _zero_registers()
        for change in chain:
            final, mult = self._reads[change.old_final_reading_id], self._mult[change.old_meter_id]
            kwh += (final.total - start.total) * mult
            registers = _add_registers(registers, start, final, mult)
            start = self._first_read(change)
        return start, Carry(kwh, registers, base.at, base.id)

    def _first_read(self, change: MeterChange) -> MeterRead:
        """The new meter's first reading: the query took only changes that have one."""
        if change.new_first_reading_id is None:
            raise ValueError(f"meter change {change.id} has no first reading on the new meter")
        return self._reads[change.new_first_reading_id]

    def _start_of(self, change: MeterChange, period_start: dt.datetime) -> MeterRead | None:
        """The replaced meter's last reading before the period (no earlier bill to start from)."""
        return data.latest_readings(self._session, [change.old_meter_id],
                                    period_start).get(change.old_meter_id)


def _zero_registers() -> dict[str, Decimal] | None:
    return {r: Decimal("0.00") for r in REGISTERS}


def _add_registers(acc: dict[str, Decimal] | None, start: MeterRead, final: MeterRead,
                   mult: int) -> dict[str, Decimal] | None:
    if acc is None:
        return None
    total = {}
    for r in REGISTERS:
        before, after = start.registers.get(r), final.registers.get(r)
        if before is None or after is None:  # a register was not read: no split at all
            return None
        total[r] = acc[r] + (after - before) * mult
    return total
