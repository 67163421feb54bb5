"""Candidate customer ids for a parsed query, one indexed probe per kind.

Every probe is an index lookup (B-tree range, FTS5 trigram, pg_trgm GIN) capped
at CAP rows, so no query — a single common character included — scans the
table. Ranks: 0 exact identifier, 1 exact name/initials, 2 prefix, 3 fuzzy.

A clerk waits on every keystroke, so the probes are built once per engine
(statements.py) and run on the session's connection as plain Core: an id
list needs no ORM identity map, and a statement built per call would cost
more Python than the index lookup itself costs SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from console.search import statements as st
from console.search.query import Kind, Query
from console.search.statements import CAP as CAP  # the count's "more than" bound

EXACT, NAME_EXACT, PREFIX, FUZZY = 0, 1, 2, 3
_HIGH = "\U0010ffff"  # upper bound of a prefix range

# Precise, cheap probes first: a later probe may be skipped once they answered.
ORDER = (Kind.CUSTOMER_NO, Kind.METER, Kind.SEAL, Kind.NAME, Kind.PINYIN, Kind.PHONE, Kind.ADDRESS)
ADDRESS_MARKS = set("村路街道巷号排组镇乡庄区县楼栋单元室")

Found = Iterable[tuple[int, list[int]]]


def candidates(session: Session, query: Query) -> dict[int, int]:
    """customer id -> best rank, over every kind the query can be."""
    ranked: dict[int, int] = {}
    conn = session.connection()
    probes = st.for_dialect(conn.dialect.name)
    for kind in (k for k in ORDER if k in query.kinds):
        if _skip(kind, query, ranked, probes.pg):
            continue
        for rank, ids in _PROBES[kind](Probe(conn, probes), query.text):
            for customer_id in ids:
                if rank < ranked.get(customer_id, 99):
                    ranked[customer_id] = rank
    return ranked


def _skip(kind: Kind, query: Query, ranked: dict[int, int], pg: bool) -> bool:
    """Probes not worth their cost given what the earlier ones found."""
    q = query.text
    if kind is Kind.ADDRESS and not pg and len(q) >= 3 and Kind.NAME in query.kinds:
        return True  # the name probe's FTS5 query searched the addresses too (see _name)
    if kind is Kind.PHONE and len(q) >= 9 and EXACT in ranked.values():
        return True  # a whole customer number or meter address was typed or scanned
    if kind is Kind.ADDRESS and len(q) < 3 and not ADDRESS_MARKS & set(q):
        # Two characters without 村/路/号…: a name first; scan addresses only
        # when no name matched (below three characters no trigram index helps).
        return bool(ranked)
    return False


class Probe:
    """Runs one engine's prebuilt statements on a connection; each returns ids."""

    def __init__(self, conn: Connection, statements: st.Statements) -> None:
        self.conn, self.pg, self._statements = conn, statements.pg, statements

    def __call__(self, name: str, **params: object) -> list[int]:
        return list(self.conn.execute(getattr(self._statements, name), params).scalars())

    def prefix(self, name: str, q: str) -> list[int]:
        """Values starting with q: a range, or LIKE where the engine's index wants it
        (statements._prefix); each statement takes the parameters it names."""
        return self(name, lo=q, hi=q + _HIGH, like=f"{q}%")


def _customer_no(probe: Probe, q: str) -> Found:
    # A customer number has exactly ten digits (a CHECK on both engines), so
    # fewer can only be its start: one probe, not an exact one that cannot hit.
    if len(q) == 10:
        yield EXACT, probe("customer_no", q=q)
    else:
        yield PREFIX, probe.prefix("customer_no_prefix", q)


def _meter(probe: Probe, q: str) -> Found:
    yield EXACT, probe("meter_asset" if len(q) == 22 else "meter_address", q=q)


def _seal(probe: Probe, q: str) -> Found:
    yield EXACT, probe("seal", q=q)


def _phone(probe: Probe, q: str) -> Found:
    if len(q) == 11:
        yield EXACT, probe("phone", q=q)
    elif len(q) > 4:
        yield FUZZY, probe("phone_tail_like", tail=q[-4:], like=f"%{q}")
    else:
        yield FUZZY, probe("phone_tail", tail=q)


def _name(probe: Probe, q: str) -> Found:
    yield NAME_EXACT, probe("name", q=q)
    # Prefix (a surname alone included) rides the B-tree on name.
    yield PREFIX, probe("name_like", like=f"{q}%") if probe.pg else probe.prefix("name_prefix", q)
    if len(q) < 2:
        return
    if probe.pg:
        # pg_trgm needs three characters or an anchored end to use its index.
        yield FUZZY, probe("name_like", like=f"%{q}%" if len(q) >= 3 else f"%{q}")
    elif len(q) >= 3:
        # Names and addresses in one FTS5 query: both rank fuzzy, and FTS5
        # reads the same trigram lists whichever column it is asked about.
        yield FUZZY, probe("fts", m=f'"{_fts_text(q)}"')
    else:
        # Two characters: the end of a name (^…$ padded) is where a trigram sees them.
        yield FUZZY, probe("fts", m=f'name_key : "{_fts_text(q)}$"')


def _pinyin(probe: Probe, q: str) -> Found:
    yield NAME_EXACT, probe("initials", q=q)
    yield PREFIX, probe.prefix("pinyin_prefix", q)
    if len(q) <= 4:
        yield PREFIX, probe.prefix("initials_prefix", q)


def _address(probe: Probe, q: str) -> Found:
    if len(q) >= 3 and not probe.pg:
        yield FUZZY, probe("fts", m=f'address : "{_fts_text(q)}"')
    else:
        # PostgreSQL: the trigram GIN index. SQLite under three characters: no
        # trigram exists; a capped scan stops at CAP hits, which a fragment as
        # common as 村 reaches at once.
        yield FUZZY, probe("address_like", like=f"%{q}%")


def _fts_text(q: str) -> str:
    return q.replace('"', '""')


_PROBES = {
    Kind.CUSTOMER_NO: _customer_no,
    Kind.METER: _meter,
    Kind.SEAL: _seal,
    Kind.PHONE: _phone,
    Kind.NAME: _name,
    Kind.PINYIN: _pinyin,
    Kind.ADDRESS: _address,
}
