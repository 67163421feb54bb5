"""The consumption chart as the counter sees it: live growth, tiers, a silent meter, exports."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from functools import partial

import pytest
from PySide6.QtGui import QImage
from sqlalchemy import insert

from console.errors import PermissionDenied
from console.models import Meter, Reading, TariffTier
from console.services import consumption
from tests import factories as f
from widgets.consumption.chart import ConsumptionChart, Page
from widgets.desk import Desk

CST = dt.timezone(dt.timedelta(hours=8))
D = Decimal
FIRST = dt.datetime(2026, 7, 1, 0, 15, tzinfo=CST)
STEP = dt.timedelta(minutes=15)
LAST = dt.datetime(2026, 7, 3, 12, 0, tzinfo=CST)


def rows(meter_id: int, start: dt.datetime, end: dt.datetime, total: Decimal) -> list[dict]:
    """15-minute readings of a household using 0.25 kWh each quarter hour (1 kW)."""
    out, at = [], start
    while at <= end:
        total += D("0.25")
        out.append(dict(meter_id=meter_id, read_at=at, energy_total=total, power_kw=1.0,
                        energy_sharp=total / 4, energy_peak=total / 4, energy_flat=total / 4,
                        energy_valley=total / 4, voltage_a=228.0, current_a=4.6))
        at += STEP
    return out


@pytest.fixture
def household(file_db):
    """A residential customer on 2,520/4,800 kWh tiers, read every 15 minutes 1–3 July."""
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        tariff.kind = "tiered"
        tariff.tiers = [TariffTier(seq=1, upper_kwh=D("2520"), price=D("0.5469")),
                        TariffTier(seq=2, upper_kwh=D("4800"), price=D("0.5969")),
                        TariffTier(seq=3, upper_kwh=None, price=D("0.8469"))]
        cust = f.customer(s, unit, tariff, number="3700001234")
        meter = f.meter(s, unit, cust)
        clerk = f.actor(s, unit, username="lina", role="counter")
        s.execute(insert(Reading), rows(meter.id, FIRST, LAST, D("1000.00")))
    return cust.id, meter.id, clerk


def make_chart(qtbot, tasks, db, actor, *, now: dt.datetime = LAST + dt.timedelta(minutes=10),
               overview=None) -> ConsumptionChart:
    chart = ConsumptionChart(
        Desk(db, tasks, actor), overview or partial(consumption.overview, db, actor),
        partial(consumption.live_update, db, actor), poll_ms=3_600_000, clock=lambda: now)
    qtbot.addWidget(chart)
    chart.resize(1100, 720)
    chart.show()
    return chart


def load(qtbot, chart: ConsumptionChart, customer_id: int) -> None:
    with qtbot.waitSignal(chart.sig_loaded, timeout=5000):
        chart.set_customer(customer_id, 2026)


def test_new_readings_grow_the_live_curve_without_replotting(qtbot, tasks, file_db, household):
    cid, mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk, now=LAST + dt.timedelta(minutes=40))
    load(qtbot, chart, cid)
    curve, items = chart.live.power_curve, list(chart.live.power_plot.getPlotItem().items)
    shown = len(curve.xData)
    assert shown == 94  # the last 24 hours: 2 July 12:45 … 3 July 12:00

    with file_db.session() as s:
        s.execute(insert(Reading), rows(mid, LAST + STEP, LAST + 2 * STEP, D("1242.00")))
    with qtbot.waitSignal(chart.sig_live_updated, timeout=5000) as blocker:
        chart.refresh_live()
    assert blocker.args == [2]
    qtbot.waitUntil(lambda: len(curve.xData) == shown + 2, timeout=2000)
    assert curve.xData[-1] == pytest.approx((LAST + 2 * STEP).timestamp())
    # The same curve took the new data; nothing was added to or rebuilt in the plot.
    assert chart.live.power_curve is curve
    assert list(chart.live.power_plot.getPlotItem().items) == items

    with qtbot.waitSignal(chart.sig_live_updated, timeout=5000) as blocker:
        chart.refresh_live()
    assert blocker.args == [0]  # only rows newer than the last one drawn


def test_daily_bars_and_the_tier_limits(qtbot, tasks, file_db, household):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk)
    load(qtbot, chart, cid)
    chart.tabs.setCurrentIndex(Page.DAILY)
    # 1 and 2 July complete, 3 July until noon; no bar for any other day, not even 0.
    assert len(chart.daily.bars.opts["x"]) == 3
    assert list(chart.daily.bars.opts["height"]) == [23.75, 24.0, 12.0]
    assert [line.value() for line in chart.daily.tier_lines] == [2520.0, 4800.0]
    assert "2,520" in chart.daily.tier_lines[0].label.toPlainText()


def test_a_silent_meter_is_shown_as_not_responding_not_as_zero(qtbot, tasks, file_db, household):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk, now=LAST + dt.timedelta(hours=2))
    load(qtbot, chart, cid)
    assert chart.offline_banner.isVisible()
    assert "Meter not responding since 2026-07-03 12:00" in chart.offline_banner.text()
    assert chart.status_chip.text() == "Meter not responding"
    # The curve ends at the last reading: no invented zeros after it.
    assert chart.live.power_curve.xData[-1] == pytest.approx(LAST.timestamp())
    assert min(chart.live.power_curve.yData) == 1.0


def test_the_collectors_reason_is_given_for_a_silent_meter(qtbot, tasks, file_db, household):
    cid, mid, clerk = household
    with file_db.session() as s:
        meter = s.get(Meter, mid)
        meter.comm_state, meter.comm_error = "unreachable", "timeout"
        meter.last_seen_at = LAST.astimezone(dt.UTC)
    chart = make_chart(qtbot, tasks, file_db, clerk)
    load(qtbot, chart, cid)
    assert chart.status_chip.text() == "Meter not responding"
    assert chart.offline_banner.text().endswith("zero consumption. (no answer in time)")


def test_a_meter_that_answers_shows_no_warning(qtbot, tasks, file_db, household):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk)
    load(qtbot, chart, cid)
    assert not chart.offline_banner.isVisible()
    assert chart.status_chip.text().startswith("Online")


def test_an_open_relay_is_said_beside_the_title(qtbot, tasks, file_db, household):
    cid, mid, clerk = household
    with file_db.session() as s:
        meter = s.get(Meter, mid)
        meter.relay_state = "open"
        meter.relay_changed_at = dt.datetime(2026, 7, 3, 2, 2, tzinfo=dt.UTC)
    chart = make_chart(qtbot, tasks, file_db, clerk)
    load(qtbot, chart, cid)
    assert chart.status_chip.text() == "Relay open since 2026-07-03 10:02"
    assert chart.status_chip.kind == "warn" and not chart.offline_banner.isVisible()


def test_csv_export_of_the_daily_page(qtbot, tasks, file_db, household, tmp_path):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk)
    load(qtbot, chart, cid)
    with qtbot.waitSignal(chart.sig_exported):
        path = chart.export_csv(tmp_path / "daily.csv", Page.DAILY)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["Date", "Energy (kWh)", "Year to date (kWh)", "Incomplete"]
    by_day = {row[0]: row[1:] for row in table[1:]}
    assert len(by_day) == 365
    assert by_day["2026-07-01"] == ["23.75", "23.75", ""]
    assert by_day["2026-07-03"] == ["12.00", "59.75", ""]
    assert by_day["2026-06-30"] == ["", "", ""]  # no data is not zero


def test_csv_export_of_the_live_page(qtbot, tasks, file_db, household, tmp_path):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk)
    load(qtbot, chart, cid)
    path = chart.export_csv(tmp_path / "live.csv", Page.LIVE)
    table = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    assert table[0][:3] == ["Time", "Power (kW)", "Voltage A (V)"]
    assert table[-1][:3] == ["2026-07-03 12:00:00", "1.000", "228.000"]
    assert table[-1][3] == ""  # a single-phase meter has no phase B


def test_png_export_writes_a_picture(qtbot, tasks, file_db, household, tmp_path):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk)
    load(qtbot, chart, cid)
    for page in Page:
        path = chart.export_png(tmp_path / f"{page.name}.png", page)
        image = QImage(str(path))
        assert path.stat().st_size > 0 and not image.isNull() and image.width() > 200


def test_crosshair_reads_the_value_under_the_mouse(qtbot, tasks, file_db, household):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk)
    load(qtbot, chart, cid)
    crosshair = chart.live.crosshairs[0]
    crosshair.move_to((LAST - dt.timedelta(minutes=2)).timestamp(), 0.5)
    assert crosshair.label.isVisible()
    assert crosshair.label.toPlainText() == "2026-07-03 12:00\n1.00 kW"


def test_month_and_tou_pages_show_the_year(qtbot, tasks, file_db, household):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk)
    load(qtbot, chart, cid)
    chart.tabs.setCurrentIndex(Page.MONTHLY)
    assert list(chart.monthly.this_bars.opts["height"])[6] == 59.75
    chart.tabs.setCurrentIndex(Page.TOU)
    # First to last reading of the year: 59.75 kWh, a quarter in each register.
    assert list(chart.tou.bars.opts["height"]) == pytest.approx([14.94] * 4, abs=0.01)


def test_an_expected_error_is_shown_inline(qtbot, tasks, file_db, household):
    cid, _mid, clerk = household

    def refuse(*_args, **_kwargs):
        raise PermissionDenied("no", permission="view_consumption")

    chart = make_chart(qtbot, tasks, file_db, clerk, overview=refuse)
    chart.set_customer(cid, 2026)
    qtbot.waitUntil(lambda: chart.message_bar.isVisible(), timeout=5000)
    assert chart.message_bar.text == "Your role does not allow this action."


def test_time_axis_ticks_seconds_apart_read_apart(qtbot):
    """The live curve's first minutes: each tick its own label, not "20:41" six times."""
    from widgets.consumption.plots import LocalDateAxis

    axis = LocalDateAxis()
    start = dt.datetime(2026, 11, 27, 20, 41, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    values = [start.timestamp() + 10 * k for k in range(6)]
    labels = axis.tickStrings(values, 1.0, 10)
    assert labels[0] == "20:41:00" and len(set(labels)) == 6
    # Minutes apart, hours and minutes are enough.
    assert axis.tickStrings([start.timestamp()], 1.0, 300) == ["20:41"]
    # A plot without readings spans 0..1 s: no "08:00:00" (the epoch) on every tick.
    assert axis.tickStrings([0.0, 0.2, 0.4], 1.0, 0.2) == ["", "", ""]


def test_short_chart_shows_power_alone_and_whole(qtbot):
    """The customer view gives the live chart ~190 pixels: three plots of 120 overlapped
    there, each hiding the time axis of the one above and cutting "Power (kW)" to "er (kW)".
    Power alone then, its name whole; with room, voltage and current come back."""
    from PySide6.QtWidgets import QWidget

    from widgets.consumption.plots import LivePlots

    holder = QWidget()  # inside a window, as in the customer view; alone it would grow to fit
    qtbot.addWidget(holder)
    plots = LivePlots(holder)
    plots.retranslate_ui()
    plots.setGeometry(0, 0, 900, 190)
    holder.resize(900, 800)
    holder.show()
    qtbot.waitUntil(lambda: not plots.voltage_plot.isVisible(), timeout=3000)
    assert not plots.current_plot.isVisible()
    power = plots.power_plot
    qtbot.waitUntil(lambda: power.geometry().bottom() < 190, timeout=3000)
    assert power.getPlotItem().getAxis("left").labelText == "Power (kW)"
    plots.setGeometry(0, 0, 900, 800)
    qtbot.waitUntil(lambda: plots.current_plot.isVisible(), timeout=3000)
    stacked = (power, plots.voltage_plot, plots.current_plot)
    qtbot.waitUntil(lambda: all(a.geometry().bottom() < b.geometry().top()
                                for a, b in zip(stacked, stacked[1:], strict=False)), timeout=3000)
    assert plots.voltage_plot.getPlotItem().getAxis("left").labelText == "Voltage (V)"
