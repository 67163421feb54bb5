"""The daily page says when a year has no readings, and every tier limit's label is whole."""

from __future__ import annotations

from tests.consumption.test_chart import household as household, make_chart
from widgets.consumption.chart import Page


def show_daily(qtbot, chart, customer_id: int, year: int) -> None:
    with qtbot.waitSignal(chart.sig_loaded, timeout=5000):
        chart.set_customer(customer_id, year)
    chart.tabs.setCurrentIndex(int(Page.DAILY))
    qtbot.waitUntil(lambda: chart.daily.isVisible(), timeout=2000)
    chart.grab()  # drawn once, as on screen: line labels find their place when painted


def test_a_year_without_readings_says_so(qtbot, tasks, file_db, household):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk)
    show_daily(qtbot, chart, cid, 2025)
    note = chart.daily.empty_note
    assert note.isVisible() and note.text() == "No readings in 2025"
    assert chart.daily.rect().contains(note.geometry())  # whole, over the plots
    show_daily(qtbot, chart, cid, 2026)
    assert not chart.daily.empty_note.isVisible()


def test_tier_limit_labels_stand_inside_the_plot(qtbot, tasks, file_db, household):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk)
    show_daily(qtbot, chart, cid, 2026)
    daily = chart.daily
    view = daily.total_plot.getPlotItem().vb
    assert [line.label.textItem.toPlainText() for line in daily.tier_lines] == [
        "Tier 1 limit 2,520 kWh", "Tier 2 limit 4,800 kWh"]
    for line in daily.tier_lines:
        assert view.sceneBoundingRect().contains(line.label.sceneBoundingRect()), \
            line.label.textItem.toPlainText()
