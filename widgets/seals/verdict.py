"""The big answer to a scan: genuine, forged, not a seal… in colour, icon and words."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from widgets.resources import icon


class Tone(Enum):
    """Colour family of the banner; the words always say it too (colour-blind users)."""

    GOOD = ("seal_genuine", "#1c7a46", "#e6f4ec", "#9fd1b3")
    BAD = ("seal_forged", "#b3261e", "#fdeceb", "#ecaaa4")
    WARN = ("seal_warning", "#8a5300", "#fff4df", "#f0cf94")
    NEUTRAL = ("scan", "#38506b", "#ffffff", "#d9e1ea")


class VerdictBanner(QFrame):
    """Icon, a large headline and a line of detail; hidden until the first answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VerdictBanner")
        # As tall as its words: a hidden table below must not stretch the answer.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.tone = Tone.NEUTRAL
        self.icon_label = QLabel(self)
        self.icon_label.setFixedSize(QSize(52, 52))
        self.headline = QLabel(self)
        self.headline.setObjectName("VerdictHeadline")
        self.detail = QLabel(self)
        self.detail.setObjectName("VerdictDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.headline)
        words.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(16)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(words, 1)
        self.show_answer(Tone.NEUTRAL, "", "")

    def show_answer(self, tone: Tone, headline: str, detail: str) -> None:
        self.tone = tone
        name, ink, background, border = tone.value
        self.setStyleSheet(
            f"#VerdictBanner {{ background: {background}; border: 1px solid {border};"
            f" border-left: 6px solid {ink}; border-radius: 6px; }}"
            f" #VerdictHeadline {{ color: {ink}; font-size: 17pt; font-weight: 700; }}"
            f" #VerdictDetail {{ color: #2c4259; font-size: 10.5pt; }}")
        self.icon_label.setPixmap(icon(name, ink).pixmap(QSize(48, 48)))
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
