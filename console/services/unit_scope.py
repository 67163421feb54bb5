"""Which supply units an actor's unit covers: itself and every unit below it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.models import Unit


def units_in_scope(session: Session, unit_id: int | None) -> dict[int, str]:
    """The unit and every unit below it, id -> name (all units for a system actor)."""
    units = session.execute(select(Unit.id, Unit.parent_id, Unit.name)).all()
    if unit_id is None:
        return {u.id: u.name for u in units}
    children: dict[int | None, list[int]] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u.id)
    names = {u.id: u.name for u in units}
    scope, todo = {}, [unit_id]
    while todo:
        current = todo.pop()
        scope[current] = names.get(current, "")
        todo.extend(children.get(current, ()))
    return scope
