"""Inventory count: scan what is in the drawer, see what is missing and what does not belong."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.seals.types import Choice, CountResult
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.resources import icon
from widgets.seals import calls
from widgets.seals.scan_field import ScanField, ScanList
from widgets.seals.verdict import Tone, VerdictBanner


class InventoryPanel(QWidget):
    """Whose seals (a unit's stock or an installer's), the scans, then Finish count."""

    sig_counted = Signal(object)
    """The count was compared with the records; carries its CountResult."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.result: CountResult | None = None
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self._load_scopes()

    def _build_ui(self) -> None:
        self.scope_label, self.hint = QLabel(self), QLabel(self)
        self.scope_combo = QComboBox(self)
        self.scope_combo.setMinimumWidth(320)
        self.scan_field = ScanField(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("TotalsLabel")
        self.scanned_list = ScanList(self)
        self.finish_button = QPushButton(icon("seals", "#ffffff"), "", self)
        self.finish_button.setObjectName("PrimaryButton")
        self.clear_button = QPushButton(icon("refresh"), "", self)
        self.finish_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.finish_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.message_bar = MessageBar(self, reserve_space=True)
        self.banner = VerdictBanner(self)
        self.missing_title, self.unexpected_title = QLabel(self), QLabel(self)
        self.missing_list, self.unexpected_list = QListWidget(self), QListWidget(self)
        scope = QHBoxLayout()
        for widget in (self.scope_label, self.scope_combo):
            scope.addWidget(widget)
        scope.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.finish_button)
        lists = QGridLayout()
        for col, (title, widget) in enumerate(((QLabel(self), self.scanned_list),
                                               (self.missing_title, self.missing_list),
                                               (self.unexpected_title, self.unexpected_list))):
            title.setObjectName("SectionLabel")
            lists.addWidget(title, 0, col)
            lists.addWidget(widget, 1, col)
        self.scanned_title = lists.itemAtPosition(0, 0).widget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.addLayout(scope)
        for widget in (self.hint, self.scan_field):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.banner)
        layout.addLayout(lists, 1)
        self.banner.hide()

    def _connect_signals(self) -> None:
        self.scan_field.sig_scanned.connect(self.add_scan)
        self.finish_button.clicked.connect(self.finish)
        self.finish_shortcut.activated.connect(self.finish)
        self.clear_button.clicked.connect(self.start_over)
        self.scope_combo.currentIndexChanged.connect(lambda _i: self.start_over())

    def retranslate_ui(self) -> None:
        self.scope_label.setText(self.tr("Count the seals of:"))
        self.hint.setText(self.tr("Scan every seal in the drawer or bag, in any order, then "
                                  "press Finish count (Ctrl+Enter)."))
        self.scan_field.setPlaceholderText(self.tr("Scan a seal…"))
        self.finish_button.setText(self.tr("Finish count"))
        self.clear_button.setText(self.tr("Start over"))
        self.scanned_title.setText(self.tr("Scanned"))
        self._set_list_titles()
        self._update_count()
        if self.result is not None:
            self._show(self.result)

    def _set_list_titles(self) -> None:
        missing, extra = self.missing_list.count(), self.unexpected_list.count()
        self.missing_title.setText(self.tr("Missing (on record, not scanned): {n}").format(
            n=missing))
        self.unexpected_title.setText(self.tr("Not on record here: {n}").format(n=extra))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def focus_search(self) -> None:
        self.scan_field.take_focus()

    def _load_scopes(self) -> None:
        db, actor = self._db, self._actor
        self._desk.run(lambda: (calls.list_units(db, actor), calls.list_installers(db, actor)),
                       self, self._on_scopes_loaded, self.message_bar.show_error, key="loads")

    def _on_scopes_loaded(self, result: tuple[list[Choice], list[Choice]]) -> None:
        units, installers = result
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        for unit in units:
            self.scope_combo.addItem(self.tr("Stock of {unit}").format(unit=unit.name),
                                     ("unit", unit.id))
        for person in installers:
            self.scope_combo.addItem(self.tr("Installer {name} ({unit})").format(
                name=person.name, unit=person.detail), ("holder", person.id))
        self.scope_combo.blockSignals(False)

    def scanned(self) -> list[str]:
        return self.scanned_list.texts()

    def add_scan(self, text: str) -> None:
        if not self.scanned_list.add_scan(text):
            self.message_bar.show_message(self.tr("This seal was scanned already."))
            return
        self.message_bar.clear()
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("Scanned: {n}").format(n=self.scanned_list.count()))

    def finish(self) -> None:
        scope = self.scope_combo.currentData()
        if scope is None:
            return
        db, actor, scanned = self._db, self._actor, self.scanned()
        self._desk.run(lambda: calls.inventory_count(db, actor, scope, scanned), self,
                       self._on_counted, self.message_bar.show_error)

    def _on_counted(self, result: CountResult) -> None:
        self.result = result
        self._show(result)
        self.sig_counted.emit(result)

    def _show(self, result: CountResult) -> None:
        self.missing_list.clear()
        self.missing_list.addItems(list(result.missing))
        self.unexpected_list.clear()
        self.unexpected_list.addItems(list(result.unexpected))
        self._set_list_titles()
        if not result.missing and not result.unexpected:
            self.banner.show_answer(Tone.GOOD, self.tr("The count agrees with the records"),
                                    self.tr("Every seal on record was scanned ({n}).").format(
                                        n=result.expected))
        else:
            self.banner.show_answer(Tone.BAD, self.tr("Missing seals: {n}").format(
                n=len(result.missing)),
                                    self.tr("{found} of {expected} seals on record were scanned. "
                                            "Scanned but not on record here: {extra}.")
                                    .format(found=len(result.found), expected=result.expected,
                                            extra=len(result.unexpected)))
        self.banner.show()

    def start_over(self) -> None:
        self.result = None
        for widget in (self.scanned_list, self.missing_list, self.unexpected_list):
            widget.clear()
        self._set_list_titles()
        self.banner.hide()
        self._update_count()
        self.focus_search()
