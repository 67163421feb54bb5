"""`python -m console analysis theft`: rank meters by signs of electricity theft.

The headless twin of the supervisor's theft panel; it acts as a system actor
(the operator at the server), prints one line per fact, and never a traceback.
"""

from __future__ import annotations

import argparse
import json

from console.cli.common import add_db, current_database, print_progress
from console.services.actor import Actor
from console.services.inspection.theft import describe, run_theft_analysis


def add_parser(commands: argparse._SubParsersAction) -> None:
    analysis = commands.add_parser("analysis", help="analyses over the stored data")
    asub = analysis.add_subparsers(dest="analysis_command", metavar="ACTION", required=True)
    theft = asub.add_parser("theft", help="rank meters by signs of electricity theft")
    theft.add_argument("--limit", type=int, default=50, metavar="N")
    theft.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    add_db(theft)


def run(args: argparse.Namespace) -> int:
    with current_database(args.db) as db:
        report = run_theft_analysis(db, Actor.system("analysis"), limit=args.limit,
                                    progress=print_progress)
    if args.json:
        print(json.dumps({"as_of": report.as_of.isoformat() if report.as_of else None,
                          "meters": report.meters, "seconds": round(report.seconds, 2),
                          "suspects": [{"rank": s.rank, "customer_no": s.customer_no,
                                        "meter": s.meter_asset_no, "score": s.score,
                                        "reasons": [{"code": r.code, **r.figures} for r in s.reasons]}
                                       for s in report.suspects]}, ensure_ascii=False))
        return 0
    print(f"{report.meters} meters as of {report.as_of}: {len(report.suspects)} suspects "
          f"({report.seconds:.1f} s)")
    for s in report.suspects:
        print(f"{s.rank:>4} {s.score:>3} {s.customer_no} {s.customer_name} {s.meter_asset_no}")
        for reason in s.reasons:
            print(f"         {describe(reason)}")
    return 0
