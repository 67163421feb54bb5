"""Candidate customer ids for a parsed query, one indexed probe per kind.

Every probe is an index lookup (B-tree range, FTS5 trigram, pg_trgm GIN) capped
at CAP rows, so no query — a single common character included — scans the
table. Ranks: 0 exact identifier, 1 exact name/initials, 2 prefix, 3 fuzzy.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Integer, Select, column, select, text
from sqlalchemy.orm import Session

from console.models import Customer, Meter, Seal
from console.search.query import Kind, Query

CAP = 1000  # ids fetched per probe; beyond it the count reads "more than"
EXACT, NAME_EXACT, PREFIX, FUZZY = 0, 1, 2, 3
_HIGH = "\U0010ffff"  # upper bound of a prefix range


# Precise, cheap probes first: a later probe may be skipped once they answered.
ORDER = (Kind.CUSTOMER_NO, Kind.METER, Kind.SEAL, Kind.NAME, Kind.PINYIN, Kind.PHONE, Kind.ADDRESS)
ADDRESS_MARKS = set("村路街道巷号排组镇乡庄区县楼栋单元室")


def candidates(session: Session, query: Query) -> dict[int, int]:
    """customer id -> best rank, over every kind the query can be."""
    ranked: dict[int, int] = {}
    postgres = session.get_bind().dialect.name == "postgresql"
    for kind in (k for k in ORDER if k in query.kinds):
        if _skip(kind, query.text, ranked):
            continue
        for rank, ids in _PROBES[kind](session, query.text, postgres):
            for customer_id in ids:
                if rank < ranked.get(customer_id, 99):
                    ranked[customer_id] = rank
    return ranked


def _skip(kind: Kind, q: str, ranked: dict[int, int]) -> bool:
    """Probes not worth their cost given what the earlier ones found."""
    if kind is Kind.PHONE and len(q) >= 9 and EXACT in ranked.values():
        return True  # a whole customer number or meter address was typed or scanned
    if kind is Kind.ADDRESS and len(q) < 3 and not ADDRESS_MARKS & set(q):
        # Two characters without 村/路/号…: a name first; scan addresses only
        # when no name matched (below three characters no trigram index helps).
        return bool(ranked)
    return False


def _ids(session: Session, stmt: Select) -> list[int]:
    return list(session.scalars(stmt.limit(CAP + 1)))


def _prefix(column, value: str):  # noqa: ANN001, ANN202 - SQL expression
    """An index-friendly prefix test (no LIKE escaping, no collation surprises)."""
    return (column >= value) & (column < value + _HIGH)


def _customer_no(session: Session, q: str, _pg: bool) -> Iterable[tuple[int, list[int]]]:
    exact = _ids(session, select(Customer.id).where(Customer.customer_no == q))
    yield EXACT, exact
    if len(q) < 10:
        yield PREFIX, _ids(session, select(Customer.id).where(_prefix(Customer.customer_no, q))
                           .order_by(Customer.customer_no))


def _meter(session: Session, q: str, _pg: bool) -> Iterable[tuple[int, list[int]]]:
    column = Meter.asset_no if len(q) == 22 else Meter.address
    yield EXACT, _ids(session, select(Meter.customer_id).where(column == q)
                      .where(Meter.customer_id.is_not(None)))


def _seal(session: Session, q: str, _pg: bool) -> Iterable[tuple[int, list[int]]]:
    stmt = (select(Meter.customer_id).join(Seal, Seal.meter_id == Meter.id)
            .where(Seal.seal_no == q).where(Meter.customer_id.is_not(None)))
    yield EXACT, _ids(session, stmt)


def _phone(session: Session, q: str, pg: bool) -> Iterable[tuple[int, list[int]]]:
    if len(q) == 11:
        yield EXACT, _ids(session, select(Customer.id).where(Customer.phone == q))
        return
    # The expression must read exactly as the index's for the planner to use it.
    tail = text("right(customer.phone, 4) = :tail" if pg else "substr(customer.phone, -4) = :tail")
    stmt = select(Customer.id).where(tail.bindparams(tail=q[-4:]))
    if len(q) > 4:
        stmt = stmt.where(Customer.phone.like(f"%{q}"))
    yield FUZZY, _ids(session, stmt)


def _name(session: Session, q: str, pg: bool) -> Iterable[tuple[int, list[int]]]:
    yield NAME_EXACT, _ids(session, select(Customer.id).where(Customer.name == q))
    # Prefix (a surname alone included) rides the B-tree on name.
    prefix = Customer.name.like(f"{q}%") if pg else _prefix(Customer.name, q)
    yield PREFIX, _ids(session, select(Customer.id).where(prefix))
    if len(q) < 2:
        return
    if pg:
        # pg_trgm needs three characters or an anchored end to use its index.
        inner = f"%{q}%" if len(q) >= 3 else f"%{q}"
        yield FUZZY, _ids(session, select(Customer.id).where(Customer.name.like(inner)))
    else:
        # Two characters: the end of a name (^…$ padded) is where a trigram sees them.
        key = _fts_text(q) if len(q) >= 3 else f"{_fts_text(q)}$"
        yield FUZZY, _ids(session, _fts(f'name_key : "{key}"'))


def _pinyin(session: Session, q: str, _pg: bool) -> Iterable[tuple[int, list[int]]]:
    yield NAME_EXACT, _ids(session, select(Customer.id).where(Customer.name_initials == q))
    yield PREFIX, _ids(session, select(Customer.id).where(_prefix(Customer.name_pinyin, q)))
    if len(q) <= 4:
        yield PREFIX, _ids(session, select(Customer.id).where(_prefix(Customer.name_initials, q)))


def _address(session: Session, q: str, pg: bool) -> Iterable[tuple[int, list[int]]]:
    if pg and len(q) >= 3:
        stmt = select(Customer.id).where(Customer.address.like(f"%{q}%"))
    elif len(q) >= 3:
        stmt = _fts(f'address : "{_fts_text(q)}"')
    else:
        # Under three characters no trigram exists; a capped scan stops at
        # CAP hits, which a fragment as common as 村 reaches at once.
        stmt = select(Customer.id).where(Customer.address.like(f"%{q}%"))
    yield FUZZY, _ids(session, stmt)


def _fts_text(q: str) -> str:
    return q.replace('"', '""')


def _fts(match: str) -> Select:
    """Customers whose FTS5 trigram row matches (SQLite only)."""
    rows = (text("SELECT rowid FROM customer_fts WHERE customer_fts MATCH :m")
            .bindparams(m=match).columns(column("rowid", Integer)))
    return select(Customer.id).where(Customer.id.in_(rows))


_PROBES = {
    Kind.CUSTOMER_NO: _customer_no,
    Kind.METER: _meter,
    Kind.SEAL: _seal,
    Kind.PHONE: _phone,
    Kind.NAME: _name,
    Kind.PINYIN: _pinyin,
    Kind.ADDRESS: _address,
}
