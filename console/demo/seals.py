"""Anti-theft seals: two batches per unit, two seals installed on every meter.

Per unit, the first batch (2020 re-sealing campaign) holds exactly the seals
on its meters; the second, delivered six weeks before the as-of day, is the
stock on the shelf, partly issued to the unit or to a fitter in the last
three weeks. Seal numbers ascend with ids, unit by unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from console.demo.bulk import BulkWriter
from console.demo.calendar import DemoCalendar, local, sqlite_ts
from console.demo.codes import asset_codes, serials_within
from console.demo.population import Population
from console.demo.reference import UnitRow

CAMPAIGN = np.datetime64("2020-03-01")
SEAL_COLUMNS = ("id", "seal_no", "batch_id", "state", "unit_id", "holder_id", "meter_id",
                "position", "installed_at", "version")
BATCH_COLUMNS = ("id", "batch_no", "seal_type", "colour", "year", "manufacturer", "unit_id",
                 "first_no", "last_no", "quantity", "key_id", "created_by", "created_at")


def _layout(pop: Population) -> dict[str, np.ndarray]:
    """Per seal: unit index, serial in the unit, installed flag, meter id, batch ordinal."""
    installed_per_unit = np.bincount(pop.unit_index) * 2
    used = np.flatnonzero(installed_per_unit)
    stock = 50 + installed_per_unit[used] // 40
    unit = np.repeat(used, installed_per_unit[used] + stock)
    serial = serials_within(unit)
    installed = serial <= installed_per_unit[unit]
    first_meter = np.searchsorted(pop.unit_index, unit)  # meters are sorted by unit
    meter = np.where(installed, first_meter + (serial - 1) // 2 + 1, 0)
    ordinal = np.searchsorted(used, unit)
    batch = ordinal * 2 + np.where(installed, 1, 2)
    return {"unit": unit, "serial": serial, "installed": installed, "meter": meter, "batch": batch,
            "used": used}


def _installed_at(rng: np.random.Generator, pop: Population, meter: np.ndarray) -> list[str | None]:
    """Resealed in the 2020-2023 campaign, or when the meter was fitted, if later."""
    campaign = CAMPAIGN + rng.integers(0, 1300, pop.n).astype("timedelta64[D]")
    when = np.maximum(campaign, pop.opened + np.timedelta64(1, "D"))
    day = np.datetime_as_string(when).tolist()
    return [f"{day[m - 1]} 03:00:00.000000" if m else None for m in meter.tolist()]


@dataclass(frozen=True)
class SealRows:
    """Batches and seals, built ahead (in a worker thread) of their insert."""

    batches: list[tuple]
    seals: list[tuple]
    issues: list[tuple]  # seal events: stock handed to a unit or a fitter


DELIVERED_DAYS_AGO = 42
ISSUED_WITHIN_DAYS = 21
ISSUE_EVENT_COLUMNS = ("id", "seal_id", "at", "actor_id", "from_state", "to_state", "unit_id",
                       "holder_id", "reason", "idempotency_key")


def seal_rows(rng: np.random.Generator, cal: DemoCalendar, pop: Population, units: list[UnitRow],
              fitters: dict[int, int], admin_id: int) -> SealRows:
    """Rows of the batches and seals; `fitters` maps a county to the inspector holding its seals."""
    lay = _layout(pop)
    codes = asset_codes(np.array([int(u.code) for u in units])[lay["unit"]], "09", lay["serial"])
    batches = _batch_rows(cal, units, lay, codes, admin_id)
    n = len(codes)
    fate = rng.random(n)
    state = np.where(lay["installed"], "installed",
                     np.where(fate < 0.8, "in_stock", np.where(fate < 0.95, "issued_person", "issued_unit")))
    county = np.array([u.county for u in units])[lay["unit"]]
    holder = np.array([fitters.get(c, 0) for c in county.tolist()])
    holder = np.where(state == "issued_person", holder, 0)
    state = np.where((state == "issued_person") & (holder == 0), "issued_unit", state)
    position = np.where(lay["serial"] % 2 == 1, "meter_cover", "terminal_cover")
    unit_ids = np.array([u.id for u in units])[lay["unit"]]
    rows = zip(range(1, n + 1), codes, lay["batch"].tolist(), state.tolist(), unit_ids.tolist(),
               [h or None for h in holder.tolist()], [m or None for m in lay["meter"].tolist()],
               [p if i else None for p, i in zip(position.tolist(), lay["installed"].tolist(), strict=False)],
               _installed_at(rng, pop, lay["meter"]), [1] * n, strict=False)
    return SealRows(batches, list(rows), _issues(cal, state, unit_ids, holder, admin_id))


def _issues(cal: DemoCalendar, state: np.ndarray, unit_ids: np.ndarray, holder: np.ndarray,
            admin_id: int) -> list[tuple]:
    """One event per seal handed out of stock, on a working day of the last three weeks."""
    days = cal.weekdays_before(ISSUED_WITHIN_DAYS)
    issued = np.flatnonzero((state == "issued_person") | (state == "issued_unit"))
    offset = len(state)  # after the install events, whose ids are the seal ids
    rows = []
    for i in issued.tolist():
        # A unit's seals go out together, in a handful of hand-overs.
        at = local(days[(int(unit_ids[i]) * 7 + i // 25) % len(days)], 9, 30)
        rows.append((offset + i + 1, i + 1, sqlite_ts(at), admin_id, "in_stock", str(state[i]),
                     int(unit_ids[i]), int(holder[i]) or None, "领用：计量封印",
                     f"demo-seal-issue-{i + 1}"))
    return rows


def insert_seals(bulk: BulkWriter, rows: SealRows) -> None:
    """Batches, seals and one install event per installed seal."""
    bulk.rows("seal_batch", BATCH_COLUMNS, rows.batches)
    bulk.rows("seal", SEAL_COLUMNS, rows.seals)
    bulk.rows("seal_event", ISSUE_EVENT_COLUMNS, rows.issues)
    bulk.sql("""
        INSERT INTO seal_event (id, seal_id, at, actor_id, from_state, to_state, unit_id, holder_id,
                                meter_id, position, work_order_id, reason, idempotency_key)
        SELECT s.id, s.id, s.installed_at, NULL, 'issued_person', 'installed', s.unit_id, NULL,
               s.meter_id, s.position, NULL, '加封：计量装置封印', 'demo-seal-' || s.seal_no
        FROM seal s WHERE s.meter_id IS NOT NULL""")


def _batch_rows(cal: DemoCalendar, units: list[UnitRow], lay: dict[str, np.ndarray],
                codes: list[str], admin_id: int) -> list[tuple]:
    edges = np.flatnonzero(np.r_[True, lay["batch"][1:] != lay["batch"][:-1], True])
    rows = []
    for first, end in zip(edges[:-1].tolist(), edges[1:].tolist(), strict=False):
        unit = units[int(lay["unit"][first])]
        stock = not bool(lay["installed"][first])
        delivered = cal.as_of - dt.timedelta(days=DELIVERED_DAYS_AGO)
        year = delivered.year if stock else 2020
        created = local(delivered if stock else dt.date(2020, 2, 10), 9)
        # Numbered as seals_batches.create_batch numbers a unit's batches (unit-year-serial of
        # the year), so a batch made later in the console reads like these and continues them.
        rows.append((int(lay["batch"][first]), f"{unit.code}-{year}-0001",
                     "electronic" if stock else "plastic", "蓝" if stock else "红", year,
                     "国网山东省电力公司物资公司", unit.id, codes[first], codes[end - 1], end - first,
                     f"K{year}", admin_id, sqlite_ts(created)))
    return rows
