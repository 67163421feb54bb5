"""`python -m console inspection export|import|conflicts|demo-results`: field packages.

Headless twins of the supervisor's dialogs; they act as a system actor (the
operator at the server), print one line per fact, and never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from console.cli.common import add_db, current_database
from console.fieldwork.device import demo_results
from console.files import write_user_file
from console.services.actor import Actor
from console.services.admin import site_keys
from console.services.inspection import packages as inspection


def add_parser(commands: argparse._SubParsersAction) -> None:
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


def run(args: argparse.Namespace) -> int:
    try:
        return _inspection(args)
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except ValueError:
        print("error: --orders takes work order ids separated by commas", file=sys.stderr)
        return 2


def _inspection(args: argparse.Namespace) -> int:
    actor = Actor.system("inspection")
    with current_database(args.db) as db:
        if args.inspection_command == "export":
            ids = ([int(x) for x in args.orders.split(",") if x.strip()] if args.orders
                   else inspection.open_inspection_orders(db, actor))
            route = inspection.export_route(db, actor, ids, inspector=args.inspector)
            write_user_file(args.out, route.data)
            print(f"route {route.package_no}: {route.orders} orders -> {args.out} "
                  f"({len(route.data):,} bytes)")
        elif args.inspection_command == "demo-results":
            with db.read() as session:
                keys = site_keys.public_key_set(session)
            data = demo_results(keys, Path(args.route).read_bytes(), broken=args.broken)
            write_user_file(args.out, data)
            print(f"results -> {args.out} ({len(data):,} bytes)")
        elif args.inspection_command == "import":
            _print_outcome(inspection.import_results(db, actor, Path(args.file).read_bytes()))
        else:
            for c in inspection.list_conflicts(db, actor):
                print(f"{c.item_id:>8} {c.conflict:<16} {c.customer_no} {c.meter_asset_no} "
                      f"{c.order_no} {c.item_type}")
    return 0


def _print_outcome(outcome) -> None:  # ImportOutcome
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
