"""`python -m console simulate`: serve simulated DL/T 645 meters over TCP."""

from __future__ import annotations

import argparse
import asyncio
import sys

from console.cli.common import EXIT_FAILED, EXIT_OK, positive
from console.metering import sim_run


def add_parser(commands: argparse._SubParsersAction) -> None:
    sim = commands.add_parser("simulate", help="serve simulated DL/T 645 meters over TCP")
    source = sim.add_mutually_exclusive_group()
    source.add_argument("--db", metavar="URL",
                        help="serve this database's meters, one listener per meter endpoint "
                             "(default: $GRIDDESK_DB, else the embedded SQLite file)")
    source.add_argument("--meters", type=positive, metavar="N", help="serve N synthetic meters")
    sim.add_argument("--listen", default="127.0.0.1:8645", metavar="HOST:PORT",
                     help="endpoint for synthetic meters and for meters without one")
    sim.add_argument("--buses", type=positive, default=1, metavar="B",
                     help="spread synthetic meters over B endpoints on consecutive ports")
    sim.add_argument("--seed", type=int, default=1, metavar="S")


def run(args: argparse.Namespace) -> int:
    sim = sim_run.build(db_url=args.db, meters=args.meters, listen=args.listen,
                        buses=args.buses, seed=args.seed)
    try:
        asyncio.run(sim_run.serve(sim))
    except KeyboardInterrupt:  # Windows: no signal handler, Ctrl+C lands here
        print("simulator stopped")
    except OSError as exc:
        print(f"error: cannot listen: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
