"""Small work-order dialogs: open an order, assign it, finish or cancel it, rate it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from console.services.work_orders import may
from widgets.desk import Desk
from widgets.form_dialog import FormDialog
from widgets.labels import role_name
from widgets.work_orders.texts import KINDS, kind_name, stars, work_order_error

STEP_KINDS = ("meter_replacement", "account_closure")


class WorkOrderForm(FormDialog):
    """A form dialog whose refusals speak the work-order reasons."""

    sig_saved = Signal(object)
    """The write succeeded; carries what the service returned."""

    def _on_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message_bar.show_error(work_order_error(exc))

    def _on_saved(self, value: Any) -> None:
        self.sig_saved.emit(value)


def _text_box(parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)  # Tab leaves the box: the form stays keyboard-usable
    box.setFixedHeight(80)
    return box


class NewWorkOrderDialog(WorkOrderForm):
    """Open an order for the customer shown; replacement and closure may run at once."""

    def __init__(self, desk: Desk, create: Callable[[str, str], object],
                 customer: str, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._create, self._customer = create, customer
        self.kind_combo = QComboBox(self)
        for kind in KINDS:
            self.kind_combo.addItem("", kind)
        self.description_edit = _text_box(self)
        self.now_check = QCheckBox(self)
        self.add_row(self.kind_combo)
        self.add_row(self.description_edit)
        self.form.addRow(self.now_check)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self.retranslate_ui()
        self._on_kind_combo_changed()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New work order"))
        self.intro_label.setText(self.tr("Open a work order for {customer}. Its due time "
                                         "follows the service promise of the kind.").format(
            customer=self._customer))
        for index, kind in enumerate(KINDS):
            self.kind_combo.setItemText(index, kind_name(kind))
        self.set_labels(self.tr("Kind"), self.tr("Description"))
        self.description_edit.setPlaceholderText(self.tr("What the customer asks or reports"))
        self.now_check.setText(self.tr("Carry it out now, at the counter"))
        self.ok_button.setText(self.tr("Open order"))
        self.cancel_button.setText(self.tr("Cancel"))

    @property
    def kind(self) -> str:
        return self.kind_combo.currentData()

    @property
    def carry_out_now(self) -> bool:
        return self.now_check.isVisible() and self.now_check.isChecked()

    def _on_kind_combo_changed(self, _index: int = 0) -> None:
        # Only someone who may run the steps is offered them (a clerk opens a closure for a
        # supervisor to carry out).
        steps = self.kind in STEP_KINDS and may(self._desk.actor.role, "complete", self.kind)
        self.now_check.setVisible(steps)
        self.now_check.setChecked(steps)

    def _on_ok_clicked(self) -> None:
        create, kind, text = self._create, self.kind, self.description_edit.toPlainText()
        self._save(lambda: create(kind, text))


class AssignDialog(WorkOrderForm):
    """Pick who takes the order; the staff list loads off the UI thread."""

    def __init__(self, desk: Desk, load: Callable[[], Sequence[object]],
                 assign: Callable[[int], object], order_no: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._assign, self._order_no = assign, order_no
        self.assignee_combo = QComboBox(self)
        self.add_row(self.assignee_combo)
        self.ok_button.setEnabled(False)
        self.retranslate_ui()
        self._desk.run(load, self, self._on_staff_loaded, self._on_failed)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Assign work order"))
        self.intro_label.setText(self.tr("Who takes order {order}?").format(order=self._order_no))
        self.set_labels(self.tr("Assignee"))
        self.ok_button.setText(self.tr("Assign"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _on_staff_loaded(self, staff: Sequence[object]) -> None:
        for person in staff:
            self.assignee_combo.addItem(f"{person.full_name} · {role_name(person.role)}",
                                        person.id)
        self.ok_button.setEnabled(bool(staff))
        if not staff:
            self.message_bar.show_error(self.tr("Nobody in the order's unit can take it: "
                                                "add staff to the unit first."))

    def _on_ok_clicked(self) -> None:
        assign, user_id = self._assign, self.assignee_combo.currentData()
        self._save(lambda: assign(user_id))


class ResolutionDialog(WorkOrderForm):
    """Complete (what was done) or cancel (why) an order; the text is required."""

    def __init__(self, desk: Desk, save: Callable[[str], object], order_no: str, *,
                 cancel: bool, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._save_call, self._order_no, self._cancel = save, order_no, cancel
        self.resolution_edit = _text_box(self)
        self.add_row(self.resolution_edit)
        self.resolution_edit.textChanged.connect(self._on_resolution_edit_changed)
        self.retranslate_ui()
        self._on_resolution_edit_changed()

    def retranslate_ui(self) -> None:
        if self._cancel:
            self.setWindowTitle(self.tr("Cancel work order"))
            self.intro_label.setText(self.tr("Cancel order {order}: say why.").format(
                order=self._order_no))
            self.set_labels(self.tr("Reason"))
            self.ok_button.setText(self.tr("Cancel order"))
            self.cancel_button.setText(self.tr("Keep it"))
        else:
            self.setWindowTitle(self.tr("Complete work order"))
            self.intro_label.setText(self.tr("Complete order {order}: what was done?").format(
                order=self._order_no))
            self.set_labels(self.tr("Resolution"))
            self.ok_button.setText(self.tr("Complete"))
            self.cancel_button.setText(self.tr("Cancel"))

    def _on_resolution_edit_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.resolution_edit.toPlainText().strip()))

    def _on_ok_clicked(self) -> None:
        save, text = self._save_call, self.resolution_edit.toPlainText()
        self._save(lambda: save(text))


class RatingDialog(WorkOrderForm):
    """The customer's rating (1–5) and comment, of an order or of today's visit."""

    def __init__(self, desk: Desk, save: Callable[[int, str], object], subject: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._save_call, self._subject = save, subject
        self.rating_combo = QComboBox(self)
        for rating in (5, 4, 3, 2, 1):
            self.rating_combo.addItem("", rating)
        self.comment_edit = QLineEdit(self)
        self.comment_edit.setMaxLength(400)
        self.add_row(self.rating_combo)
        self.add_row(self.comment_edit)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Customer satisfaction"))
        self.intro_label.setText(self.tr("How satisfied is the customer with {subject}?")
                                 .format(subject=self._subject))
        names = {5: self.tr("very satisfied"), 4: self.tr("satisfied"), 3: self.tr("neutral"),
                 2: self.tr("dissatisfied"), 1: self.tr("very dissatisfied")}
        for index in range(self.rating_combo.count()):
            rating = self.rating_combo.itemData(index)
            self.rating_combo.setItemText(index, f"{stars(rating)}  {rating} · {names[rating]}")
        self.set_labels(self.tr("Rating"), self.tr("Comment"))
        self.ok_button.setText(self.tr("Record"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _on_ok_clicked(self) -> None:
        save = self._save_call
        rating, comment = self.rating_combo.currentData(), self.comment_edit.text()
        self._save(lambda: save(rating, comment))
