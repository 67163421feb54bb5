"""A tidy stand-in for a panel that a later release fills: says what will be there."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from widgets.resources import icon


class PlaceholderPanel(QWidget):
    """Icon, heading and a short description of the coming panel (texts already translated)."""

    def __init__(self, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon_name = icon_name
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        card = QFrame(self)
        card.setObjectName("PlaceholderCard")
        card.setFixedWidth(560)  # a fixed width lets the wrapped text get its full height
        picture = QLabel(card)
        picture.setPixmap(icon(self._icon_name, "#7f9bb8").pixmap(QSize(56, 56)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel(card)
        self.heading.setObjectName("PlaceholderHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.description = QLabel(card)
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge = QLabel(card)
        self.badge.setObjectName("PlaceholderBadge")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 36, 40, 36)
        inner.setSpacing(14)
        inner.addWidget(picture)
        inner.addWidget(self.heading)
        inner.addWidget(self.description)
        inner.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignCenter)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def _connect_signals(self) -> None:
        """Nothing to connect: the panel only informs."""

    def retranslate_ui(self) -> None:
        self.badge.setText(self.tr("Coming in a later release"))

    def set_texts(self, heading: str, description: str) -> None:
        self.heading.setText(heading)
        self.description.setText(description)
