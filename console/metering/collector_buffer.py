"""What the collector has read but not yet written: bounded, and safe to put back.

Polls land here; the collector drains it into the database a batch at a time.
When a write fails (the database is down or locked) the batch goes back in
front, so nothing read is lost until the bound is reached; past it the oldest
readings are dropped and counted (a collector that fills memory helps nobody).
"""

from __future__ import annotations

import datetime as dt
from collections import deque

from console.metering.collector_store import Batch, CommStatus, CommTransition, MeterTarget
from console.metering.dlt645 import DataId, StatusWord3
from console.metering.values import Value
from console.models.customers import CommState
from console.models.enums import ReadingQuality, ReadingSource, RelayState

_PHASE_KEYS = {DataId.VOLTAGE_BLOCK: ("voltage_a", "voltage_b", "voltage_c"),
               DataId.CURRENT_BLOCK: ("current_a", "current_b", "current_c")}
_ENERGY_KEYS = ("energy_total", "energy_sharp", "energy_peak", "energy_flat", "energy_valley")


def reading_row(meter_id: int, at: dt.datetime, values: dict[int, Value]) -> dict | None:
    """A Reading row (Core insert parameters) from one meter's answers; None without energy.

    Energy registers and power are stored as the meter shows them (meter side):
    the CT x PT multiplier lives on the meter row and readers apply it, so a
    corrected multiplier never needs the readings rewritten. Power, voltages and
    currents become floats (measurements); energy stays Decimal.
    """
    energy = values.get(DataId.FORWARD_ACTIVE_BLOCK)
    if not isinstance(energy, tuple) or not energy:
        return None
    row: dict = dict(zip(_ENERGY_KEYS, (*energy, None, None, None, None), strict=False))
    power = values.get(DataId.ACTIVE_POWER)
    row["power_kw"] = None if power is None else float(power)  # type: ignore[arg-type]
    for di, keys in _PHASE_KEYS.items():
        block = values.get(di)
        phases = block if isinstance(block, tuple) else ()
        for i, key in enumerate(keys):
            row[key] = float(phases[i]) if i < len(phases) else None
    row.update(meter_id=meter_id, read_at=at, source=ReadingSource.COLLECTED,
               quality=ReadingQuality.GOOD)
    return row


def relay_state(status_word: int) -> str:
    """RelayState from status word 3 (bit 4: the relay is open)."""
    return RelayState.OPEN if status_word & StatusWord3.RELAY_OPEN else RelayState.CLOSED


class WriteBuffer:
    """Readings, communication states, relay states and transitions waiting to be written."""

    def __init__(self, max_readings: int) -> None:
        self.max_readings = max_readings
        self.dropped = 0  # readings lost to the bound during a long outage
        self._pending = Batch()
        self._readings: deque[dict] = deque()

    def __len__(self) -> int:
        """Readings waiting."""
        return len(self._readings)

    def __bool__(self) -> bool:
        return bool(self._readings) or bool(self._pending)

    def add_reading(self, row: dict) -> None:
        if len(self._readings) >= self.max_readings:
            self._readings.popleft()
            self.dropped += 1
        self._readings.append(row)

    def set_comm(self, meter_id: int, status: CommStatus) -> None:
        self._pending.comm[meter_id] = status

    def set_relay(self, meter_id: int, state: str, at: dt.datetime) -> None:
        self._pending.relays[meter_id] = (state, at)

    def add_transition(self, transition: CommTransition) -> None:
        self._pending.transitions.append(transition)

    def take(self, max_readings: int) -> Batch:
        """Up to ``max_readings`` readings and every state change pending."""
        batch, self._pending = self._pending, Batch()
        count = min(max_readings, len(self._readings))
        batch.readings = [self._readings.popleft() for _ in range(count)]
        return batch

    def put_back(self, batch: Batch) -> None:
        """A batch that could not be written goes back in front; newer states win."""
        room = max(0, self.max_readings - len(self._readings))
        keep = batch.readings[len(batch.readings) - room:] if room else []
        self.dropped += len(batch.readings) - len(keep)
        self._readings.extendleft(reversed(keep))
        newer = self._pending
        batch.comm.update(newer.comm)
        batch.relays.update(newer.relays)
        batch.transitions.extend(newer.transitions)
        batch.readings = []
        self._pending = batch


class CommBook:
    """Per-meter link state in memory; the database copy follows through the buffer."""

    def __init__(self, buffer: WriteBuffer, *, unreachable_after: int) -> None:
        self.buffer = buffer
        self.unreachable_after = unreachable_after
        self._status: dict[int, CommStatus] = {}

    def know(self, target: MeterTarget) -> None:
        """Seed from the database the first time a meter is seen (memory wins after)."""
        if target.id not in self._status:
            self._status[target.id] = CommStatus(target.comm_state, target.comm_failures,
                                                 target.comm_error, target.last_seen_at)

    def status(self, meter_id: int) -> CommStatus:
        return self._status[meter_id]

    def answered(self, target: MeterTarget, at: dt.datetime) -> None:
        before = self._status[target.id]
        if before.state == CommState.UNREACHABLE:
            self.buffer.add_transition(CommTransition(target.id, target.address, before.state,
                                                      CommState.OK))
        self._set(target.id, CommStatus(CommState.OK, 0, "", at))

    def failed(self, target: MeterTarget, reason: str, detail: str) -> None:
        before = self._status[target.id]
        failures = before.failures + 1
        state = before.state
        if failures >= self.unreachable_after and state != CommState.UNREACHABLE:
            state = CommState.UNREACHABLE
            self.buffer.add_transition(CommTransition(target.id, target.address, before.state,
                                                      state, reason, detail))
        self._set(target.id, CommStatus(state, failures, reason, before.last_seen_at))

    def _set(self, meter_id: int, status: CommStatus) -> None:
        self._status[meter_id] = status
        self.buffer.set_comm(meter_id, status)
