"""The scanner's settings page: keyboard or serial port, the port, the wedge's suffix key,
and Test, which shows the last scan. A page (QWidget) for the workstation settings dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from serial.tools import list_ports

from widgets.devices.scan_router import ScanRouter
from widgets.devices.scanner_config import BAUD_RATES, ScannerConfig, ScannerMode, Suffix
from widgets.errors import MessageBar


class ScannerPage(QWidget):
    """Settings are saved and applied on Test (a serial port is opened then, not per key)."""

    def __init__(self, router: ScanRouter, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.router, self._settings = router, settings
        config = router.config
        self.mode_combo, self.port_combo = QComboBox(self), QComboBox(self)
        self.baud_combo, self.suffix_combo = QComboBox(self), QComboBox(self)
        for mode in ScannerMode:
            self.mode_combo.addItem("", mode.value)
        self.port_combo.setEditable(True)
        self.port_combo.lineEdit().setMaxLength(200)
        self.port_combo.addItems([p.device for p in list_ports.comports()])
        self.port_combo.setCurrentText(config.port)
        for baud in BAUD_RATES:
            self.baud_combo.addItem(str(baud), baud)
        for suffix in Suffix:
            self.suffix_combo.addItem("", suffix.value)
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(config.mode.value))
        self.baud_combo.setCurrentIndex(self.baud_combo.findData(config.baudrate))
        self.suffix_combo.setCurrentIndex(self.suffix_combo.findData(config.suffix.value))
        self.test_field = QLineEdit(self)
        self.test_button = QPushButton(self)
        self.last_label = QLabel(self, objectName="LastScan")
        self.last_label.setWordWrap(True)
        self.message_bar = MessageBar(self)
        self._lay_out()
        self.router.sig_scanned.connect(self._show_last)
        self.router.sig_serial_error.connect(self.message_bar.show_error)
        self.router.sig_serial_reopened.connect(self.message_bar.show_success)
        self.test_field.returnPressed.connect(self._on_test_field_return)
        self.test_button.clicked.connect(self.test)
        self.mode_combo.currentIndexChanged.connect(self._show_mode)
        self.retranslate_ui()

    def _lay_out(self) -> None:
        self.form = QFormLayout()
        for widget in (self.mode_combo, self.port_combo, self.baud_combo, self.suffix_combo,
                       self.test_field):
            self.form.addRow(QLabel(self), widget)
        test = QHBoxLayout()
        test.addWidget(self.test_button)
        test.addWidget(self.last_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(self.form)
        layout.addLayout(test)
        layout.addStretch(1)

    def retranslate_ui(self) -> None:
        labels = (self.tr("Scanner"), self.tr("Serial port"), self.tr("Speed (baud)"),
                  self.tr("Key after each scan"), self.tr("Try it here"))
        for row, text in enumerate(labels):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.mode_combo.setItemText(0, self.tr("Types like a keyboard (USB HID)"))
        self.mode_combo.setItemText(1, self.tr("Serial port (RS-232 or USB-CDC)"))
        self.suffix_combo.setItemText(0, self.tr("Enter"))
        self.suffix_combo.setItemText(1, self.tr("Tab"))
        self.port_combo.setPlaceholderText(self.tr("e.g. COM3 or /dev/ttyACM0"))
        self.test_field.setPlaceholderText(self.tr("Press Test, then scan a barcode"))
        self.test_button.setText(self.tr("Test"))
        self._show_last(self.router.last_scan)
        self._show_mode()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def config(self) -> ScannerConfig:
        return ScannerConfig(mode=ScannerMode(self.mode_combo.currentData()),
                             port=self.port_combo.currentText().strip(),
                             baudrate=int(self.baud_combo.currentData()),
                             suffix=Suffix(self.suffix_combo.currentData()))

    def _show_mode(self) -> None:
        serial = self.mode_combo.currentData() == ScannerMode.SERIAL
        for row in (1, 2):
            self.form.setRowVisible(row, serial)
        self.form.setRowVisible(3, not serial)  # a serial scanner's lines end by themselves

    def test(self) -> None:
        """Save and apply the settings, then wait for a scan (shown below)."""
        config = self.config()
        config.save(self._settings)
        self.message_bar.clear()
        if error := self.router.apply(config):
            self.message_bar.show_error(error)
            return
        self.message_bar.show_message(self.tr("Saved. Scan a barcode now: it shows below."))
        self.test_field.clear()
        self.test_field.setFocus()

    def _on_test_field_return(self) -> None:
        text = self.test_field.text().strip()[:200]
        self.test_field.clear()
        if text and text != self.router.last_scan:  # typed by hand, not a scanner's burst
            self._show_last(text)

    def _show_last(self, text: str) -> None:
        self.last_label.setText(self.tr("Last scan: {code}").format(code=text[:200]) if text
                                else self.tr("No scan yet."))
