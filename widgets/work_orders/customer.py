"""Work orders in the customer view: the "New work order" button, the customer's open
orders and satisfaction in a strip under the name, and rating a counter visit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from console.services import work_orders
from console.services.permissions import Permission, allowed
from console.services.work_orders import satisfaction
from widgets.desk import Desk
from widgets.work_orders.actions import OrderActions
from widgets.work_orders.dialogs import NewWorkOrderDialog
from widgets.work_orders.texts import kind_name, stars, work_order_error


class CustomerWorkOrders(QFrame):
    """The strip; it also answers the view's "work_order" action."""

    sig_order_created = Signal(object)
    """A work order was opened from the customer view (WorkOrderView)."""

    sig_loaded = Signal(int)
    """The strip shows this customer's orders and ratings."""

    def __init__(self, view: QWidget, desk: Desk) -> None:
        super().__init__(view, objectName="WorkOrderStrip")
        self._desk = desk
        self._view, self._db, self._actor = view, desk.db, desk.actor
        self.actions = OrderActions(desk)
        self._customer_id = None
        self.dialog = None  # the open dialog, for tests
        self.summary_label, self.rate_button = QLabel(self), QPushButton(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label, 1)
        layout.addWidget(self.rate_button)
        self._rows: tuple[list, list] = ([], [])
        view.sig_loaded.connect(self._on_view_loaded)
        view.sig_action_requested.connect(self._on_view_action_requested)
        self.rate_button.clicked.connect(self._on_rate_button_clicked)
        self._new = QShortcut(QKeySequence("Ctrl+W"), view)
        self._new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._new.activated.connect(lambda: view.actions["work_order"].isEnabled()
                                    and view.actions["work_order"].click())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.rate_button.setText(self.tr("Rate this visit..."))
        self.rate_button.setToolTip(self.tr("Record the customer's satisfaction with today's "
                                            "visit (1-5 and a comment)"))
        self._show()

    def _on_view_loaded(self, customer_id: int) -> None:
        self._customer_id = customer_id
        db, actor = self._db, self._actor

        def load() -> tuple[list, list]:
            return (work_orders.list_work_orders(db, actor, customer_id=customer_id),
                    satisfaction.customer_satisfaction(db, actor, customer_id))

        self._desk.run(load, self, self._on_loaded, self._on_failed, key="orders")

    def _on_loaded(self, rows: tuple[list, list]) -> None:
        self._rows = rows
        self._show()
        self.sig_loaded.emit(self._customer_id)

    def _show(self) -> None:
        orders, ratings = self._rows
        live = [o for o in orders if o.is_open]
        parts = [self.tr("Open work orders: %n", "", len(live))]
        late = sum(1 for o in live if o.overdue)
        if late:
            parts.append(self.tr("%n overdue", "", late))
        parts += [f"{kind_name(o.kind)} {o.order_no}" for o in live[:3]]
        if ratings:
            mean = sum(r.rating for r in ratings) / len(ratings)
            parts.append(self.tr("Satisfaction {stars} {mean:.1f} from %n rating(s)", "",
                                 len(ratings)).format(stars=stars(round(mean)), mean=mean))
            if ratings[0].comment:
                parts.append(self.tr("latest: \"{comment}\"").format(comment=ratings[0].comment))
        self.summary_label.setText("  ·  ".join(parts))

    def _on_failed(self, exc: BaseException) -> None:
        self._view.message_bar.show_error(work_order_error(exc))

    def _on_view_action_requested(self, action: str, customer_id: int) -> None:
        if action != "work_order":
            return
        db, actor = self._db, self._actor
        name = self._view.detail.identity.name if self._view.detail else ""
        dialog = NewWorkOrderDialog(self._desk, lambda kind, text: work_orders.create_work_order(
            db, actor, kind=kind, customer_id=customer_id, description=text), name, self._view)
        dialog.sig_saved.connect(lambda order: self._on_order_created(order, dialog.carry_out_now))
        self._open(dialog)

    def _on_order_created(self, order, now: bool) -> None:  # WorkOrderView
        self._view.message_bar.show_success(self.tr("Work order {order} opened, due {due}.")
                                            .format(order=order.order_no,
                                                    due=order.due_at.astimezone().strftime(
                                                        "%Y-%m-%d %H:%M")))
        self.sig_order_created.emit(order)
        if now:
            steps = self.actions.finish(order, self._view)
            steps.sig_saved.connect(lambda _r: self._view.load(order.customer_id))
            self._open(steps)
        else:
            self._view.load(order.customer_id)

    def _on_rate_button_clicked(self) -> None:
        if self._customer_id is None:
            return
        dialog = self.actions.rate(None, self._customer_id, self.tr("today's visit"), self._view)
        dialog.sig_saved.connect(lambda _r: self._on_view_loaded(self._customer_id))
        self._open(dialog)

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()


def attach_work_orders(view: QWidget, desk: Desk) -> CustomerWorkOrders | None:
    """Give the customer view its work-order strip and button (roles with WORK_ORDERS)."""
    if not allowed(desk.actor.role, Permission.WORK_ORDERS):
        return None
    strip = CustomerWorkOrders(view, desk)
    view.layout().insertWidget(2, strip)
    view.work_orders_enabled = True
    view.retranslate_ui()
    return strip
