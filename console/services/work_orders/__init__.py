"""Work orders (工单), one import for the screens and the other services (issue 15).

    from console.services import work_orders
    work_orders.create_work_order(db, actor, kind="complaint", customer_id=7)

Use cases: open an order (`create_work_order`, or `open_order` in the caller's own
transaction), move it (`transition`: assign, start, complete, cancel), read it
(`get_work_order`, `list_work_orders`) — all in orders. Who may take an order or an
inspection route is in staff; the seal moves a replacement or closure makes, in
seal_moves; the views, SLA defaults and the state machine (pure), in types; due times
from the SLA table in sla. The last steps of two kinds of order, each in one transaction:
account closure (销户) in closure with its final bill in closure_bill, and meter replacement
(换表) in replacement. Customers' ratings after an order or a counter visit (满意度) in
satisfaction.
"""

from __future__ import annotations

from console.services.work_orders.orders import (
    METER_KINDS,
    check_actor,
    create_work_order,
    get_work_order,
    list_work_orders,
    load,
    may,
    move,
    open_order,
    transition,
    view_of,
)
from console.services.work_orders.types import (
    ACTIONS,
    ASSIGN,
    CANCEL,
    COMPLETE,
    FINAL_STATES,
    MOVES,
    OPEN_STATES,
    RESOLUTION_MAX,
    SOURCES,
    STEP_KINDS,
    WorkOrderView,
    is_overdue,
)

__all__ = [
    "ACTIONS", "ASSIGN", "CANCEL", "COMPLETE", "FINAL_STATES", "METER_KINDS", "MOVES",
    "OPEN_STATES", "RESOLUTION_MAX", "SOURCES", "STEP_KINDS", "WorkOrderView", "check_actor",
    "create_work_order", "get_work_order", "is_overdue", "list_work_orders", "load", "may", "move",
    "open_order", "transition", "view_of",
]
