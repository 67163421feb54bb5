"""The Seals panel: tabs by right. Everyone with seals scans and checks; whoever issues seals
(ISSUE_SEALS: supervisors too) gets the batches and who holds what; admins manage."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from console.changes import Changes
from console.services.permissions import Permission, allowed
from widgets.desk import Desk
from widgets.navigation import panel_description
from widgets.resources import icon
from widgets.seals.batches_panel import BatchesPanel
from widgets.seals.inspection import InspectionPanel
from widgets.seals.install_panel import InstallPanel
from widgets.seals.inventory import InventoryPanel
from widgets.seals.records import anomalies_list, holdings_list
from widgets.seals.scan_panel import SealScanPanel


class SealsPanel(QWidget):
    """Scan and Inspection check for staff who use seals; Batches and Installer holdings for
    those who issue or make seals; Anomalies and Inventory count for MANAGE_SEALS."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        role = desk.actor.role
        self.admin = allowed(role, Permission.MANAGE_SEALS)
        self.issuer = any(allowed(role, p) for p in (Permission.ISSUE_SEALS,
                                                     Permission.CREATE_SEAL_BATCHES))
        self._build_ui()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.tabs = QTabWidget(self)
        self.scan = SealScanPanel(self._desk, self)
        self.inspection = InspectionPanel(self._desk, self)
        self.tabs.addTab(self.scan, icon("scan"), "")
        self.install = InstallPanel(self._desk, self)
        self.tabs.addTab(self.inspection, icon("seals"), "")
        self.tabs.addTab(self.install, icon("add"), "")
        self.batches = self.anomalies = self.holdings = self.inventory = None
        args = (self._desk, self)
        if self.issuer or self.admin:
            self.batches = BatchesPanel(*args)
            self.tabs.addTab(self.batches, icon("database"), "")
        if self.admin:
            self.anomalies = anomalies_list(*args)
            self.tabs.addTab(self.anomalies, icon("seal_warning"), "")
        if self.issuer or self.admin:
            self.holdings = holdings_list(*args)
            self.tabs.addTab(self.holdings, icon("user"), "")
        if self.admin:
            self.inventory = InventoryPanel(*args)
            self.tabs.addTab(self.inventory, icon("reports"), "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._desk.sig_changed.connect(self._on_changed)

    def retranslate_ui(self) -> None:
        titles = [(self.scan, self.tr("Scan and verify")),
                  (self.inspection, self.tr("Inspection check")),
                  (self.install, self.tr("Install and remove")),
                  (self.batches, self.tr("Batches")), (self.anomalies, self.tr("Anomalies")),
                  (self.holdings, self.tr("Installer holdings")),
                  (self.inventory, self.tr("Inventory count"))]
        for widget, title in titles:
            if widget is not None:
                self.tabs.setTabText(self.tabs.indexOf(widget), title)

    def description(self) -> str:
        """The window's subtitle: batches and labels only for those who may open them."""
        return panel_description("seals" if self.admin
                                 else "seals.issue" if self.issuer else "seals.use")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _on_tabs_current_changed(self, _index: int) -> None:
        # Lists others change (an inspection elsewhere, another admin's issue) load afresh.
        current = self.tabs.currentWidget()
        if current in (self.batches, self.anomalies, self.holdings):
            current.refresh()
        self.focus_search()

    def _on_changed(self, changes: Changes) -> None:
        # A seal moved on this desk (issued, installed, an inspection's anomaly): the list in
        # view reads again; the others read when their tab is opened.
        current = self.tabs.currentWidget()
        if changes.seals and self.isVisible() and current in (self.batches, self.anomalies,
                                                               self.holdings):
            current.refresh()

    def focus_search(self) -> None:
        """Opening the panel (F7) puts the caret in the current tab's scan field."""
        current = self.tabs.currentWidget()
        if hasattr(current, "focus_search"):
            current.focus_search()

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)
