"""The receipt printer and cash drawer page of the workstation settings.

Where the printer is (none = PDF receipts, network, serial, a USB device file — the
/dev/usb/lp* found are offered), its paper width and how its
drawer's switch reads; a test page and a status read, each off the UI thread with the
answer on the page's status line; and "open the drawer without a sale", which only a
supervisor may do (the service checks; a clerk sees the button disabled and why).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.devices.escpos import drawer_kick
from console.devices.status import PrinterStatus
from console.devices.transport import (
    BAUD_RATES,
    RAW_PORT,
    PrinterConfig,
    PrinterKind,
    deliver,
    printer_status,
)
from console.devices.usblp import find_usb_printers
from console.services.payments.drawer import DrawerOpening, open_drawer_without_sale
from console.services.permissions import Permission, allowed
from widgets.desk import Desk
from widgets.devices.printer_settings import load_printer_config, save_printer_config
from widgets.devices.printer_words import failure_text, joined, status_text
from widgets.devices.thermal import print_test_page
from widgets.errors import MessageBar, error_text

REASON_MAX = 200


class PrinterPage(QWidget):
    """Receipt printer + cash drawer settings; `save()` keeps them for this workstation."""

    sig_status_read = Signal(object)
    """The printer answered a status read or a test page (PrinterStatus)."""

    sig_drawer_opened = Signal(object)
    """A drawer opening without a sale was recorded and the kick sent (DrawerOpening)."""

    sig_failed = Signal(str)
    """A test page, status read or drawer opening failed; carries the message shown."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._settings = settings
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.set_config(load_printer_config(settings))

    def _build_ui(self) -> None:
        self.message_bar = MessageBar(self)
        self.kind_combo = QComboBox(self)
        for kind in PrinterKind:
            self.kind_combo.addItem("", str(kind))
        self.host_edit, self.device_edit = QLineEdit(self), QLineEdit(self)
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setMinimumHeight(self.host_edit.sizeHint().height())
        self.baud_combo = QComboBox(self)
        for baud in BAUD_RATES:
            self.baud_combo.addItem(str(baud), baud)
        self.usb_combo = QComboBox(self)
        self.usb_combo.setEditable(True)  # a device the list did not find may be typed
        self.usb_find_button = QPushButton(self)
        self.paper_combo = QComboBox(self)
        self.paper_combo.addItem("80 mm", 80)
        self.paper_combo.addItem("58 mm", 58)
        self.test_button, self.status_button = QPushButton(self), QPushButton(self)
        self.status_label = QLabel(self, objectName="PrinterStatus")
        self.status_label.setWordWrap(True)
        self.printer_box = QGroupBox(self)
        self.form = QFormLayout(self.printer_box)
        usb_row = QHBoxLayout()
        usb_row.addWidget(self.usb_combo, 1)
        usb_row.addWidget(self.usb_find_button)
        for field in (self.kind_combo, self.host_edit, self.port_spin, self.device_edit,
                      self.baud_combo, usb_row, self.paper_combo):
            self.form.addRow(QLabel(self), field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.status_button)
        buttons.addStretch(1)
        self.form.addRow(buttons)
        self.form.addRow(self.status_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.printer_box)
        layout.addWidget(self._drawer_box())
        layout.addStretch(1)

    def _drawer_box(self) -> QGroupBox:
        self.drawer_box = QGroupBox(self)
        self.drawer_high_check = QCheckBox(self.drawer_box)
        self.reason_edit = QLineEdit(self.drawer_box)
        self.reason_edit.setMaxLength(REASON_MAX)
        self.open_drawer_button = QPushButton(self.drawer_box)
        self.may_open = allowed(self._desk.actor.role, Permission.OPEN_DRAWER)
        self.reason_edit.setEnabled(self.may_open)
        self.open_drawer_button.setEnabled(self.may_open)
        row = QHBoxLayout()
        row.addWidget(self.reason_edit, 1)
        row.addWidget(self.open_drawer_button)
        box = QVBoxLayout(self.drawer_box)
        box.addWidget(self.drawer_high_check)
        box.addLayout(row)
        return self.drawer_box

    def _connect_signals(self) -> None:
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.status_button.clicked.connect(self._on_status_button_clicked)
        self.usb_find_button.clicked.connect(self._on_usb_find_button_clicked)
        self.open_drawer_button.clicked.connect(self._on_open_drawer_button_clicked)

    def retranslate_ui(self) -> None:
        names = {PrinterKind.NONE: self.tr("None: print PDF receipts"),
                 PrinterKind.NETWORK: self.tr("Network (TCP port 9100)"),
                 PrinterKind.SERIAL: self.tr("Serial or USB serial port"),
                 PrinterKind.USB: self.tr("USB printer (Linux device file)")}
        for index, kind in enumerate(PrinterKind):
            self.kind_combo.setItemText(index, names[kind])
        labels = (self.tr("Receipt printer"), self.tr("Address"), self.tr("Port"),
                  self.tr("Serial port"), self.tr("Speed (baud)"), self.tr("USB device"),
                  self.tr("Paper width"))
        for row, text in enumerate(labels):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.host_edit.setPlaceholderText(self.tr("e.g. 192.168.1.60"))
        self.device_edit.setPlaceholderText(self.tr("e.g. COM3 or /dev/ttyUSB0"))
        self.usb_combo.lineEdit().setPlaceholderText(self.tr("e.g. /dev/usb/lp0"))
        self.usb_find_button.setText(self.tr("Look again"))
        self.usb_find_button.setToolTip(self.tr("List the USB printers plugged in now "
                                                "(/dev/usb/lp*)."))
        self.printer_box.setTitle(self.tr("Receipt printer (ESC/POS)"))
        self.test_button.setText(self.tr("Print a test page"))
        self.status_button.setText(self.tr("Read the printer's status"))
        self.drawer_box.setTitle(self.tr("Cash drawer"))
        self.drawer_high_check.setText(self.tr("The drawer's switch reads \"open\" when its "
                                               "signal is high (see the drawer's manual)"))
        self.reason_edit.setPlaceholderText(self.tr("Why open the drawer without a payment"))
        self.open_drawer_button.setText(self.tr("Open drawer without sale"))
        self.open_drawer_button.setToolTip("" if self.may_open else self.tr(
            "Only a supervisor may open the drawer without a payment; the opening is audited."))

    # -- the settings -----------------------------------------------------------------------

    def config(self) -> PrinterConfig:
        """What the page shows, as a config (not yet saved)."""
        kind = PrinterKind(self.kind_combo.currentData())
        device = self.usb_combo.currentText() if kind == PrinterKind.USB else \
            self.device_edit.text()
        return PrinterConfig(
            kind=kind, host=self.host_edit.text().strip(),
            port=self.port_spin.value(), device=device.strip(),
            baud=int(self.baud_combo.currentData()), paper_mm=int(self.paper_combo.currentData()),
            drawer_open_high=self.drawer_high_check.isChecked())

    def set_config(self, config: PrinterConfig) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(str(config.kind))))
        self.host_edit.setText(config.host)
        self.port_spin.setValue(config.port or RAW_PORT)
        self.device_edit.setText(config.device if config.kind == PrinterKind.SERIAL else "")
        self._list_usb_printers(config.device if config.kind == PrinterKind.USB else "")
        self.baud_combo.setCurrentIndex(max(0, self.baud_combo.findData(config.baud)))
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(config.paper_mm)))
        self.drawer_high_check.setChecked(config.drawer_open_high)
        self._on_kind_combo_changed()

    def save(self) -> None:
        """Keep the printer for this workstation (the settings dialog's OK)."""
        save_printer_config(self.config(), self._settings)

    def _on_kind_combo_changed(self) -> None:
        kind = PrinterKind(self.kind_combo.currentData())
        for row, shown in ((1, kind == PrinterKind.NETWORK), (2, kind == PrinterKind.NETWORK),
                           (3, kind == PrinterKind.SERIAL), (4, kind == PrinterKind.SERIAL),
                           (5, kind == PrinterKind.USB), (6, kind != PrinterKind.NONE)):
            self.form.setRowVisible(row, shown)
        for button in (self.test_button, self.status_button):
            button.setEnabled(kind != PrinterKind.NONE)
        if kind == PrinterKind.NONE:
            self.status_label.setText(self.tr("Receipts are printed as PDF on the system printer "
                                              "(or saved to a file)."))
        elif kind == PrinterKind.USB:  # plugged in since the page opened: listed now
            self._show_usb_printers()
        else:
            self.status_label.clear()

    def _on_usb_find_button_clicked(self) -> None:
        self._show_usb_printers()

    def _show_usb_printers(self) -> None:
        self._list_usb_printers(self.usb_combo.currentText().strip())
        self.status_label.setText(self._usb_hint())

    def _list_usb_printers(self, keep: str) -> None:
        """The device files found now, and `keep` (what is stored or typed) chosen."""
        found = find_usb_printers()
        self.usb_combo.clear()
        self.usb_combo.addItems(found)
        if keep and keep not in found:
            self.usb_combo.addItem(keep)
        self.usb_combo.setCurrentText(keep or (found[0] if found else ""))

    def _usb_hint(self) -> str:
        found = find_usb_printers()
        if not found:
            return self.tr("No USB printer is plugged in (nothing in /dev/usb/lp*): plug it "
                           "in, switch it on and press \"Look again\".")
        return self.tr("USB printers found: {devices}. The user must be in the \"lp\" group "
                       "to print on them.").format(devices=", ".join(found))

    # -- the printer ------------------------------------------------------------------------

    def _on_test_button_clicked(self) -> None:
        config = self.config()
        self._ask(lambda: print_test_page(config), self.tr("Test page sent."))

    def _on_status_button_clicked(self) -> None:
        config = self.config()
        self._ask(lambda: printer_status(config), "")

    def _ask(self, op, done: str) -> None:  # type: ignore[no-untyped-def]
        self.message_bar.clear()
        self.status_label.setText(self.tr("Asking the printer…"))
        self._desk.run(op, self, lambda status: self._on_status(status, done), self._on_failed)

    def _on_status(self, status: PrinterStatus, done: str) -> None:
        self.status_label.setText(joined(done, status_text(status)))
        self.sig_status_read.emit(status)

    def _on_failed(self, exc: BaseException) -> None:
        said = failure_text(exc) or error_text(exc)
        self.status_label.setText(said)
        self.sig_failed.emit(said)

    # -- the drawer -------------------------------------------------------------------------

    def _on_open_drawer_button_clicked(self) -> None:
        db, actor, reason, config = (self._desk.db, self._desk.actor, self.reason_edit.text(),
                                     self.config())
        if not config.thermal:
            self.message_bar.show_error(self.tr("The drawer opens through the receipt printer: "
                                                "set up the printer first."))
            return
        # Recorded first: a kick that fails is still an attempt someone made.
        self._desk.run(lambda: open_drawer_without_sale(db, actor, reason=reason), self,
                       lambda opening: self._kick(config, opening), self._on_drawer_refused,
                       write=True)

    def _kick(self, config: PrinterConfig, opening: DrawerOpening) -> None:
        self._desk.run(lambda: deliver(config, drawer_kick()), self,
                       lambda _status: self._on_drawer_opened(opening), self._on_failed)

    def _on_drawer_opened(self, opening: DrawerOpening) -> None:
        self.reason_edit.clear()
        self.message_bar.show_message(self.tr("Drawer opened; recorded with the reason "
                                              "\"{reason}\".").format(reason=opening.reason),
                                      MessageBar.Kind.SUCCESS)
        self.sig_drawer_opened.emit(opening)

    def _on_drawer_refused(self, exc: BaseException) -> None:
        self.message_bar.show_error(exc)
        self.sig_failed.emit(error_text(exc))
