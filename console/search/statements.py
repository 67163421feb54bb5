"""The lookup's SQL, built once per engine with bind parameters.

Built once, a statement's cache key is all SQLAlchemy works out per call
before it finds the compiled SQL in its cache; built per call, the
expression objects alone cost more than SQLite's index lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Integer, Select, String, TextualSelect, bindparam, column, select, text

from console.models import Customer, Meter, Seal

CAP = 1000  # ids fetched per probe; beyond it the count reads "more than"


def _capped(stmt: Select) -> Select:
    return stmt.limit(CAP + 1)


def _ids(*where) -> Select:  # SQL expressions
    return _capped(select(Customer.id).where(*where))


def _range(col) -> Select:  # a column
    """lo <= col < hi: a B-tree range on either engine, whatever the collation."""
    return _ids(col >= bindparam("lo"), col < bindparam("hi"))


def _like(col) -> Select:  # a column
    """col LIKE pattern, the pattern written into the SQL text.

    It matters on PostgreSQL: the planner uses a text_pattern_ops or trigram index only for a pattern it
    can read; as a parameter of a statement psycopg has prepared (from the
    fifth run on) it may settle on a generic plan that scans the table. The
    query text is normalised to letters, digits, CJK, '#' and '-' before it
    gets here, and SQLAlchemy quotes the literal.
    """
    return _ids(col.like(bindparam("like", literal_execute=True)))


def _prefix(col, pg: bool) -> Select:  # a column
    # PostgreSQL indexes these columns with text_pattern_ops, which serves
    # LIKE 'q%' but not >= / <.
    return _like(col) if pg else _range(col)


@dataclass(frozen=True)
class Statements:
    """One engine's probes; each selects customer ids."""

    pg: bool
    customer_no: Select
    customer_no_prefix: Select
    meter_asset: Select
    meter_address: Select
    seal: Select
    phone: Select
    phone_tail: Select
    phone_tail_like: Select
    name: Select
    name_prefix: Select
    name_like: Select
    initials: Select
    initials_prefix: Select
    pinyin_prefix: Select
    address_like: Select
    fts: TextualSelect | None


def _meter_by(col) -> Select:  # a column
    return _capped(select(Meter.customer_id).where(col == bindparam("q"))
                   .where(Meter.customer_id.is_not(None)))


@cache
def for_dialect(name: str) -> Statements:
    pg = name == "postgresql"
    # The expression must read exactly as the index's for the planner to use it.
    tail = text("right(customer.phone, 4) = :tail" if pg else "substr(customer.phone, -4) = :tail"
                ).bindparams(bindparam("tail", type_=String))
    return Statements(
        pg=pg,
        customer_no=_ids(Customer.customer_no == bindparam("q")),
        customer_no_prefix=_range(Customer.customer_no).order_by(Customer.customer_no),
        meter_asset=_meter_by(Meter.asset_no),
        meter_address=_meter_by(Meter.address),
        seal=_capped(select(Meter.customer_id).join(Seal, Seal.meter_id == Meter.id)
                     .where(Seal.seal_no == bindparam("q")).where(Meter.customer_id.is_not(None))),
        phone=_ids(Customer.phone == bindparam("q")),
        phone_tail=_ids(tail),
        phone_tail_like=_ids(tail, Customer.phone.like(bindparam("like", literal_execute=True))),
        name=_ids(Customer.name == bindparam("q")),
        name_prefix=_range(Customer.name),
        name_like=_like(Customer.name),
        initials=_ids(Customer.name_initials == bindparam("q")),
        initials_prefix=_prefix(Customer.name_initials, pg),
        pinyin_prefix=_prefix(Customer.name_pinyin, pg),
        address_like=_like(Customer.address),
        # The FTS5 rowid is the customer id: no need to visit the customer row.
        fts=None if pg else text(
            f"SELECT rowid FROM customer_fts WHERE customer_fts MATCH :m LIMIT {CAP + 1}"
        ).columns(column("rowid", Integer)),
    )
