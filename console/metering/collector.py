"""The collector: polls every meter on a schedule and executes queued switch commands.

    collector = Collector(db, interval=900)
    await collector.run(stop_event)          # until stop_event is set
    result = await collector.poll_once()     # or one cycle, e.g. `collect --once`

Meters are grouped by their serial server (meter.endpoint); each bus is one
MeterBus that reads its meters one after another (RS-485 is half-duplex) while
up to ``max_buses`` buses run at once. A meter's answers become one Reading
row in a write-behind buffer; a database thread drains it in batches (one Core
executemany and one transaction each). When the database is away, what was
read goes to the on-disk spool (``spool_dir``; console/metering/collector_spool.py)
— or, without one, stays in the bounded buffer — and the next flush replays it
in order, so an outage, even with a restart in it, pauses writes without losing
or doubling readings. A row the database refuses on its own is quarantined alone.
A meter that fails ``unreachable_after`` polls in a row becomes 'unreachable'
with the reason, and 'ok' again the first time it answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from console.db import Database
from console.metering import collector_store as store
from console.metering.collector_buffer import (
    CommBook,
    WriteBuffer,
    reading_row,
    relay_state,
)
from console.metering.collector_command_store import RetryPolicy
from console.metering.collector_commands import (
    CommandResult,
    CommandRunner,
    CommandTiming,
    reason_of,
)
from console.metering.collector_spool import Spool
from console.metering.collector_store import OUTAGE, Batch, MeterTarget
from console.metering.dlt645 import ControlSigner, DataId
from console.metering.errors import MeterConnectionError, MeterError
from console.metering.transport import DEFAULT_READINGS, MeterBus
from console.models import utcnow
from console.notices import default_senders
from console.services.actor import Actor
from console.services.cost_control import run as cost_control
from console.services.notices.outbox import deliver_pending

__all__ = ["Collector", "CollectorConfig", "CommandResult", "CycleResult"]

log = logging.getLogger(__name__)
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class CollectorConfig:
    """Knobs of a collector; the defaults suit a real site."""

    timeout: float = 2.0  # per request, per attempt
    retries: int = 1
    connect_timeout: float = 3.0
    unreachable_after: int = 3  # failed polls in a row
    max_buses: int = 64  # buses polled at once
    batch_size: int = 2000  # readings per transaction
    max_buffer: int = 500_000  # readings kept in memory through an outage without a spool
    # Where readings wait on disk while the database is away (None: in memory only).
    spool_dir: Path | None = None
    spool_max_bytes: int = 512 * 2**20  # ~ 1.7 M readings, a week of 10,000 meters at 15 min
    shutdown_flush_seconds: float = 2.0
    command_interval: float = 2.0  # seconds between looks at the command queue
    # Each poll reads one of `slices` shares of the meters (by id), so a fleet's work is
    # spread over `slices` intervals instead of a burst (the embedded console at rest).
    slices: int = 1
    # The first poll reads every meter all the same: a console just opened shows every
    # meter's state at once instead of a twelfth of them answering per slice.
    whole_first_round: bool = False
    command_timing: CommandTiming = field(default_factory=CommandTiming)
    retry: RetryPolicy = field(default_factory=lambda: RetryPolicy(3, dt.timedelta(seconds=30)))
    # Seconds between smart cost-control runs (console.services.cost_control.run); 0: none.
    cost_control_interval: float = 0.0
    # Where those runs' notices are delivered after each run (console.notices.default_senders:
    # SMS/WeChat as JSON lines, paper to the print queue); "": a site runs `cost-control
    # deliver` itself. The embedded demo sets it, or its notices would never count as served.
    notice_folder: str = ""
    # One collector per name on a site: a restarted one reconciles at once what its
    # predecessor left on the wire; unnamed ones wait for the claim's lease to run out.
    name: str = ""
    # Who its audit rows name: a service account (`collect --token-file`); None: the
    # built-in "collector" system identity (the embedded console).
    identity: Actor | None = None


@dataclass(frozen=True, slots=True)
class CycleResult:
    """One poll cycle: how many meters answered and whether the database took it all."""

    meters: int
    answered: int
    failed: int
    readings: int  # rows read this cycle
    seconds: float
    pending: int  # readings still waiting for the database
    stored: bool  # the buffer was empty at the end of the cycle


class Collector:
    """Polls meters and executes commands; all methods run on one asyncio loop.

    ``endpoint_map`` redirects database endpoints (e.g. to a local simulator);
    ``on_cycle`` is called on the loop's thread after each poll cycle.
    """

    def __init__(self, db: Database, *, interval: float = 900.0,
                 signer: ControlSigner | None = None, config: CollectorConfig | None = None,
                 endpoint_map: Mapping[str, str] | None = None,
                 on_cycle: Callable[[CycleResult], None] | None = None) -> None:
        self.db, self.interval, self.signer = db, interval, signer
        self.config = config or CollectorConfig()
        self.endpoint_map = dict(endpoint_map or {})
        self.on_cycle = on_cycle
        self.buffer = WriteBuffer(self.config.max_buffer)
        self.spool = (Spool(self.config.spool_dir, max_bytes=self.config.spool_max_bytes,
                            owner=db.engine.url.render_as_string(hide_password=True))
                      if self.config.spool_dir is not None else None)
        self.quarantined = 0  # rows the database refused on their own
        self.comm = CommBook(self.buffer, unreachable_after=self.config.unreachable_after)
        self.db_available = True
        self.readings_read = 0  # rows read since this collector started
        self._polls = 0
        self._targets: list[MeterTarget] = []
        self._buses: dict[str, MeterBus] = {}
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="collector-db")
        self._flush_lock: asyncio.Lock | None = None
        self._flush_task: asyncio.Task | None = None
        self.commands = CommandRunner(self._run_db, self._bus_for, policy=self.config.retry,
                                      timing=self.config.command_timing,
                                      name=self.config.name)

    # ------------------------------------------------------------ public API

    async def run(self, stop: asyncio.Event) -> None:
        """Poll every ``interval`` seconds and look at commands until ``stop`` is set."""
        tasks = [asyncio.create_task(self._repeat(self.interval, self.poll_once, stop)),
                 asyncio.create_task(self._repeat(self.config.command_interval,
                                                  self._command_round, stop))]
        if self.config.cost_control_interval > 0:
            tasks.append(asyncio.create_task(self._cost_control_schedule(stop)))
        try:
            await stop.wait()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await self.final_flush()
            await self.close()

    async def poll_once(self) -> CycleResult:
        """Read every in-service meter once and store the readings."""
        started = time.monotonic()
        if self._polls % max(self.config.slices, 1) == 0 or not self._targets:
            await self._refresh_targets()  # once a round: new meters join the next round
        targets = self._slice(self._targets)
        gate = asyncio.Semaphore(self.config.max_buses)
        read_before = self.readings_read
        answered = sum(await asyncio.gather(
            *(self._poll_bus(endpoint, group, gate)
              for endpoint, group in _by_endpoint(targets).items())))
        stored = await self.flush()
        result = CycleResult(len(targets), answered, len(targets) - answered,
                             self.readings_read - read_before, time.monotonic() - started,
                             self.pending, stored)
        if self.on_cycle is not None:
            self.on_cycle(result)
        return result

    async def execute_commands_once(self) -> list[CommandResult]:
        """Send the due queued commands and record their outcomes."""
        return await self.commands.run_once()

    @property
    def pending(self) -> int:
        """Readings not yet in the database: in memory and in the spool."""
        return len(self.buffer) + (len(self.spool) if self.spool is not None else 0)

    async def flush(self) -> bool:
        """Write the spool, oldest first, then the buffer; False if the database is away."""
        if self._flush_lock is None:
            self._flush_lock = asyncio.Lock()
        async with self._flush_lock:
            try:
                await self._replay_spool()
                await self._write_buffer()
            except OUTAGE as exc:
                self._database_down(exc)
                self._spool_buffer()
                return False
            self._database_up()
            return True

    async def final_flush(self) -> bool:
        """The last write at shutdown; what the database does not take stays in the spool."""
        try:
            if await asyncio.wait_for(self.flush(), self.config.shutdown_flush_seconds):
                return True
            reason = "the database is unavailable"
        except Exception as exc:  # a timeout or a bug: keep the readings
            reason = f"{type(exc).__name__}: {exc}"
        self._spool_buffer()
        where = self.spool.folder if self.spool is not None else "memory, lost at exit"
        log.warning("final write at shutdown failed (%s): %d readings kept in %s",
                    reason, self.pending, where)
        return False

    async def _replay_spool(self) -> None:
        while self.spool is not None and (record := self.spool.peek()) is not None:
            self._quarantine(await self._run_db(store.write_isolating,
                                                Batch(readings=record.rows)))
            self.spool.ack(record.seq)

    async def _write_buffer(self) -> None:
        while self.buffer:
            batch = self.buffer.take(self.config.batch_size)
            try:
                refused = await self._run_db(store.write_isolating, batch)
            except BaseException:  # an outage, or cancelled at shutdown: nothing is lost
                self.buffer.put_back(batch)
                raise
            self._quarantine(refused)

    def _spool_buffer(self) -> None:
        """Readings in memory go to disk behind the spool's (order kept)."""
        if self.spool is None:
            return
        batch = self.buffer.take(len(self.buffer))
        rows, batch.readings = batch.readings, []
        try:
            for start in range(0, len(rows), self.config.batch_size):
                self.spool.append(rows[start:start + self.config.batch_size])
        except OSError:
            log.exception("cannot write the spool in %s; readings stay in memory",
                          self.spool.folder)
            batch.readings = rows[start:]
        self.buffer.put_back(batch)
        if rows:
            log.info("%d readings kept in the spool %s (%d waiting there)", len(rows),
                     self.spool.folder, len(self.spool))

    def _quarantine(self, refused: list[tuple[dict, str]]) -> None:
        for row, reason in refused:
            self.quarantined += 1
            log.error("reading refused by the database, quarantined: meter %s at %s: %s",
                      row.get("meter_id"), row.get("read_at"), reason)
            if self.spool is not None:
                self.spool.quarantine(row, reason)

    async def close(self) -> None:
        """Close the bus connections and the database thread."""
        buses, self._buses = self._buses, {}
        await asyncio.gather(*(bus.close() for bus in buses.values()), return_exceptions=True)
        self._executor.shutdown(wait=False)

    # ------------------------------------------------------------ polling

    def _slice(self, targets: list[MeterTarget]) -> list[MeterTarget]:
        """This poll's share of the meters: all, or every `slices`-th by id in turn."""
        slices, share = self.config.slices, self._polls % max(self.config.slices, 1)
        whole = slices <= 1 or (self._polls == 0 and self.config.whole_first_round)
        self._polls += 1
        return targets if whole else [t for t in targets if t.id % slices == share]

    async def _refresh_targets(self) -> list[MeterTarget]:
        try:
            self._targets = await self._run_db(store.load_targets)
        except OUTAGE as exc:
            self._database_down(exc)  # poll the meters we knew about
        for target in self._targets:
            self.comm.know(target)
        return self._targets

    async def _poll_bus(self, endpoint: str, meters: list[MeterTarget],
                        gate: asyncio.Semaphore) -> int:
        answered = 0
        async with gate:
            for i, meter in enumerate(meters):
                try:
                    values = await self._bus_for(endpoint).read_many(meter.address,
                                                                     DEFAULT_READINGS)
                except MeterConnectionError as exc:
                    # The serial server itself is gone: the rest of its bus is too.
                    for rest in meters[i:]:
                        self.comm.failed(rest, reason_of(exc), exc.message)
                    break
                except MeterError as exc:
                    self.comm.failed(meter, reason_of(exc), exc.message)
                    continue
                except ValueError as exc:  # not host:port
                    for rest in meters[i:]:
                        self.comm.failed(rest, "bad_endpoint", str(exc))
                    break
                self._store(meter, values)
                answered += 1
        return answered

    def _store(self, meter: MeterTarget, values: dict) -> None:
        at = utcnow()
        self.comm.answered(meter, at)
        row = reading_row(meter.id, at, values)
        if row is not None:
            self.buffer.add_reading(row)
            self.readings_read += 1
        status = values.get(DataId.STATUS_WORD_3)
        if status is not None:
            self.buffer.set_relay(meter.id, relay_state(int(status)), at)
        if len(self.buffer) >= self.config.batch_size and self.db_available:
            self._flush_soon()

    def _flush_soon(self) -> None:
        """Write a full batch while polling goes on (never two flushes at once)."""
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = asyncio.create_task(self.flush())

    # ------------------------------------------------------------ plumbing

    def _bus_for(self, endpoint: str) -> MeterBus:
        endpoint = self.endpoint_map.get(endpoint, endpoint)
        bus = self._buses.get(endpoint)
        if bus is None:
            c = self.config
            bus = MeterBus(endpoint, timeout=c.timeout, retries=c.retries,
                           connect_timeout=c.connect_timeout, signer=self.signer)
            self._buses[endpoint] = bus
        return bus

    async def _run_db(self, fn: Callable[..., _T], *args: object, **kwargs: object) -> _T:
        """Run a store function on the database thread (sessions never cross threads)."""
        loop = asyncio.get_running_loop()
        who = self.config.identity or store.ACTOR
        return await loop.run_in_executor(self._executor,
                                          partial(store.as_identity, who, fn, self.db, *args,
                                                  **kwargs))

    async def _command_round(self) -> None:
        await self.execute_commands_once()
        if self.pending and not (self._flush_task and not self._flush_task.done()):
            await self.flush()  # retries a failed write between poll cycles

    async def _repeat(self, every: float, job: Callable[[], Awaitable[object]],
                      stop: asyncio.Event) -> None:
        while not stop.is_set():
            started = time.monotonic()
            try:
                await job()
            except OUTAGE as exc:
                self._database_down(exc)
            except Exception:  # keep polling whatever one round did
                log.exception("collector round failed")
            wait = max(0.0, every - (time.monotonic() - started))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), wait)

    async def _cost_control_schedule(self, stop: asyncio.Event) -> None:
        """A cost-control run every interval (the first after one), on the database thread."""
        every = self.config.cost_control_interval
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)
        await self._repeat(every, lambda: self._run_db(scheduled_round, _cost_control_round,
                                                       self.config.notice_folder), stop)

    def _database_down(self, exc: Exception) -> None:
        if self.db_available:
            log.warning("database unavailable, buffering %d readings: %s", len(self.buffer), exc)
        self.db_available = False

    def _database_up(self) -> None:
        if not self.db_available:
            log.warning("database back; buffer written")
        self.db_available = True


def _cost_control_round(db: Database) -> object:
    """Smart cost control as whoever this collector is (on its database thread)."""
    return cost_control.run_scheduled(db, store.identity())


def scheduled_round(db: Database, run: Callable[[Database], object], folder: str) -> None:
    """One cost-control run, then the delivery of what is pending (when `folder` is set)."""
    run(db)
    if folder:
        senders = default_senders(folder)
        while deliver_pending(db, senders=senders).claimed:  # 500 a round
            pass


def _by_endpoint(targets: list[MeterTarget]) -> dict[str, list[MeterTarget]]:
    groups: dict[str, list[MeterTarget]] = {}
    for target in targets:
        groups.setdefault(target.endpoint, []).append(target)
    return groups
