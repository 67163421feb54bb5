"""Finding customers: one query box for numbers, names, pinyin, phones, addresses."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select

from console.db import Database
from console.models import Customer, Meter, Unit
from console.privacy import mask_phone
from console.search import repository
from console.search.query import parse
from console.services.acting import current_scope, in_scope, use_case
from console.services.actor import Actor
from console.services.permissions import Permission

MAX_ROWS = 50


@dataclass(frozen=True)
class CustomerSummary:
    """One row of the lookup table."""

    id: int
    customer_no: str
    name: str
    category: str
    phone: str  # masked: whole numbers only through the customer view's audited reveal
    address: str
    unit_name: str
    status: str
    protected: bool
    meter_asset_no: str
    rank: int


@dataclass(frozen=True)
class SearchResult:
    """The rows to show and how many matched in all (`more` when past the cap).

    `elsewhere` counts exact identifier matches (customer number, meter, seal) of units
    outside the actor's scope: a scanned number is then said to belong elsewhere rather
    than "not found", and nothing else about that customer is told.
    """

    query: str
    rows: tuple[CustomerSummary, ...]
    total: int
    more: bool
    elsewhere: int = 0


@use_case(Permission.LOOKUP, filters=True)
def find_customers(db: Database, actor: Actor, text: str, *, limit: int = MAX_ROWS) -> SearchResult:
    """Customers of the actor's units matching `text`, exact identifiers first, then prefix,
    then fuzzy."""
    query = parse(text)
    if query.is_empty:
        return SearchResult("", (), 0, False)
    with db.read() as session:
        found = repository.candidates(session, query)
        ranked = _in_scope(session.connection(), found)
        # Best rank, then lowest id: one int per candidate sorts fastest.
        top = [key & _ID_MASK for key in sorted(r << 40 | cid for cid, r in ranked.items())[:limit]]
        rows = _summaries(session.connection(), top, ranked)
    rows.sort(key=lambda r: (r.rank, r.customer_no))
    elsewhere = sum(1 for cid, r in found.items() if r == repository.EXACT and cid not in ranked)
    return SearchResult(query.text, tuple(rows), len(ranked), more=len(ranked) > repository.CAP,
                        elsewhere=elsewhere)


def _in_scope(conn: Connection, ranked: dict[int, int]) -> dict[int, int]:
    """The candidates of the actor's units (a customer of another unit is not found)."""
    if current_scope().units is None or not ranked:
        return ranked
    keep = set(conn.scalars(select(Customer.id).where(
        Customer.id.in_(bindparam("ids", expanding=True)), in_scope(Customer.unit_id)),
        {"ids": list(ranked)}))
    return {cid: rank for cid, rank in ranked.items() if cid in keep}


_ID_MASK = (1 << 40) - 1
# The columns of a result row and nothing else, built once (see search/statements.py).
_SUMMARY = (
    select(Customer.id, Customer.customer_no, Customer.name, Customer.category, Customer.phone,
           Customer.address, Unit.name, Customer.status, Customer.protected,
           select(Meter.asset_no).where(Meter.customer_id == Customer.id)
           .order_by(Meter.id).limit(1).scalar_subquery())
    .join(Unit, Unit.id == Customer.unit_id)
    .where(Customer.id.in_(bindparam("ids", expanding=True)))
)


def _summaries(conn: Connection, ids: list[int], ranked: dict[int, int]) -> list[CustomerSummary]:
    if not ids:
        return []
    return [
        CustomerSummary(cid, no, name, category, mask_phone(phone), address,
                        unit, status, protected, meter or "", ranked[cid])
        for cid, no, name, category, phone, address, unit, status, protected, meter
        in conn.execute(_SUMMARY, {"ids": ids})
    ]
