"""`python -m bench.collector --meters 10000`: one full poll cycle over loopback TCP.

The simulator runs as a separate process (`python -m console simulate
--meters N --buses B`), as it would on a site where the meters are elsewhere;
on a two-core machine the two processes share the cores. The collector reads
every meter once (five requests each: energy block, power, voltages, currents,
status word 3) and stores one reading per meter in a fresh SQLite database.
`cycle_s` covers the whole of `Collector.poll_once()`: loading the meter list,
polling, and writing every reading (the last batch included).

Last stdout line: {"meters", "cycle_s", "readings", "buses", "simulator", "machine", ...}
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from sqlalchemy import func, insert, select

from bench.machine import machine
from console import ids, migrate
from console.db import Database, make_engine
from console.metering.collector import Collector, CollectorConfig
from console.models import Meter, Reading

UNIT_CODE = "37001"


def start_simulator(meters: int, buses: int, seed: int) -> tuple[subprocess.Popen, list[str]]:
    """The simulator process and its bound endpoints, in bus order."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "console", "simulate", "--meters", str(meters),
         "--buses", str(buses), "--listen", "127.0.0.1:0", "--seed", str(seed)],
        stdout=subprocess.PIPE, text=True, env=env)
    endpoints: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("simulating"):
            break
        endpoints.append(line.split(": ", 1)[0])
    if len(endpoints) != buses:
        proc.kill()
        raise SystemExit(f"simulator did not start: {endpoints}")
    # Keep draining its stdout so the pipe never fills and blocks it.
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, endpoints


def fresh_database(path: Path, count: int, endpoints: list[str]) -> Database:
    """A migrated SQLite file with the simulator's meters on their buses."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    rows = [{"asset_no": ids.make_asset_code(UNIT_CODE, ids.ASSET_TYPE_METER, n),
             "address": f"{n:012d}", "endpoint": endpoints[(n - 1) % len(endpoints)]}
            for n in range(1, count + 1)]
    with engine.begin() as conn:
        conn.execute(insert(Meter), rows)
    return Database(engine)


async def poll(db: Database, buses: int) -> tuple[float, int, int]:
    collector = Collector(db, config=CollectorConfig(timeout=2.0, max_buses=buses))

    async def progress() -> None:
        while True:
            await asyncio.sleep(1.0)
            print(f"\r{collector.readings_read:>8,} meters read", end="", file=sys.stderr,
                  flush=True)

    ticker = asyncio.create_task(progress())
    try:
        result = await collector.poll_once()
    finally:
        ticker.cancel()
        await collector.close()
    print(f"\r{result.readings:>8,} meters read, {result.failed} failed", file=sys.stderr)
    return result.seconds, result.failed, result.pending


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meters", type=int, default=10_000)
    parser.add_argument("--buses", type=int, default=32,
                        help="serial servers (a concentrator serves a few hundred meters)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"starting the simulator: {args.meters} meters on {args.buses} buses", file=sys.stderr)
    proc, endpoints = start_simulator(args.meters, args.buses, args.seed)
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = fresh_database(Path(folder) / "bench.db", args.meters, endpoints)
            seconds, failed, pending = asyncio.run(poll(db, args.buses))
            with db.session() as session:
                readings = session.scalar(select(func.count()).select_from(Reading))
            db.dispose()
    finally:
        proc.terminate()
        proc.wait(10)
    print(json.dumps({"meters": args.meters, "cycle_s": round(seconds, 2), "readings": readings,
                      "failed": failed, "pending": pending, "buses": args.buses,
                      "simulator": "separate process", "machine": machine()}))


if __name__ == "__main__":
    main()
