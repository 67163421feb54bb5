"""Benchmark: demo data for N customers.

    python -m bench.demo_data --customers 1000000 [--seed S] [--as-of DATE]
                              [--db URL [--force --yes-destroy NAME]]

Progress goes to stderr; the last stdout line is one JSON object:
{"customers": N, "seconds": S, "rows": {...}, "machine": {...}}. Without --db
it uses a fresh, migrated SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import machine
from console import migrate
from console.db import make_engine
from console.demo import generate
from console.demo.progress import ProgressMeter
from console.demo_guard import force_refused


def machine_with_load() -> dict[str, object]:
    """The shared machine description, plus the load: other work skews the seconds."""
    return {**machine(), "load_average": list(os.getloadavg())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.demo_data")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the day the demo describes (default: today)")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--force", action="store_true",
                        help="wipe a --db that already holds a demo (never implied; "
                             "needs --yes-destroy NAME, refused over work done in it)")
    parser.add_argument("--yes-destroy", metavar="NAME",
                        help="with --force: the database's name, confirming the wipe")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="griddesk-bench-") as folder:
        engine = make_engine(args.db or f"sqlite:///{Path(folder) / 'demo.db'}")
        migrate.upgrade(engine)
        if args.force and (refused := force_refused(engine, args.yes_destroy)):
            print(f"error: {refused}", file=sys.stderr)
            engine.dispose()
            return 1
        cpu = time.process_time()

        def line(text: str) -> None:
            print(f"{text}  (cpu {time.process_time() - cpu:7.1f} s)", file=sys.stderr, flush=True)

        progress = ProgressMeter(line)

        result = generate(engine, customers=args.customers, seed=args.seed, force=args.force,
                          progress=progress, as_of=args.as_of)
        engine.dispose()
    # CPU seconds of this process: on a machine shared with other work, the
    # wall-clock figure says more about the neighbours than about the loader.
    print(json.dumps({"customers": result.customers, "seconds": result.seconds,
                      "cpu_seconds": round(time.process_time() - cpu, 1),
                      "rows": result.rows, "machine": machine_with_load()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
