"""Field inspection packages: export a route, work it offline, import the results."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from PIL import Image
from sqlalchemy import func, select

from console import signing
from console.errors import PermissionDenied, ValidationError
from console.fieldwork.package import PackageInvalid, read_package, write_package
from console.fieldwork.results import write_results
from console.fieldwork.sealing import read_key_file
from console.models import (
    AuditEvent,
    FieldAttachment,
    FieldDevice,
    FieldItem,
    Meter,
    Reading,
    Seal,
    SealAnomaly,
    SealEvent,
    Unit,
    WorkOrder,
)
from console.services.actor import Actor
from console.services.admin.site_keys import export_public_keys
from console.services.inspection.devices import enrol_device, route_devices
from console.services.inspection.packages import (
    export_route,
    import_results,
    list_conflicts,
    list_findings,
    resolve_conflict,
)
from console.signing import unb64u
from tests import factories as f
from tests.billing_helpers import next_customer_no

UTC = dt.UTC
T0 = dt.datetime(2026, 10, 1, 2, 0, tzinfo=UTC)
AT = "2026-11-20T10:15:00+08:00"


def png(colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), "blue").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def world(db):
    return build_world(db)


def build_world(db) -> dict:
    """Three customers on inspection orders, each meter sealed and read once; an inspector
    whose device is enrolled (its key as the device holds it)."""
    with db.uow() as s:
        unit = f.unit(s)
        tariff = f.tariff(s)
        boss = f.actor(s, unit, username="wangqiang", role="supervisor")
        clerk = f.actor(s, unit, username="lina", role="counter")
        inspector = f.user(s, unit, username="chengang", role="inspector").id
        stops = []
        for n in range(3):
            customer = f.customer(s, unit, tariff, number=next_customer_no())
            meter = f.meter(s, unit, customer)
            seal = f.installed_seal(s, unit, meter, serial=9000 + n + 10 * meter.id)
            s.add(Reading(meter_id=meter.id, read_at=T0, energy_total=Decimal("1000.00")))
            order = WorkOrder(order_no=f"GDT{meter.id:06d}", kind="inspection", unit_id=unit.id,
                              customer_id=customer.id, meter_id=meter.id, due_at=T0,
                              state="open")
            s.add(order)
            s.flush()
            stops.append({"customer_no": customer.customer_no, "order": order.id,
                          "meter": meter.id, "asset": meter.asset_no, "seal": seal.seal_no,
                          "seal_id": seal.id})
    device = read_key_file(enrol_device(db, Actor.system("test"), "chengang").key_file)
    return {"db": db, "boss": boss, "clerk": clerk, "stops": stops, "inspector": inspector,
            "device": device}


def site_keys(db) -> signing.PublicKeySet:
    with db.read() as s:
        return signing.PublicKeySet.from_export(export_public_keys(s))


def route_of(world):
    exported = export_route(world["db"], world["boss"], [s["order"] for s in world["stops"]],
                            inspector_id=world["inspector"])
    keys = site_keys(world["db"])
    # Offline: the field device has the file, the site's public keys and its own key.
    return exported, read_package(exported.data, keys.keys.get, world["device"], kind="route")


def items_for(stops, *, finding_photo: bytes | None = None) -> tuple[list[dict], dict]:
    a, b, c = stops
    items = [
        {"id": "r1", "type": "reading", "work_order_id": a["order"], "customer_no": a["customer_no"],
         "meter_asset_no": a["asset"], "energy_total": "1234.50", "at": AT, "lat": 35.23, "lon": 115.48},
        {"id": "s1", "type": "seal_check", "work_order_id": a["order"], "customer_no": a["customer_no"],
         "meter_asset_no": a["asset"], "seal_no": a["seal"], "position": "meter_cover",
         "state": "broken", "at": AT},
        {"id": "f1", "type": "finding", "work_order_id": a["order"], "customer_no": a["customer_no"],
         "finding": "tampering", "note": "端子盒有划痕", "photos": ["f1-1.png", "f1-2.jpg"], "at": AT,
         "lat": 35.23, "lon": 115.48},
        {"id": "v1", "type": "visit", "work_order_id": a["order"], "customer_no": a["customer_no"],
         "status": "done", "note": "封印破损，已拍照", "at": AT},
        {"id": "r2", "type": "reading", "work_order_id": b["order"], "customer_no": b["customer_no"],
         "meter_asset_no": b["asset"], "energy_total": "1100.00", "at": AT},
        {"id": "r3", "type": "reading", "work_order_id": c["order"], "customer_no": c["customer_no"],
         "meter_asset_no": c["asset"], "energy_total": "1200.00", "at": AT},
        {"id": "s2", "type": "seal_check", "work_order_id": b["order"], "customer_no": b["customer_no"],
         "meter_asset_no": b["asset"], "seal_no": b["seal"], "position": "meter_cover",
         "state": "missing", "at": AT},
    ]
    return items, {"f1-1.png": finding_photo or png(), "f1-2.jpg": jpeg()}


def counts(db) -> dict[str, int]:
    with db.read() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                for m in (FieldItem, FieldAttachment, Reading, SealEvent, AuditEvent)}


def test_route_carries_what_the_inspector_needs_and_verifies_offline(world):
    exported, route = route_of(world)
    assert exported.orders == 3
    stop = route.manifest["stops"][0]
    first = world["stops"][0]
    assert stop["customer"]["customer_no"] == first["customer_no"]
    assert stop["meter"]["asset_no"] == first["asset"]
    assert stop["seals"] == [{"seal_no": first["seal"], "position": "meter_cover"}]
    assert stop["last_readings"][0]["energy_total"] == "1000.00"
    assert route.manifest["results_key"] and route.manifest["reply_key"]
    assert route.manifest["inspector"] == "测试chengang"


def test_one_changed_byte_anywhere_is_refused(world):
    exported, _route = route_of(world)
    keys = site_keys(world["db"])
    data = exported.data
    for pos in range(0, len(data), max(1, len(data) // 97)):
        damaged = bytearray(data)
        damaged[pos] ^= 0x20
        with pytest.raises(PackageInvalid):
            read_package(bytes(damaged), keys.keys.get, world["device"])


def test_results_import_applies_readings_seals_findings_and_closes_the_order(world):
    db, stops = world["db"], world["stops"]
    _exported, route = route_of(world)
    items, photos = items_for(stops)
    outcome = import_results(db, world["boss"], write_results(route, items, photos))
    assert (outcome.items, outcome.applied, outcome.conflicts) == (7, 7, 0)
    assert [r.finding for r in outcome.findings if r.item_type == "finding"] == ["tampering"]
    with db.read() as s:
        reading = s.scalar(select(Reading).where(Reading.meter_id == stops[0]["meter"],
                                                 Reading.source == "manual"))
        assert reading.energy_total == Decimal("1234.50")
        assert s.get(Seal, stops[0]["seal_id"]).state == "damaged"
        event = s.scalar(select(SealEvent).where(SealEvent.seal_id == stops[0]["seal_id"]))
        assert event.work_order_id == stops[0]["order"] and event.to_state == "damaged"
        assert s.get(WorkOrder, stops[0]["order"]).state == "done"
        assert {a.media_type for a in s.scalars(select(FieldAttachment))} == {"image/png", "image/jpeg"}
        assert s.get(Seal, stops[1]["seal_id"]).state == "lost"
        anomaly = s.scalar(select(SealAnomaly))  # the administrators' anomaly list shows it
        assert (anomaly.kind, anomaly.seal_no, anomaly.work_order_id) == ("missing", stops[1]["seal"],
                                                                         stops[1]["order"])
    found = list_findings(db, world["boss"])
    assert [(r.finding, r.latitude) for r in found] == [("tampering", 35.23)]


def test_importing_the_same_file_twice_changes_nothing(world):
    db = world["db"]
    _exported, route = route_of(world)
    items, photos = items_for(world["stops"])
    data = write_results(route, items, photos)
    import_results(db, world["boss"], data)
    before = counts(db)
    again = import_results(db, world["boss"], data)
    assert again.already_imported and again.applied == 0
    # A second file repeating the same items (a device that exported twice) neither.
    repeat = import_results(db, world["boss"], write_results(route, items, photos))
    assert (repeat.applied, repeat.conflicts) == (0, 0)
    after = counts(db)
    assert after["field_item"] == before["field_item"] and after["reading"] == before["reading"]
    assert after["seal_event"] == before["seal_event"]


def test_conflicts_are_listed_not_applied(world):
    db, stops = world["db"], world["stops"]
    _exported, route = route_of(world)
    with db.uow() as s:
        s.get(WorkOrder, stops[1]["order"]).state = "cancelled"
        old = s.get(Meter, stops[2]["meter"])
        old.status, old.customer_id = "removed", None  # replaced while the inspector was out
    items, photos = items_for(stops)
    outcome = import_results(db, world["boss"], write_results(route, items, photos))
    assert outcome.conflicts == 3 and outcome.applied == 4
    with db.read() as s:
        manual = s.scalars(select(Reading.meter_id).where(Reading.source == "manual")).all()
    assert manual == [stops[0]["meter"]]
    conflicts = list_conflicts(db, world["boss"])
    assert sorted(c.conflict for c in conflicts) == ["meter_replaced", "order_cancelled",
                                                     "order_cancelled"]
    resolve_conflict(db, world["boss"], conflicts[0].item_id)
    assert len(list_conflicts(db, world["boss"])) == 2


def test_results_for_a_customer_not_on_the_route_apply_nothing(world):
    db = world["db"]
    _exported, route = route_of(world)
    items, photos = items_for(world["stops"])
    items.append({"id": "x1", "type": "reading", "customer_no": "3799999999",
                  "meter_asset_no": world["stops"][0]["asset"], "energy_total": "1.00", "at": AT})
    before = counts(db)
    with pytest.raises(PackageInvalid) as err:
        import_results(db, world["boss"], write_results(route, items, photos))
    assert err.value.params["why"] == "not_in_route"
    assert counts(db) == before


@pytest.mark.parametrize("photo", [b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 20,
                                   b"GIF89a" + b"\0" * 50, b"%PDF-1.4 hello",
                                   jpeg()[:200], png()[:-20]])
def test_a_photo_that_is_not_an_image_refuses_the_file(world, photo):
    db = world["db"]
    _exported, route = route_of(world)
    items, photos = items_for(world["stops"], finding_photo=photo)
    before = counts(db)
    with pytest.raises(PackageInvalid) as err:
        import_results(db, world["boss"], write_results(route, items, photos))
    assert err.value.params["why"] == "not_an_image"
    assert counts(db) == before


def test_foreign_truncated_and_edited_files_are_refused_with_a_reason(world):
    db = world["db"]
    exported, route = route_of(world)
    items, photos = items_for(world["stops"])
    data = write_results(route, items, photos)
    other_site = signing.Signer.generate()
    foreign = write_package({"kind": "results", "route_no": route.package_no, "items": items},
                            photos, other_site, unb64u(str(route.manifest["reply_key"])))
    edited = bytearray(data)
    edited[len(data) // 2] ^= 1  # somewhere in the sealed content
    cases = {"unknown_key": foreign, "truncated": data[:-40], "bad_signature": bytes(edited),
             "wrong_kind": exported.data, "not_a_package": b"PK\x03\x04 zip of something else"}
    before = counts(db)
    for why, blob in cases.items():
        with pytest.raises(PackageInvalid) as err:
            import_results(db, world["boss"], blob)
        assert err.value.params["why"] == why, why
    assert counts(db) == before


def test_only_supervisors_dispatch(world):
    with pytest.raises(PermissionDenied):
        export_route(world["db"], world["clerk"], [world["stops"][0]["order"]],
                     inspector_id=world["inspector"])


def test_enrolling_again_retires_the_old_device(world):
    db = world["db"]
    new_device = read_key_file(enrol_device(db, Actor.system("test"), "chengang").key_file)
    exported = export_route(db, world["boss"], [world["stops"][0]["order"]],
                            inspector_id=world["inspector"])
    keys = site_keys(db)
    with pytest.raises(PackageInvalid) as err:
        read_package(exported.data, keys.keys.get, world["device"], kind="route")
    assert err.value.params["why"] == "not_for_this_key"
    assert read_package(exported.data, keys.keys.get, new_device, kind="route").manifest["stops"]
    with db.read() as s:
        assert [d.retired_at is None for d in s.scalars(select(FieldDevice)
                                                       .order_by(FieldDevice.id))] == [False, True]


def test_only_administrators_enrol_and_only_inspectors_devices(world):
    db = world["db"]
    with pytest.raises(PermissionDenied):
        enrol_device(db, world["boss"], "chengang")
    with pytest.raises(ValidationError) as err:
        enrol_device(db, Actor.system("test"), "lina")
    assert err.value.params["reason"] == "not_inspector"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(FieldDevice)) == 1


def test_the_export_offers_every_enrolled_device_first_and_who_still_needs_one(world):
    """route_devices: enrolled devices of the caller's units (also an inspector of another
    station), then the orders' inspectors without one; nothing of another county."""
    db = world["db"]
    with db.uow() as s:
        here = s.get(Unit, s.get(WorkOrder, world["stops"][0]["order"]).unit_id)
        station = f.unit(s, code="37002", name="沙土供电所")
        station.parent_id = here.id  # below the supervisor's unit: in their scope
        f.user(s, here, username="xulei", role="inspector")
        f.user(s, station, username="machao", role="inspector")
        f.user(s, f.unit(s, code="37021", name="曹县营业厅"), username="sun", role="inspector")
    for who in ("machao", "sun"):
        enrol_device(db, Actor.system("test"), who)
    offered = route_devices(db, world["boss"], [world["stops"][0]["order"]])
    assert [(d.full_name, bool(d.key_id)) for d in offered] == [
        ("测试chengang", True), ("测试machao", True), ("测试xulei", False)]
    with db.read() as s:
        device = s.scalar(select(FieldDevice).where(FieldDevice.user_id == world["inspector"]))
    assert offered[0].key_id == device.key_id == world["device"].key_id
    with pytest.raises(PermissionDenied):
        route_devices(db, world["clerk"], [world["stops"][0]["order"]])
