"""Simulated meters for the meters in a GridDesk database.

Each in-service meter becomes a simulated one on its own endpoint's bus, with
its customer's category for the load shape, its relay state, and registers
that carry on from its latest stored reading, so restarting the simulator
never makes a meter run backwards.
"""

from __future__ import annotations

from sqlalchemy import func, select

from console.db import Database
from console.metering.load_model import MeterLoad
from console.metering.sim_meter import SimMeter
from console.metering.simulator import group_by_endpoint, starting_kwh, synthetic_meter
from console.models import Customer, Meter, Reading
from console.models.enums import MeterStatus, RelayState


def fleet_from_database(db: Database, *, seed: int, now: float,
                        default_endpoint: str) -> dict[str, list[SimMeter]]:
    """{endpoint: simulated meters}; meters without an endpoint go to ``default_endpoint``."""
    latest = (select(Reading.meter_id, func.max(Reading.read_at).label("at"))
              .group_by(Reading.meter_id).subquery())
    query = (
        select(Meter.address, Meter.endpoint, Meter.relay_state, Meter.phases, Meter.ct_ratio,
               Meter.pt_ratio, Customer.category, Reading.read_at, Reading.energy_total,
               Reading.energy_sharp, Reading.energy_peak, Reading.energy_flat,
               Reading.energy_valley)
        .outerjoin(Customer, Meter.customer_id == Customer.id)
        .outerjoin(latest, latest.c.meter_id == Meter.id)
        .outerjoin(Reading, (Reading.meter_id == Meter.id) & (Reading.read_at == latest.c.at))
        .where(Meter.status == MeterStatus.IN_SERVICE)
    )
    with db.session() as session:
        rows = session.execute(query).all()
    return group_by_endpoint(((row.endpoint, _meter(row, seed, now)) for row in rows),
                             default_endpoint)


def _meter(row, seed: int, now: float) -> SimMeter:
    relay_open = row.relay_state == RelayState.OPEN
    category = row.category or "residential"
    if row.read_at is None or row.energy_total is None:
        return synthetic_meter(row.address, seed=seed, now=now, category=category,
                               phases=row.phases, relay_open=relay_open)
    load = MeterLoad.create(seed=seed, address=row.address, category=category,
                            phases=row.phases, multiplier=row.ct_ratio * row.pt_ratio,
                            pt_ratio=row.pt_ratio)
    tariffs = [row.energy_sharp, row.energy_peak, row.energy_flat, row.energy_valley]
    if None in tariffs:  # only a total was stored: split it the way this load splits
        shares = starting_kwh(load, 0.0)
        kwh = [float(row.energy_total) * s / sum(shares) for s in shares]
    else:
        kwh = [float(t) for t in tariffs]
    since = min(row.read_at.timestamp(), now)
    return SimMeter(row.address, load, since, kwh, relay_open=relay_open,
                    command_open=relay_open)
