"""Which supply units an actor's unit covers: itself and every unit below it.

A service hall (营业厅) is a leaf of its county company but serves every customer of the
county at its counters, so a hall covers its county: the county's stations and the hall.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.models import Unit
from console.models.enums import UnitKind


def units_in_scope(session: Session, unit_id: int | None) -> dict[int, str]:
    """The unit and every unit below it, id -> name (all units for a system actor)."""
    units = session.execute(select(Unit.id, Unit.parent_id, Unit.name, Unit.kind)).all()
    if unit_id is None:
        return {u.id: u.name for u in units}
    children: dict[int | None, list[int]] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u.id)
    names = {u.id: u.name for u in units}
    own = next((u for u in units if u.id == unit_id), None)
    root = own.parent_id if own is not None and own.kind == UnitKind.HALL and own.parent_id \
        else unit_id
    scope, todo = {}, [root]
    while todo:
        current = todo.pop()
        scope[current] = names.get(current, "")
        todo.extend(children.get(current, ()))
    return scope
