"""The customer's messages as a table: time, kind, channel, state, amount."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from console.models.enums import NoticeChannel, NoticeKind, NoticeStatus
from console.services.messages.consent import MessageInfo
from console.timeutil import local_time
from widgets.domain_labels import money
from widgets.vocabulary import label

Index = QModelIndex | QPersistentModelIndex
COLUMNS = 5
AMOUNT, STATE = 3, 4


class MessagesModel(QAbstractTableModel):
    """Read-only rows of MessageInfo; the state's tooltip says why a message failed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MessageInfo] = []

    def set_rows(self, rows: list[MessageInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> MessageInfo:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Time"), self.tr("Message"), self.tr("Channel"),
                self.tr("Amount (yuan)"), self.tr("State"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(m, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == STATE:
            return self._state_tip(m)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, m: MessageInfo, column: int) -> str:
        if column == 0:
            return local_time(m.created_at)
        if column == 1:
            return label(NoticeKind, m.kind)
        if column == 2:
            return label(NoticeChannel, m.channel)
        if column == AMOUNT:
            return money(m.amount) if m.amount is not None else ""
        state = label(NoticeStatus, m.status)
        if m.last_error and m.status != NoticeStatus.SENT:
            return self.tr("{state} (tried %n time(s)): {error}", "", m.attempts).format(
                state=state, error=m.last_error)
        return state

    def _state_tip(self, m: MessageInfo) -> str:
        if m.status == NoticeStatus.SENT:
            return self.tr("Sent {time}, reference {ref}").format(time=local_time(m.sent_at),
                                                                  ref=m.external_ref)
        if m.last_error:
            return self.tr("Last attempt failed: {error}").format(error=m.last_error)
        return ""
