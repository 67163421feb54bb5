"""Columns a user can read whole: fitted to their text, widened by hand and remembered.

Every table of the console goes through `remember_columns(view, key)`:
- columns start as wide as their header and their text need (up to a cap), so less is
  elided than with fixed widths, and keep following the text until the user drags them;
- the user may drag any column wider (Interactive), and that width is kept per table in
  QSettings (`columns/<key>`), so it is there again when the table is opened next time;
- a cell whose text does not fit shows the whole text in its tooltip.
"""

from __future__ import annotations

import json

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QToolTip

# Wide enough for a unit's name, a notice's state or a 22-digit seal number; longer texts
# (addresses, descriptions) are elided and shown whole in the tooltip.
MAX_FIT = 360
MEASURED_ROWS = 25
# The cell's own padding in the style sheet, both sides: text narrower than the column by
# less than this is elided already.
CELL_PADDING = 16


def _settings() -> QSettings:
    return QSettings("GridDesk", "GridDesk")


class ColumnMemory(QObject):
    """Fits, remembers and explains the columns of one table view (its child)."""

    def __init__(self, view: QTableView, key: str, *, settings: QSettings | None = None,
                 follow_text: bool = True) -> None:
        super().__init__(view)
        self.view, self.key, self.follow_text = view, key, follow_text
        self._settings = settings or _settings()
        self._applying = False
        self.defaults: dict[int, int] = {}
        self.widths: dict[int, int] = self._load()
        # Measure a screenful of rows, not Qt's default 1,000: the arrears list reloads 50,000
        # rows, and 1,000 rows of 13 columns cost seconds (the horizontal header's precision
        # is what QTableView.sizeHintForColumn reads).
        header = view.horizontalHeader()
        header.setResizeContentsPrecision(MEASURED_ROWS)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(40)
        header.sectionResized.connect(self._on_header_section_resized)
        header.sectionCountChanged.connect(self._on_model_changed)
        model = view.model()
        # Not on a re-sort (layoutChanged): the same texts, and sorting 50,000 arrears rows
        # has 200 ms for itself.
        changes = (model.modelReset, model.rowsInserted,
                   model.headerDataChanged) if follow_text else (model.headerDataChanged,)
        for signal in changes:
            signal.connect(self._on_model_changed)
        view.viewport().installEventFilter(self)
        self.fit()

    # -- widths -----------------------------------------------------------------------------

    def set_default_widths(self, widths: dict[int, int]) -> None:
        """The table's own widths for columns the user has not set (at least these when the
        columns follow their text)."""
        self.defaults = dict(widths)
        self.fit()

    def _on_model_changed(self, *_args: object) -> None:
        # A QTableWidget's own model still signals while the view is being destroyed.
        if shiboken6.isValid(self.view):
            self.fit()

    def fit(self) -> None:
        """The user's width where they set one; elsewhere the default, or as wide as header
        and text need."""
        header = self.view.horizontalHeader()
        self._applying = True
        try:
            for column in range(header.count()):
                width = self.widths.get(column) or self._natural_width(column)
                if width and not header.isSectionHidden(column):
                    header.resizeSection(column, width)
        finally:
            self._applying = False

    def _natural_width(self, column: int) -> int:
        default = self.defaults.get(column, 0)
        if not self.follow_text:
            return default
        header = self.view.horizontalHeader()
        text = self.view.sizeHintForColumn(column)
        return max(default, header.sectionSizeHint(column), min(text, MAX_FIT))

    def _on_header_section_resized(self, column: int, _old: int, new: int) -> None:
        if self._applying or new <= 0 or self._stretched(column):
            return
        self.widths[column] = new
        self._settings.setValue(f"columns/{self.key}",
                                json.dumps({str(c): w for c, w in self.widths.items()}))

    def _stretched(self, column: int) -> bool:
        """A section the layout sizes (the stretched last one): its width is no choice."""
        header = self.view.horizontalHeader()
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            return True
        last = max((c for c in range(header.count()) if not header.isSectionHidden(c)), default=-1)
        return header.stretchLastSection() and column == last

    def _load(self) -> dict[int, int]:
        try:
            stored = json.loads(str(self._settings.value(f"columns/{self.key}", "{}") or "{}"))
            return {int(c): int(w) for c, w in stored.items() if int(w) > 0}
        except (TypeError, ValueError, AttributeError):
            return {}  # a hand-edited or older entry: start from fitted widths

    # -- tooltips ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        index = self.view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # the model's own tooltip says more than the cell's text
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        rect = self.view.visualRect(index)
        if text and self.view.fontMetrics().horizontalAdvance(text) + CELL_PADDING > rect.width():
            QToolTip.showText(event.globalPos(), text, self.view.viewport(), rect)
        else:
            QToolTip.hideText()
        return True


def remember_columns(view: QTableView, key: str, *, settings: QSettings | None = None,
                     follow_text: bool = True) -> ColumnMemory:
    """Give `view` (its model set) fitted, user-resizable, remembered columns and full-text
    tooltips; `key` names the table in the settings (e.g. "arrears"). `follow_text=False`
    leaves the widths to `set_default_widths` (tables refilled on every keystroke, where
    measuring the text costs too much)."""
    memory = ColumnMemory(view, key, settings=settings, follow_text=follow_text)
    view.column_memory = memory  # type: ignore[attr-defined] - tests and screenshots reach it
    return memory
