"""Changing one's own password: at first login after a reset, or from the menu."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from console.services import auth
from console.services.actor import Actor
from console.services.admin.security import SecurityPolicy, security_policy
from widgets.desk import Desk
from widgets.form_dialog import FormDialog


class ChangePasswordDialog(FormDialog):
    """Old password (unless just typed at login), new one twice."""

    sig_password_changed = Signal(object)
    """The password was changed; carries the refreshed Actor."""

    def __init__(
        self,
        desk: Desk,
        *,
        current_password: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, parent)
        self._db, self._actor = desk.db, desk.actor
        self._current = current_password
        self._policy: SecurityPolicy | None = None
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        db = self._db
        desk.run(lambda: security_policy(db), self, self._on_policy_loaded)

    def _build_ui(self) -> None:
        self.rules_label = QLabel(self)
        self.rules_label.setObjectName("RequiredNote")
        self.rules_label.setWordWrap(True)
        self.layout().insertWidget(1, self.rules_label)
        self.old_edit, self.new_edit, self.repeat_edit = (QLineEdit(self) for _ in range(3))
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.add_row(edit)
        # Just typed at login: asking again would only annoy.
        self.form.setRowVisible(0, self._current is None)

    def _connect_signals(self) -> None:
        """OK and Cancel are wired by FormDialog."""

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Change password"))
        self.intro_label.setText(
            self.tr("Please choose a new password.") if self._current is None else
            self.tr("Your password was set by an administrator. Please choose your own "
                    "password before you continue."))
        self.rules_label.setText(self._rules_text())
        self.set_labels(self.tr("Current password:"), self.tr("New password:"),
                        self.tr("Repeat new password:"))
        self.ok_button.setText(self.tr("Change password"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _on_policy_loaded(self, policy: SecurityPolicy) -> None:
        self._policy = policy
        self.rules_label.setText(self._rules_text())

    def _rules_text(self) -> str:
        """The site's rules, one a line, as the admins set them."""
        policy = self._policy
        if policy is None:
            return ""
        rules = [self.tr("at least {count} characters").format(count=policy.min_length)]
        if policy.letters_and_digits:
            rules.append(self.tr("letters and digits"))
        if policy.no_username:
            rules.append(self.tr("not containing your user name"))
        if policy.history:
            rules.append(self.tr("not one of your last {count} passwords").format(
                count=policy.history))
        return self.tr("The password needs:") + "\n" + "\n".join(f"• {rule}" for rule in rules)

    def _on_ok_clicked(self) -> None:
        old = self._current if self._current is not None else self.old_edit.text()
        new = self.new_edit.text()
        if new != self.repeat_edit.text():
            self.message_bar.show_error(self.tr("The two new passwords differ."))
            return
        db, actor = self._db, self._actor
        self._save(lambda: auth.change_password(db, actor, old, new))

    def _on_saved(self, value: Actor) -> None:
        self.sig_password_changed.emit(value)
