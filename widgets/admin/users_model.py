"""Staff accounts as a table: name, full name, role, unit, state, last login."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from console.services.admin.users import UserInfo
from console.timeutil import local_time
from widgets.labels import role_name

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    USERNAME = 0
    FULL_NAME = 1
    ROLE = 2
    UNIT = 3
    STATE = 4
    LAST_LOGIN = 5


class UsersModel(QAbstractTableModel):
    """A list of UserInfo; filled by the panel when a task finishes, never queries."""

    def __init__(self, parent=None) -> None:  # any QObject
        super().__init__(parent)
        self._users: list[UserInfo] = []
        self._now = dt.datetime.now(dt.UTC)

    def set_users(self, users: list[UserInfo]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self._now = dt.datetime.now(dt.UTC)
        self.endResetModel()

    def replace_user(self, user: UserInfo) -> None:
        """One row changed (after disable, unlock…): update it in place."""
        for row, old in enumerate(self._users):
            if old.id == user.id:
                self._users[row] = user
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
                return
        self.beginInsertRows(QModelIndex(), len(self._users), len(self._users))
        self._users.append(user)
        self.endInsertRows()

    def user_at(self, row: int) -> UserInfo:
        return self._users[row]

    def row_of(self, username: str) -> int:
        return next((r for r, u in enumerate(self._users) if u.username == username), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def is_locked(self, user: UserInfo) -> bool:
        return user.locked_until is not None and user.locked_until > self._now

    def state_text(self, user: UserInfo) -> str:
        if not user.active:
            return self.tr("Disabled")
        if self.is_locked(user):
            return self.tr("Locked until {time}").format(time=local_time(user.locked_until))
        return self.tr("Active")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        user, column = self._users[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(user, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATE:
            if not user.active or self.is_locked(user):
                return QColor("#b3261e")
            return QColor("#1e7a46")
        return None

    def _display(self, user: UserInfo, column: Column) -> str:
        values = {
            Column.USERNAME: user.username,
            Column.FULL_NAME: user.full_name,
            Column.ROLE: role_name(user.role),
            Column.UNIT: user.unit_name,
            Column.LAST_LOGIN: local_time(user.last_login_at),
        }
        return values[column] if column in values else self.state_text(user)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Unit"),
                  self.tr("State"), self.tr("Last login")]
        return titles[section]
