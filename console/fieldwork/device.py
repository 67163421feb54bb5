"""A stand-in field device for demos and training: answers a route with results.

A real device or laptop reads the route with `read_package`, the site's
exported public keys and its own device key (written when it was enrolled),
and writes its results with `results.write_results`;
this does the same with invented but plausible observations: a reading a
little above the last one, every expected seal checked, a finding and a
closing visit per stop, and `broken` stops with a broken seal and a photo.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any, cast

from console.fieldwork.package import Package, read_package
from console.fieldwork.results import write_results
from console.fieldwork.sealing import BoxKey
from console.signing import PublicKeySet


def demo_results(keys: PublicKeySet, device: BoxKey, route_data: bytes, *, broken: int = 1,
                 at: dt.datetime | None = None) -> bytes:
    """Results for the route, checked against the site's exported public `keys` and opened
    with the `device` key it was sealed for."""
    route = read_package(route_data, keys.keys.get, device, kind="route")
    at = at or dt.datetime.now(dt.UTC)
    items, photos = [], {}
    stops = cast("list[dict[str, Any]]", route.manifest["stops"])  # written by route_stops
    for n, stop in enumerate(stops):
        when = (at + dt.timedelta(minutes=20 * n)).isoformat()
        stop_items, photo = _stop(route, stop, n, when, broken=n < broken)
        items += stop_items
        photos.update(photo)
    return write_results(route, items, photos, inspector=str(route.manifest.get("inspector", "")))


def _stop(route: Package, stop: dict, n: int, when: str, *, broken: bool) -> tuple[list, dict]:
    base = {"work_order_id": stop["work_order_id"], "customer_no": stop["customer"]["customer_no"],
            "at": when, "lat": round(35.23 + n * 0.001, 6), "lon": round(115.48 + n * 0.001, 6)}
    items, photos = [], {}
    meter = stop.get("meter")
    if meter:
        last = Decimal(stop["last_readings"][0]["energy_total"]) if stop["last_readings"] else Decimal(0)
        items.append({**base, "id": f"r{n}", "type": "reading", "meter_asset_no": meter["asset_no"],
                      "energy_total": str(last + Decimal("31.50"))})
        for k, seal in enumerate(stop["seals"]):
            items.append({**base, "id": f"s{n}-{k}", "type": "seal_check",
                          "meter_asset_no": meter["asset_no"], "seal_no": seal["seal_no"],
                          "position": seal["position"],
                          "state": "broken" if broken and k == 0 else "intact"})
    finding = {**base, "id": f"f{n}", "type": "finding", "finding": "none", "note": ""}
    if broken:
        photos[f"f{n}.png"] = _photo()
        finding.update(finding="broken_seal", note="封印被剪断 seal cut", photos=[f"f{n}.png"])
    items += [finding, {**base, "id": f"v{n}", "type": "visit", "status": "done",
                        "note": "现场检查完毕 inspected on site"}]
    return items, photos


def _photo() -> bytes:
    # Pillow loads only when a demo photo is drawn: every other command skips its start-up.
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), (214, 219, 224))
    ImageDraw.Draw(image).rectangle((100, 70, 220, 170), outline=(180, 30, 30), width=6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
