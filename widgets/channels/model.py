"""The open held payments as a table: one row per payment a channel took and the gateway
could not post. Read-only; the panel refills it from `held_payments`."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt

from console.services.channels.held import HeldPayment
from console.timeutil import local_time
from widgets.channels.labels import held_reason_name
from widgets.domain_labels import method_name
from widgets.rows_model import ColumnSpec, RowsModel, fixed

translate = QCoreApplication.translate


class Column(IntEnum):
    CHANNEL = 0
    TRANSACTION = 1
    TIME = 2
    CUSTOMER_NO = 3
    AMOUNT = 4
    REASON = 5


class HeldModel(RowsModel):
    """Open held payments, oldest first (as the service answers them)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_columns((
            ColumnSpec(self.tr("Channel"), lambda r: method_name(_held(r).channel)),
            ColumnSpec(self.tr("Transaction no."), lambda r: _held(r).transaction_id),
            ColumnSpec(self.tr("Paid at"), lambda r: local_time(_held(r).held_at)),
            ColumnSpec(self.tr("Customer no. sent"), lambda r: _held(r).customer_no or "—"),
            ColumnSpec(self.tr("Amount"), lambda r: fixed(_held(r).amount), numeric=True),
            ColumnSpec(self.tr("Why held"), lambda r: _reason(_held(r))),
        ))

    def set_held(self, rows: Sequence[HeldPayment]) -> None:
        self.set_rows(rows)

    def held_at(self, row: int) -> HeldPayment:
        return _held(self.row_at(row))

    def row_of(self, held_id: int) -> int:
        """The row showing `held_id`, or -1."""
        return next((i for i in range(self.rowCount()) if self.held_at(i).held_id == held_id),
                    -1)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return _reason(self.held_at(index.row()))
        return super().data(index, role)


def _held(row: object) -> HeldPayment:
    assert isinstance(row, HeldPayment)
    return row


def _reason(row: HeldPayment) -> str:
    text = held_reason_name(row.reason)
    if row.due is not None:  # what was due when it arrived
        return translate("HeldModel", "{reason} (due {due})").format(reason=text,
                                                                   due=fixed(row.due))
    return text
