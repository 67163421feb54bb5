"""Small builders for the rows tests need (not the demo generator)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from sqlalchemy.orm import Session

from console import ids
from console.models import Customer, Meter, Seal, SealBatch, Tariff, Unit, User
from console.security import hash_password
from console.services.actor import Actor
from console.services.auth import actor_for

PASSWORD = "Secret2026"
_serial = itertools.count(1)
# argon2 is deliberately slow: hash the shared test password once.
_HASH = hash_password(PASSWORD)


def unit(session: Session, *, code: str = "37001", name: str = "牡丹区供电所") -> Unit:
    row = Unit(code=code, name=name, kind="station")
    session.add(row)
    session.flush()
    return row


def user(session: Session, unit_row: Unit, *, username: str, role: str) -> User:
    row = User(username=username, full_name=f"测试{username}", role=role,
               unit_id=unit_row.id, password_hash=_HASH)
    session.add(row)
    session.flush()
    return row


def actor(session: Session, unit_row: Unit, *, username: str, role: str) -> Actor:
    return actor_for(user(session, unit_row, username=username, role=role), "test-ws")


def tariff(session: Session) -> Tariff:
    row = Tariff(code="RES", name="居民生活用电", kind="flat", category="residential",
                 effective_from=dt.date(2026, 1, 1), price=Decimal("0.5469"))
    session.add(row)
    session.flush()
    return row


def customer(session: Session, unit_row: Unit, tariff_row: Tariff, *, number: str) -> Customer:
    row = Customer(customer_no=number, name="王伟", category="residential",
                   unit_id=unit_row.id, tariff_id=tariff_row.id)
    session.add(row)
    session.flush()
    return row


def meter(session: Session, unit_row: Unit, cust: Customer | None = None) -> Meter:
    serial = next(_serial)
    row = Meter(asset_no=ids.make_asset_code(unit_row.code, ids.ASSET_TYPE_METER, serial),
                address=f"{serial:012d}", customer_id=cust.id if cust else None)
    session.add(row)
    session.flush()
    return row


def installed_seal(session: Session, unit_row: Unit, meter_row: Meter, *, serial: int,
                   position: str = "meter_cover") -> Seal:
    """A one-seal batch whose seal sits on `meter_row` at `position`."""
    number = ids.make_asset_code(unit_row.code, ids.ASSET_TYPE_SEAL, serial)
    batch = SealBatch(batch_no=f"B{serial}", seal_type="plastic", colour="红", year=2026,
                      manufacturer="测试封印厂", unit_id=unit_row.id, first_no=number,
                      last_no=number, quantity=1)
    session.add(batch)
    session.flush()
    seal = Seal(seal_no=number, batch_id=batch.id, unit_id=unit_row.id, state="installed",
                meter_id=meter_row.id, position=position)
    session.add(seal)
    session.flush()
    return seal
