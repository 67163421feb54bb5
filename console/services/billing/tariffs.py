"""Tariffs as data: list, create, and version them by effective date (admins).

A tariff `code` has versions; each version is valid from `effective_from` to
`effective_to` (None: until replaced). Two versions of one code never share a
day. Bills point at the version they were priced with, so a new version never
changes an issued bill.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console.billing.money import parse_amount
from console.db import Database
from console.errors import NotFound, TariffOverlap, ValidationError
from console.models import Tariff, TariffTier, TouPeriod
from console.models.enums import CustomerCategory, TariffKind, values
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission

PRICE_CEILING = Decimal(100)  # yuan per kWh: anything above is a typing error
REGISTERS = ("sharp", "peak", "flat", "valley")


@dataclass(frozen=True)
class TierSpec:
    upper_kwh: Decimal | None  # annual running-total limit; None for the last tier
    price: Decimal


@dataclass(frozen=True)
class TouSpec:
    register: str  # sharp / peak / flat / valley
    start: dt.time
    end: dt.time
    price: Decimal
    months: str = ""  # "1,7,8,12"; "" = all year


@dataclass(frozen=True)
class TariffSpec:
    """A tariff version to create. Prices have up to four decimals."""

    code: str
    name: str
    kind: str  # TariffKind value
    category: str  # CustomerCategory value
    effective_from: dt.date
    price: Decimal | str  # flat price; tier-1 price of tiered; fallback price of TOU
    effective_to: dt.date | None = None
    late_fee_rate: Decimal | str = Decimal("0.0010")  # kept for the record; rules: late_fee_rule
    tiers: tuple[TierSpec, ...] = ()
    tou: tuple[TouSpec, ...] = ()


@dataclass(frozen=True)
class TariffInfo:
    id: int
    code: str
    name: str
    kind: str
    category: str
    effective_from: dt.date
    effective_to: dt.date | None
    price: Decimal
    tiers: tuple[TierSpec, ...]
    tou: tuple[TouSpec, ...]


@use_case(Permission.LOOKUP)  # tariffs are the company's, the same in every unit
def list_tariffs(db: Database, actor: Actor, *, code: str | None = None,
                 on: dt.date | None = None) -> list[TariffInfo]:
    """Every version (optionally of one code, or only those valid on a day), by code and date."""
    query = select(Tariff).order_by(Tariff.code, Tariff.effective_from)
    if code is not None:
        query = query.where(Tariff.code == code)
    if on is not None:
        query = query.where(Tariff.effective_from <= on,
                            or_(Tariff.effective_to.is_(None), Tariff.effective_to >= on))
    with db.uow() as session:
        return [_info(t) for t in session.scalars(query)]


# Prices are set by the price authority and entered by the company's administrators:
# MANAGE_TARIFFS is held by no role that takes money or runs bills (permissions.py).
@use_case(Permission.MANAGE_TARIFFS)
def create_tariff(db: Database, actor: Actor, spec: TariffSpec) -> TariffInfo:
    """A new tariff version; refused (TariffOverlap) if another version of the code shares a day."""
    row = _validated(spec)
    with db.uow() as session:
        _refuse_overlap(session, row)
        return _insert(session, actor, row, "tariff.created")


@use_case(Permission.MANAGE_TARIFFS)
def new_version(db: Database, actor: Actor, spec: TariffSpec) -> TariffInfo:
    """Replace the open-ended version of `spec.code` from `spec.effective_from` on.

    The current version ends the day before; any other overlap is refused.
    """
    row = _validated(spec)
    with db.uow() as session:
        current = session.scalar(select(Tariff).where(
            Tariff.code == spec.code, Tariff.effective_to.is_(None)).with_for_update())
        if current is None:
            raise NotFound("no open-ended version of the tariff", entity="tariff", code=spec.code)
        if current.effective_from >= spec.effective_from:
            raise _overlap(current)
        current.effective_to = spec.effective_from - dt.timedelta(days=1)
        session.flush()
        _refuse_overlap(session, row)
        return _insert(session, actor, row, "tariff.versioned")


def _insert(session: Session, actor: Actor, row: Tariff, action: str) -> TariffInfo:
    session.add(row)
    session.flush()
    audit.record(session, actor, action, entity_type="tariff", entity_id=row.id,
                 after={"code": row.code, "from": row.effective_from, "to": row.effective_to,
                        "kind": row.kind, "price": row.price})
    return _info(row)


def _refuse_overlap(session: Session, row: Tariff) -> None:
    # Two spans share a day when each starts before (or when) the other ends.
    shared = [Tariff.code == row.code,
              or_(Tariff.effective_to.is_(None), Tariff.effective_to >= row.effective_from)]
    if row.effective_to is not None:
        shared.append(Tariff.effective_from <= row.effective_to)
    other = session.scalar(select(Tariff).where(*shared).limit(1))
    if other is not None:
        raise _overlap(other)


def _overlap(other: Tariff) -> TariffOverlap:
    return TariffOverlap(f"tariff {other.code} already has a version valid then",
                         code=other.code, other_from=other.effective_from.isoformat(),
                         other_to=other.effective_to.isoformat() if other.effective_to else None)


def _validated(spec: TariffSpec) -> Tariff:
    """The ORM row of a spec, or ValidationError with the field and reason."""
    if spec.kind not in values(TariffKind) or spec.category not in values(CustomerCategory):
        raise ValidationError("unknown kind or category", field="kind", reason="unknown")
    if not spec.code.strip() or len(spec.code) > 20 or not spec.name.strip():
        raise ValidationError("a code (up to 20) and a name are required", field="code",
                              reason="required")
    if spec.effective_to is not None and spec.effective_to < spec.effective_from:
        raise ValidationError("ends before it starts", field="effective_to", reason="order")
    row = Tariff(code=spec.code.strip(), name=spec.name.strip(), kind=spec.kind,
                 category=spec.category, effective_from=spec.effective_from,
                 effective_to=spec.effective_to, price=_price(spec.price, "price"),
                 late_fee_rate=_price(spec.late_fee_rate, "late_fee_rate"))
    row.tiers = _tiers(spec) if spec.kind == TariffKind.TIERED else []
    row.tou_periods = [TouPeriod(register=_register(t.register), start_time=t.start,
                                 end_time=t.end, price=_price(t.price, "tou.price"),
                                 months=t.months) for t in spec.tou]
    return row


def _tiers(spec: TariffSpec) -> list[TariffTier]:
    limits = [t.upper_kwh for t in spec.tiers]
    bounded = [Decimal(x) for x in limits[:-1] if x is not None]
    if not spec.tiers or limits[-1] is not None or len(bounded) != len(limits) - 1 \
            or bounded != sorted(set(bounded)) or any(x <= 0 for x in bounded):
        raise ValidationError("tier limits must rise and the last tier be open", field="tiers",
                              reason="limits")
    return [TariffTier(seq=i + 1, upper_kwh=t.upper_kwh, price=_price(t.price, "tier.price"))
            for i, t in enumerate(spec.tiers)]


def _price(value: object, field: str) -> Decimal:
    return parse_amount(value, field=field, places=4, ceiling=PRICE_CEILING)


def _register(name: str) -> str:
    if name not in REGISTERS:
        raise ValidationError(f"unknown register {name!r}", field="register", reason="unknown")
    return name


def _info(t: Tariff) -> TariffInfo:
    return TariffInfo(t.id, t.code, t.name, t.kind, t.category, t.effective_from, t.effective_to,
                      t.price, tuple(TierSpec(x.upper_kwh, x.price) for x in t.tiers),
                      tuple(TouSpec(p.register, p.start_time, p.end_time, p.price, p.months)
                            for p in t.tou_periods))
