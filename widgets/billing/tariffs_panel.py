"""Administration › Tariffs: every version of every tariff, and "New version…"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.models.enums import TariffKind
from console.services.billing import tariffs
from console.services.billing.tariffs import TariffInfo, TierSpec
from widgets.billing.tariff_dialog import NewVersionDialog, plain
from widgets.desk import Desk
from widgets.domain_labels import category_name
from widgets.errors import MessageBar
from widgets.resources import icon
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.table_columns import remember_columns
from widgets.vocabulary import label


def tiers_summary(tiers: tuple[TierSpec, ...]) -> str:
    """"≤2520: 0.5469 / ≤4800: 0.5969 / >4800: 0.8469"."""
    parts, last = [], None
    for tier in tiers:
        if tier.upper_kwh is None:
            parts.append(f">{plain(last) if last is not None else 0}: {tier.price:.4f}")
        else:
            parts.append(f"≤{plain(tier.upper_kwh)}: {tier.price:.4f}")
            last = tier.upper_kwh
    return " / ".join(parts)


class TariffsPanel(QWidget):
    """The tariff versions by code and date; admins add a version from the selected one."""

    sig_tariffs_loaded = Signal(int)
    """The list was (re)loaded; carries the number of versions."""

    sig_tariff_saved = Signal(object)
    """A new version was saved; carries its TariffInfo."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.refresh()

    def _build_ui(self) -> None:
        self.new_version_button = QPushButton(self)
        self.new_version_button.setObjectName("PrimaryButton")
        self.new_version_button.setIcon(icon("add", "#ffffff"))
        self.refresh_button = QPushButton(self)
        self.refresh_button.setIcon(icon("refresh", "#38506b"))
        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.new_version_button)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        self.message_bar = MessageBar(self, reserve_space=True)
        self.model = RowsModel([], self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        remember_columns(self.table, "tariffs")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)

    def _connect_signals(self) -> None:
        self.new_version_button.clicked.connect(self._on_new_version_button_clicked)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

    def retranslate_ui(self) -> None:
        self.new_version_button.setText(self.tr("New version..."))
        self.new_version_button.setToolTip(self.tr(
            "A new version of the selected tariff, from a later day on"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.model.set_columns(self._columns())
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _columns(self) -> list[ColumnSpec]:
        def info(row: object) -> TariffInfo:
            assert isinstance(row, TariffInfo)
            return row

        return [
            ColumnSpec(self.tr("Code"), lambda r: info(r).code),
            ColumnSpec(self.tr("Name"), lambda r: info(r).name),
            ColumnSpec(self.tr("Kind"), lambda r: self.kind_name(info(r).kind)),
            ColumnSpec(self.tr("Category"), lambda r: category_name(info(r).category)),
            ColumnSpec(self.tr("Effective from"), lambda r: info(r).effective_from.isoformat()),
            ColumnSpec(self.tr("Effective to"), lambda r: (
                info(r).effective_to.isoformat() if info(r).effective_to
                else self.tr("until replaced"))),
            ColumnSpec(self.tr("Price (yuan/kWh)"), lambda r: f"{info(r).price:.4f}",
                       numeric=True),
            ColumnSpec(self.tr("Tiers (kWh a year: yuan/kWh)"),
                       lambda r: tiers_summary(info(r).tiers)),
        ]

    def kind_name(self, kind: str) -> str:
        return label(TariffKind, kind)

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        db, actor = self._db, self._actor
        self._desk.run(lambda: tariffs.list_tariffs(db, actor), self, self._on_loaded,
                       self.message_bar.show_error, key="loads")

    def _on_loaded(self, versions: list[TariffInfo]) -> None:
        selected = self.selected_tariff()
        self.model.set_rows(versions)
        if selected is not None:
            self.select_version(selected.code, selected.effective_from)
        self.sig_tariffs_loaded.emit(len(versions))

    def versions(self) -> list[TariffInfo]:
        return [self.model.row_at(r) for r in range(self.model.rowCount())]  # type: ignore[misc]

    def select_version(self, code: str, effective_from: object = None) -> None:
        """Select the version of `code` starting on `effective_from` (default: the latest)."""
        rows = [r for r, t in enumerate(self.versions()) if t.code == code
                and (effective_from is None or t.effective_from == effective_from)]
        if rows:
            self.table.selectRow(rows[-1])

    def selected_tariff(self) -> TariffInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None  # type: ignore[return-value]

    def _update_buttons(self) -> None:
        self.new_version_button.setEnabled(self.selected_tariff() is not None)

    # -- new version ------------------------------------------------------------------------

    def _on_new_version_button_clicked(self) -> None:
        tariff = self.selected_tariff()
        if tariff is None:
            return
        db, actor = self._db, self._actor
        dialog = NewVersionDialog(self._desk, tariff,
                                  lambda spec: tariffs.new_version(db, actor, spec), self)
        dialog.sig_tariff_saved.connect(self._on_tariff_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()

    def _on_tariff_saved(self, tariff: TariffInfo) -> None:
        self.message_bar.show_success(self.tr(
            "Saved: tariff {code} from {day}; the previous version ends the day before.").format(
                code=tariff.code, day=tariff.effective_from.isoformat()))
        self.sig_tariff_saved.emit(tariff)
        self.refresh()
