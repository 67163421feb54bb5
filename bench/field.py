"""Benchmark: field inspection packages and the theft-suspicion analysis.

    python -m bench.field [--customers 100000] [--db URL] [--stops 200]

Theft analysis runs read-only over a demo database of N customers with 13
months of readings (built once and cached in the temp folder, as bench.lookup
does). Export and import run on a fresh copy of a small cached demo database:
`--stops` open inspection orders go out as one route, and a results file with
a reading, a seal check, a finding with a photo and a closing visit per stop
comes back; the route is sealed for a demo inspector's freshly enrolled
device and the results for the site, as in the field. Progress on stderr; the last stdout line is one JSON object:
{"export_200_s": x, "import_200_s": y, "theft_100k_s": z, ...}.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from bench.demo_data import machine_with_load
from bench.lookup import BENCH_AS_OF, open_database
from console.db import Database, make_engine
from console.demo.calendar import local
from console.fieldwork.package import read_package
from console.fieldwork.results import write_results
from console.fieldwork.sealing import BoxKey, read_key_file
from console.models import Customer, Meter, User
from console.services.actor import Actor
from console.services.admin.site_keys import public_key
from console.services.auth import actor_for
from console.services.inspection.devices import enrol_device
from console.services.inspection.packages import export_route, import_results
from console.services.inspection.theft import run_theft_analysis
from console.services.work_orders import open_order


def supervisor(db: Database) -> Actor:
    with db.read() as s:
        user = s.scalar(select(User).where(User.role == "supervisor").order_by(User.id))
        return actor_for(user, "bench-ws")


def theft_seconds(db: Database) -> tuple[float, float, int, int]:
    actor = supervisor(db)
    started, cpu = time.perf_counter(), time.process_time()
    report = run_theft_analysis(db, actor, progress=lambda stage, x: print(
        f"{time.perf_counter() - started:7.2f}s theft {stage} {x:4.0%}", file=sys.stderr))
    print(f"theft: {time.process_time() - cpu:.1f} s CPU", file=sys.stderr)
    return time.perf_counter() - started, time.process_time() - cpu, report.meters, len(report.suspects)


def open_orders(db: Database, actor: Actor, stops: int) -> list[int]:
    with db.uow() as s:
        customers = s.execute(select(Customer.id).join(Meter, Meter.customer_id == Customer.id)
                              .where(Customer.status == "active", Meter.status == "in_service")
                              .order_by(Customer.id).limit(stops)).scalars().all()
        return [open_order(s, actor, kind="inspection", customer_id=c, source="analysis").id
                for c in customers]


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 130, 140)).save(out, "JPEG", quality=70)
    return out.getvalue()


def results_for(route, picture: bytes) -> bytes:
    at = (local(BENCH_AS_OF, 10) - dt.timedelta(hours=2)).isoformat()
    items, photos = [], {}
    for n, stop in enumerate(route.manifest["stops"]):
        base = {"work_order_id": stop["work_order_id"], "customer_no": stop["customer"]["customer_no"],
                "at": at, "lat": 35.2 + n / 1e4, "lon": 115.4}
        meter = stop["meter"]
        last = float(stop["last_readings"][0]["energy_total"]) if stop["last_readings"] else 0.0
        items.append({**base, "id": f"r{n}", "type": "reading", "meter_asset_no": meter["asset_no"],
                      "energy_total": f"{last + 12.5:.2f}"})
        for k, seal in enumerate(stop["seals"]):
            items.append({**base, "id": f"s{n}-{k}", "type": "seal_check",
                          "meter_asset_no": meter["asset_no"], "seal_no": seal["seal_no"],
                          "position": seal["position"], "state": "broken" if n % 25 == 0 else "intact"})
        photos[f"p{n}.jpg"] = picture
        items.append({**base, "id": f"f{n}", "type": "finding", "photos": [f"p{n}.jpg"],
                      "finding": "tampering" if n % 25 == 0 else "none", "note": "bench"})
        items.append({**base, "id": f"v{n}", "type": "visit", "status": "done", "note": "bench"})
    return write_results(route, items, photos, inspector="bench")


def inspector_device(db: Database) -> tuple[int, BoxKey]:
    """The first demo inspector and a device enrolled for them (as the device holds it)."""
    with db.read() as s:
        user_id, username = s.execute(select(User.id, User.username).where(
            User.role == "inspector", User.active.is_(True)).order_by(User.id).limit(1)).one()
    enrolled = enrol_device(db, Actor.system("bench"), username)
    return user_id, read_key_file(enrolled.key_file)


def field_seconds(url: str, stops: int) -> dict[str, float]:
    db = Database(make_engine(url))
    actor = supervisor(db)
    ids = open_orders(db, actor, stops)
    inspector, device = inspector_device(db)
    started, cpu = time.perf_counter(), time.process_time()
    exported = export_route(db, actor, ids, inspector_id=inspector)
    export_s, export_cpu = time.perf_counter() - started, time.process_time() - cpu
    with db.read() as s:
        route = read_package(exported.data, lambda kid: public_key(s, kid), device, kind="route")
    data = results_for(route, photo())
    started, cpu = time.perf_counter(), time.process_time()
    outcome = import_results(db, actor, data)
    import_s, import_cpu = time.perf_counter() - started, time.process_time() - cpu
    db.dispose()
    print(f"export {stops} stops {export_s:.2f}s ({len(exported.data):,} bytes); import "
          f"{outcome.items} items {import_s:.2f}s ({len(data):,} bytes, {outcome.applied} applied, "
          f"{outcome.conflicts} conflicts)", file=sys.stderr)
    return {"export_s": export_s, "import_s": import_s, "export_cpu_s": export_cpu,
            "import_cpu_s": import_cpu, "route_bytes": len(exported.data),
            "results_bytes": len(data), "items": outcome.items, "applied": outcome.applied}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.field")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--stops", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database for the theft analysis (default: cached SQLite)")
    args = parser.parse_args(argv)
    db = open_database(args.db, args.customers, args.seed)
    theft_s, theft_cpu, meters, suspects = theft_seconds(db)
    db.dispose()
    small = open_database(None, max(2000, args.stops), args.seed)
    template = Path(small.engine.url.database)
    small.dispose()
    with tempfile.TemporaryDirectory(prefix="griddesk-field-") as folder:
        copy = Path(folder) / "field.db"
        shutil.copy(template, copy)  # each run starts from the same data
        field = field_seconds(f"sqlite:///{copy}", args.stops)
    print(json.dumps({"export_200_s": round(field["export_s"], 3),
                      "import_200_s": round(field["import_s"], 3),
                      "theft_100k_s": round(theft_s, 2), "stops": args.stops,
                      # CPU seconds of this process: on a shared machine the wall clock
                      # says as much about the neighbours as about this code.
                      "cpu_s": {"export": round(field["export_cpu_s"], 3),
                                "import": round(field["import_cpu_s"], 3),
                                "theft": round(theft_cpu, 2)},
                      "customers": args.customers, "meters_scanned": meters, "suspects": suspects,
                      "route_bytes": field["route_bytes"], "results_bytes": field["results_bytes"],
                      "items": field["items"], "applied": field["applied"],
                      "machine": machine_with_load()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
