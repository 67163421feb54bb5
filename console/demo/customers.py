"""Customer and meter rows from the population, in id order, ready for a bulk insert."""

from __future__ import annotations

import datetime as dt

import numpy as np

from console.demo import names, places, reference as ref
from console.demo.calendar import sqlite_ts
from console.demo.codes import asset_codes, serials_within
from console.demo.population import CATEGORIES, RESIDENTIAL, Population
from console.demo.reference import UnitRow

CUSTOMER_COLUMNS = (
    "id", "customer_no", "name", "name_pinyin", "name_initials", "category", "phone", "id_number",
    "address", "unit_id", "protected", "protected_reason", "status", "tariff_id",
    "cost_control_mode", "control_state", "opened_on", "created_at", "version",
)
METER_COLUMNS = (
    "id", "asset_no", "address", "model", "manufacturer", "phases", "ct_ratio", "pt_ratio",
    "endpoint", "relay_state", "guarantee", "status", "customer_id", "installed_at", "version",
    "has_relay", "comm_state", "last_seen_at",
)
MODELS = (("DDZY1710-Z", "威胜集团"), ("DDZY285-Z", "林洋能源"), ("DDZY102-Z", "宁波三星"),
          ("DDZY71-Z", "华立科技"))
MODELS_3P = (("DTZY1710-Z", "威胜集团"), ("DTZY341", "许继电气"), ("DTSD1720", "科陆电子"))
METERS_PER_SERVER = 32


def _people(rng: np.random.Generator, pop: Population, units: list[UnitRow]) -> dict[str, list]:
    """Names (persons or organisations), phones and ID numbers."""
    n = pop.n
    person, pinyin, initials = names.person_names(rng, n)
    for i, (name, py, ini) in places.org_names(rng, units, pop.unit_index, pop.category,
                                                 pop.public_kind).items():
        person[i], pinyin[i], initials[i] = name, py, ini
    regions = np.array([int(ref.REGION_CODES[max(u.county, 0)]) for u in units])[pop.unit_index]
    birth = np.datetime64("1940-01-01") + rng.integers(0, 23000, n).astype("timedelta64[D]")
    ids = names.id_numbers(rng, regions, birth)
    residential = (pop.category == RESIDENTIAL).tolist()
    return {"name": person, "pinyin": pinyin, "initials": initials,
            "phone": names.mobile_numbers(rng, n),
            "id_number": [x if r else "" for x, r in zip(ids, residential, strict=False)]}


def _reasons(pop: Population) -> list[str]:
    reason = np.full(pop.n, "", dtype=object)
    public = pop.public_kind >= 0
    reason[public] = np.array([k[1] for k in places.PUBLIC_KINDS], dtype=object)[pop.public_kind[public]]
    reason[pop.protected & (pop.category == RESIDENTIAL)] = "生命支持设备"
    return reason.tolist()


def customer_rows(rng: np.random.Generator, pop: Population, units: list[UnitRow]) -> list[tuple]:
    """Every customer row; numbers are unit code + serial, ascending with the id."""
    people = _people(rng, pop, units)
    address = places.addresses(rng, units, pop.unit_index)
    unit_ids = np.array([u.id for u in units])[pop.unit_index].tolist()
    codes = [u.code[2:] for u in units]
    serial = serials_within(pop.unit_index).tolist()
    opened = np.datetime_as_string(pop.opened).tolist()
    mode = np.where(pop.behaviour == 3, "prepaid", "postpaid").tolist()
    rows = zip(
        range(1, pop.n + 1),
        (f"{codes[u]}{s:07d}" for u, s in zip(pop.unit_index.tolist(), serial, strict=False)),
        people["name"], people["pinyin"], people["initials"],
        (CATEGORIES[c] for c in pop.category.tolist()), people["phone"], people["id_number"],
        address, unit_ids, pop.protected.astype(int).tolist(), _reasons(pop),
        _const("active"), pop.tariff_id.tolist(), mode, _const("normal"), opened,
        (f"{d} 02:00:00.000000" for d in opened), _const(1), strict=False,
    )
    return list(rows)


def _const(value: object):
    while True:
        yield value


def meter_models(rng: np.random.Generator, three_phase: np.ndarray) -> tuple[list[str], list[str]]:
    single = rng.integers(0, len(MODELS), len(three_phase)).tolist()
    triple = rng.integers(0, len(MODELS_3P), len(three_phase)).tolist()
    chosen = [MODELS_3P[t] if p else MODELS[s] for s, t, p in zip(single, triple, three_phase.tolist(), strict=False)]
    return [m for m, _ in chosen], [f for _, f in chosen]


def meter_rows(rng: np.random.Generator, pop: Population, units: list[UnitRow],
               heard: dt.datetime) -> list[tuple]:
    """One meter per customer, same id; ~32 meters share one serial server's endpoint;
    every one answered the collector at `heard`."""
    unit_codes = np.array([int(u.code) for u in units])[pop.unit_index]
    serial = serials_within(pop.unit_index)
    three_phase = (pop.ct_ratio > 1) | (pop.category == 2)
    model, maker = meter_models(rng, three_phase)
    server = np.arange(pop.n) // METERS_PER_SERVER
    endpoints = [f"127.0.{g // 10000}.1:{50000 + g % 10000}" for g in server.tolist()]
    installed = np.datetime_as_string(pop.opened + np.timedelta64(1, "D")).tolist()
    rows = zip(
        range(1, pop.n + 1), asset_codes(unit_codes, "01", serial),
        (f"{c % 1000:03d}{s:09d}" for c, s in zip(unit_codes.tolist(), serial.tolist(), strict=False)),
        model, maker, np.where(three_phase, 3, 1).tolist(), pop.ct_ratio.tolist(), _const(1),
        endpoints, _const("closed"), _const(0), _const("in_service"), range(1, pop.n + 1),
        (f"{d} 02:00:00.000000" for d in installed), _const(1), _has_relay(pop),
        _const("ok"), _const(sqlite_ts(heard)), strict=False,
    )
    return list(rows)


def _has_relay(pop: Population) -> list[int]:
    """CT-connected industrial meters measure through transformers: the breaker is elsewhere."""
    ct_industrial = (pop.ct_ratio > 1) & (pop.category == CATEGORIES.index("industrial"))
    return (~ct_industrial).astype(int).tolist()
