"""`python -m console inspection enrol-device|export|import|conflicts|demo-results`.

Headless twins of the supervisor's dialogs. Enrolling, exporting and importing name their
operator (`--user`, console/cli/operator.py) and act as that supervisor, within their units;
listing conflicts only reads (as the system) and playing the device writes only a file.
Each prints one line per fact, and never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from console.cli import operator
from console.cli.common import add_db, current_database
from console.db import Database
from console.errors import ValidationError
from console.fieldwork.device import demo_results
from console.fieldwork.package import read_package_file
from console.fieldwork.sealing import MAX_KEY_FILE_BYTES, BoxKey, read_key_file
from console.files import write_user_file
from console.services.actor import Actor
from console.services.admin import site_keys
from console.services.inspection import devices as inspection_devices, packages as inspection


def add_parser(commands: argparse._SubParsersAction) -> None:
    inspection = commands.add_parser("inspection", help="field inspection packages")
    sub = inspection.add_subparsers(dest="inspection_command", metavar="ACTION", required=True)
    enrol = sub.add_parser("enrol-device", help="make an inspector's device key: the file "
                                                 "goes onto the device, routes are sealed for it")
    enrol.add_argument("--inspector", required=True, metavar="USERNAME")
    enrol.add_argument("--out", required=True, metavar="FILE")
    add_db(enrol)
    operator.add_options(enrol)
    export = sub.add_parser("export", help="write a route file for open inspection orders, "
                                           "sealed for the inspector's device")
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--orders", metavar="ID,ID,…", help="work order ids (default: every open "
                                                             "inspection and seal-check order)")
    export.add_argument("--inspector", required=True, metavar="USERNAME")
    add_db(export)
    operator.add_options(export)
    load = sub.add_parser("import", help="check and apply an inspector's results file")
    load.add_argument("file", metavar="FILE")
    add_db(load)
    operator.add_options(load)
    add_db(sub.add_parser("conflicts", help="list results held back as conflicts"))
    fill = sub.add_parser("demo-results", help="play the field device: answer a route with "
                                                "plausible results (demo and training)")
    fill.add_argument("route", metavar="ROUTE")
    fill.add_argument("--device-key", metavar="FILE",
                      help="the device's key file (from enrol-device); in the demo database "
                           "inspector1's demo device needs none")
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
    with current_database(args.db) as db:
        actor = operator.sign_in(db, args) if operator.needed(args) else Actor.system("inspection")
        _ACTIONS[args.inspection_command](db, actor, args)
    return 0


def _enrol(db: Database, actor: Actor, args: argparse.Namespace) -> None:
    device = inspection_devices.enrol_device(db, actor, args.inspector)
    write_user_file(args.out, device.key_file)
    print(f"device {device.key_id} enrolled for {device.inspector}: copy {args.out} "
          "onto the device, then delete it here")


def _export(db: Database, actor: Actor, args: argparse.Namespace) -> None:
    ids = ([int(x) for x in args.orders.split(",") if x.strip()] if args.orders
           else inspection.open_inspection_orders(db, actor))
    person = inspection_devices.inspector_id(db, args.inspector)
    route = inspection.export_route(db, actor, ids, inspector_id=person)
    write_user_file(args.out, route.data)
    print(f"route {route.package_no}: {route.orders} orders -> {args.out} "
          f"({len(route.data):,} bytes)")


def _demo_results(db: Database, _actor: Actor, args: argparse.Namespace) -> None:
    with db.read() as session:
        keys = site_keys.public_key_set(session)
    device_key = (read_key_file(_small_file(args.device_key)) if args.device_key
                  else _demo_device_key(db))
    data = demo_results(keys, device_key, read_package_file(args.route), broken=args.broken)
    write_user_file(args.out, data)
    print(f"results -> {args.out} ({len(data):,} bytes)")


def _import(db: Database, actor: Actor, args: argparse.Namespace) -> None:
    _print_outcome(inspection.import_results(db, actor, read_package_file(args.file)))


def _conflicts(db: Database, actor: Actor, _args: argparse.Namespace) -> None:
    for c in inspection.list_conflicts(db, actor):
        print(f"{c.item_id:>8} {c.conflict:<16} {c.customer_no} {c.meter_asset_no} "
              f"{c.order_no} {c.item_type}")


def _demo_device_key(db: Database) -> BoxKey:
    """The demo device's key, derived from the demo's seed (console/demo/devices.py says why
    only the demo may do that); a database without the demo needs --device-key."""
    from console.demo import demo_info  # the demo package is optional in an installation
    from console.demo.devices import demo_device_key
    info = demo_info(db.engine)
    if info is None:
        raise ValidationError("not the demo database: give the device's key file with "
                              "--device-key FILE", field="device_key", reason="required")
    return demo_device_key(info.seed)


_ACTIONS = {"enrol-device": _enrol, "export": _export, "demo-results": _demo_results,
            "import": _import, "conflicts": _conflicts}


def _small_file(path: str) -> bytes:
    # At most one byte past the limit is read: read_key_file refuses a longer file.
    with open(path, "rb") as handle:
        return handle.read(MAX_KEY_FILE_BYTES + 1)


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
