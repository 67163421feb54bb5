"""Dialogs bound to the work-order services for one order: used by the panel and the
customer view alike. Each returns the dialog (not shown yet); `sig_saved` says it wrote."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from console.services import work_orders
from console.services.work_orders import (
    closure,
    replacement,
    satisfaction,
    staff as work_order_staff,
)
from console.services.work_orders.types import WorkOrderView
from widgets.desk import Desk
from widgets.work_orders.dialogs import AssignDialog, RatingDialog, ResolutionDialog, WorkOrderForm
from widgets.work_orders.steps import ClosureDialog, ReplacementDialog
from widgets.work_orders.texts import kind_name


class OrderActions:
    """Builds the dialog for each action on `order`, wired to the services."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor

    def assign(self, order: WorkOrderView, parent: QWidget) -> WorkOrderForm:
        db, actor = self._db, self._actor
        return AssignDialog(
            self._desk, lambda: work_order_staff.assignable_staff(db, actor, order.id),
            lambda user_id: work_orders.transition(db, actor, order.id, "assign",
                                                   assignee_id=user_id,
                                                   expected_version=order.version),
            order.order_no, parent)

    def start(self, order: WorkOrderView) -> WorkOrderView:
        """Run on a worker: take the order and start it."""
        return work_orders.transition(self._db, self._actor, order.id, "start",
                                      expected_version=order.version)

    def finish(self, order: WorkOrderView, parent: QWidget) -> WorkOrderForm:
        """The replacement or closure steps, or a plain resolution for the other kinds."""
        if order.kind == "meter_replacement":
            return self._replacement(order, parent)
        if order.kind == "account_closure":
            return self._closure(order, parent)
        db, actor = self._db, self._actor
        return ResolutionDialog(self._desk, lambda text: work_orders.transition(
            db, actor, order.id, "complete", resolution=text, expected_version=order.version),
            order.order_no, cancel=False, parent=parent)

    def cancel(self, order: WorkOrderView, parent: QWidget) -> WorkOrderForm:
        db, actor = self._db, self._actor
        return ResolutionDialog(self._desk, lambda text: work_orders.transition(
            db, actor, order.id, "cancel", resolution=text, expected_version=order.version),
            order.order_no, cancel=True, parent=parent)

    def rate(self, order: WorkOrderView | None, customer_id: int, subject: str,
             parent: QWidget) -> WorkOrderForm:
        """Rate a finished order, or (order None) the customer's visit at the counter."""
        db, actor, key = self._db, self._actor, uuid.uuid4().hex
        order_id = order.id if order is not None else None
        return RatingDialog(self._desk, lambda rating, comment: satisfaction.record_satisfaction(
            db, actor, customer_id=customer_id, rating=rating, comment=comment,
            work_order_id=order_id, idempotency_key=key), subject, parent)

    def _replacement(self, order: WorkOrderView, parent: QWidget) -> WorkOrderForm:
        db, actor = self._db, self._actor

        def replace(*, final: str, asset_no: str, address: str, first: str, seals: list,
                    resolution: str) -> object:
            return replacement.replace_meter(
                db, actor, order.id, final_reading=final, first_reading=first, seals=seals,
                new_meter=replacement.NewMeter(asset_no.strip(), address.strip()),
                resolution=resolution)

        return ReplacementDialog(self._desk, lambda: replacement.meter_side(db, actor, order.id),
                                 replace, order.order_no, parent)

    def _closure(self, order: WorkOrderView, parent: QWidget) -> WorkOrderForm:
        db, actor = self._db, self._actor
        return ClosureDialog(
            self._desk, lambda: replacement.meter_side(db, actor, order.id),
            lambda final: closure.quote_closure(db, actor, order.id, final_reading=final),
            lambda final, method, key: closure.close_account(
                db, actor, order.id, final_reading=final, method=method, idempotency_key=key),
            order.order_no, parent)


def order_subject(order: WorkOrderView) -> str:
    return f"{kind_name(order.kind)} {order.order_no}"
