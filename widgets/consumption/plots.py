"""Plot pieces of the consumption view: colours, the local time axis, the crosshair,
the growing live buffer and the live power / voltage / current plots.

Times on the x axis are epoch seconds (UTC); the axis shows them in
Asia/Shanghai (UTC+8 all year, no daylight saving).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from console.services.consumption.types import PhaseSeries, PowerSeries

LOCAL_OFFSET_S = 8 * 3600
# pyqtgraph's utcOffset is "seconds to add to local time to get UTC" (time.timezone).
AXIS_UTC_OFFSET = -LOCAL_OFFSET_S
LOCAL_TZ = dt.timezone(dt.timedelta(seconds=LOCAL_OFFSET_S))
DAY_S = 86400

INK = "#38506b"
AXIS = "#5b6b7d"
GRID_ALPHA = 0.12
POWER = "#2f6fb0"
POWER_FILL = (47, 111, 176, 40)
THIS_YEAR = "#2f6fb0"
LAST_YEAR = "#b4c3d3"
TIER_COLOURS = ("#4c8bc9", "#e8a33d", "#d9534f", "#8e44ad")
TOU_COLOURS = {"sharp": "#c0392b", "peak": "#e67e22", "flat": "#3b7dd8", "valley": "#27ae60"}
# Phase colours as painted on Chinese switchgear: A yellow, B green, C red.
PHASE_COLOURS = ("#c99400", "#2e9d44", "#d03b3b")
CROSSHAIR = "#8a97a8"


def month_names() -> tuple[str, ...]:
    """Short month names in the user's language (1月 … 12月 in Chinese)."""
    # Literal calls, one per name, so that lupdate finds them.
    return (
        QCoreApplication.translate("ConsumptionPlots", "Jan"),
        QCoreApplication.translate("ConsumptionPlots", "Feb"),
        QCoreApplication.translate("ConsumptionPlots", "Mar"),
        QCoreApplication.translate("ConsumptionPlots", "Apr"),
        QCoreApplication.translate("ConsumptionPlots", "May"),
        QCoreApplication.translate("ConsumptionPlots", "Jun"),
        QCoreApplication.translate("ConsumptionPlots", "Jul"),
        QCoreApplication.translate("ConsumptionPlots", "Aug"),
        QCoreApplication.translate("ConsumptionPlots", "Sep"),
        QCoreApplication.translate("ConsumptionPlots", "Oct"),
        QCoreApplication.translate("ConsumptionPlots", "Nov"),
        QCoreApplication.translate("ConsumptionPlots", "Dec"),
    )


def local_text(epoch_s: float, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return dt.datetime.fromtimestamp(epoch_s, LOCAL_TZ).strftime(fmt)


# No reading is older than this (2000-01-01 UTC); an axis span below it holds no data.
NO_DATA_BEFORE = 946684800


class LocalDateAxis(pg.DateAxisItem):
    """A date axis in Asia/Shanghai with numeric, language-neutral labels."""

    def __init__(self, orientation: str = "bottom", **kwargs: object) -> None:
        super().__init__(orientation, utcOffset=AXIS_UTC_OFFSET, **kwargs)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        names = month_names()
        if values and max(values) < NO_DATA_BEFORE:
            # An empty plot spans pyqtgraph's default 0..1: the epoch, "08:00:00" on every tick.
            return [""] * len(values)
        out = []
        for value in values:
            moment = dt.datetime.fromtimestamp(value, LOCAL_TZ)
            if spacing >= 300 * DAY_S:
                out.append(str(moment.year))
            elif spacing >= 27 * DAY_S:
                out.append(names[moment.month - 1])
            elif spacing >= DAY_S or (moment.hour == 0 and moment.minute == 0):
                out.append(moment.strftime("%m-%d"))
            elif spacing < 60:
                # The live curve's first minutes: ticks seconds apart all read "20:41" otherwise.
                out.append(moment.strftime("%H:%M:%S"))
            else:
                out.append(moment.strftime("%H:%M"))
        return out


def style_plot(plot: pg.PlotItem, *, left: str, units: str) -> None:
    """One look for every plot: white, light grid, muted axes, unit in the label."""
    font = QFont()
    font.setPointSize(9)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(AXIS))
        axis.setTextPen(pg.mkPen(AXIS))
        axis.setStyle(tickFont=font, tickTextOffset=4)
        axis.enableAutoSIPrefix(False)
    # One width for every left axis, so stacked plots line up on the time axis.
    plot.getAxis("left").setWidth(62)
    plot.setLabel("left", f"{left} ({units})" if units else left, color=AXIS)
    plot.showGrid(x=True, y=True, alpha=GRID_ALPHA)
    plot.setMenuEnabled(False)
    plot.hideButtons()


def plot_widget(*, time_axis: bool = True) -> pg.PlotWidget:
    axis = {"bottom": LocalDateAxis()} if time_axis else {}
    widget = pg.PlotWidget(background="w", axisItems=axis)
    widget.setMinimumHeight(120)
    return widget


class Crosshair:
    """Vertical and horizontal lines that follow the mouse, with a value label.

    `describe(x, y)` returns the label text for the point under the mouse, or
    "" to hide the label (e.g. no data there).
    """

    def __init__(self, widget: pg.PlotWidget, describe: Callable[[float, float], str]) -> None:
        self._widget, self._describe = widget, describe
        pen = pg.mkPen(CROSSHAIR, width=1, style=Qt.PenStyle.DashLine)
        self.v_line = pg.InfiniteLine(angle=90, movable=False, pen=pen)
        self.h_line = pg.InfiniteLine(angle=0, movable=False, pen=pen)
        self.label = pg.TextItem(color=INK, fill=pg.mkBrush(255, 255, 255, 230),
                                 border=pg.mkPen("#c5cfdb"), anchor=(0, 1))
        for item in (self.v_line, self.h_line, self.label):
            item.setZValue(50)
            item.hide()
            widget.addItem(item, ignoreBounds=True)
        widget.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)

    def _on_scene_mouse_moved(self, pos: QPointF) -> None:
        box = self._widget.getPlotItem().vb
        if not box.sceneBoundingRect().contains(pos):
            self.hide()
            return
        point = box.mapSceneToView(pos)
        self.move_to(point.x(), point.y())

    def move_to(self, x: float, y: float) -> None:
        """Put the crosshair at data coordinates (also used by tests)."""
        text = self._describe(x, y)
        if not text:
            self.hide()
            return
        self.v_line.setPos(x)
        self.h_line.setPos(y)
        self.label.setText(text)
        (x0, x1), (y0, y1) = self._widget.getPlotItem().vb.viewRange()
        # Keep the label inside the view: flip to the other side near the edges.
        self.label.setAnchor((1 if x > (x0 + x1) / 2 else 0, 0 if y > (y0 + y1) / 2 else 1))
        self.label.setPos(x, y)
        for item in (self.v_line, self.h_line, self.label):
            item.show()

    def hide(self) -> None:
        for item in (self.v_line, self.h_line, self.label):
            item.hide()


class SeriesBuffer:
    """Columns of float64 that grow by appending; a window start trims old rows.

    Appends amortise to O(1) by doubling capacity; views are numpy slices,
    so handing them to setData copies nothing here.
    """

    def __init__(self, columns: int, capacity: int = 1024) -> None:
        self._data = np.full((columns, capacity), np.nan)
        self._start = 0
        self._end = 0

    def __len__(self) -> int:
        return self._end - self._start

    def clear(self) -> None:
        self._start = self._end = 0

    def append(self, rows: np.ndarray) -> None:
        """Append `rows` shaped (columns, n); column 0 is time and must not go back."""
        n = rows.shape[1]
        if self._end + n > self._data.shape[1]:
            self._grow(n)
        self._data[:, self._end:self._end + n] = rows
        self._end += n

    def _grow(self, n: int) -> None:
        live = self._data[:, self._start:self._end]
        capacity = max(2 * self._data.shape[1], 2 * (live.shape[1] + n))
        data = np.full((self._data.shape[0], capacity), np.nan)
        data[:, :live.shape[1]] = live
        self._data, self._start, self._end = data, 0, live.shape[1]

    def trim_before(self, t0: float) -> None:
        self._start += int(np.searchsorted(self.column(0), t0))

    def column(self, index: int) -> np.ndarray:
        return self._data[index, self._start:self._end]

    @property
    def last_time(self) -> float | None:
        return float(self._data[0, self._end - 1]) if self._end > self._start else None


def series_rows(power: PowerSeries, phases: PhaseSeries | None) -> np.ndarray:
    """(8, n) float rows: time, kW, Va, Vb, Vc, Ia, Ib, Ic; phases aligned by time."""
    n = len(power.times)
    rows = np.full((8, n), np.nan)
    rows[0], rows[1] = power.times, power.power_kw
    if n and phases is not None and phases.times:
        index = np.searchsorted(rows[0], np.asarray(phases.times))
        ok = (index < n) & (rows[0][np.minimum(index, n - 1)] == np.asarray(phases.times))
        for k, values in enumerate((*phases.voltage, *phases.current)):
            if len(values):
                rows[2 + k][index[ok]] = np.asarray(values)[ok]
    return rows


# Below this height the live chart shows the power plot only (three need 3 x 120 pixels).
COMPACT_BELOW = 330


class LivePlots(QWidget):
    """Power (kW) over the last hours, with voltage (V) and current (A) beneath.

    Data goes into a buffer; `redraw()` (called from the chart's frame timer)
    hands the buffer's views to the existing curves. Nothing is replotted.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buffer = SeriesBuffer(8)
        self.draws = 0
        # Follow the newest reading until the user zooms or pans; "reset" follows again.
        self.following = True
        self._build_ui()

    def _build_ui(self) -> None:
        self.power_plot = plot_widget()
        self.voltage_plot = plot_widget()
        self.current_plot = plot_widget()
        self.power_curve = self.power_plot.plot(
            pen=pg.mkPen(POWER, width=1.6), fillLevel=0, brush=pg.mkBrush(*POWER_FILL),
            connect="finite")
        self.phase_curves = []
        # The stretch after the last reading of a meter that does not answer.
        self.silent_regions = []
        for plot in (self.power_plot, self.voltage_plot, self.current_plot):
            region = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(217, 83, 79, 28),
                                         pen=pg.mkPen(None))
            region.hide()
            plot.addItem(region, ignoreBounds=True)
            self.silent_regions.append(region)
        self.phase_legend = self.voltage_plot.addLegend(
            offset=(10, 2), colCount=3, labelTextColor=INK, brush=pg.mkBrush(255, 255, 255, 220))
        self._legend_phases: list[bool] = []
        for plot in (self.voltage_plot, self.current_plot):
            plot.setXLink(self.power_plot)
            for colour in PHASE_COLOURS:
                self.phase_curves.append(plot.plot(pen=pg.mkPen(colour, width=1.3),
                                                   connect="finite"))
        for plot in (self.power_plot, self.voltage_plot, self.current_plot):
            item = plot.getPlotItem()
            item.setClipToView(True)
            item.setDownsampling(auto=True, mode="peak")
            item.vb.sigRangeChangedManually.connect(self._on_view_range_changed_manually)
        for curve in (self.power_curve, *self.phase_curves):
            # ~2 samples per pixel (peak mode keeps every spike): a year paints
            # as fast as a day; pyqtgraph's default of 5 costs over twice as much.
            curve.opts["autoDownsampleFactor"] = 2.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.power_plot, 3)
        layout.addWidget(self.voltage_plot, 2)
        layout.addWidget(self.current_plot, 2)
        self.crosshairs = [
            Crosshair(self.power_plot, self._describe_power),
            Crosshair(self.voltage_plot, lambda x, _y: self._describe_phases(x, 2, "V")),
            Crosshair(self.current_plot, lambda x, _y: self._describe_phases(x, 5, "A")),
        ]

    def retranslate_ui(self) -> None:
        self._legend_phases = []  # names again on the next frame
        style_plot(self.power_plot.getPlotItem(), left=self.tr("Power"), units="kW")
        style_plot(self.voltage_plot.getPlotItem(), left=self.tr("Voltage"), units="V")
        style_plot(self.current_plot.getPlotItem(), left=self.tr("Current"), units="A")

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The customer view has ~190 pixels for the chart at 860: three plots of at least 120
        # overlapped there, each hiding the time axis of the one above. Power alone, then;
        # voltage and current return when there is room (the consumption panel).
        roomy = event.size().height() >= COMPACT_BELOW
        self.voltage_plot.setVisible(roomy)
        self.current_plot.setVisible(roomy)
        super().resizeEvent(event)

    def replace(self, power: PowerSeries, phases: PhaseSeries | None) -> None:
        self.buffer.clear()
        self.append(power, phases)

    def append(self, power: PowerSeries, phases: PhaseSeries | None) -> int:
        """Add the rows newer than the last one held; returns how many were added."""
        rows = series_rows(power, phases)
        last = self.buffer.last_time
        if last is not None:
            rows = rows[:, rows[0] > last]  # a late, older row would break the time order
        self.buffer.append(rows)
        return rows.shape[1]

    def redraw(self, now: float | None = None) -> None:
        """Hand the buffer to the curves; when following, span the data up to `now`.

        Reaching to `now` leaves the time since the last reading visibly empty.
        """
        x = self.buffer.column(0)
        if self.following and len(x):
            end = max(x[-1], now or x[-1])
            # Set the span before the data: clipping and downsampling then work
            # for the new span at once instead of drawing every point first.
            self.power_plot.setXRange(x[0], end + (end - x[0]) * 0.01 + 60, padding=0)
        self.power_curve.setData(x, self.buffer.column(1))
        shown = []
        for k, curve in enumerate(self.phase_curves):
            y = self.buffer.column(2 + k)
            present = bool(np.isfinite(y).any())
            curve.setVisible(present)
            curve.setData(x, y) if present else curve.setData([], [])
            shown.append(present)
        self._show_phase_legend(shown[:3])
        self.draws += 1

    def show_silence(self, since: float | None, until: float) -> None:
        """Shade from the last reading to now (None: the meter answers, no shade)."""
        for region in self.silent_regions:
            region.setVisible(since is not None)
            if since is not None:
                region.setRegion((since, until))

    def _show_phase_legend(self, present: list[bool]) -> None:
        # A legend only where there is a choice: three-phase meters.
        if present == self._legend_phases:
            return
        self._legend_phases = present
        self.phase_legend.clear()
        if sum(present) > 1:
            for k, name in enumerate((self.tr("Phase A"), self.tr("Phase B"), self.tr("Phase C"))):
                if present[k]:
                    self.phase_legend.addItem(self.phase_curves[k], name)

    def reset_view(self, now: float | None = None) -> None:
        self.following = True
        for plot in (self.power_plot, self.voltage_plot, self.current_plot):
            plot.getPlotItem().enableAutoRange(y=True)
        self.redraw(now)

    def _on_view_range_changed_manually(self, *_args: object) -> None:
        self.following = False

    def _nearest(self, x: float) -> int | None:
        times = self.buffer.column(0)
        if not len(times):
            return None
        i = int(np.clip(np.searchsorted(times, x), 1, len(times) - 1)) if len(times) > 1 else 0
        if i and abs(times[i - 1] - x) < abs(times[i] - x):
            i -= 1
        # Only near a real sample: no value is read off the middle of a gap.
        return i if abs(times[i] - x) <= 3600 else None

    def _describe_power(self, x: float, _y: float) -> str:
        i = self._nearest(x)
        if i is None or not np.isfinite(self.buffer.column(1)[i]):
            return ""
        return f"{local_text(self.buffer.column(0)[i])}\n{self.buffer.column(1)[i]:.2f} kW"

    def _describe_phases(self, x: float, first: int, unit: str) -> str:
        i = self._nearest(x)
        if i is None:
            return ""
        values = [(name, self.buffer.column(first + k)[i]) for k, name in enumerate("ABC")]
        parts = [f"{name} {value:.1f} {unit}" for name, value in values if np.isfinite(value)]
        return "\n".join([local_text(self.buffer.column(0)[i]), *parts]) if parts else ""

    def csv_rows(self) -> tuple[list[str], list[list[str]]]:
        header = [self.tr("Time"), self.tr("Power (kW)"), self.tr("Voltage A (V)"),
                  self.tr("Voltage B (V)"), self.tr("Voltage C (V)"), self.tr("Current A (A)"),
                  self.tr("Current B (A)"), self.tr("Current C (A)")]
        columns = [self.buffer.column(k) for k in range(8)]
        rows = []
        for i in range(len(self.buffer)):
            values = [f"{c[i]:.3f}" if np.isfinite(c[i]) else "" for c in columns[1:]]
            rows.append([local_text(columns[0][i], "%Y-%m-%d %H:%M:%S"), *values])
        return header, rows
