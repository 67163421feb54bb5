"""Inspection results: the items a field device records, checked before import.

Item types (each with an `id` unique within the route, the `work_order_id`
and `customer_no` of its stop, `at` (ISO time with offset) and optional
`lat`/`lon`):

* reading     - `meter_asset_no`, `energy_total` (kWh, "1234.56")
* seal_check  - `meter_asset_no`, `seal_no`, `position`, `state` intact/broken/missing
* finding     - `finding` none/tampering/bypass/broken_seal/meter_fault, `note`,
                `photos` (attachment names; each must be a real PNG or JPEG)
* visit       - `status` done/no_access, `note`: closes the stop's work order

The device signs results with the route's results key and seals them for the
route's reply key (both travel inside the sealed route, never in clear), so
this site can tell results for its route from anything else, and only this
site can read them. Pure: no database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from console.fieldwork.package import Package, PackageInvalid, image_type, write_package
from console.signing import Signer, unb64u

TYPES = ("reading", "seal_check", "finding", "visit")
FINDINGS = ("none", "tampering", "bypass", "broken_seal", "meter_fault")
THEFT_FINDINGS = ("tampering", "bypass", "broken_seal")
SEAL_STATES = ("intact", "broken", "missing")
VISIT_STATUSES = ("done", "no_access")
MAX_KWH = Decimal("99999999.99")


@dataclass(frozen=True)
class ResultItem:
    """One checked item; `raw` is what the device wrote (kept as the item's detail)."""

    item_id: str
    item_type: str
    work_order_id: int | None
    customer_no: str
    at: dt.datetime
    lat: float | None
    lon: float | None
    raw: Mapping[str, object]

    def text(self, key: str) -> str:
        return str(self.raw.get(key) or "")


def results_signer(route: Package) -> Signer:
    """The key a device signs its results with (travels inside the sealed route)."""
    return Signer.from_private(unb64u(str(route.manifest["results_key"])))


def reply_key(route: Package) -> bytes:
    """The site's public key for this route's results (travels inside the sealed route)."""
    return unb64u(str(route.manifest["reply_key"]))


def write_results(route: Package, items: Sequence[Mapping[str, object]],
                  photos: Mapping[str, bytes] | None = None, *, inspector: str = "",
                  package_no: str | None = None) -> bytes:
    """A signed results file answering `route` (what a field device produces)."""
    manifest = {"kind": "results", "package_no": package_no or uuid.uuid4().hex,
                "route_no": route.package_no, "inspector": inspector,
                "created_at": dt.datetime.now(dt.UTC).isoformat(), "items": list(items)}
    return write_package(manifest, photos or {}, results_signer(route), reply_key(route))


def parse_items(package: Package) -> list[ResultItem]:
    """Every item checked; the first bad one raises PackageInvalid naming it."""
    items = package.manifest.get("items")
    if not isinstance(items, list):
        raise PackageInvalid("the results list is missing", why="bad_manifest")
    seen: set[str] = set()
    out = []
    for raw in items:
        item = _item(raw, package.files)
        if item.item_id in seen:
            raise _bad(item.item_id, "duplicate_id")
        seen.add(item.item_id)
        out.append(item)
    return out


def _bad(item_id: object, why: str, **params: object) -> PackageInvalid:
    return PackageInvalid(f"result {item_id}: {why}", why="bad_item", item=str(item_id),
                          problem=why, **params)


def _item(raw: object, files: Mapping[str, bytes]) -> ResultItem:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
        raise _bad("?", "no_id")
    item_id, kind = raw["id"], raw.get("type")
    if kind not in TYPES:
        raise _bad(item_id, "unknown_type")
    order = raw.get("work_order_id")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool)):
        raise _bad(item_id, "bad_work_order")
    item = ResultItem(item_id, kind, order, str(raw.get("customer_no") or ""),
                      _time(item_id, raw.get("at")), *_place(item_id, raw), raw)
    _CHECKS[kind](item, files)
    return item


def _time(item_id: str, text: object) -> dt.datetime:
    try:
        at = dt.datetime.fromisoformat(str(text))
    except ValueError as exc:
        raise _bad(item_id, "bad_time") from exc
    if at.tzinfo is None:
        raise _bad(item_id, "bad_time")
    return at.astimezone(dt.UTC)


def _place(item_id: str, raw: dict) -> tuple[float | None, float | None]:
    lat, lon = raw.get("lat"), raw.get("lon")
    if lat is None and lon is None:
        return None, None
    try:
        lat_f, lon_f = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise _bad(item_id, "bad_place") from exc
    if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
        raise _bad(item_id, "bad_place")
    return lat_f, lon_f


def energy(item: ResultItem) -> Decimal:
    try:
        value = Decimal(item.text("energy_total"))
    except InvalidOperation as exc:
        raise _bad(item.item_id, "bad_reading") from exc
    if not value.is_finite() or value < 0 or value > MAX_KWH or value != value.quantize(Decimal("0.01")):
        raise _bad(item.item_id, "bad_reading")
    return value


def _check_reading(item: ResultItem, _files: Mapping[str, bytes]) -> None:
    energy(item)
    if not item.text("meter_asset_no"):
        raise _bad(item.item_id, "no_meter")


def _check_seal(item: ResultItem, _files: Mapping[str, bytes]) -> None:
    if not item.text("seal_no") or item.raw.get("state") not in SEAL_STATES:
        raise _bad(item.item_id, "bad_seal_check")


def _check_finding(item: ResultItem, files: Mapping[str, bytes]) -> None:
    if item.raw.get("finding") not in FINDINGS:
        raise _bad(item.item_id, "bad_finding")
    photos = item.raw.get("photos") or []
    if not isinstance(photos, list):
        raise _bad(item.item_id, "bad_photos")
    for name in photos:
        if name not in files:
            raise _bad(item.item_id, "missing_photo", name=str(name))
        if image_type(files[name]) is None:
            raise PackageInvalid(f"{name} is not a PNG or JPEG image", why="not_an_image",
                                 item=item.item_id, name=str(name))


def _check_visit(item: ResultItem, _files: Mapping[str, bytes]) -> None:
    if item.raw.get("status") not in VISIT_STATUSES or item.work_order_id is None:
        raise _bad(item.item_id, "bad_visit")


_CHECKS = {"reading": _check_reading, "seal_check": _check_seal, "finding": _check_finding,
           "visit": _check_visit}
