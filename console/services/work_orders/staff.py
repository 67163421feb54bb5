"""Who can take a work order or an inspection route: the staff of the order's unit.

The assign dialog and the route export offer these people instead of a box to type a name
in; the lists are checked like every use case — the caller's role, and the order's unit
inside the caller's branch of the tree.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import NotFound
from console.models import User
from console.models.enums import Role
from console.models.work import WorkOrder
from console.services.acting import use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.permissions import Permission, allowed, require
from console.services.report_data.common import unit_in_scope
from console.services.work_orders.types import Assignee

# Roles whose people take work orders (administrators do not go out to customers).
TAKERS = (Role.COUNTER, Role.SUPERVISOR, Role.INSPECTOR)


def _staff(session: Session, unit_ids: Sequence[int], roles: Sequence[str]) -> list[Assignee]:
    rows = session.execute(select(User.id, User.full_name, User.role).where(
        User.active.is_(True), User.role.in_(roles), User.unit_id.in_(unit_ids))
        .order_by(User.full_name, User.id))
    return [Assignee(*row) for row in rows]


def _order_units(session: Session, actor: Actor, order_ids: Sequence[int]) -> list[int]:
    units = []
    for order_id in dict.fromkeys(order_ids):
        order = session.get(WorkOrder, order_id)
        if order is None:
            raise NotFound("no such work order", entity="work_order", id=order_id)
        unit_in_scope(session, actor, order.unit_id)
        units.append(order.unit_id)
    return list(dict.fromkeys(units))


@use_case(Permission.WORK_ORDERS, work_order="order_id")
def assignable_staff(db: Database, actor: Actor, order_id: int) -> list[Assignee]:
    """Active staff of the order's unit whose role takes work orders. Needs WORK_ORDERS and
    the order's unit in the caller's branch."""
    roles = [r for r in TAKERS if allowed(r, Permission.WORK_ORDERS)]
    with db.read() as session:
        return _staff(session, _order_units(session, actor, [order_id]), roles)


# No permission in the rule: the inspection CLI asks as a system actor (checked below).
@use_case(None, work_order="order_ids")
def route_inspectors(db: Database, actor: Actor, order_ids: Sequence[int]) -> list[Assignee]:
    """Active inspectors of the units of these inspection orders, to carry their route.
    Needs DISPATCH_INSPECTIONS and every order's unit in the caller's branch."""
    if actor is None or actor.role != SYSTEM_ROLE:
        require(actor, Permission.DISPATCH_INSPECTIONS)
    with db.read() as session:
        return _staff(session, _order_units(session, actor, order_ids), ("inspector",))
