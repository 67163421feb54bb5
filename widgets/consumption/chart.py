"""The consumption view of the customer in hand: live power, daily energy with the
tiers, this year against last, the TOU split, voltage and current.

Data comes through the task runner from two callables the composition root
binds to the database and the logged-in actor, e.g.
`partial(consumption.overview, db, actor)` and `partial(consumption.live_update, db, actor)`.
New readings go into a buffer; a frame timer hands it to the existing curves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.files import write_user_file
from console.services.consumption.types import (
    ConsumptionOverview,
    LiveUpdate,
    MeterState,
    PhaseSeries,
    PowerSeries,
)
from reports.safe_csv import csv_bytes
from widgets.consumption.energy_plots import DailyPlots, MonthlyPlot, TouPlot
from widgets.consumption.plots import LivePlots
from widgets.consumption.status import StatusChip, TitleLabel, WarningBanner, meter_texts
from widgets.errors import MessageBar
from widgets.save_files import ask_save_path, file_name, today_text

LoadOverview = Callable[..., ConsumptionOverview]  # (customer_id, *, year, history, now, stale_after)
LoadLive = Callable[..., LiveUpdate]  # (meter_id, *, since, after_id, now, stale_after)

DEFAULT_STALE_AFTER = dt.timedelta(minutes=45)  # three missed 15-minute polls
class Runner(Protocol):
    """What the chart needs of a desk (widgets.desk.Desk; a benchmark's runs at once)."""

    def run(self, op: Callable[[], Any], owner: QWidget,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, *,
            key: str | None = None, write: bool = False) -> object: ...

    def drop(self, owner: QWidget, key: str) -> None: ...


class Page(IntEnum):
    LIVE = 0
    DAILY = 1
    MONTHLY = 2
    TOU = 3


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ConsumptionChart(QWidget):
    """Charts of one customer's consumption that keep growing while readings arrive."""

    sig_loaded = Signal(int)
    """The overview of this customer id is on screen (all pages filled)."""

    sig_live_updated = Signal(int)
    """A live poll finished and appended this many new readings (0: nothing new)."""

    sig_redrawn = Signal(int)
    """The frame timer handed the live curves new data; the number of points shown."""

    sig_exported = Signal(str)
    """A PNG or CSV file was written to this path."""

    def __init__(self, desk: Runner, load_overview: LoadOverview, load_live: LoadLive,
                 parent: QWidget | None = None, *, poll_ms: int = 5000, frame_ms: int = 50,
                 history: dt.timedelta = dt.timedelta(hours=24),
                 stale_after: dt.timedelta = DEFAULT_STALE_AFTER,
                 clock: Callable[[], dt.datetime] = _utcnow) -> None:
        super().__init__(parent)
        self._desk, self._load_overview, self._load_live = desk, load_overview, load_live
        self._history, self._stale_after, self._clock = history, stale_after, clock
        self._customer_id: int | None = None
        self._overview: ConsumptionOverview | None = None
        self._meter: MeterState | None = None
        self._last_id: int | None = None
        self._live_busy = False
        self._dirty = False
        self._stale_pages: set[Page] = set()  # energy pages not yet drawn with the overview
        self._build_ui(poll_ms, frame_ms)
        self._connect_signals()
        self.retranslate_ui()

    # -------------------------------------------------------------- building

    def _build_ui(self, poll_ms: int, frame_ms: int) -> None:
        self.title_label = TitleLabel(objectName="consumptionTitle")
        self.title_label.setStyleSheet("font-size: 15px; font-weight: bold; color: #38506b;")
        self.status_chip = StatusChip()
        self.year_spin = QSpinBox(minimum=2000, maximum=2100, value=self._clock().year)
        self.year_label = QLabel()
        self.reset_zoom_button = QPushButton()
        self.export_png_button = QPushButton()
        self.export_csv_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addWidget(self.status_chip)
        top.addStretch(1)
        for widget in (self.year_label, self.year_spin, self.reset_zoom_button,
                       self.export_png_button, self.export_csv_button):
            top.addWidget(widget)
        self.message_bar = MessageBar(self, reserve_space=True)
        self.offline_banner = WarningBanner()
        self.live = LivePlots()
        self.daily = DailyPlots()
        self.monthly = MonthlyPlot()
        self.tou = TouPlot()
        live_page = QWidget()
        live_layout = QVBoxLayout(live_page)
        live_layout.setContentsMargins(4, 4, 4, 4)
        live_layout.addWidget(self.offline_banner)
        live_layout.addWidget(self.live, 1)
        self.tabs = QTabWidget(objectName="consumptionTabs")
        for page in (live_page, self.daily, self.monthly, self.tou):
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs, 1)
        self._poll_timer = QTimer(self, interval=poll_ms)
        self._frame_timer = QTimer(self, interval=frame_ms)

    def _connect_signals(self) -> None:
        self.year_spin.valueChanged.connect(self._on_year_spin_value_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.reset_zoom_button.clicked.connect(self._on_reset_zoom_button_clicked)
        self.export_png_button.clicked.connect(self._on_export_png_button_clicked)
        self.export_csv_button.clicked.connect(self._on_export_csv_button_clicked)
        self._poll_timer.timeout.connect(self._on_poll_timer_timeout)
        self._frame_timer.timeout.connect(self._on_frame_timer_timeout)

    def retranslate_ui(self) -> None:
        for page, text in ((Page.LIVE, self.tr("Live power")), (Page.DAILY, self.tr("Daily energy")),
                           (Page.MONTHLY, self.tr("Month by month")),
                           (Page.TOU, self.tr("Time of use"))):
            self.tabs.setTabText(page, text)
        self.year_label.setText(self.tr("Year"))
        self.reset_zoom_button.setText(self.tr("Reset zoom"))
        self.reset_zoom_button.setToolTip(self.tr("Show all data again after zooming or panning"))
        self.export_png_button.setText(self.tr("Export PNG…"))
        self.export_csv_button.setText(self.tr("Export CSV…"))
        for plots in (self.live, self.daily, self.monthly, self.tou):
            plots.retranslate_ui()
        self._show_title()
        self._show_meter_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._meter is not None and not self._poll_timer.isActive():
            # Back on screen: catch up at once, then poll again.
            self._poll_timer.start()
            self.refresh_live()

    def hideEvent(self, event: QHideEvent) -> None:
        # Nobody looks: no polling, no frames (the buffer catches up when shown).
        self._poll_timer.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ---------------------------------------------------------------- loading

    @property
    def customer_id(self) -> int | None:
        return self._customer_id

    @property
    def meter(self) -> MeterState | None:
        return self._meter

    def set_customer(self, customer_id: int, year: int | None = None) -> None:
        """Show this customer: load everything, then keep polling for new readings."""
        self._customer_id = customer_id
        if year is not None and year != self.year_spin.value():
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(year)
            self.year_spin.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        """Load the overview of the current customer and year again."""
        if self._customer_id is None:
            return
        self._poll_timer.stop()
        self._live_busy = False
        customer_id, year, now = self._customer_id, self.year_spin.value(), self._clock()
        history, stale_after, load = self._history, self._stale_after, self._load_overview
        self.status_chip.set_state(self.tr("Loading…"), "idle")
        self._desk.drop(self, "live")  # answers of polls for what was shown are stale now
        self._desk.run(lambda: load(customer_id, year=year, history=history, now=now,
                                    stale_after=stale_after),
                       self, self._on_overview_loaded, self._on_task_failed, key="overview")

    def _on_overview_loaded(self, overview: ConsumptionOverview) -> None:
        self.message_bar.clear()
        self._overview, self._meter = overview, overview.meter
        self._last_id = overview.power.last_id if overview.power else None
        if overview.power is not None:
            self.live.replace(overview.power, overview.phases)
        else:
            self.live.buffer.clear()
        self._dirty = True
        self._show_energy(overview)
        self._show_title()
        self._show_meter_state()
        self._on_frame_timer_timeout()
        self._frame_timer.start()
        if overview.meter is not None and self.isVisible():
            self._poll_timer.start()
        self.sig_loaded.emit(overview.customer_id)

    def refresh_live(self) -> None:
        """Fetch readings newer than the last one drawn, and the meter's state."""
        if self._meter is None or self._live_busy:
            return
        self._live_busy = True
        meter_id, after_id, load = self._meter.meter_id, self._last_id, self._load_live
        now, stale_after = self._clock(), self._stale_after
        since = now - self._history
        self._desk.run(lambda: load(meter_id, since=since, after_id=after_id, now=now,
                                    stale_after=stale_after),
                       self, self._on_live_loaded, self._on_task_failed, key="live")

    def _on_live_loaded(self, update: LiveUpdate) -> None:
        self._live_busy = False
        self._meter = update.meter
        self._show_meter_state()
        self._dirty = True  # even without new rows, the time axis moves on to now
        added = self.append_readings(update.power, update.phases)
        self.sig_live_updated.emit(added)

    def append_readings(self, power: PowerSeries, phases: PhaseSeries | None = None) -> int:
        """Put new readings into the live buffer; the next frame shows them."""
        added = self.live.append(power, phases)
        if power.last_id is not None:
            self._last_id = max(self._last_id or 0, power.last_id)
        if added:
            newest = self.live.buffer.last_time or 0.0
            self.live.buffer.trim_before(newest - self._history.total_seconds())
            self._dirty = True
            if not self._frame_timer.isActive():
                self._frame_timer.start()
        return added

    def _on_task_failed(self, exc: BaseException) -> None:
        self._live_busy = False
        self.status_chip.set_state(self.tr("No data"), "bad")
        self.message_bar.show_error(exc)

    def _on_poll_timer_timeout(self) -> None:
        self.refresh_live()

    def _on_frame_timer_timeout(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.live.redraw(self._clock().timestamp())
        self.sig_redrawn.emit(len(self.live.buffer))

    def _on_year_spin_value_changed(self, _year: int) -> None:
        self.reload()

    def _on_reset_zoom_button_clicked(self) -> None:
        if self.tabs.currentIndex() == Page.LIVE:
            self.live.reset_view(self._clock().timestamp())
        elif self._overview is not None:
            # The energy pages choose their ranges from the data: draw them afresh.
            self._show_energy(self._overview)

    def _show_energy(self, overview: ConsumptionOverview) -> None:
        """Fill the energy page on screen now; the hidden ones when they are shown."""
        self._stale_pages = {Page.DAILY, Page.MONTHLY, Page.TOU}
        self._fill_page(self.tabs.currentIndex())

    def _fill_page(self, index: int) -> None:
        overview = self._overview
        if overview is None or index not in self._stale_pages:
            return
        self._stale_pages.discard(Page(index))
        if index == Page.DAILY:
            self.daily.set_data(overview.daily, overview.tiers)
        elif index == Page.MONTHLY:
            self.monthly.set_data(overview.monthly, overview.year)
        elif index == Page.TOU:
            self.tou.set_data(overview.tou)

    def _on_tabs_current_changed(self, index: int) -> None:
        self._fill_page(index)

    # ---------------------------------------------------------------- status

    def _show_title(self) -> None:
        o = self._overview
        if o is None:
            self.title_label.setText(self.tr("Consumption"))
            return
        meter = o.meter.asset_no if o.meter else self.tr("no meter")
        self.title_label.setText(self.tr("{number} {name} · meter {meter}").format(
            number=o.customer_no, name=o.customer_name, meter=meter))

    def _show_meter_state(self) -> None:
        meter = self._meter
        chip, kind, banner = meter_texts(meter, loaded=self._overview is not None)
        self.status_chip.set_state(chip, kind)
        self.offline_banner.say(banner)
        silent = meter is not None and not meter.reachable and meter.last_reading_at is not None
        # Shaded from the last reading: the stretch the curve has no data for.
        self.live.show_silence(meter.last_reading_at.timestamp() if silent else None,
                               self._clock().timestamp())

    # ---------------------------------------------------------------- export

    def _page_widget(self, page: Page | None) -> QWidget:
        return self.tabs.widget(self.tabs.currentIndex() if page is None else page)

    def _page_plots(self, page: Page | None) -> LivePlots | DailyPlots | MonthlyPlot | TouPlot:
        index = self.tabs.currentIndex() if page is None else int(page)
        self._fill_page(index)
        return (self.live, self.daily, self.monthly, self.tou)[index]

    def export_png(self, path: str | Path, page: Page | None = None) -> Path:
        """Save a picture of a page (default: the one shown) as PNG."""
        self._on_frame_timer_timeout()
        self._page_plots(page)  # drawn, if it was waiting to be shown
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not self._page_widget(page).grab().save(buffer, "PNG"):
            raise OSError(f"could not draw {path}")
        buffer.close()
        path = write_user_file(path, bytes(data))
        self.sig_exported.emit(str(path))
        return path

    def export_csv(self, path: str | Path, page: Page | None = None) -> Path:
        """Save a page's data (default: the one shown) as CSV, UTF-8 with BOM for Excel."""
        header, rows = self._page_plots(page).csv_rows()
        path = write_user_file(path, csv_bytes(header, rows))
        self.sig_exported.emit(str(path))
        return path

    def suggested_name(self, suffix: str) -> str:
        """Customer number, page and year shown, and the day of the export."""
        number = self._overview.customer_no if self._overview else ""
        page = Page(self.tabs.currentIndex()).name.lower()
        return file_name(number, "consumption", page, self.year_spin.value(), today_text(),
                         suffix=suffix)

    def _on_export_png_button_clicked(self) -> None:
        path = ask_save_path(self, kind="consumption_picture", title=self.tr("Export picture"),
                             name=self.suggested_name("png"),
                             filters=self.tr("PNG images (*.png)"))
        if path is not None:
            self._export(self.export_png, str(path))

    def _on_export_csv_button_clicked(self) -> None:
        path = ask_save_path(self, kind="consumption_data", title=self.tr("Export data"),
                             name=self.suggested_name("csv"), filters=self.tr("CSV files (*.csv)"))
        if path is not None:
            self._export(self.export_csv, str(path))

    def _export(self, export: Callable[[str], Path], path: str) -> None:
        try:
            export(path)
        except OSError as exc:
            self.message_bar.show_error(self.tr("Could not save {path}: {reason}").format(
                path=path, reason=exc.strerror or exc))
            return
        self.message_bar.show_success(self.tr("Saved {path}").format(path=path))
