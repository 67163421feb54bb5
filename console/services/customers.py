"""Finding customers: one query box for numbers, names, pinyin, phones, addresses."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from console.db import Database
from console.models import Customer, Meter, Unit
from console.privacy import mask_phone
from console.search import repository
from console.search.query import parse
from console.services.actor import Actor
from console.services.permissions import Permission, require

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
    """The rows to show and how many matched in all (`more` when past the cap)."""

    query: str
    rows: tuple[CustomerSummary, ...]
    total: int
    more: bool


def find_customers(db: Database, actor: Actor, text: str, *, limit: int = MAX_ROWS) -> SearchResult:
    """Customers matching `text`, exact identifiers first, then prefix, then fuzzy."""
    require(actor, Permission.LOOKUP)
    query = parse(text)
    if query.is_empty:
        return SearchResult("", (), 0, False)
    with db.read() as session:
        ranked = repository.candidates(session, query)
        top = sorted(ranked, key=lambda cid: (ranked[cid], cid))[:limit]
        rows = _summaries(session, top, ranked)
    rows.sort(key=lambda r: (r.rank, r.customer_no))
    return SearchResult(query.text, tuple(rows[:limit]), len(ranked),
                        more=len(ranked) > repository.CAP)


def _summaries(session, ids: list[int], ranked: dict[int, int]) -> list[CustomerSummary]:  # noqa: ANN001
    if not ids:
        return []
    meter_no = (select(Meter.asset_no).where(Meter.customer_id == Customer.id)
                .order_by(Meter.id).limit(1).scalar_subquery())
    stmt = (select(Customer.id, Customer.customer_no, Customer.name, Customer.category,
                   Customer.phone, Customer.address, Unit.name, Customer.status,
                   Customer.protected, meter_no)
            .join(Unit, Unit.id == Customer.unit_id).where(Customer.id.in_(ids)))
    return [
        CustomerSummary(cid, no, name, category, mask_phone(phone), address,
                        unit, status, protected, meter or "", ranked[cid])
        for cid, no, name, category, phone, address, unit, status, protected, meter
        in session.execute(stmt)
    ]
