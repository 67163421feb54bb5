"""Which keys a window answers right now: mnemonics (&-letters) and shortcuts, by owner.

A mnemonic "&A" is the key Alt+A, so mnemonics and Alt-shortcuts are compared
as one set of key sequences. Only what is visible counts: the panels of a
stack that are not shown, or a tab not current, do not take keys.
"""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QWidget,
)

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    """'&Approve' or '批准(&A)' -> 'Alt+A'; '&&' is a literal ampersand."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return f"Alt+{found.group(1).upper()}" if found else None


def _sequence(keys: QKeySequence) -> str | None:
    text = keys.toString(QKeySequence.SequenceFormat.PortableText)
    return text or None


def _visible(widget: QWidget | None) -> bool:
    return widget is not None and widget.isVisible() and widget.isEnabled()


def _widget_keys(window: QWidget) -> list[tuple[str, str]]:
    keys = []
    for widget in window.findChildren(QWidget):
        if not _visible(widget) or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton):
            # A button's &-letter is also its shortcut(): one key, counted once.
            keys += [(k, f"button {widget.text()!r}") for k in
                     {mnemonic(widget.text()), _sequence(widget.shortcut())} if k]
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            keys += [(k, f"label {widget.text()!r}") for k in (mnemonic(widget.text()),) if k]
        elif isinstance(widget, QGroupBox):
            keys += [(k, f"group {widget.title()!r}") for k in (mnemonic(widget.title()),) if k]
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                key = mnemonic(widget.tabText(index))
                if key and widget.isTabEnabled(index):
                    keys.append((key, f"tab {widget.tabText(index)!r}"))
    return keys


def _action_active(action: QAction, window: QWidget) -> bool:
    if not (action.isEnabled() and action.isVisible()):
        return False
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            if isinstance(window, QMainWindow) and owner.menuAction() in window.menuBar().actions():
                return True
        elif isinstance(owner, QWidget) and _visible(owner) and owner.window() is window:
            return True
    return False


def _action_keys(window: QWidget) -> list[tuple[str, str]]:
    keys = []
    for action in window.findChildren(QAction):
        if _action_active(action, window):
            keys += [(k, f"action {action.text()!r}") for k in
                     (_sequence(s) for s in action.shortcuts()) if k]
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            key = mnemonic(action.text())
            if key and action.isVisible():
                keys.append((key, f"menu {action.text()!r}"))
    return keys


def _shortcut_keys(window: QWidget) -> list[tuple[str, str]]:
    keys = []
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        if not shortcut.isEnabled() or not isinstance(owner, QWidget):
            continue
        if not _visible(owner) or owner.window() is not window:
            continue
        for seq in shortcut.keys():
            key = _sequence(seq)
            if key:
                keys.append((key, f"shortcut of {type(owner).__name__}"))
    return keys


def key_owners(window: QWidget) -> dict[str, list[str]]:
    """Every key the window answers now, with everything that claims it."""
    owners: dict[str, list[str]] = defaultdict(list)
    for key, owner in _widget_keys(window) + _action_keys(window) + _shortcut_keys(window):
        owners[key].append(owner)
    return owners


def clashes(window: QWidget) -> dict[str, list[str]]:
    """Keys claimed by more than one visible thing at once."""
    return {k: v for k, v in key_owners(window).items() if len(v) > 1}


def menu_clashes(window: QObject) -> dict[str, list[str]]:
    """Within each menu: two entries with one &-letter."""
    found = {}
    for menu in window.findChildren(QMenu):
        owners: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            key = mnemonic(action.text())
            if key and action.isVisible():
                owners[key].append(action.text())
        found.update({f"{menu.title()} {k}": v for k, v in owners.items() if len(v) > 1})
    return found


def tabs_of(widget: QWidget) -> list[tuple[object, int]]:
    """Every (tab widget, index) under `widget`, to walk each tab in turn."""
    from PySide6.QtWidgets import QTabWidget

    return [(tabs, i) for tabs in widget.findChildren(QTabWidget) for i in range(tabs.count())]


