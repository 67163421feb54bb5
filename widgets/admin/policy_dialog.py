"""The edit form of one cost-control policy: thresholds, notice, quiet hours, guards.

Prefilled from the selected row. The form checks what it can at once (quiet
hours as HH:MM, amounts as Decimal) and says which field is wrong; the service
checks everything again and its refusal stays in the dialog's message bar.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QSpinBox, QWidget

from console.errors import ConsoleError, ValidationError
from console.models.enums import CustomerCategory, values
from console.services.cost_control.policy_admin import RANGES, PolicyView, parse_time
from widgets.desk import Desk
from widgets.domain_labels import category_name
from widgets.errors import error_text
from widgets.form_dialog import FormDialog

FLAG_NAMES = ("no_weekends", "no_holidays", "auto_approve", "alarm_command", "active")


def money_text(value: Decimal) -> str:
    return f"{value:.2f}"


class PolicyDialog(FormDialog):
    """Edits one policy; OK saves the changed fields with the version it was read at."""

    sig_policy_saved = Signal(object)
    """The service saved the policy; carries its new PolicyView."""

    def __init__(self, desk: Desk, policy: PolicyView,
                 save: Callable[..., PolicyView], parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._policy, self._save_call = policy, save
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setMinimumWidth(560)
        p = self._policy
        self.name_edit = QLineEdit(p.name, self)
        self.alert_edit = QLineEdit(money_text(p.alert_balance), self)
        self.disconnect_edit = QLineEdit(money_text(p.disconnect_balance), self)
        self.topup_edit = QLineEdit(money_text(p.topup_amount), self)
        self.spins = {name: self._spin(name, getattr(p, name)) for name in RANGES}
        self.quiet_start_edit = QLineEdit(p.quiet_start.strftime("%H:%M"), self)
        self.quiet_end_edit = QLineEdit(p.quiet_end.strftime("%H:%M"), self)
        for edit in (self.quiet_start_edit, self.quiet_end_edit):
            edit.setInputMask("")  # free text: a wrong time is said, not silently masked
            edit.setMaxLength(5)
        self.flags = {name: QCheckBox(self) for name in FLAG_NAMES}
        for name, box in self.flags.items():
            box.setChecked(bool(getattr(p, name)))
        self.category_boxes = {c: QCheckBox(self) for c in values(CustomerCategory)}
        for code, box in self.category_boxes.items():
            box.setChecked(code in p.protected_categories)
        for field in (self.name_edit, self.alert_edit, self.disconnect_edit, self.topup_edit,
                      self.spins["notice_days"], self.spins["reminder_minutes"],
                      self.spins["disconnect_after_days"], self.quiet_start_edit,
                      self.quiet_end_edit, self.spins["max_disconnects_per_hour"]):
            self.add_row(field)
        self.add_row(self._grid(list(self.flags.values()), 1))
        self.add_row(self._grid(list(self.category_boxes.values()), 3))

    def _spin(self, name: str, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(*RANGES[name])
        spin.setValue(value)
        return spin

    def _grid(self, boxes: list[QCheckBox], columns: int) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for n, box in enumerate(boxes):
            grid.addWidget(box, n // columns, n % columns)
        return grid

    def _connect_signals(self) -> None:
        """OK and Cancel are wired by FormDialog."""

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Edit policy {name}").format(name=self._policy.name))
        self.intro_label.setText(self.tr(
            "Changes apply from cost control's next run and at the check the collector "
            "makes right before each cut."))
        self.ok_button.setText(self.tr("Save policy"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.set_labels(*[self._labels().get(n, n) for n in (
            "name", "alert_balance", "disconnect_balance", "topup_amount", "notice_days",
            "reminder_minutes",
            "disconnect_after_days", "quiet_start", "quiet_end", "max_disconnects_per_hour")],
            self.tr("Guards:"), self.tr("Never cut automatically:"))
        self.spins["reminder_minutes"].setSuffix(self.tr(" min"))
        for name in ("notice_days", "disconnect_after_days"):
            self.spins[name].setSuffix(self.tr(" days"))
        self.quiet_start_edit.setPlaceholderText(self.tr("HH:MM, e.g. 18:00"))
        self.quiet_end_edit.setPlaceholderText(self.tr("HH:MM, e.g. 08:00"))
        texts = {"no_weekends": self.tr("No cuts at weekends"),
                 "no_holidays": self.tr("No cuts on holidays"),
                 "auto_approve": self.tr("Approve cost control's requests automatically"),
                 "alarm_command": self.tr("Sound the meter's alarm with the alert"),
                 "active": self.tr("Policy in force")}
        for name, box in self.flags.items():
            box.setText(texts[name])
        for code, box in self.category_boxes.items():
            box.setText(category_name(code))

    def field_label(self, field: str) -> str:
        """The form's label of a service field name, for messages that name it."""
        return self._labels().get(field, field).rstrip(":：")

    def _labels(self) -> dict[str, str]:
        return {
            "name": self.tr("Name:"), "alert_balance": self.tr("Alert below (yuan):"),
            "disconnect_balance": self.tr("Disconnect below (yuan):"),
            "topup_amount": self.tr("Prepaid top-up to suggest (yuan):"),
            "notice_days": self.tr("Notice period:"),
            "reminder_minutes": self.tr("Reminder before a cut:"),
            "disconnect_after_days": self.tr("Days overdue before a notice:"),
            "quiet_start": self.tr("Quiet hours from:"), "quiet_end": self.tr("Quiet hours until:"),
            "max_disconnects_per_hour": self.tr("Cuts per unit per hour, at most:"),
            "protected_categories": self.tr("Never cut automatically:"),
        }

    # -- reading the form -------------------------------------------------------------------

    def changes(self) -> dict[str, Any] | None:
        """The edited fields, or None after naming the first bad one inline."""
        try:
            values_ = {
                "name": self.name_edit.text(),
                "alert_balance": self._decimal(self.alert_edit, "alert_balance"),
                "disconnect_balance": self._decimal(self.disconnect_edit, "disconnect_balance"),
                "topup_amount": self._decimal(self.topup_edit, "topup_amount"),
                "quiet_start": self._time(self.quiet_start_edit, "quiet_start"),
                "quiet_end": self._time(self.quiet_end_edit, "quiet_end"),
                "protected_categories": tuple(c for c, b in self.category_boxes.items()
                                              if b.isChecked()),
            }
        except ValidationError as exc:
            self._show_refusal(exc)
            return None
        values_.update({name: spin.value() for name, spin in self.spins.items()})
        values_.update({name: box.isChecked() for name, box in self.flags.items()})
        return {k: v for k, v in values_.items() if v != getattr(self._policy, k)}

    def _decimal(self, edit: QLineEdit, field: str) -> Decimal:
        try:
            value = Decimal(edit.text().strip())
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            edit.setFocus()
            raise ValidationError("not a number", field=field, value=edit.text(),
                                  reason="not_a_number")
        return value

    def _time(self, edit: QLineEdit, field: str) -> Any:
        try:
            return parse_time(edit.text(), field)
        except ValidationError:
            edit.setFocus()
            raise

    def _show_refusal(self, exc: BaseException) -> None:
        field = exc.params.get("field") if isinstance(exc, ConsoleError) else None
        if not field:
            self.message_bar.show_error(exc)
            return
        reason = exc.params.get("reason")
        detail = {"not_hhmm": self.tr("type a time of day as HH:MM, e.g. 22:30."),
                  "not_a_number": self.tr("“{value}” is not a number.").format(
                      value=str(exc.params.get("value", "")).strip()),
                  "above_alert": self.tr("it must not be above the alert threshold."),
                  }.get(str(reason)) or error_text(exc)
        self.message_bar.show_error(self.tr("{field}: {detail}").format(
            field=self.field_label(str(field)), detail=detail))

    def _on_ok_clicked(self) -> None:
        self.message_bar.clear()
        changes = self.changes()
        if changes is None:
            return
        if not changes:
            self.reject()  # nothing changed: nothing to write or audit
            return
        save, version = self._save_call, self._policy.version
        self.ok_button.setEnabled(False)
        self._desk.run(lambda: save(expected_version=version, **changes), self, self._on_done,
                       self._on_failed, write=True)

    def _on_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self._show_refusal(exc)

    def _on_saved(self, value: PolicyView) -> None:
        self.sig_policy_saved.emit(value)
