"""The arrears panel's header: four age-bucket cards and the filter row."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.billing.money import parse_amount
from console.errors import InvalidAmount
from console.models.enums import ControlState, CustomerCategory
from widgets.arrears.order import ArrearsFilter
from widgets.domain_labels import category_name, control_state_name, money

translate = QCoreApplication.translate


class BucketCard(QFrame):
    """One age bucket: its name, how many customers, how much. Click to filter by it."""

    sig_clicked = Signal()
    """The card was clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BucketCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel(self, objectName="BucketTitle")
        self.count = QLabel(self, objectName="BucketCount")
        self.amount = QLabel(self, objectName="BucketAmount")
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 10, 14, 10)
        box.setSpacing(2)
        for label in (self.title, self.count, self.amount):
            box.addWidget(label)

    def set_checked(self, checked: bool) -> None:
        self.setProperty("checked", checked)
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.sig_clicked.emit()
        super().mousePressEvent(event)


class BucketStrip(QWidget):
    """Four cards: 0–30, 31–60, 61–90 and more than 90 days overdue."""

    sig_bucket_clicked = Signal(int)
    """A card was clicked: its bucket index 0–3."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = [BucketCard(self) for _ in range(4)]
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)
        for index, card in enumerate(self.cards):
            card.setProperty("bucket", index)
            card.sig_clicked.connect(lambda i=index: self.sig_bucket_clicked.emit(i))
            box.addWidget(card, 1)

    def retranslate_ui(self) -> None:
        for card, title in zip(self.cards, bucket_names(), strict=True):
            card.title.setText(title)

    def show_totals(self, totals: list[tuple[int, Decimal]], chosen: int | None) -> None:
        for index, (card, (count, amount)) in enumerate(zip(self.cards, totals, strict=True)):
            card.count.setText(self.tr("%n customer(s)", "", count))
            card.amount.setText(self.tr("{amount} yuan").format(amount=money(amount)))
            card.set_checked(index == chosen)

    def show_loading(self, chosen: int | None) -> None:
        """No figures while the list is still being read: a part would pass for the whole."""
        for index, card in enumerate(self.cards):
            card.count.setText(self.tr("loading…"))
            card.amount.setText("")
            card.set_checked(index == chosen)


def bucket_names() -> list[str]:
    return [translate("ArrearsFilterBar", "0–30 days overdue"),
            translate("ArrearsFilterBar", "31–60 days"),
            translate("ArrearsFilterBar", "61–90 days"),
            translate("ArrearsFilterBar", "Over 90 days")]


class ArrearsFilterBar(QWidget):
    """Unit, category, minimum amount, age and control state."""

    sig_filter_changed = Signal()
    """Any filter changed; read `current()`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.unit_combo, self.category_combo = QComboBox(self), QComboBox(self)
        self.age_combo, self.state_combo = QComboBox(self), QComboBox(self)
        self.min_edit = QLineEdit(self)
        self.min_edit.setMaximumWidth(110)
        self.min_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.captions = [QLabel(self) for _ in range(5)]
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        fields = (self.unit_combo, self.category_combo, self.min_edit, self.age_combo,
                  self.state_combo)
        for caption, field in zip(self.captions, fields, strict=True):
            box.addWidget(caption)
            box.addWidget(field)
            box.addSpacing(8)
        box.addStretch(1)
        self.unit_combo.addItem("", None)
        for code in CustomerCategory:
            self.category_combo.addItem("", code.value)
        self.category_combo.insertItem(0, "", None)
        for bucket in (None, 0, 1, 2, 3):
            self.age_combo.addItem("", bucket)
        self.state_combo.addItem("", None)
        for code in ControlState:
            self.state_combo.addItem("", code.value)
        for combo in (self.unit_combo, self.category_combo, self.age_combo, self.state_combo):
            combo.setCurrentIndex(0)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def _connect_signals(self) -> None:
        for combo in (self.unit_combo, self.category_combo, self.age_combo, self.state_combo):
            combo.currentIndexChanged.connect(self.sig_filter_changed)
        self.min_edit.textChanged.connect(self._on_min_edit_text_changed)

    def retranslate_ui(self) -> None:
        for caption, text in zip(self.captions, (self.tr("Unit"), self.tr("Category"),
                                                 self.tr("Min. yuan"), self.tr("Age"),
                                                 self.tr("State")), strict=True):
            caption.setText(text)
        everything = self.tr("All")
        for combo in (self.unit_combo, self.category_combo, self.age_combo, self.state_combo):
            combo.setItemText(0, everything)
        for row in range(1, self.category_combo.count()):
            self.category_combo.setItemText(row, category_name(self.category_combo.itemData(row)))
        for row, name in enumerate(bucket_names(), start=1):
            self.age_combo.setItemText(row, name)
        for row in range(1, self.state_combo.count()):
            self.state_combo.setItemText(row, control_state_name(self.state_combo.itemData(row)))
        self.min_edit.setPlaceholderText(self.tr("any"))

    def set_units(self, units: list[tuple[int, str]]) -> None:
        chosen = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        while self.unit_combo.count() > 1:
            self.unit_combo.removeItem(1)
        for unit_id, name in units:
            self.unit_combo.addItem(name, unit_id)
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(chosen)))
        self.unit_combo.blockSignals(False)

    def set_bucket(self, bucket: int | None) -> None:
        self.age_combo.setCurrentIndex(self.age_combo.findData(bucket) if bucket is not None else 0)

    def _min_amount(self) -> Decimal | None:
        text = self.min_edit.text().strip()
        if not text:
            return None
        try:
            return parse_amount(text, field="min", ceiling=None, allow_zero=True)
        except InvalidAmount:
            return None

    def _on_min_edit_text_changed(self, text: str) -> None:
        valid = not text.strip() or self._min_amount() is not None
        self.min_edit.setProperty("invalid", not valid)
        self.min_edit.style().unpolish(self.min_edit)
        self.min_edit.style().polish(self.min_edit)
        if valid:
            self.sig_filter_changed.emit()

    def current(self) -> ArrearsFilter:
        return ArrearsFilter(self.unit_combo.currentData(), self.category_combo.currentData(),
                             self._min_amount(), self.age_combo.currentData(),
                             self.state_combo.currentData())
