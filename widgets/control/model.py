"""The switch command queue as a table model that updates in place.

A poll every two seconds must not cost the supervisor their selection or
scroll position: rows are matched by command id, changed cells are announced
with dataChanged, and a reordering moves the persistent indexes (which the
selection and the current index are made of) to the rows' new places.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt

from console.models.enums import CommandState
from console.services.control.queries import QueueRow
from console.timeutil import local_time
from widgets.control.labels import (
    FAILURE_FILL,
    action_name,
    age_text,
    fault_text,
    reason_name,
    refusal_rule_text,
    state_icon,
    state_ink,
    state_name,
)

translate = QCoreApplication.translate
Role = Qt.ItemDataRole
ID_ROLE = Role.UserRole + 1


class Column(IntEnum):
    STATE = 0
    AGE = 1
    CUSTOMER = 2
    METER = 3
    ACTION = 4
    REASON = 5
    ATTEMPTS = 6
    REQUESTER = 7
    NOTE = 8


def headers() -> list[str]:
    return [translate("ControlQueue", "State"), translate("ControlQueue", "Age"),
            translate("ControlQueue", "Customer"), translate("ControlQueue", "Meter"),
            translate("ControlQueue", "Action"), translate("ControlQueue", "Reason"),
            translate("ControlQueue", "Tries"), translate("ControlQueue", "Requested by"),
            translate("ControlQueue", "Result / meter's reason")]


def is_stale(row: QueueRow, now: dt.datetime) -> bool:
    """A request past its expiry that the collector has not swept yet: no longer approvable."""
    return (row.state == CommandState.REQUESTED and row.expires_at is not None
            and row.expires_at <= now)


def note_text(row: QueueRow, *, detail: bool = False, now: dt.datetime | None = None) -> str:
    """What the row's last column says: the failure, the rejection or when it finished
    (`detail`: with the collector's technical words, for tooltips and the detail pane)."""
    if now is not None and is_stale(row, now):
        return translate("ControlQueue", "Expired at {when}: it can no longer be approved").format(
            when=local_time(row.expires_at))
    if row.state == CommandState.REQUESTED and row.waiting_rule:
        why = refusal_rule_text(row.waiting_rule)
        if row.ready_at is None:
            return translate("ControlQueue", "Cannot be approved: {why}").format(why=why)
        return translate("ControlQueue", "Approvable from {when}: {why}").format(
            when=local_time(row.ready_at), why=why)
    if row.is_failure:
        return fault_text(row.error, row.refused_rule, detail=detail)
    if row.state == CommandState.REJECTED:
        return translate("ControlQueue", "Rejected: {why}").format(why=row.error)
    if row.state == CommandState.CONFIRMED:
        return translate("ControlQueue", "Confirmed by the meter at {when}").format(
            when=local_time(row.finished_at))
    if row.state == CommandState.QUEUED and row.error:  # a retry after a failed attempt
        return translate("ControlQueue", "Retrying: {why}").format(
            why=fault_text(row.error, detail=detail))
    if row.retry_of is not None:
        return translate("ControlQueue", "Retry of command {id}").format(id=row.retry_of)
    return ""


class QueueModel(QAbstractTableModel):
    """Rows of QueueRow, newest first; `now` is the moment ages are counted to."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []
        self._headers = headers()
        self.now = dt.datetime.now(dt.UTC)
        self.lingering = False  # the rows are the open view's: ended ones are marked

    def retranslate(self) -> None:
        self._headers = headers()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self._all_changed()

    def row_at(self, row: int) -> QueueRow:
        return self._rows[row]

    def row_of(self, command_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.command_id == command_id), -1)

    def set_rows(self, rows: Sequence[QueueRow], now: dt.datetime) -> None:
        """Show `rows`, keeping selection and current row by command id."""
        self.now, rows = now, list(rows)
        old_ids = [r.command_id for r in self._rows]
        if [r.command_id for r in rows] == old_ids:
            self._rows = rows
            self._all_changed()
            return
        self.layoutAboutToBeChanged.emit()
        place = {r.command_id: i for i, r in enumerate(rows)}
        moves = []
        for index in self.persistentIndexList():
            new_row = place.get(old_ids[index.row()], -1) if index.row() < len(old_ids) else -1
            target = (self.createIndex(new_row, index.column()) if new_row >= 0
                      else QModelIndex())
            moves.append((index, target))
        self._rows = rows
        for old, new in moves:
            self.changePersistentIndex(old, new)
        self.layoutChanged.emit()

    def _all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(Column) - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Role.DisplayRole) -> object:
        if role == Role.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], Column(index.column())
        if role == Role.DisplayRole:
            return self._text(row, column)
        if role == ID_ROLE:
            return row.command_id
        if role == Role.DecorationRole and column == Column.STATE:
            return state_icon(row.state, failure=row.is_failure)
        if role == Role.ForegroundRole and (column == Column.STATE or row.is_failure):
            return state_ink(row.state, failure=row.is_failure)
        if role == Role.BackgroundRole and row.is_failure:
            return FAILURE_FILL
        if role == Role.ToolTipRole:
            return self._tooltip(row)
        if role == Role.TextAlignmentRole and column in (Column.AGE, Column.ATTEMPTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: QueueRow, column: Column) -> str:
        texts = {
            Column.STATE: lambda: state_name(row.state),
            Column.AGE: lambda: age_text(row.requested_at, self.now),
            Column.CUSTOMER: lambda: f"{row.customer_name} {row.customer_no}".strip(),
            Column.METER: lambda: row.meter_asset_no,
            Column.ACTION: lambda: action_name(row.action),
            Column.REASON: lambda: reason_name(row.reason),
            Column.ATTEMPTS: lambda: str(row.attempts),
            Column.REQUESTER: lambda: row.requester or translate("ControlQueue", "Cost control"),
            Column.NOTE: lambda: self._note(row),
        }
        return texts[column]()

    def _note(self, row: QueueRow) -> str:
        text = note_text(row, now=self.now)
        if self.lingering and not row.is_open:
            # The open view keeps a command for a few minutes after it ends: say why it is here.
            ended = translate("ControlQueue", "Ended — leaves this view after a few minutes")
            return f"{ended} · {text}" if text else ended
        return text

    def _tooltip(self, row: QueueRow) -> str:
        lines = [translate("ControlQueue", "Command {id}: {action}, {state}").format(
            id=row.command_id, action=action_name(row.action), state=state_name(row.state)),
            translate("ControlQueue", "Requested {when} by {who}").format(
                when=local_time(row.requested_at),
                who=row.requester or translate("ControlQueue", "Cost control"))]
        if row.approver:
            lines.append(translate("ControlQueue", "Approved by {who}").format(who=row.approver))
        if note := note_text(row, detail=True, now=self.now):
            lines.append(note)
        return "\n".join(lines)
