"""The two-county world of tests/security/test_acting.py, grown for seals, work orders,
inspection and staff (issue 16 items 1 and 2 in those features).

牡丹区 (37001) has a station below it (37011); 曹县 (37021) sits beside them. Each unit has a
customer with a meter read 1000 kWh a month ago; 牡丹区 and 曹县 each hold a batch of seals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from console import ids
from console.models import (
    AuditEvent,
    FieldPackage,
    LedgerEntry,
    Meter,
    Payment,
    Reading,
    Seal,
    SealEvent,
    SealScan,
    User,
    WorkOrder,
)
from console.services.actor import Actor
from console.services.seals import batches
from tests import factories as f

# Everything a refused call could have written; "nothing written" means these stay.
WRITTEN = (AuditEvent, SealEvent, SealScan, WorkOrder, FieldPackage, Payment, LedgerEntry,
           Reading, Meter, User)


@dataclass(frozen=True)
class World:
    mudan: int
    station: int
    caoxian: int
    ours: int  # customer ids
    below: int
    theirs: int
    our_meter: int
    below_meter: int
    their_meter: int
    our_seals: tuple[str, ...]  # in 牡丹区's stock
    their_seals: tuple[str, ...]  # in 曹县's stock
    counter1: Actor
    supervisor1: Actor
    inspector1: Actor
    station_clerk: Actor
    supervisor2: Actor
    inspector2: Actor
    admin1: Actor


def footprint(db) -> tuple[int, ...]:
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in WRITTEN)


def _account(s, unit, tariff, number: str) -> tuple[int, int]:
    customer = f.customer(s, unit, tariff, number=number)
    meter = f.meter(s, unit, customer)
    s.add(Reading(meter_id=meter.id, read_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=30),
                  energy_total=Decimal("1000.00")))
    s.flush()
    return customer.id, meter.id


def build(db) -> World:
    with db.session() as s:
        mudan = f.unit(s, code="37001", name="牡丹区城区营业厅")
        station = f.unit(s, code="37011", name="牡丹区王浩屯供电所")
        station.parent_id = mudan.id
        caoxian = f.unit(s, code="37021", name="曹县营业厅")
        tariff = f.tariff(s)
        ours, our_meter = _account(s, mudan, tariff, "3700000001")
        below, below_meter = _account(s, station, tariff, "3701100001")
        theirs, their_meter = _account(s, caoxian, tariff, "3702100001")
        people = {
            "counter1": f.actor(s, mudan, username="counter1", role="counter"),
            "supervisor1": f.actor(s, mudan, username="supervisor1", role="supervisor"),
            "inspector1": f.actor(s, mudan, username="inspector1", role="inspector"),
            "station_clerk": f.actor(s, station, username="station1", role="counter"),
            "supervisor2": f.actor(s, caoxian, username="supervisor2", role="supervisor"),
            "inspector2": f.actor(s, caoxian, username="inspector2", role="inspector"),
            "admin1": f.actor(s, mudan, username="admin1", role="admin"),
        }
        units = (mudan.id, station.id, caoxian.id)
    admin = people["admin1"]
    for unit_id in (units[0], units[2]):
        batches.create_batch(db, admin, seal_type="plastic", colour="红", year=2026,
                             manufacturer="测试封印厂", unit_id=unit_id, quantity=4)
    return World(*units, ours, below, theirs, our_meter, below_meter, their_meter,
                 _seals("37001"), _seals("37021"), **people)


def _seals(unit_code: str) -> tuple[str, ...]:
    return tuple(ids.make_asset_code(unit_code, ids.ASSET_TYPE_SEAL, n) for n in range(1, 5))


def seal_units(db, numbers) -> list[int]:
    with db.read() as s:
        return list(s.scalars(select(Seal.unit_id).where(Seal.seal_no.in_(list(numbers)))
                              .order_by(Seal.seal_no)))
