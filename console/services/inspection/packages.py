"""Field inspection packages: export a route, import the results, settle conflicts.

A supervisor picks open inspection (or seal-check) orders and exports one
signed file for an inspector (console/fieldwork/package.py), sealed for the
inspector's enrolled device (console/services/inspection/devices.py): only
that device can read the names, addresses and consumption on it. Inside the
seal the route carries two fresh keys for its results: the private half of a
signing key (the device signs with it; this site keeps the public half) and
the public half of a sealing key (the device seals the results for it; this
site keeps the private half). Results are accepted only for a route this site
issued, only for the customers on it, and only this site can read them.

Import is all or nothing for a bad file (signature, damage, unknown customers,
photos that are not images: PackageInvalid, nothing written) and item by item
for a good one: each item's key (route + item id) is stored, so the same file
twice, or a second file repeating items, applies nothing again.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import keywrap, signing
from console.db import Database
from console.errors import NotFound, OutOfScope, ValidationError
from console.fieldwork.package import PackageInvalid, read_package, signing_key_id, write_package
from console.fieldwork.results import parse_items
from console.fieldwork.route import iso, route_stops
from console.fieldwork.sealing import BoxKey
from console.models import (
    Customer,
    FieldItem,
    FieldPackage,
    FieldPackageOrder,
    Unit,
    User,
    WorkOrder,
    utcnow,
)
from console.models.enums import WorkOrderKind, WorkOrderState
from console.services import audit
from console.services.acting import covers, in_scope, use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.admin import site_keys
from console.services.inspection.apply import Stop, apply_item, load_context
from console.services.inspection.devices import device_of
from console.services.inspection.types import (
    ConflictRow,
    ExportedRoute,
    FindingRow,
    ImportOutcome,
    conflict_rows,
    finding_rows,
    item_query,
)
from console.services.permissions import Permission, require

ROUTE_KINDS = (WorkOrderKind.INSPECTION, WorkOrderKind.SEAL_CHECK)
OPEN = (WorkOrderState.OPEN, WorkOrderState.ASSIGNED, WorkOrderState.IN_PROGRESS)
MAX_STOPS = 2000


# No permission in these rules: the inspection CLI acts as a system actor (_require below).
@use_case(None, work_order="work_order_ids", user="inspector_id")
def export_route(db: Database, actor: Actor, work_order_ids: Sequence[int], *,
                 inspector_id: int) -> ExportedRoute:
    """One route file for the given open inspection orders (in that order), sealed for the
    enrolled device of the inspector with user id `inspector_id`."""
    _require(actor)
    ids = list(dict.fromkeys(work_order_ids))
    if not ids or len(ids) > MAX_STOPS:
        raise ValidationError("choose between 1 and 2000 orders", field="work_order_ids",
                              reason="count")
    started = time.perf_counter()
    with db.uow() as session:
        orders = _route_orders(session, ids)
        inspector, device = device_of(session, inspector_id)
        keys = RouteKeys(signing.Signer.generate(), BoxKey.generate())
        site = site_keys.active_signer(session)
        package_no = uuid.uuid4().hex
        manifest = _route_manifest(session, actor, orders, package_no, keys, inspector)
        data = write_package(manifest, {}, site, bytes(device.public_key))
        row = _record_export(session, actor, orders, package_no, keys, data)
        audit.record(session, actor, "field.route_exported", entity_type="field_package",
                     entity_id=row.id, after={"package_no": package_no, "orders": len(orders),
                                              "site_key": site.key_id,
                                              "inspector": inspector.username,
                                              "device": device.key_id})
    return ExportedRoute(package_no, len(orders), data, time.perf_counter() - started)


def _route_orders(session: Session, ids: list[int]) -> list[WorkOrder]:
    found = {o.id: o for o in session.scalars(select(WorkOrder).where(WorkOrder.id.in_(ids)))}
    for order_id in ids:
        order = found.get(order_id)
        if order is None:
            raise NotFound("no such work order", entity="work_order", id=order_id)
        if order.kind not in ROUTE_KINDS or order.state not in OPEN or order.customer_id is None:
            raise ValidationError("only open inspection orders of a customer go on a route",
                                  field="work_order_ids", reason="not_inspection",
                                  order_no=order.order_no, kind=order.kind, state=order.state)
    return [found[i] for i in ids]


@dataclass(frozen=True)
class RouteKeys:
    """A route's own keys for its results: the device signs with one, seals for the other."""

    results: signing.Signer  # private half goes in the sealed route, public half stays
    reply: BoxKey  # public half goes in the sealed route, private half stays


def _wrapped_box_key(package_no: str, private_key: bytes) -> bytes:
    """The route's private sealing key as stored: wrapped with the site's key file
    (console/keywrap.py) like the site's signing keys, so a SELECT on field_package or
    a stolen backup cannot open an inspector's results. The route number is the
    associated data: a key moved onto another route's row does not unwrap."""
    return keywrap.wrap(keywrap.load_kek(create=True), package_no, private_key)


def _box_key(package_no: str, stored: bytes) -> bytes:
    """The private sealing key of a route; a raw 32-byte key is a route exported before
    keys were wrapped (still readable, so its results can come back)."""
    if not keywrap.is_wrapped(stored):
        return stored
    try:
        return keywrap.unwrap(keywrap.load_kek(), package_no, stored)
    except keywrap.KeyProtectionError as exc:
        exc.params["kind"] = "route"  # the words say a route's results, not a signature
        raise


def _route_manifest(session: Session, actor: Actor, orders: list[WorkOrder], package_no: str,
                    keys: RouteKeys, inspector: User) -> dict:
    unit = session.get(Unit, actor.unit_id) if actor.unit_id else None
    return {"kind": "route", "package_no": package_no, "created_at": iso(utcnow()),
            "created_by": actor.username, "inspector": inspector.full_name,
            "inspector_username": inspector.username,
            "unit": {"code": unit.code, "name": unit.name} if unit else None,
            "results_key": signing.b64u(keys.results.private_key),
            "reply_key": signing.b64u(keys.reply.public_key),
            "stops": route_stops(session, orders)}


def _record_export(session: Session, actor: Actor, orders: list[WorkOrder], package_no: str,
                   keys: RouteKeys, data: bytes) -> FieldPackage:
    row = FieldPackage(package_no=package_no, direction="export", key_id=keys.results.key_id,
                       results_key=keys.results.public_key,
                       box_key=_wrapped_box_key(package_no, keys.reply.private_key),
                       sha256=hashlib.sha256(data).hexdigest(),
                       unit_id=actor.unit_id, actor_id=actor.user_id, orders=len(orders),
                       applied=0, conflicts=0)
    session.add(row)
    session.flush()
    session.add_all(FieldPackageOrder(package_id=row.id, work_order_id=o.id,
                                      customer_id=o.customer_id, meter_id=o.meter_id)
                    for o in orders)
    session.flush()
    return row


@use_case(None)
def import_results(db: Database, actor: Actor, data: bytes) -> ImportOutcome:
    """Check and apply an inspector's results file; see the module docstring."""
    _require(actor)
    started = time.perf_counter()
    with db.uow() as session:
        route = _route_for(session, data)
        _refuse_outside(session, route)
        results_key, box_key = route.results_key, route.box_key
        if results_key is None or box_key is None:  # routes exported before sealing
            raise PackageInvalid("the route was exported unsealed, before this version: "
                                 "export it again", why="old_format", route_no=route.package_no)
        package = read_package(data, lambda _kid: bytes(results_key),
                               BoxKey(_box_key(route.package_no, bytes(box_key))),
                               kind="results")
        if package.manifest.get("route_no") != route.package_no:
            raise PackageInvalid("the results answer another route", why="wrong_route")
        items = parse_items(package)
        stops = _stops(session, route, items)
        earlier = session.scalar(select(FieldPackage).where(
            FieldPackage.package_no == package.package_no))
        if earlier is not None:
            return _outcome(session, earlier, len(items), 0, 0, time.perf_counter() - started,
                            already=True)
        row = FieldPackage(package_no=package.package_no, direction="import",
                           route_no=route.package_no, key_id=package.key_id,
                           sha256=package.sha256, unit_id=actor.unit_id, actor_id=actor.user_id,
                           orders=0, applied=0, conflicts=0)
        session.add(row)
        session.flush()
        applied, conflicts = _apply_all(session, actor, route, row, items, stops, package.files)
        row.applied, row.conflicts = applied, conflicts
        audit.record(session, actor, "field.results_imported", entity_type="field_package",
                     entity_id=row.id, after={"package_no": row.package_no,
                                              "route_no": route.package_no, "items": len(items),
                                              "applied": applied, "conflicts": conflicts})
        return _outcome(session, row, len(items), applied, conflicts,
                        time.perf_counter() - started)


def _route_for(session: Session, data: bytes) -> FieldPackage:
    """The exported route whose results key signed `data`, or PackageInvalid saying why not."""
    key_id = signing_key_id(data)
    route = session.scalar(select(FieldPackage).where(FieldPackage.direction == "export",
                                                      FieldPackage.key_id == key_id))
    if route is not None:
        return route
    if site_keys.public_key(session, key_id) is not None:
        raise PackageInvalid("this is a route package from this site, not results",
                             why="wrong_kind", kind="route", expected="results")
    raise PackageInvalid(f"signed with key {key_id!r}, which this site did not issue",
                         why="unknown_key", key_id=key_id)


def _stops(session: Session, route: FieldPackage, items: list) -> dict[str, Stop]:
    """Stops by customer number; an item for anyone else refuses the whole file."""
    rows = session.execute(
        select(Customer.customer_no, FieldPackageOrder.work_order_id,
               FieldPackageOrder.customer_id, FieldPackageOrder.meter_id)
        .join(Customer, Customer.id == FieldPackageOrder.customer_id)
        .where(FieldPackageOrder.package_id == route.id)).all()
    stops = {no: Stop(wo, cid, mid) for no, wo, cid, mid in rows}
    for item in items:
        stop = stops.get(item.customer_no)
        if stop is None or (item.work_order_id not in (None, stop.work_order_id)):
            raise PackageInvalid(f"result {item.item_id} is for customer {item.customer_no}, "
                                 "who is not on this route", why="not_in_route",
                                 item=item.item_id, customer_no=item.customer_no)
    return stops


def _apply_all(session: Session, actor: Actor, route: FieldPackage, row: FieldPackage,
               items: list, stops: dict[str, Stop], files: Mapping[str, bytes]) -> tuple[int, int]:
    keys = {f"{route.package_no}:{item.item_id}": item for item in items}
    done = set(session.scalars(select(FieldItem.item_key).where(FieldItem.item_key.in_(list(keys)))))
    context = load_context(session, list(stops.values()), items)
    applied = conflicts = 0
    # Visits last: an order is closed after its readings and seal checks are in.
    for key, item in sorted(keys.items(), key=lambda kv: kv[1].item_type == "visit"):
        if key in done:
            continue
        result = apply_item(session, actor, item, stop=stops[item.customer_no], key=key,
                            package_id=row.id, files=files, context=context)
        applied += result.outcome == "applied"
        conflicts += result.outcome == "conflict"
    return applied, conflicts


def _outcome(session: Session, row: FieldPackage, items: int, applied: int, conflicts: int,
             seconds: float, *, already: bool = False) -> ImportOutcome:
    rows = session.execute(item_query().where(FieldItem.package_id == row.id)).all()
    return ImportOutcome(package_no=row.package_no, route_no=row.route_no or "", items=items,
                         applied=applied, conflicts=conflicts, already_imported=already,
                         findings=finding_rows(r for r in rows if r.outcome == "applied"),
                         conflict_list=conflict_rows(r for r in rows if r.outcome == "conflict"),
                         seconds=seconds)


@use_case(None, filters=True)
def list_conflicts(db: Database, actor: Actor, *, include_resolved: bool = False,
                   limit: int = 500) -> list[ConflictRow]:
    """Items of the actor's units held back because the office changed something meanwhile,
    newest first."""
    _require(actor)
    query = item_query().where(FieldItem.outcome == "conflict", in_scope(Customer.unit_id))
    if not include_resolved:
        query = query.where(FieldItem.resolved_at.is_(None))
    with db.read() as session:
        return list(conflict_rows(session.execute(
            query.order_by(FieldItem.id.desc()).limit(limit)).all()))


@use_case(None, filters=True)
def list_findings(db: Database, actor: Actor, *, limit: int = 500) -> list[FindingRow]:
    """Applied findings other than 'none' (tampering, bypass, broken seal, meter fault)."""
    _require(actor)
    query = item_query().where(FieldItem.outcome == "applied", FieldItem.finding.is_not(None),
                               FieldItem.finding != "none", in_scope(Customer.unit_id))
    with db.read() as session:
        return list(finding_rows(session.execute(
            query.order_by(FieldItem.observed_at.desc()).limit(limit)).all()))


@use_case(None, field_item="item_id")
def resolve_conflict(db: Database, actor: Actor, item_id: int) -> None:
    """A supervisor has dealt with a conflict (by hand); it leaves the open list."""
    _require(actor)
    with db.uow() as session:
        item = session.get(FieldItem, item_id)
        if item is None or item.outcome != "conflict":
            raise NotFound("no such conflict", entity="field_item", id=item_id)
        if item.resolved_at is None:
            item.resolved_at, item.resolved_by = utcnow(), actor.user_id
            audit.record(session, actor, "field.conflict_resolved", entity_type="field_item",
                         entity_id=item.id, after={"item_key": item.item_key,
                                                   "conflict": item.conflict})


@use_case(None, unit="unit_id", filters=True)
def open_inspection_orders(db: Database, actor: Actor, *, unit_id: int | None = None,
                           limit: int = 2000) -> list[int]:
    """Ids of open inspection and seal-check orders (the export dialog's choices)."""
    _require(actor)
    query = select(WorkOrder.id).where(WorkOrder.kind.in_(ROUTE_KINDS), WorkOrder.state.in_(OPEN),
                                       WorkOrder.customer_id.is_not(None),
                                       in_scope(WorkOrder.unit_id))
    if unit_id is not None:
        query = query.where(WorkOrder.unit_id == unit_id)
    with db.read() as session:
        return list(session.scalars(query.order_by(WorkOrder.due_at, WorkOrder.id).limit(limit)))


def _require(actor: Actor) -> None:
    """Staff need DISPATCH_INSPECTIONS; the CLI acts as a system actor on its own authority."""
    if actor is None or actor.role != SYSTEM_ROLE:
        require(actor, Permission.DISPATCH_INSPECTIONS)


def _refuse_outside(session: Session, route: FieldPackage) -> None:
    """Results of a route with a stop outside the actor's units are not theirs to import."""
    units = session.scalars(select(WorkOrder.unit_id).join(
        FieldPackageOrder, FieldPackageOrder.work_order_id == WorkOrder.id).where(
        FieldPackageOrder.package_id == route.id))
    outside = next((u for u in units if not covers(u)), None)
    if outside is not None:
        raise OutOfScope(f"route {route.package_no} has stops outside the actor's units",
                         entity="package", id=route.id, unit_id=outside)
