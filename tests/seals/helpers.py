"""A small seal world for the seal tests: two units, staff, a customer's meter."""

from __future__ import annotations

from dataclasses import dataclass

from console.models import Meter, Unit
from console.services.actor import Actor
from tests import factories as f


@dataclass(frozen=True)
class World:
    unit: int
    unit_code: str
    other_unit: int
    admin: Actor
    fitter: Actor  # inspector at unit
    fitter2: Actor  # another inspector at unit
    far_fitter: Actor  # inspector at other_unit
    clerk: Actor
    meter: int
    meter_no: str
    other_meter: int
    customer_no: str


def build(db) -> World:  # Database
    with db.session() as s:
        unit, other = f.unit(s), f.unit(s, code="37002", name="单县供电所")
        # The other station lies below the unit (issue 16: staff see their unit and the units
        # below it), so the unit's people see what the station holds, not the reverse.
        other.parent_id = unit.id
        tariff = f.tariff(s)
        customer = f.customer(s, unit, tariff, number="3700000101")
        meter: Meter = f.meter(s, unit, customer)
        other_meter = f.meter(s, other)
        return World(
            unit.id, unit.code, other.id,
            f.actor(s, unit, username="admin", role="admin"),
            f.actor(s, unit, username="zhang", role="inspector"),
            f.actor(s, unit, username="li", role="inspector"),
            f.actor(s, other, username="wang", role="inspector"),
            f.actor(s, unit, username="clerk", role="counter"),
            meter.id, meter.asset_no, other_meter.id, customer.customer_no)


def unit_row(session, unit_id: int) -> Unit:
    return session.get(Unit, unit_id)
