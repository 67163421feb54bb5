"""A card of label/value pairs in two columns, and the seal-history table columns."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from console.services.seals.types import HistoryEntry
from console.timeutil import local_time
from widgets.rows_model import ColumnSpec
from widgets.seals.texts import joined, position_name, state_name

translate = QCoreApplication.translate


class FactsCard(QFrame):
    """Fixed rows of facts (keys in order); values set per answer, captions per language."""

    def __init__(self, keys: Sequence[str], parent: QWidget | None = None, *,
                 columns: int = 2) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        rows = (len(keys) + columns - 1) // columns
        for n, key in enumerate(keys):
            caption, value = QLabel(self), QLabel(self)
            caption.setStyleSheet("color: #5a7089;")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            row, col = n % rows, (n // rows) * 2
            grid.addWidget(caption, row, col, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, col + 1, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(col + 1, 1)
            self.captions[key], self.values[key] = caption, value

    def set_captions(self, texts: dict[str, str]) -> None:
        for key, text in texts.items():
            self.captions[key].setText(text)

    def set_values(self, texts: dict[str, str]) -> None:
        for key, label in self.values.items():
            label.setText(texts.get(key, "") or "—")

    def value(self, key: str) -> str:
        return self.values[key].text()


def _move(row: HistoryEntry) -> str:
    if row.from_state:
        return f"{state_name(row.from_state)} → {state_name(row.to_state)}"
    return state_name(row.to_state)


def _where(row: HistoryEntry) -> str:
    parts = [row.unit, row.holder]
    if row.meter_no:
        parts.append(translate("Seals", "meter {meter} ({position})").format(
            meter=row.meter_no, position=position_name(row.position)))
    return joined(*parts)


def history_columns() -> list[ColumnSpec]:
    """When, what, who, where, work order, reason; headers in the current language."""
    return [
        ColumnSpec(translate("Seals", "When"), lambda r: local_time(r.at)),
        ColumnSpec(translate("Seals", "Move"), _move),
        ColumnSpec(translate("Seals", "By"), lambda r: r.actor),
        ColumnSpec(translate("Seals", "Where"), _where),
        ColumnSpec(translate("Seals", "Work order"), lambda r: r.work_order_no),
        ColumnSpec(translate("Seals", "Reason"), lambda r: r.reason),
    ]
