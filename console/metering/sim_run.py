"""`python -m console simulate`: run the meter simulator until Ctrl+C."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Callable

from console import migrate
from console.db import Database, check_connection
from console.metering.sim_db import fleet_from_database
from console.metering.simulator import SimConfig, Simulator


def build(*, db_url: str | None, meters: int | None, listen: str, buses: int = 1,
          seed: int = 1, config: SimConfig | None = None) -> Simulator:
    """The database's meters (``meters`` None) or that many synthetic ones."""
    config = config or SimConfig()
    if meters is not None:
        return Simulator.synthetic(meters, listen=listen, buses=buses, seed=seed, config=config)
    db = Database.open(db_url)
    try:
        check_connection(db.engine)
        migrate.require_current(db.engine)
        fleet = fleet_from_database(db, seed=seed, now=time.time(), default_endpoint=listen)
    finally:
        db.dispose()
    return Simulator(fleet, config=config, seed=seed)


async def serve(sim: Simulator, *, report: Callable[[str], None] = print) -> None:
    """Serve until SIGINT/SIGTERM (or cancellation), then close every listener."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Windows has no loop signal handlers: Ctrl+C arrives as KeyboardInterrupt.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await sim.start()
    try:
        for endpoint, addresses in sim.endpoints.items():
            report(f"{endpoint}: {len(addresses)} meters")
        report(f"simulating {len(sim.meters)} meters; Ctrl+C stops")
        await stop.wait()
    finally:
        await sim.stop()
        report("simulator stopped")
