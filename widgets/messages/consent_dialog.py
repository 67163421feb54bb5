"""消息订阅: record or withdraw a customer's consent to messages on one channel.

The clerk picks the channel, types the customer's recipient on it (the openid the
customer's phone shows, or the mobile number), confirms the customer agrees, and records
it; or withdraws the consent of the channel chosen. Keyboard: Alt+letters, Enter records.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from console.models.enums import MessageChannel, NoticeChannel
from console.services.messages import consent
from console.services.messages.consent import BindingInfo
from console.timeutil import local_time
from widgets.desk import Desk
from widgets.form_dialog import FormDialog
from widgets.vocabulary import label


class ConsentDialog(FormDialog):
    """One channel at a time; `sig_changed` after a consent is recorded or withdrawn."""

    sig_changed = Signal(object)
    """The binding as it now stands (BindingInfo)."""

    def __init__(self, desk: Desk, customer_id: int, bindings: list[BindingInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._customer_id = customer_id
        self._bindings = {b.channel: b for b in bindings}
        self.channel_combo = QComboBox(self)
        for channel in MessageChannel:
            self.channel_combo.addItem(label(NoticeChannel, channel.value), channel.value)
        self.address_edit = QLineEdit(self)
        self.address_edit.setMaxLength(64)
        self.agreed_check = QCheckBox(self)
        self.state_label = QLabel(self, objectName="FieldValue")
        self.state_label.setWordWrap(True)
        self.add_row(self.channel_combo)
        self.add_row(self.state_label)
        self.add_row(self.address_edit)
        self.add_row(self.agreed_check)
        self.mark_required(self.address_edit)
        for caption, field in zip(self.labels, (self.channel_combo, None, self.address_edit),
                                  strict=False):
            if field is not None:
                caption.setBuddy(field)  # Alt+C, Alt+R
        self.withdraw_button = QPushButton(self)
        self.buttons.addButton(self.withdraw_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.channel_combo.currentIndexChanged.connect(self._on_channel_changed)
        self.agreed_check.toggled.connect(self._on_agreed_toggled)
        self.withdraw_button.clicked.connect(self._on_withdraw_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Message subscriptions"))
        self.intro_label.setText(self.tr(
            "With the customer's consent, bills, payments, reminders, disconnect notices and "
            "power restored are also sent to their WeChat, Alipay or phone. Paper notices "
            "the law requires are sent as before."))
        self.set_labels(self.tr("&Channel"), self.tr("Now"), self.tr("&Recipient"), "")
        self.address_edit.setPlaceholderText(self.tr("openid, or the 11-digit mobile number"))
        self.agreed_check.setText(self.tr("The customer &agrees to receive these messages"))
        self.ok_button.setText(self.tr("Record &consent"))
        self.withdraw_button.setText(self.tr("&Withdraw consent"))
        self.cancel_button.setText(self.tr("Close"))
        self._on_channel_changed()

    @property
    def channel(self) -> str:
        return str(self.channel_combo.currentData())

    def _on_channel_changed(self, _index: int = 0) -> None:
        binding = self._bindings.get(self.channel)
        if binding is None:
            text = self.tr("No consent on this channel.")
        elif binding.active:
            text = self.tr("Consent since {time} ({who}), recipient {address}.").format(
                time=local_time(binding.consent_at), who=binding.consent_by,
                address=binding.address)
        else:
            text = self.tr("Consent withdrawn {time}.").format(time=local_time(binding.withdrawn_at))
        self.state_label.setText(text)
        self.withdraw_button.setEnabled(binding is not None and binding.active)
        self._on_agreed_toggled(self.agreed_check.isChecked())

    def _on_agreed_toggled(self, checked: bool) -> None:
        self.ok_button.setEnabled(checked)

    def _on_ok_clicked(self) -> None:
        if not self.agreed_check.isChecked():
            return
        db, actor = self._desk.db, self._desk.actor
        customer_id, channel, address = self._customer_id, self.channel, self.address_edit.text()
        self._save(lambda: consent.record_consent(db, actor, customer_id, channel, address))

    def _on_withdraw_clicked(self) -> None:
        db, actor = self._desk.db, self._desk.actor
        customer_id, channel = self._customer_id, self.channel
        self.withdraw_button.setEnabled(False)
        self._save(lambda: consent.withdraw_consent(db, actor, customer_id, channel))

    def _on_failed(self, exc: BaseException) -> None:
        super()._on_failed(exc)
        self._on_channel_changed()

    def _on_saved(self, value: Any) -> None:
        self.sig_changed.emit(value)
