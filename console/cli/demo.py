"""`python -m console demo --customers N`: fill an empty database with demo data."""

from __future__ import annotations

import argparse
import sys

from console import migrate
from console.cli.common import EXIT_OK, add_db, iso_date, positive, print_line
from console.db import check_connection, make_engine
from console.demo import generate
from console.demo.progress import ProgressMeter
from console.demo_guard import guard_force


def add_parser(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="fill an empty database with demo data")
    demo.add_argument("--customers", type=positive, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                      help="the day the demo describes (default: today); the same seed and"
                           " day give the same data")
    demo.add_argument("--force", action="store_true",
                      help="wipe a demo database first (never one with other rows)")
    demo.add_argument("--yes-destroy", metavar="NAME",
                      help="with --force: the database's name (file name or PostgreSQL "
                           "database), instead of typing it at the prompt")
    add_db(demo)


def run(args: argparse.Namespace) -> int:
    engine = make_engine(args.db)
    try:
        check_connection(engine)
        migrate.upgrade(engine)
        if args.force:
            guard_force(engine, typed=args.yes_destroy, ask=input if sys.stdin.isatty() else None)
        result = generate(engine, customers=args.customers, seed=args.seed, force=args.force,
                          progress=ProgressMeter(print_line), as_of=args.as_of)
    finally:
        engine.dispose()
    print(f"{result.customers} customers as of {result.as_of} in {result.seconds:.1f} s")
    for table, count in sorted(result.rows.items()):
        print(f"  {table:<20} {count:>12,}")
    print("demo accounts (user / password / role):")
    for account in result.accounts:
        print(f"  {account.username:<14} {account.password:<16} {account.role:<11} "
              f"{account.full_name} {account.unit_name}")
    return EXIT_OK
