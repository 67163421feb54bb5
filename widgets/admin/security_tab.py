"""Administration › Sessions and passwords: the idle lock time and the password policy."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.services.admin import security
from console.services.admin.security import LIMITS, SecurityPolicy
from widgets.desk import Desk
from widgets.errors import MessageBar

MINUTE_MS = 60_000


class SecurityTab(QWidget):
    """One small form; Save stores it for every workstation (a window reads it when opened)."""

    sig_policy_loaded = Signal(object)
    """The form shows the stored SecurityPolicy."""

    sig_policy_saved = Signal(object)
    """The admin's SecurityPolicy was stored."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.refresh()

    def _build_ui(self) -> None:
        self.idle_spin = self._spin(1, LIMITS["idle_lock_ms"][1] // MINUTE_MS)
        self.length_spin = self._spin(*LIMITS["min_length"])
        self.history_spin = self._spin(*LIMITS["history"])
        self.username_check, self.mixed_check = QCheckBox(self), QCheckBox(self)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.labels = [QLabel(self) for _ in range(3)]
        for label, spin in zip(self.labels, (self.idle_spin, self.length_spin,
                                             self.history_spin), strict=True):
            self.form.addRow(label, spin)
        self.form.addRow("", self.username_check)
        self.form.addRow("", self.mixed_check)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("PrimaryButton")
        self.message_bar = MessageBar(self, reserve_space=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(10)
        box.addLayout(self.form)
        box.addWidget(self.note_label)
        box.addWidget(self.message_bar)
        box.addLayout(buttons)
        box.addStretch(1)

    def _spin(self, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setMinimumWidth(120)
        return spin

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self._on_save_button_clicked)

    def retranslate_ui(self) -> None:
        self.labels[0].setText(self.tr("Lock an idle console after:"))
        self.labels[1].setText(self.tr("Passwords at least:"))
        self.labels[2].setText(self.tr("Not one of the last:"))
        self.idle_spin.setSuffix(self.tr(" min"))
        self.length_spin.setSuffix(self.tr(" characters"))
        self.history_spin.setSuffix(self.tr(" passwords"))
        self.username_check.setText(self.tr("A password may not contain the user name"))
        self.mixed_check.setText(self.tr("A password needs letters and digits"))
        self.note_label.setText(self.tr(
            "Consoles opened from now on lock after this idle time; the rules apply to every "
            "new, changed or reset password. Only password hashes are kept for the history."))
        self.save_button.setText(self.tr("Save"))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self) -> None:
        db = self._desk.db
        self._desk.run(lambda: security.security_policy(db), self, self._show,
                       self.message_bar.show_error, key="load")

    def _show(self, policy: SecurityPolicy) -> None:
        self.idle_spin.setValue(max(1, math.ceil(policy.idle_lock_ms / MINUTE_MS)))
        self.length_spin.setValue(policy.min_length)
        self.history_spin.setValue(policy.history)
        self.username_check.setChecked(policy.no_username)
        self.mixed_check.setChecked(policy.letters_and_digits)
        self.sig_policy_loaded.emit(policy)

    def policy(self) -> SecurityPolicy:
        return SecurityPolicy(self.idle_spin.value() * MINUTE_MS, self.length_spin.value(),
                              self.username_check.isChecked(), self.history_spin.value(),
                              self.mixed_check.isChecked())

    def _on_save_button_clicked(self) -> None:
        db, actor, policy = self._desk.db, self._desk.actor, self.policy()
        self.save_button.setEnabled(False)
        self._desk.run(lambda: security.set_security_policy(db, actor, policy), self,
                       self._on_saved, self._on_save_failed, write=True)

    def _on_saved(self, policy: SecurityPolicy) -> None:
        self.save_button.setEnabled(True)
        self.message_bar.show_success(self.tr("Saved."))
        self.sig_policy_saved.emit(policy)

    def _on_save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message_bar.show_error(exc)
