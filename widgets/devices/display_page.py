"""The customer display's settings page: on or off, the notices' hours and pace, Preview
and Test. A page (QWidget) for the workstation settings dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from widgets.devices.display_link import DisplayLink


class DisplayPage(QWidget):
    """Changes are saved as they are made and shown on the display at once."""

    def __init__(self, link: DisplayLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        settings = link.settings
        self.screen_label = QLabel(self)
        self.screen_label.setWordWrap(True)
        self.enabled_box = QCheckBox(self)
        self.enabled_box.setChecked(settings.enabled)
        self.hours_edit = QLineEdit(settings.hours, self)
        self.hours_edit.setMaxLength(200)
        self.slide_spin = QSpinBox(self)
        self.slide_spin.setRange(3, 120)
        self.slide_spin.setValue(settings.slide_seconds)
        self.preview_button, self.test_button = QPushButton(self), QPushButton(self)
        self.form = QFormLayout()
        self.form.addRow(self.enabled_box)
        self.form.addRow(QLabel(self), self.hours_edit)
        self.form.addRow(QLabel(self), self.slide_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.screen_label)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.enabled_box.toggled.connect(self._save)
        self.hours_edit.editingFinished.connect(self._save)
        self.slide_spin.valueChanged.connect(self._save)
        self.preview_button.clicked.connect(self.link.preview)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.enabled_box.setText(self.tr("Show the customer display on a second screen"))
        labels = (self.tr("Opening hours"), self.tr("Seconds per notice"))
        for row, text in enumerate(labels, start=1):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.hours_edit.setPlaceholderText(self.tr("e.g. Monday to Sunday 8:30–17:30"))
        self.preview_button.setText(self.tr("Preview"))
        self.test_button.setText(self.tr("Test"))
        self.test_button.setToolTip(self.tr("Shows a made-up payment on the display"))
        self._show_screen()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_screen(self) -> None:
        screen = self.link.screen()
        if screen is None:
            self.screen_label.setText(self.tr(
                "No second screen is attached. Preview shows the customer display in a window "
                "here."))
        else:
            size = screen.geometry().size()
            self.screen_label.setText(self.tr("Customer screen: {name} ({width}×{height})")
                                      .format(name=screen.name(), width=size.width(),
                                              height=size.height()))

    def _save(self) -> None:
        self.link.settings.save(enabled=self.enabled_box.isChecked(),
                                hours=self.hours_edit.text().strip(),
                                slide_seconds=self.slide_spin.value())
        self.link.refresh_slides()
        self.link.place()

    def _on_test_clicked(self) -> None:
        self.link.preview()
        self.link.test()
