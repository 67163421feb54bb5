"""`python -m console inspection export|import|conflicts` and `python -m console analysis theft`.

Headless twins of the supervisor's dialogs; they act as a system actor (the
operator at the server), print one line per fact, and never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from console.db import Database
from console.files import write_user_file

OpenDb = Callable[[str | None], AbstractContextManager[Database]]


def add_parsers(commands: argparse._SubParsersAction, add_db: Callable) -> None:
    inspection = commands.add_parser("inspection", help="field inspection packages")
    sub = inspection.add_subparsers(dest="inspection_command", metavar="ACTION", required=True)
    export = sub.add_parser("export", help="write a signed route file for open inspection orders")
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--orders", metavar="ID,ID,…", help="work order ids (default: every open "
                                                             "inspection and seal-check order)")
    export.add_argument("--inspector", default="", metavar="NAME")
    add_db(export)
    load = sub.add_parser("import", help="check and apply an inspector's results file")
    load.add_argument("file", metavar="FILE")
    add_db(load)
    add_db(sub.add_parser("conflicts", help="list results held back as conflicts"))
    fill = sub.add_parser("demo-results", help="play the field device: answer a route with "
                                                "plausible results (demo and training)")
    fill.add_argument("route", metavar="ROUTE")
    fill.add_argument("--out", required=True, metavar="FILE")
    fill.add_argument("--broken", type=int, default=1, metavar="N",
                      help="stops whose first seal is found broken, with a photo (default 1)")
    add_db(fill)
    analysis = commands.add_parser("analysis", help="analyses over the stored data")
    asub = analysis.add_subparsers(dest="analysis_command", metavar="ACTION", required=True)
    theft = asub.add_parser("theft", help="rank meters by signs of electricity theft")
    theft.add_argument("--limit", type=int, default=50, metavar="N")
    theft.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    add_db(theft)


def run_inspection(args: argparse.Namespace, open_db: OpenDb) -> int:
    try:
        return _inspection(args, open_db)
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except ValueError:
        print("error: --orders takes work order ids separated by commas", file=sys.stderr)
        return 2


def _inspection(args: argparse.Namespace, open_db: OpenDb) -> int:
    from console.services import inspection
    from console.services.actor import Actor

    actor = Actor.system("inspection")
    with open_db(args.db) as db:
        if args.inspection_command == "export":
            ids = ([int(x) for x in args.orders.split(",") if x.strip()] if args.orders
                   else inspection.open_inspection_orders(db, actor))
            route = inspection.export_route(db, actor, ids, inspector=args.inspector)
            write_user_file(args.out, route.data)
            print(f"route {route.package_no}: {route.orders} orders -> {args.out} "
                  f"({len(route.data):,} bytes)")
        elif args.inspection_command == "demo-results":
            from console.fieldwork.device import demo_results

            data = demo_results(db, Path(args.route).read_bytes(), broken=args.broken)
            write_user_file(args.out, data)
            print(f"results -> {args.out} ({len(data):,} bytes)")
        elif args.inspection_command == "import":
            _print_outcome(inspection.import_results(db, actor, Path(args.file).read_bytes()))
        else:
            for c in inspection.list_conflicts(db, actor):
                print(f"{c.item_id:>8} {c.conflict:<16} {c.customer_no} {c.meter_asset_no} "
                      f"{c.order_no} {c.item_type}")
    return 0


def _print_outcome(outcome) -> None:  # noqa: ANN001 - ImportOutcome
    if outcome.already_imported:
        print(f"results {outcome.package_no} were imported before: nothing changed")
        return
    print(f"results {outcome.package_no} for route {outcome.route_no}: {outcome.items} items, "
          f"{outcome.applied} applied, {outcome.conflicts} conflicts")
    for f in outcome.findings:
        if f.finding and f.finding != "none":
            print(f"  finding {f.finding:<12} {f.customer_no} {f.meter_asset_no} {f.order_no}")
    for c in outcome.conflict_list:
        print(f"  conflict {c.conflict:<16} {c.customer_no} {c.meter_asset_no} {c.item_type}")


def run_analysis(args: argparse.Namespace, open_db: OpenDb) -> int:
    from console.services.actor import Actor
    from console.services.theft import describe, run_theft_analysis

    with open_db(args.db) as db:
        report = run_theft_analysis(db, Actor.system("analysis"), limit=args.limit,
                                    progress=_progress)
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


def _progress(stage: str, fraction: float) -> None:
    print(f"\r{stage:<30} {fraction:6.1%}", end="", file=sys.stderr, flush=True)
    if fraction >= 1:
        print(file=sys.stderr)
