"""Which supply units an actor's unit covers: itself and every unit below it.

A service hall (营业厅) is a leaf of its county company but serves every customer of the
county at its counters, so a hall covers its county: the county's stations and the hall.

Every use case asks this (console.services.acting), so the tree is kept per engine and
read again only when its stamp changes. Why a stamp read from the table, not a cache
cleared by whoever edits units: nobody edits units through a service (the demo loader,
restores, a second workstation on the same PostgreSQL and plain SQL all write the table),
so there is no single place to clear it from, and a process can only learn of another's
change from the database. The stamp is a handful of aggregates over the table that the
database computes in microseconds and that `acting` folds into the statement it already
sends for the user row, so it costs no extra round trip:

    count, max(id)              a unit added or removed
    sum(parent), sum(id*parent)  a unit moved under another parent
    sum(id of the halls)        a unit made a hall or no longer one

Any single change moves at least one of them; two moves cancel only for the same unit
moved back (no change at all). Names are not in the stamp: the scope does not depend on
them, and `units_in_scope`, which reports print them from, reads them fresh.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, Label, case, func, select
from sqlalchemy.orm import Session

from console.models import Unit
from console.models.enums import UnitKind

Stamp = tuple[Any, ...]


def stamp_columns() -> list[Label[Any]]:
    """The tree's stamp as scalar subqueries, to add to another select (see above)."""
    parent = func.coalesce(Unit.parent_id, 0)
    hall = case((Unit.kind == UnitKind.HALL, Unit.id), else_=0)
    aggregates = (func.count(Unit.id), func.coalesce(func.max(Unit.id), 0),
                  func.coalesce(func.sum(parent), 0), func.coalesce(func.sum(Unit.id * parent), 0),
                  func.coalesce(func.sum(hall), 0))
    return [select(a).scalar_subquery().label(f"unit_stamp_{n}") for n, a in enumerate(aggregates)]


def read_stamp(session: Session) -> Stamp:
    return tuple(session.execute(select(*stamp_columns())).one())


@dataclass
class _Tree:
    """The unit tree as read at `stamp`, and the scopes already worked out from it."""

    stamp: Stamp
    children: dict[int | None, list[int]]
    parents: dict[int, tuple[int | None, str]]  # id -> (parent, kind)
    scopes: dict[int, frozenset[int]] = field(default_factory=dict)

    def covered(self, unit_id: int | None) -> frozenset[int]:
        key = -1 if unit_id is None else unit_id
        found = self.scopes.get(key)
        if found is None:
            found = frozenset(self.parents) if unit_id is None else frozenset(_below(self, unit_id))
            self.scopes[key] = found
        return found


def _below(tree: _Tree, unit_id: int) -> list[int]:
    parent, kind = tree.parents.get(unit_id, (None, ""))
    root = parent if kind == UnitKind.HALL and parent else unit_id
    scope, todo = [], [root]
    while todo:
        current = todo.pop()
        scope.append(current)
        todo.extend(tree.children.get(current, ()))
    return scope


_trees: weakref.WeakKeyDictionary[Engine, _Tree] = weakref.WeakKeyDictionary()
_lock = threading.Lock()  # the GUI, database and metering threads share a process's trees


def unit_ids_in_scope(session: Session, unit_id: int | None,
                      stamp: Stamp | None = None) -> frozenset[int]:
    """The ids of the unit and every unit below it (every unit for None); `stamp`, when the
    caller already read it (acting), spares the read."""
    engine = session.get_bind().engine
    stamp = read_stamp(session) if stamp is None else tuple(stamp)
    with _lock:
        tree = _trees.get(engine)
    if tree is None or tree.stamp != stamp:
        tree = _read_tree(session, stamp)
        with _lock:
            _trees[engine] = tree
    return tree.covered(unit_id)


def _read_tree(session: Session, stamp: Stamp) -> _Tree:
    units: Sequence[Any] = session.execute(select(Unit.id, Unit.parent_id, Unit.kind)).all()
    children: dict[int | None, list[int]] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u.id)
    return _Tree(stamp, children, {u.id: (u.parent_id, u.kind) for u in units})


def units_in_scope(session: Session, unit_id: int | None) -> dict[int, str]:
    """The unit and every unit below it, id -> name (all units for a system actor)."""
    names = {u.id: u.name for u in session.execute(select(Unit.id, Unit.name))}
    if unit_id is None:
        return names
    return {u: names.get(u, "") for u in unit_ids_in_scope(session, unit_id)}
