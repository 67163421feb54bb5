"""Declarative base and the column types every model shares.

Money and energy are exact: `Decimal` in Python. PostgreSQL stores them as
NUMERIC(14,2). SQLite has no exact decimal type (NUMERIC affinity falls back
to floating point), so there they are stored as integer hundredths (fen,
0.01 kWh): sums in SQL stay exact and the ORM still hands out `Decimal`.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import CheckConstraint, DateTime, FromClause, Integer, MetaData, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

CENT = Decimal("0.01")
_QUANTUM = {scale: Decimal(1).scaleb(-scale) for scale in (2, 4)}
_UNIT = {scale: Decimal(10) ** scale for scale in (2, 4)}

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def to_cents(value: Decimal | int | str) -> Decimal:
    """Round half up to two places, the way a receipt rounds."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class FixedPoint(TypeDecorator[Decimal]):
    """Exact decimal with `scale` places: NUMERIC, or scaled integer on SQLite."""

    impl = Numeric(14, 2)
    cache_ok = True
    scale = 2
    precision = 14

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Integer())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value, dialect):  # SQLAlchemy hook
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money and energy are Decimal, never float")
        value = Decimal(value).quantize(self.quantum, rounding=ROUND_HALF_UP)
        # Exact: `value` has `scale` places, so times 10**scale is a whole number.
        return int(value * _UNIT[self.scale]) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            # Integer hundredths times 0.01 is exact and has two places: no quantize needed.
            return Decimal(int(value)) * self.quantum
        return Decimal(value).quantize(self.quantum)

    @property
    def quantum(self) -> Decimal:
        """0.01 (0.0001 for prices), made once per scale: this runs for every value read."""
        return _QUANTUM[self.scale]

    @property
    def python_type(self) -> type:
        return Decimal


class Money(FixedPoint):
    """Yuan with fen: NUMERIC(14,2)."""

    cache_ok = True


class Energy(FixedPoint):
    """kWh with two places: NUMERIC(14,2)."""

    cache_ok = True


class Price(FixedPoint):
    """Yuan per kWh or rates with four places (0.5469): NUMERIC(10,4)."""

    impl = Numeric(10, 4)
    cache_ok = True
    scale = 4
    precision = 10


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC timestamps on every engine; naive values are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one (UTC)")
        value = value.astimezone(dt.UTC)
        # SQLite has no time zone type: store UTC without an offset so text
        # ordering is time ordering.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """Optimistic locking for rows that several workstations edit at once.

    A stale UPDATE matches no row and SQLAlchemy raises StaleDataError, which
    the unit of work turns into `ConcurrentUpdate`.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    if TYPE_CHECKING:  # what the mapped subclasses have; the directive reads it from them
        __table__: ClassVar[FromClause]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # SQLAlchemy directive
        return {"version_id_col": cls.__table__.c.version}


def digits_check(column: str, length: int, name: str) -> list[CheckConstraint]:
    """CHECK that a column holds exactly `length` ASCII digits, per dialect."""
    sqlite = CheckConstraint(
        f"length({column}) = {length} AND {column} NOT GLOB '*[^0-9]*'", name=name
    ).ddl_if(dialect="sqlite")
    postgres = CheckConstraint(f"{column} ~ '^[0-9]{{{length}}}$'", name=name).ddl_if(
        dialect="postgresql"
    )
    return [sqlite, postgres]


def enum_check(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    quoted = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=name)
