"""The customer view's 消息 tab: the customer's messages with their delivery state, the
channels they consent to, and the 消息订阅… button (roles with RECORD_CONSENT)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.models.enums import NoticeChannel
from console.services.messages import consent
from console.services.messages.consent import BindingInfo, MessageInfo
from console.services.permissions import Permission, allowed
from widgets.desk import Desk
from widgets.messages.consent_dialog import ConsentDialog
from widgets.messages.model import MessagesModel
from widgets.vocabulary import label


class CustomerMessages(QWidget):
    """The tab's page; it loads whenever the view shows a customer."""

    sig_loaded = Signal(int)
    """The tab shows this customer's messages and bindings."""

    def __init__(self, view: QWidget, desk: Desk) -> None:
        super().__init__(view, objectName="CustomerMessages")
        self._view, self._desk = view, desk
        self._customer_id: int | None = None
        self.bindings: list[BindingInfo] = []
        self.dialog: ConsentDialog | None = None  # the open dialog, for tests
        self.model = MessagesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.bindings_label = QLabel(self)
        self.bindings_label.setWordWrap(True)
        self.consent_button = QPushButton(self)
        self.consent_button.setEnabled(False)
        self._may_record = allowed(desk.actor.role, Permission.RECORD_CONSENT)
        self.consent_button.setVisible(self._may_record)
        head = QHBoxLayout()
        head.addWidget(self.bindings_label, 1)
        head.addWidget(self.consent_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        view.sig_loaded.connect(self._on_view_loaded)
        self.consent_button.clicked.connect(self._on_consent_button_clicked)
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        tabs = self._view.tabs
        if tabs.indexOf(self) >= 0:
            tabs.setTabText(tabs.indexOf(self), self.tr("Messages"))
        self.consent_button.setText(self.tr("Message subscriptions..."))
        self.consent_button.setToolTip(self.tr(
            "Record or withdraw the customer's consent to messages on WeChat, Alipay or SMS"))
        self._show_bindings()

    def _on_view_loaded(self, customer_id: int) -> None:
        self._customer_id = customer_id
        db, actor = self._desk.db, self._desk.actor

        def load() -> tuple[list[MessageInfo], list[BindingInfo]]:
            return (consent.list_messages(db, actor, customer_id),
                    consent.list_bindings(db, actor, customer_id))

        self._desk.run(load, self, self._on_loaded, self._on_failed, key="messages")

    def _on_loaded(self, rows: tuple[list[MessageInfo], list[BindingInfo]]) -> None:
        messages, self.bindings = rows
        self.model.set_rows(messages)
        self.consent_button.setEnabled(self._may_record)
        self._show_bindings()
        self.sig_loaded.emit(self._customer_id)

    def _on_failed(self, exc: BaseException) -> None:
        self._view.message_bar.show_error(exc)

    def _show_bindings(self) -> None:
        active = [f"{label(NoticeChannel, b.channel)} {b.address}"
                  for b in self.bindings if b.active]
        self.bindings_label.setText(
            self.tr("Messages go to: {channels}").format(channels="、".join(active)) if active
            else self.tr("The customer has not agreed to messages on any channel."))

    def _on_consent_button_clicked(self) -> None:
        if self._customer_id is None:
            return
        self.dialog = ConsentDialog(self._desk, self._customer_id, self.bindings, self._view)
        self.dialog.sig_changed.connect(self._on_consent_changed)
        self.dialog.open()

    def _on_consent_changed(self, binding: BindingInfo) -> None:
        name = label(NoticeChannel, binding.channel)
        self._view.message_bar.show_success(
            self.tr("Consent to messages on {channel} recorded.").format(channel=name)
            if binding.active else
            self.tr("Consent to messages on {channel} withdrawn.").format(channel=name))
        if self._customer_id is not None:
            self._on_view_loaded(self._customer_id)


def attach_messages(view: QWidget, desk: Desk) -> CustomerMessages:
    """Give the customer view its 消息 tab (every role that opens the view sees it)."""
    page = CustomerMessages(view, desk)
    view.tabs.addTab(page, "")
    page.retranslate_ui()  # the tab's title
    return page
