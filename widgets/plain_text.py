"""Data shows as the characters it holds: every QLabel is plain text unless it asks for rich.

QLabel's default (Qt.AutoText) guesses rich text from the string, so a customer named
`李<font size="60" color="red">已缴清</font>` would show a huge red "paid" in the customer
view (issue 16 item 5). An application-wide filter turns each label to plain text when it is
first polished; the few labels whose own words carry <b> set Qt.RichText themselves and
escape what they interpolate (`rich()`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel


class PlainLabels(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QLabel) \
                and watched.textFormat() == Qt.TextFormat.AutoText:
            watched.setTextFormat(Qt.TextFormat.PlainText)
        return False


def install_plain_labels(app: QApplication) -> PlainLabels:
    """Make every label the application shows from now on plain text; returns the filter."""
    existing = app.findChild(PlainLabels)
    if existing is not None:
        return existing
    plain = PlainLabels(app)
    app.installEventFilter(plain)
    return plain


def rich(label: QLabel) -> QLabel:
    """A label whose own (translated) words use <b>; values go in through `escape`."""
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


__all__ = ["escape", "install_plain_labels", "rich"]
