"""Panels not yet built on the desk, fitted to the panel table (widgets.navigation).

Temporary: the arrears panel is being rewritten in parallel and still takes the old
(db, tasks, actor) triple. Once it takes the desk and reacts to `Desk.sig_changed`
itself, its PanelSpec names the class and this module goes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from console.changes import Changes
from widgets.arrears_panel import ArrearsPanel
from widgets.desk import Desk


class _ArrearsListener(QObject):
    """The arrears panel's `_on_changed`, until it has one; a child of the panel, so Qt
    disconnects it from the desk when the panel goes."""

    def __init__(self, panel: ArrearsPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def on_changed(self, changes: Changes) -> None:
        # A payment at this desk: no need to wait for the list's next poll.
        if changes.payments:
            self._panel.reload()


def arrears_panel(desk: Desk, parent: QWidget) -> ArrearsPanel:
    panel = ArrearsPanel(desk.db, desk.tasks, desk.actor, parent)
    panel.desk_listener = _ArrearsListener(panel)  # held: a bound slot does not keep it
    desk.sig_changed.connect(panel.desk_listener.on_changed)
    return panel
