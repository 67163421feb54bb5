"""`python -m console collect`: run the collector until Ctrl+C, or one cycle with --once."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from pathlib import Path

from console import token_watch
from console.db import Database, default_db_path
from console.metering.collector import Collector, CollectorConfig, CycleResult
from console.services.actor import Actor


def describe(result: CycleResult) -> str:
    """One line per cycle for the console and the service log."""
    stored = "stored" if result.stored else f"{result.pending} waiting for the database"
    return (f"cycle: {result.answered}/{result.meters} meters answered, {result.readings} "
            f"readings {stored}, {result.seconds:.1f} s")


async def once(collector: Collector, *, report: Callable[[str], None] = print) -> bool:
    """Commands first (they are what a person waits for), then one poll; True if all stored."""
    try:
        for result in await collector.execute_commands_once():
            report(f"command {result.command_id}: {result.state} {result.reason}".rstrip())
        cycle = await collector.poll_once()
        report(describe(cycle))
        return cycle.stored
    finally:
        await collector.close()


async def serve(collector: Collector, *, report: Callable[[str], None] = print,
                still_allowed: Callable[[], bool] | None = None,
                recheck_seconds: float = 60.0) -> bool:
    """Run until SIGINT/SIGTERM (or cancellation); False when it stopped because
    `still_allowed` said no (its service token was revoked or replaced)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Windows has no loop signal handlers: Ctrl+C arrives as KeyboardInterrupt.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    collector.on_cycle = lambda result: report(describe(result))
    report(f"collecting every {collector.interval:g} s; Ctrl+C stops")
    revoked = asyncio.Event()
    watch = (asyncio.create_task(token_watch.watch(still_allowed, recheck_seconds, stop, revoked,
                                                   report, "collector"))
             if still_allowed is not None else None)
    try:
        await collector.run(stop)
    finally:
        if watch is not None:
            watch.cancel()
    report("collector stopped")
    return not revoked.is_set()


def default_spool_dir(name: str = "") -> Path:
    """The data folder's spool of the collector called ``name`` (one folder each)."""
    return default_db_path().parent / "spool" / f"collector-{name or 'default'}"


def build(db: Database, *, interval: float, timeout: float, max_buses: int,
          cost_control: float = 0.0, name: str = "", spool_dir: Path | None = None,
          identity: Actor | None = None) -> Collector:
    """``name``: a site's one collector of that name; restarted, it reconciles at once what
    it left on the wire (unnamed: once the claims' lease runs out). Readings wait in
    ``spool_dir`` (default: ``default_spool_dir(name)``) while the database is away.
    ``identity``: the service account its audit rows name (default "collector")."""
    return Collector(db, interval=interval,
                     config=CollectorConfig(timeout=timeout, max_buses=max_buses,
                                            cost_control_interval=cost_control, name=name,
                                            spool_dir=spool_dir or default_spool_dir(name),
                                            identity=identity))
