"""Simulator and collector inside the GUI process, for the embedded default.

    metering = EmbeddedMetering(db)   # the GUI's Database (engines are thread-safe)
    metering.start()                  # returns at once; meters answer shortly after
    ...
    metering.stop()                   # from any thread; joins within a couple of seconds

Everything runs on one background thread with its own asyncio loop: the
simulator serves the database's meters on free loopback ports (one per meter
endpoint, so buses stay as the database groups them) and the collector is
pointed at those ports through its endpoint map. Nothing here touches Qt:
``on_cycle`` is called on the background thread; a GUI turns it into a signal.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from console.db import Database
from console.metering.collector import Collector, CollectorConfig, CycleResult
from console.metering.sim_db import fleet_from_database
from console.metering.simulator import SimConfig, Simulator

__all__ = ["EmbeddedMetering"]

log = logging.getLogger(__name__)
LOOPBACK = "127.0.0.1"


def _spool_beside(db: Database) -> Path | None:
    """The collector's spool next to the database file (None for a server database)."""
    path = db.engine.url.database if db.engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path).resolve().parent / "spool" / "embedded"


class EmbeddedMetering:
    """A simulator for the database's meters and a collector polling it, in one thread."""

    def __init__(self, db: Database, *, interval: float = 60.0, seed: int = 1,
                 config: CollectorConfig | None = None, sim_config: SimConfig | None = None,
                 on_cycle: Callable[[CycleResult], None] | None = None,
                 notice_folder: str = "", slices: int = 1) -> None:
        """Every meter is read once per ``interval``; with ``slices`` > 1 a share of them
        every ``interval / slices``, so the work is spread instead of a burst."""
        self.db, self.interval, self.seed = db, interval / max(slices, 1), seed
        # The embedded demo runs smart cost control every ten minutes, like a site's collector,
        # and delivers the notices into `notice_folder` (a served notice starts its period).
        config = config or CollectorConfig(timeout=1.0, cost_control_interval=600.0,
                                           notice_folder=notice_folder,
                                           spool_dir=_spool_beside(db))
        self.config = replace(config, slices=max(slices, 1), whole_first_round=True)
        self.sim_config = sim_config or SimConfig()
        self.on_cycle = on_cycle
        self.error: BaseException | None = None  # why the thread ended early, if it did
        self.ready = threading.Event()  # set once the simulator listens (or start failed)
        self.simulator: Simulator | None = None
        self.collector: Collector | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the background thread (no-op when it runs already). Thread-safe."""
        with self._lock:
            if self.running:
                return
            self.error, self._loop, self._stop = None, asyncio.new_event_loop(), asyncio.Event()
            self.ready.clear()
            self._thread = threading.Thread(target=self._main, name="griddesk-metering",
                                            daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 3.0) -> bool:
        """Stop polling and serving and join the thread; True if it ended in ``timeout``."""
        with self._lock:
            thread, loop, stop = self._thread, self._loop, self._stop
            if thread is None or loop is None or stop is None:
                return True
            try:
                loop.call_soon_threadsafe(stop.set)
            except RuntimeError:  # the loop has already closed
                pass
            thread.join(timeout)
            if thread.is_alive():
                return False
            self._thread = None
            return True

    # ------------------------------------------------------------ the thread

    def _main(self) -> None:
        loop = self._loop
        assert loop is not None
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._serve())
        except BaseException as exc:
            self.error = exc
            log.exception("embedded metering stopped")
        finally:
            self.ready.set()
            loop.close()

    async def _serve(self) -> None:
        assert self._stop is not None
        fleet = fleet_from_database(self.db, seed=self.seed, now=time.time(),
                                    default_endpoint="")
        # Bind every bus to a free loopback port: the database's endpoints name
        # serial servers in the field (or demo ports that may be taken).
        local = {f"{LOOPBACK}:0#{i}": meters for i, meters in enumerate(fleet.values())}
        self.simulator = sim = Simulator(local, config=self.sim_config, seed=self.seed)
        await sim.start()
        try:
            self.collector = Collector(self.db, interval=self.interval, config=self.config,
                                       endpoint_map=dict(zip(fleet, sim.endpoints, strict=False)),
                                       on_cycle=self.on_cycle)
            self.ready.set()
            await self.collector.run(self._stop)
        finally:
            await sim.stop()
