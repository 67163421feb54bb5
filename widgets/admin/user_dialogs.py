"""Dialogs of the staff administration: new account, temporary password."""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from console.services.admin.users import UnitInfo, UserInfo
from widgets.desk import Desk
from widgets.form_dialog import FormDialog
from widgets.labels import ROLES, role_name


def temporary_password() -> str:
    """Ten letters and digits, without look-alikes (0/O, 1/l/I) read out over the counter."""
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(10))
        if any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate):
            return candidate


class _AdminDialog(FormDialog):
    """A staff form whose OK saves one account."""

    sig_user_saved = Signal(object)
    """The service saved the account; carries its UserInfo."""

    def _password_row(self) -> QLineEdit:
        edit = QLineEdit(temporary_password(), self)
        self.generate_button = QPushButton(self)
        self.generate_button.clicked.connect(lambda: edit.setText(temporary_password()))
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(self.generate_button)
        self.add_row(row)
        return edit

    def _on_saved(self, value: UserInfo) -> None:
        self.sig_user_saved.emit(value)


class CreateUserDialog(_AdminDialog):
    """A new staff account with a temporary password to hand over."""

    def __init__(self, desk: Desk, units: list[UnitInfo], create: Callable[..., UserInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._units, self._create = units, create
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.username_edit, self.full_name_edit = QLineEdit(self), QLineEdit(self)
        self.role_combo, self.unit_combo = QComboBox(self), QComboBox(self)
        for widget in (self.username_edit, self.full_name_edit, self.role_combo, self.unit_combo):
            self.add_row(widget)
        for unit in self._units:
            self.unit_combo.addItem(f"{unit.name}  ({unit.code})", unit.id)
        self.password_edit = self._password_row()

    def _connect_signals(self) -> None:
        """OK and Cancel are wired by FormDialog."""

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New staff account"))
        self.intro_label.setText(self.tr(
            "Hand the temporary password to the new colleague; they choose their own "
            "password at first login."))
        labels = (self.tr("User name:"), self.tr("Full name:"), self.tr("Role:"),
                  self.tr("Unit:"), self.tr("Temporary password:"))
        self.set_labels(*labels)
        current = self.role_combo.currentIndex()
        self.role_combo.clear()
        for role in ROLES:
            self.role_combo.addItem(role_name(role), role)
        self.role_combo.setCurrentIndex(max(current, 0))
        self.generate_button.setText(self.tr("New"))
        self.ok_button.setText(self.tr("Create account"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _on_ok_clicked(self) -> None:
        values = {
            "username": self.username_edit.text(),
            "full_name": self.full_name_edit.text(),
            "role": self.role_combo.currentData(),
            "unit_id": self.unit_combo.currentData(),
            "password": self.password_edit.text(),
        }
        if values["unit_id"] is None:
            self.message_bar.show_error(self.tr("Please choose a unit."))
            return
        create = self._create
        self._save(lambda: create(**values))


class ResetPasswordDialog(_AdminDialog):
    """A temporary password for a colleague who forgot theirs; also unlocks."""

    def __init__(self, desk: Desk, user: UserInfo, reset: Callable[[str], UserInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._user, self._reset = user, reset
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.password_edit = self._password_row()

    def _connect_signals(self) -> None:
        """OK and Cancel are wired by FormDialog."""

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Reset password"))
        self.intro_label.setText(self.tr(
            "Set a temporary password for {name} ({user}). The account is unlocked and "
            "must choose a new password at next login.").format(
                name=self._user.full_name, user=self._user.username))
        self.set_labels(self.tr("Temporary password:"))
        self.generate_button.setText(self.tr("New"))
        self.ok_button.setText(self.tr("Reset password"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _on_ok_clicked(self) -> None:
        reset, password = self._reset, self.password_edit.text()
        self._save(lambda: reset(password))
