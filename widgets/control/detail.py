"""The selected command's meter: relay, last status read, line state, and its history."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTableView,
    QWidget,
)

from console.services.control.queries import MeterDetail, QueueRow
from console.timeutil import local_time
from widgets.control.labels import (
    FAILURE_INK,
    action_name,
    comm_name,
    fault_text,
    reason_name,
    state_name,
)
from widgets.control.model import note_text
from widgets.domain_labels import relay_name
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.table_columns import remember_columns

translate = QCoreApplication.translate
FIELDS = ("customer", "meter", "address", "relay", "switched", "seen", "comm", "guarantee")


def history_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("ControlDetail", "Requested"),
                   lambda r: local_time(r.requested_at)),
        ColumnSpec(translate("ControlDetail", "Action"), lambda r: action_name(r.action)),
        ColumnSpec(translate("ControlDetail", "Reason"), lambda r: reason_name(r.reason)),
        ColumnSpec(translate("ControlDetail", "State"),
                   lambda r: ("⚠ " if r.is_failure else "") + state_name(r.state)),
        ColumnSpec(translate("ControlDetail", "Finished"), lambda r: local_time(r.finished_at)),
        ColumnSpec(translate("ControlDetail", "Result"), note_text),
    ]


class MeterDetailPane(QWidget):
    """Left: the meter card; right: every command the meter had, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: MeterDetail | None = None
        self._selected: QueueRow | None = None
        self._build_ui()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.card = QFrame(self, objectName="Card")
        grid = QGridLayout(self.card)
        grid.setContentsMargins(14, 10, 14, 12)
        grid.setHorizontalSpacing(14)
        self.title_label = QLabel(self.card, objectName="CardTitle")
        grid.addWidget(self.title_label, 0, 0, 1, 2)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, key in enumerate(FIELDS, start=1):
            self.captions[key] = QLabel(self.card, objectName="FieldCaption")
            self.values[key] = QLabel(self.card, objectName="FieldValue")
            self.values[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key].setWordWrap(True)
            grid.addWidget(self.captions[key], row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.values[key], row, 1)
        self.failure_label = QLabel(self.card)
        self.failure_label.setWordWrap(True)
        self.failure_label.setStyleSheet(f"color: {FAILURE_INK.name()}; font-weight: 600;")
        grid.addWidget(self.failure_label, len(FIELDS) + 1, 0, 1, 2)
        grid.setRowStretch(len(FIELDS) + 2, 1)
        grid.setColumnStretch(1, 1)
        self.card.setMinimumWidth(340)
        self.history_model = RowsModel(history_columns(), self)
        self.history_view = QTableView(self)
        self.history_view.setModel(self.history_model)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.verticalHeader().hide()
        self.history_view.horizontalHeader().setStretchLastSection(True)
        remember_columns(self.history_view, "switch_history")
        self.history_title = QLabel(self, objectName="CardTitle")
        right = QGridLayout()
        right.addWidget(self.history_title, 0, 0)
        right.addWidget(self.history_view, 1, 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.card, 2)
        layout.addLayout(right, 5)

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Meter"))
        self.history_title.setText(self.tr("History of this meter"))
        captions = {"customer": self.tr("Customer"), "meter": self.tr("Asset no."),
                    "address": self.tr("Meter address"),
                    "relay": self.tr("Relay"), "switched": self.tr("Relay switched"),
                    "seen": self.tr("Status last read"),
                    "comm": self.tr("Communication"), "guarantee": self.tr("Power guarantee")}
        for key, text in captions.items():
            self.captions[key].setText(text)
        self.history_model.set_columns(history_columns())
        self.show_detail(self.detail, self._selected)

    def show_detail(self, detail: MeterDetail | None, selected: QueueRow | None) -> None:
        """Show the meter of the selected queue row (None: nothing selected)."""
        self.detail, self._selected = detail, selected
        if detail is None:
            for value in self.values.values():
                value.setText("—")
            self.failure_label.clear()
            self.history_model.set_rows([])
            return
        m = detail.meter
        comm = comm_name(m.comm_state)
        if m.comm_error:
            comm = f"{comm} — {fault_text(m.comm_error)}"
        texts = {"customer": f"{detail.customer_no} {detail.customer_name}".strip() or "—",
                 "meter": m.asset_no, "address": m.address,
                 "relay": relay_name(m.relay_state) if m.has_relay
                 else self.tr("No relay: cannot be switched remotely"),
                 "switched": local_time(m.relay_changed_at) or "—",
                 "seen": local_time(m.last_seen_at) or self.tr("never"), "comm": comm,
                 "guarantee": self.tr("Yes (保电)") if m.guarantee else self.tr("No")}
        for key, text in texts.items():
            self.values[key].setText(text)
        failing = selected is not None and selected.is_failure
        self.failure_label.setText(self.tr("⚠ Command {id} {state}: {why}").format(
            id=selected.command_id, state=state_name(selected.state),
            why=note_text(selected, detail=True)) if failing else "")
        self.history_model.set_rows(detail.history)
