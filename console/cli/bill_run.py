"""`python -m console bill-run --period YYYY-MM --user NAME`: bill every active account of the
operator's units for a month (a supervisor; console.services.billing.bill_run)."""

from __future__ import annotations

import argparse

from console.cli import operator
from console.cli.common import EXIT_OK, add_db, current_database, positive, print_progress
from console.services.billing.bill_run import run_bills


def add_parser(commands: argparse._SubParsersAction) -> None:
    bills = commands.add_parser("bill-run", help="bill every active account for a month")
    bills.add_argument("--period", required=True, metavar="YYYY-MM")
    bills.add_argument("--batch", type=positive, default=5000, metavar="N",
                       help="accounts per transaction (default 5000)")
    add_db(bills)
    operator.add_options(bills)


def run(args: argparse.Namespace) -> int:
    with current_database(args.db) as db:
        result = run_bills(db, operator.sign_in(db, args), args.period, batch_size=args.batch,
                           progress=lambda done, total: print_progress("bills", done / total))
    print(f"{result.period}: {result.billed} bills ({result.estimated} estimated), "
          f"{result.amount} yuan; {result.held} held for review, {result.skipped} skipped; "
          f"{result.seconds:.1f} s")
    return EXIT_OK
