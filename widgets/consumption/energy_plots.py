"""Energy plots of the consumption view: daily bars with the annual tiers (阶梯),
this year against last year by month, and the time-of-use split (尖峰平谷)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from console.services.consumption.types import (
    TOU_REGISTERS,
    DailyEnergy,
    MonthCompare,
    TierLimit,
    TouSplit,
)
from widgets.consumption.plots import (
    DAY_S,
    INK,
    LAST_YEAR,
    LOCAL_OFFSET_S,
    THIS_YEAR,
    TIER_COLOURS,
    TOU_COLOURS,
    Crosshair,
    month_names,
    plot_widget,
    style_plot,
)

_EPOCH_DAY = dt.date(1970, 1, 1).toordinal()


def kwh_text(value: Decimal | float | None) -> str:
    return "" if value is None else f"{float(value):,.2f}"


def _noon(day: dt.date) -> float:
    """The middle of a local day in epoch seconds: where its bar stands."""
    return (day.toordinal() - _EPOCH_DAY) * DAY_S - LOCAL_OFFSET_S + DAY_S / 2


class DailyPlots(QWidget):
    """kWh per day as bars coloured by tier, and the year's running total with the tier limits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: tuple[DailyEnergy, ...] = ()
        self.tiers: tuple[TierLimit, ...] = ()
        self.tier_lines: list[pg.InfiniteLine] = []
        self._x = np.empty(0)
        self._kwh = np.empty(0)
        self._cumulative = np.empty(0)
        self._build_ui()

    def _build_ui(self) -> None:
        self.bars_plot = plot_widget()
        self.total_plot = plot_widget()
        self.total_plot.setXLink(self.bars_plot)
        self.bars = pg.BarGraphItem(x=[], height=[], width=DAY_S * 0.8, pen=pg.mkPen(None))
        self.bars_plot.addItem(self.bars)
        # Which tier the year's total had reached on the day of each bar.
        self.legend = self.bars_plot.addLegend(offset=(10, 8), labelTextColor=INK,
                                               brush=pg.mkBrush(255, 255, 255, 220),
                                               colCount=4)
        self._legend_items = [pg.BarGraphItem(x=[], height=[], width=1, brush=c, pen=pg.mkPen(None))
                              for c in TIER_COLOURS[:3]]
        self.total_curve = self.total_plot.plot(
            pen=pg.mkPen(THIS_YEAR, width=2), fillLevel=0, brush=pg.mkBrush(47, 111, 176, 30),
            stepMode=None, connect="finite")
        for plot in (self.bars_plot, self.total_plot):
            plot.getPlotItem().vb.setLimits(yMin=0)
        # A year without readings would be two empty grids: say so over the middle of both
        # (a label over the widget, not an item in a plot, so a short plot cannot cut it).
        self.empty_note = QLabel(self, objectName="PlotEmptyNote")
        self.empty_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.bars_plot, 3)
        layout.addWidget(self.total_plot, 2)
        self.crosshairs = [Crosshair(self.bars_plot, self._describe),
                           Crosshair(self.total_plot, self._describe)]

    def retranslate_ui(self) -> None:
        style_plot(self.bars_plot.getPlotItem(), left=self.tr("Daily energy"), units="kWh")
        style_plot(self.total_plot.getPlotItem(), left=self.tr("Year to date"), units="kWh")
        self._draw_tier_lines()
        self._fill_legend()
        self._show_empty()

    def _show_empty(self) -> None:
        """The "no readings" note over the middle of the daily bars when no day has any."""
        empty = bool(self.days) and not len(self._x)
        if empty:
            year = self.days[0].day.year
            self.empty_note.setText(self.tr("No readings in {year}").format(year=year))
            self._place_empty_note()
        self.empty_note.setVisible(empty)

    def _place_empty_note(self) -> None:
        self.empty_note.adjustSize()
        note = self.empty_note.rect()
        note.moveCenter(self.bars_plot.geometry().center())
        self.empty_note.move(note.topLeft())
        self.empty_note.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_empty_note()

    def _fill_legend(self) -> None:
        self.legend.clear()
        if not self.tiers:
            return
        for seq, item in enumerate(self._legend_items[:len(self.tiers) + 1], start=1):
            self.legend.addItem(item, self.tr("Tier {seq}").format(seq=seq))

    def set_data(self, days: Sequence[DailyEnergy], tiers: Sequence[TierLimit]) -> None:
        self.days, self.tiers = tuple(days), tuple(tiers)
        known = [d for d in self.days if d.kwh is not None]
        self._x = np.array([_noon(d.day) for d in known])
        self._kwh = np.array([float(d.kwh) for d in known])
        self._cumulative = np.cumsum(self._kwh)
        limits = [float(t.upper_kwh) for t in self.tiers]
        # The tier the year's total had reached that day; incomplete days paler.
        tier_of = np.searchsorted(limits, self._cumulative, side="left")
        full = [pg.mkBrush(c) for c in TIER_COLOURS]
        pale = [pg.mkBrush(pg.mkColor(c).lighter(150)) for c in TIER_COLOURS]
        last = len(TIER_COLOURS) - 1
        brushes = [(pale if day.partial else full)[min(int(t), last)]
                   for t, day in zip(tier_of, known, strict=True)]
        self.bars.setOpts(x=self._x, height=self._kwh, brushes=brushes)
        self.total_curve.setData(self._x, self._cumulative)
        self._draw_tier_lines()
        self._fill_legend()
        if self.days:
            first, last = _noon(self.days[0].day), _noon(self.days[-1].day)
            self.bars_plot.setXRange(first - DAY_S, last + DAY_S, padding=0)
        # Headroom above the tallest bar for the legend.
        self.bars_plot.setYRange(0, max([*self._kwh, 1.0]) * 1.18, padding=0)
        top = max([*limits, float(self._cumulative[-1]) if len(known) else 0.0, 1.0])
        self.total_plot.setYRange(0, top * 1.08, padding=0)
        self._show_empty()

    def _draw_tier_lines(self) -> None:
        for line in self.tier_lines:
            self.total_plot.removeItem(line)
        self.tier_lines = []
        for tier in self.tiers:
            colour = TIER_COLOURS[min(tier.seq, len(TIER_COLOURS) - 1)]
            label = self.tr("Tier {seq} limit {kwh} kWh").format(
                seq=tier.seq, kwh=f"{float(tier.upper_kwh):,.0f}")
            # The label hangs under its line: above it, the highest limit's label stood
            # outside the plot and was cut off ("Tier 2 limit" showed only its feet).
            line = pg.InfiniteLine(
                pos=float(tier.upper_kwh), angle=0, movable=False,
                pen=pg.mkPen(colour, width=1.4, style=Qt.PenStyle.DashLine), label=label,
                labelOpts={"position": 0.02, "color": colour, "anchors": [(0, 0), (0, 0)]})
            font = QFont()
            font.setPointSize(9)
            line.label.setFont(font)
            self.total_plot.addItem(line)
            self.tier_lines.append(line)

    def _describe(self, x: float, _y: float) -> str:
        if not len(self._x):
            return ""
        i = int(np.argmin(np.abs(self._x - x)))
        if abs(self._x[i] - x) > DAY_S / 2:
            return ""
        day = dt.datetime.fromtimestamp(self._x[i] + LOCAL_OFFSET_S, dt.UTC).date()
        return self.tr("{day}\n{kwh} kWh · year to date {total} kWh").format(
            day=day.isoformat(), kwh=kwh_text(self._kwh[i]), total=kwh_text(self._cumulative[i]))

    def csv_rows(self) -> tuple[list[str], list[list[str]]]:
        header = [self.tr("Date"), self.tr("Energy (kWh)"), self.tr("Year to date (kWh)"),
                  self.tr("Incomplete")]
        rows, total = [], Decimal("0.00")
        for day in self.days:
            total += day.kwh or 0
            rows.append([day.day.isoformat(), kwh_text(day.kwh),
                         kwh_text(total) if day.kwh is not None else "",
                         self.tr("yes") if day.partial else ""])
        return header, rows


class MonthlyPlot(pg.PlotWidget):
    """Twelve months: last year's bar beside this year's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.months: tuple[MonthCompare, ...] = ()
        self.year = 0
        self.legend = self.addLegend(offset=(-10, 10), labelTextColor=INK,
                                     brush=pg.mkBrush(255, 255, 255, 220))
        self.last_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=LAST_YEAR,
                                         pen=pg.mkPen(None))
        self.this_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=THIS_YEAR,
                                         pen=pg.mkPen(None))
        self.addItem(self.last_bars)
        self.addItem(self.this_bars)
        self.getPlotItem().vb.setLimits(yMin=0, xMin=0, xMax=13)
        self.crosshair = Crosshair(self, self._describe)

    def retranslate_ui(self) -> None:
        style_plot(self.getPlotItem(), left=self.tr("Energy"), units="kWh")
        names = month_names()
        self.getAxis("bottom").setTicks([[(m, names[m - 1]) for m in range(1, 13)]])
        self.legend.clear()
        self.legend.addItem(self.last_bars, str(self.year - 1) if self.year else self.tr("Last year"))
        self.legend.addItem(self.this_bars, str(self.year) if self.year else self.tr("This year"))

    def set_data(self, months: Sequence[MonthCompare], year: int) -> None:
        self.months, self.year = tuple(months), year
        x = np.arange(1, 13, dtype=float)

        def heights(attr: str) -> np.ndarray:
            return np.array([float(getattr(m, attr) or 0) for m in self.months])

        self.last_bars.setOpts(x=x - 0.2, height=heights("last_year"))
        self.this_bars.setOpts(x=x + 0.2, height=heights("this_year"))
        self.setXRange(0.4, 12.6, padding=0)
        self.retranslate_ui()

    def _describe(self, x: float, _y: float) -> str:
        month = round(x)
        if not self.months or not 1 <= month <= 12:
            return ""
        m = self.months[month - 1]
        return self.tr("{month}\n{last_year}: {last} kWh\n{this_year}: {this} kWh").format(
            month=month_names()[month - 1], last_year=self.year - 1, this_year=self.year,
            last=kwh_text(m.last_year) or "—", this=kwh_text(m.this_year) or "—")

    def csv_rows(self) -> tuple[list[str], list[list[str]]]:
        header = [self.tr("Month"), self.tr("{year} (kWh)").format(year=self.year - 1),
                  self.tr("{year} (kWh)").format(year=self.year)]
        return header, [[str(m.month), kwh_text(m.last_year), kwh_text(m.this_year)]
                        for m in self.months]


class TouPlot(pg.PlotWidget):
    """Energy per time-of-use register, with kWh and share written on each bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.split: TouSplit | None = None
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.5, pen=pg.mkPen(None))
        self.addItem(self.bars)
        self.value_labels: list[pg.TextItem] = []
        self.getPlotItem().vb.setLimits(yMin=0)
        self.getPlotItem().vb.setMouseEnabled(x=False, y=True)

    def register_names(self) -> dict[str, str]:
        return {"sharp": self.tr("Sharp"), "peak": self.tr("Peak"),
                "flat": self.tr("Flat"), "valley": self.tr("Valley")}

    def retranslate_ui(self) -> None:
        style_plot(self.getPlotItem(), left=self.tr("Energy"), units="kWh")
        names = self.register_names()
        self.getAxis("bottom").setTicks([[(i, names[r]) for i, r in enumerate(TOU_REGISTERS)]])
        self._show_title()

    def set_data(self, split: TouSplit | None) -> None:
        self.split = split
        for label in self.value_labels:
            self.removeItem(label)
        self.value_labels = []
        values = split.by_register() if split else dict.fromkeys(TOU_REGISTERS)
        heights = [float(values[r] or 0) for r in TOU_REGISTERS]
        self.bars.setOpts(x=np.arange(4), height=heights,
                          brushes=[pg.mkBrush(TOU_COLOURS[r]) for r in TOU_REGISTERS])
        total = sum(heights)
        for i, height in enumerate(heights):
            if values[TOU_REGISTERS[i]] is None:
                continue
            share = f"{100 * height / total:.1f} %" if total else ""
            label = pg.TextItem(anchor=(0.5, 1))
            label.textItem.setTextWidth(120)  # HTML centring needs a width to centre in
            label.setHtml(f'<div style="text-align:center; color:{INK}"><b>{height:,.1f} kWh</b>'
                          f"<br>{share}</div>")
            label.setPos(i, height)
            self.addItem(label)
            self.value_labels.append(label)
        self.setXRange(-0.6, 3.6, padding=0)
        self.setYRange(0, max(heights + [1.0]) * 1.2, padding=0)
        self._show_title()

    def _show_title(self) -> None:
        split = self.split
        if split is None or split.total is None:
            self.getPlotItem().setTitle(self.tr("No readings in this period"), color=INK)
            return
        last_day = split.end - dt.timedelta(days=1)
        self.getPlotItem().setTitle(
            self.tr("{start} – {end} · total {total} kWh").format(
                start=split.start.isoformat(), end=last_day.isoformat(), total=kwh_text(split.total)),
            color=INK, size="11pt")

    def csv_rows(self) -> tuple[list[str], list[list[str]]]:
        header = [self.tr("Register"), self.tr("Energy (kWh)")]
        if self.split is None:
            return header, []
        names, values = self.register_names(), self.split.by_register()
        rows = [[names[r], kwh_text(values[r])] for r in TOU_REGISTERS]
        return header, [*rows, [self.tr("Total"), kwh_text(self.split.total)]]
