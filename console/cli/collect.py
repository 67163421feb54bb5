"""`python -m console collect --token-file PATH`: poll meters, store readings, execute switch
commands, as a collector service account (console/cli/operator.py; on PostgreSQL with roles
under the collector's database role)."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from console import logsetup_cli
from console.cli import operator
from console.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    add_db,
    current_database,
    positive,
    positive_float,
)
from console.metering import collector_run


def add_parser(commands: argparse._SubParsersAction) -> None:
    collect = commands.add_parser("collect", help="poll meters, store readings, execute commands")
    add_db(collect)
    operator.add_options(collect, people=False, services=("collector",))
    collect.add_argument("--interval", type=positive_float, default=900.0, metavar="S",
                         help="seconds from the start of one poll cycle to the next (default 900)")
    collect.add_argument("--once", action="store_true",
                         help="execute due commands and poll every meter once, then exit")
    collect.add_argument("--timeout", type=positive_float, default=2.0, metavar="S",
                         help="seconds to wait for a meter's answer (default 2)")
    collect.add_argument("--max-buses", type=positive, default=64, metavar="N",
                         help="serial servers polled at once (default 64)")
    collect.add_argument("--cost-control", type=positive_float, default=None, metavar="S",
                         help="run smart cost control every S seconds (default: never)")
    collect.add_argument("--name", default="", metavar="NAME",
                         help="this collector's name, one per site: restarted under the same name "
                              "it reconciles at once the commands it left on the wire "
                              "(default: unnamed, reconciled when their 60 s lease runs out)")
    collect.add_argument("--recheck-token", type=positive_float, default=60.0, metavar="S",
                         help="seconds between checks that the service token still holds; "
                              "revoked or replaced, the collector stops (default 60)")
    collect.add_argument("--spool", type=Path, default=None, metavar="DIR",
                         help="where readings wait on disk while the database is away, one "
                              "folder per collector (default: spool/collector-NAME in the data "
                              "folder)")


def run(args: argparse.Namespace) -> int:
    try:
        with current_database(args.db) as db:
            service = operator.sign_in(db, args)  # a collector token, or nothing runs
            collector = collector_run.build(db, interval=args.interval, timeout=args.timeout,
                                            max_buses=args.max_buses,
                                            cost_control=args.cost_control or 0.0,
                                            name=args.name, spool_dir=args.spool,
                                            identity=service)
            say = logsetup_cli.say  # progress on stdout and in the collector's log
            if args.once:
                return EXIT_OK if asyncio.run(collector_run.once(collector, report=say)) \
                    else EXIT_FAILED
            allowed = asyncio.run(collector_run.serve(
                collector, report=say, still_allowed=operator.token_watch(db, args),
                recheck_seconds=args.recheck_token))
            return EXIT_OK if allowed else EXIT_FAILED
    except KeyboardInterrupt:  # Windows: no signal handler, Ctrl+C lands here
        print("collector stopped")
    return EXIT_OK
