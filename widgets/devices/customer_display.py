"""The screen turned towards the customer: what they owe, hand over and get back.

Read from a metre away, so few words in large type, scaled to the window's height
(a 10" USB screen and a 24" monitor show the same picture). It shows only what the
customer may see: the hall's name, their name masked (张*), the figures of the payment
dialog as the dialog computed them (widgets.payments.counter_amounts), the scan-to-pay
QR when the clerk offers one, "power restored" once the reconnect is confirmed, and between customers
a slideshow of the hall's notices. Nothing here reads the database.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from widgets.domain_labels import money
from widgets.payments.counter_amounts import CounterAmounts
from widgets.payments.qr_picture import qr_pixmap

SLIDE_MS = 8000
BACK_TO_IDLE_MS = 60_000  # a paid or restored screen stays this long, then the notices
PASSIVE = Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus
INK, CALM, BAR, GOOD = "#1d2b36", "#f3f6f5", "#17405e", "#1e7a46"


class CustomerDisplay(QWidget):
    """Idle slideshow, the payment's figures, or "power restored"."""

    sig_slide_changed = Signal(int)
    """The slideshow shows this slide (index into `slides`)."""

    def __init__(self, hall_name: str, parent: QWidget | None = None, *,
                 slide_ms: int = SLIDE_MS, back_to_idle_ms: int = BACK_TO_IDLE_MS) -> None:
        super().__init__(parent, PASSIVE)
        self.setObjectName("CustomerDisplay")
        # Never the active window: the clerk's keys and scans stay in the clerk's window.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.hall_name = hall_name
        self.hours = ""  # the hall's opening hours, a workstation setting
        self.slides: list[str] = []
        self.slide = 0
        self.amounts: CounterAmounts | None = None
        self.masked_name = ""
        self.scan_code = ""  # the scan-to-pay code on screen, "" when none is offered
        self._fonts: list[tuple[QLabel, float, bool]] = []
        self._slide_timer = QTimer(self, interval=slide_ms)
        self._slide_timer.timeout.connect(self._next_slide)
        self._idle_timer = QTimer(self, singleShot=True, interval=back_to_idle_ms)
        self._idle_timer.timeout.connect(self.show_idle)
        self._build_ui()
        self.retranslate_ui()
        self.show_idle()

    # -- building ---------------------------------------------------------------------------

    def _label(self, size: float, *, bold: bool = False, name: str = "") -> QLabel:
        """A label whose type is `size` hundredths of the window's height."""
        label = QLabel(self, objectName=name or "DisplayText")
        self._fonts.append((label, size, bold))
        return label

    def _build_ui(self) -> None:
        self.setStyleSheet(f"#CustomerDisplay {{ background: {CALM}; }}"
                           f"#CustomerDisplay QLabel {{ color: {INK}; }}"
                           f"#DisplayBar {{ background: {BAR}; }}"
                           f"#DisplayBar QLabel {{ color: white; }}"
                           f"#CustomerDisplay QLabel#DisplayRestored {{ color: {GOOD}; "
                           f"font-weight: bold; }}"
                           f"#DisplayQr {{ background: white; border: 2px solid #8aa0ae; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bar = QFrame(self, objectName="DisplayBar")
        self.hall_label = self._label(5.5, bold=True)
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(40, 16, 40, 16)
        bar_layout.addWidget(self.hall_label)
        self.pages = QStackedWidget(self)
        self.idle_page, self.payment_page, self.restored_page = (
            self._idle_ui(), self._payment_ui(), self._restored_ui())
        for page in (self.idle_page, self.payment_page, self.restored_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.pages, 1)

    def _idle_ui(self) -> QWidget:
        page = QWidget(self)
        self.slide_label = self._label(7.5, bold=True)
        self.slide_label.setWordWrap(True)
        self.slide_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slide_count = self._label(3)
        self.slide_count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.addWidget(self.slide_label, 1)
        layout.addWidget(self.slide_count)
        return page

    def _payment_ui(self) -> QWidget:
        page = QWidget(self)
        self.name_label = self._label(6, bold=True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(40)
        grid.setVerticalSpacing(12)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, key in enumerate(("due", "late_fees", "amount", "tendered", "change")):
            big = key in ("due", "change")
            self.captions[key] = self._label(5)
            self.values[key] = self._label(8 if big else 5.5, bold=big)
            self.values[key].setAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(self.captions[key], row, 0)
            grid.addWidget(self.values[key], row, 1)
        self.qr_box = QLabel(self, objectName="DisplayQr")  # the scan-to-pay code, when offered
        self.qr_box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_box.hide()
        self.status_label = self._label(5, bold=True)
        self.status_label.setWordWrap(True)
        figures = QHBoxLayout()
        figures.addLayout(grid, 3)
        figures.addSpacing(40)
        figures.addWidget(self.qr_box, 2)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(18)
        layout.addWidget(self.name_label)
        layout.addLayout(figures, 1)
        layout.addWidget(self.status_label)
        return page

    def _restored_ui(self) -> QWidget:
        page = QWidget(self)
        self.restored_label = self._label(12, bold=True, name="DisplayRestored")
        self.restored_note = self._label(5)
        for label in (self.restored_label, self.restored_note):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.addStretch(1)
        layout.addWidget(self.restored_label)
        layout.addWidget(self.restored_note)
        layout.addStretch(1)
        return page

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Type in proportion to the screen: legible at a metre on any size of display.
        unit = max(event.size().height(), 240) / 100
        for label, size, bold in self._fonts:
            font = QFont(label.font())
            font.setPixelSize(round(size * unit))
            font.setBold(bold)
            label.setFont(font)
        side = round(38 * unit)
        self.qr_box.setFixedSize(side, side)
        self._draw_code()
        super().resizeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Customer display"))
        self.hall_label.setText(self.hall_name)
        captions = {"due": self.tr("Amount due (incl. late fees)"),
                    "late_fees": self.tr("of which late fees"),
                    "amount": self.tr("Paying now"), "tendered": self.tr("Tendered"),
                    "change": self.tr("Change")}
        for key, text in captions.items():
            self.captions[key].setText(text)
        self.restored_label.setText(self.tr("Power restored"))
        self.restored_note.setText(self.tr("Your electricity supply is back on. Thank you."))
        self.slides = self._notices()
        self._show_slide()
        if self.amounts is not None:
            self.show_amounts(self.amounts)
        self.name_label.setText(self.tr("Customer: {name}").format(name=self.masked_name)
                                if self.masked_name else "")

    # -- what is shown ----------------------------------------------------------------------

    def set_notices(self, hours: str, slide_ms: int) -> None:
        """The slideshow's opening hours and pace (from the display's settings)."""
        self.hours = hours
        self._slide_timer.setInterval(slide_ms)
        self.slides, self.slide = self._notices(), 0
        self._show_slide()

    def _notices(self) -> list[str]:
        """The hall has no public notices in the database (console/notices are letters to one
        customer each): its name, opening hours and how to pay here."""
        slides = [self.tr("Welcome to {hall}").format(hall=self.hall_name),
                  self.tr("Opening hours: {hours}").format(hours=self.hours) if self.hours else "",
                  self.tr("Please tell us your customer number, or show your bill or payment "
                          "notice"),
                  self.tr("Pay here in cash, by bank card, WeChat Pay or Alipay")]
        return [s for s in slides if s]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_idle(self) -> None:
        """Between customers: the notices, one after the other."""
        self._idle_timer.stop()
        self.amounts, self.masked_name, self.scan_code = None, "", ""
        self.name_label.clear()
        self.pages.setCurrentWidget(self.idle_page)
        self._show_slide()
        self._slide_timer.start()

    def show_customer(self, masked_name: str) -> None:
        """A payment starts: the customer's masked name (never more), figures to follow."""
        self._idle_timer.stop()
        self._slide_timer.stop()
        self.masked_name = masked_name
        self.name_label.setText(self.tr("Customer: {name}").format(name=masked_name))
        self.pages.setCurrentWidget(self.payment_page)

    def show_amounts(self, amounts: CounterAmounts) -> None:
        self._slide_timer.stop()
        self.amounts = amounts
        self.pages.setCurrentWidget(self.payment_page)
        cash = amounts.method == "cash"
        shown = {"due": amounts.due, "late_fees": amounts.late_fees, "amount": amounts.amount,
                 "tendered": amounts.tendered if cash else None,
                 "change": amounts.change if cash else None}
        for key, value in shown.items():
            self.values[key].setText(self._yuan(value))
        for key in ("tendered", "change"):
            self.captions[key].setVisible(cash)
            self.values[key].setVisible(cash)
        self.captions["late_fees"].setVisible(amounts.late_fees > 0)
        self.values["late_fees"].setVisible(amounts.late_fees > 0)
        self._show_code_state()
        if amounts.paid:
            self._idle_timer.start()

    def show_scan_code(self, code: str) -> None:
        """The scan-to-pay code the customer should scan now ("" takes it away)."""
        self.scan_code = code
        self._draw_code()
        self._show_code_state()

    def _draw_code(self) -> None:
        if self.scan_code:
            self.qr_box.setPixmap(qr_pixmap(self.scan_code, self.qr_box.width() - 8))
        else:
            self.qr_box.clear()

    def _show_code_state(self) -> None:
        paid = self.amounts is not None and self.amounts.paid
        offered = bool(self.scan_code) and not paid
        self.qr_box.setVisible(offered)
        method = self.amounts.method if self.amounts is not None else ""
        self.status_label.setText(
            self.tr("Payment received. Thank you!") if paid
            else self.tr("Scan the code with Alipay to pay") if offered and method == "alipay"
            else self.tr("Scan the code with WeChat to pay") if offered
            else self.tr("Please check the amounts"))

    def show_power_restored(self) -> None:
        self._slide_timer.stop()
        self.pages.setCurrentWidget(self.restored_page)
        self._idle_timer.start()

    def _yuan(self, value: Decimal | None) -> str:
        return "—" if value is None else self.tr("{amount} yuan").format(amount=money(value))

    def _show_slide(self) -> None:
        if not self.slides:
            self.slides = [self.hall_name]
        self.slide %= len(self.slides)
        self.slide_label.setText(self.slides[self.slide])
        self.slide_count.setText(" ".join("●" if i == self.slide else "○"
                                          for i in range(len(self.slides)))
                                 if len(self.slides) > 1 else "")

    def _next_slide(self) -> None:
        self.slide = (self.slide + 1) % len(self.slides)
        self._show_slide()
        self.sig_slide_changed.emit(self.slide)
