"""`python -m bench.chart`: a year of 15-minute readings on the consumption chart.

Measures, offscreen:
- `draw_year_ms`: a year of power, voltage and current (35,040 readings) and
  the energy pages' data handed to the chart, until the power curve first
  painted holding the last point (`draw_year_all_plots_ms`: until voltage and
  current have painted too and nothing is left to paint);
- `new_reading_to_screen_ms`: one new reading handed to the chart's buffer,
  until the curve has painted with it (median of several; the frame timer runs
  at 20 Hz, so up to 50 ms of it is waiting for the next frame);
- `load_year_ms`: the service reading that year of power from a SQLite file.

The last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from bench.machine import machine
from console.services.consumption.types import (
    ConsumptionOverview,
    DailyEnergy,
    MeterState,
    MonthCompare,
    PhaseSeries,
    PowerSeries,
    TierLimit,
    TouSplit,
)

STEP_S = 900
CST = dt.timezone(dt.timedelta(hours=8))
TOU_NAMES = ("sharp", "peak", "flat", "valley")


# ------------------------------------------------------------ synthetic load


def residential_power(epochs: np.ndarray, seed: int = 7) -> np.ndarray:
    """kW of a household: night base, morning and evening peaks, summer air conditioning."""
    rng = np.random.default_rng(seed)
    local = epochs + 8 * 3600
    hour = (local % 86400) / 3600
    day_of_year = (local // 86400 + 4) % 365.25  # close enough: 1 January ≈ 0
    weekday = ((local // 86400) + 3) % 7
    base = 0.18 + 0.05 * rng.standard_normal(len(epochs)).clip(-2, 2)
    morning = 0.9 * np.exp(-((hour - 7.3) / 0.8) ** 2)
    evening = 1.6 * np.exp(-((hour - 19.8) / 1.6) ** 2)
    midday = np.where(weekday >= 5, 0.5, 0.15) * np.exp(-((hour - 12.2) / 1.2) ** 2)
    summer = np.exp(-((day_of_year - 205) / 32) ** 2)  # peak late July
    cooling = summer * (1.2 * np.exp(-((hour - 15) / 3.2) ** 2) + 1.0 * np.exp(-((hour - 22.5) / 2) ** 2))
    winter = np.exp(-((np.minimum(day_of_year, 365 - day_of_year)) / 40) ** 2)
    heating = winter * 0.7 * np.exp(-((hour - 20) / 3) ** 2)
    noise = 1 + 0.18 * rng.standard_normal(len(epochs))
    spikes = (rng.random(len(epochs)) < 0.03) * rng.uniform(0.8, 2.2, len(epochs))  # kettle, oven
    return np.clip((base + morning + evening + midday + cooling + heating) * noise + spikes, 0.05, None)


def tou_register(epochs: np.ndarray) -> np.ndarray:
    """0 sharp, 1 peak, 2 flat, 3 valley (a Shandong-like residential TOU day)."""
    hour = ((epochs + 8 * 3600) % 86400) // 3600
    register = np.full(len(epochs), 2)
    register[(hour >= 23) | (hour < 7)] = 3
    register[((hour >= 8) & (hour < 11)) | ((hour >= 16) & (hour < 22))] = 1
    register[(hour >= 19) & (hour < 21)] = 0
    return register


def phases_for(power: np.ndarray, seed: int = 11) -> tuple[np.ndarray, np.ndarray]:
    """Single-phase voltage (V) sagging a little under load, and current (A)."""
    rng = np.random.default_rng(seed)
    voltage = 228.5 - 1.8 * power + 1.2 * rng.standard_normal(len(power))
    return voltage, power * 1000 / (voltage * 0.95)


def registers(epochs: np.ndarray, power: np.ndarray, start_kwh: float = 3000.0) -> np.ndarray:
    """(5, n) cumulative kWh: total and the four TOU registers, energy integrated per step."""
    energy = power * STEP_S / 3600
    out = np.zeros((5, len(epochs)))
    which = tou_register(epochs)
    for k in range(4):
        out[1 + k] = start_kwh / 4 + np.cumsum(np.where(which == k, energy, 0.0))
    out[0] = out[1:].sum(axis=0)
    return out


def year_epochs(year: int) -> np.ndarray:
    start = dt.datetime(year, 1, 1, tzinfo=CST).timestamp()
    end = dt.datetime(year + 1, 1, 1, tzinfo=CST).timestamp()
    return np.arange(start + STEP_S, end + 1, STEP_S, dtype=float)


def reading_rows(meter_id: int, epochs: np.ndarray, *, seed: int = 7,
                 start_kwh: float = 3000.0) -> list[dict]:
    """Rows for `insert(Reading)`: a household's readings at these moments."""
    power = residential_power(epochs, seed)
    voltage, current = phases_for(power, seed + 4)
    regs = np.round(registers(epochs, power, start_kwh), 2)
    return [
        dict(meter_id=meter_id, read_at=dt.datetime.fromtimestamp(t, dt.UTC),
             energy_total=Decimal(f"{regs[0, i]:.2f}"), energy_sharp=Decimal(f"{regs[1, i]:.2f}"),
             energy_peak=Decimal(f"{regs[2, i]:.2f}"), energy_flat=Decimal(f"{regs[3, i]:.2f}"),
             energy_valley=Decimal(f"{regs[4, i]:.2f}"), power_kw=round(float(power[i]), 3),
             voltage_a=round(float(voltage[i]), 1), current_a=round(float(current[i]), 2))
        for i, t in enumerate(epochs)
    ]


def synthetic_overview(year: int) -> ConsumptionOverview:
    """What the service would return for a year of readings, without a database."""
    epochs = year_epochs(year)
    power = residential_power(epochs)
    voltage, current = phases_for(power)
    regs = registers(epochs, power)
    n = len(epochs)
    day_kwh = np.diff(regs[0, 95::96], prepend=regs[0, 0] - power[:96].sum() / 4)
    days = tuple(DailyEnergy(dt.date(year, 1, 1) + dt.timedelta(days=i), Decimal(f"{k:.2f}"))
                 for i, k in enumerate(day_kwh))
    months = tuple(MonthCompare(m, Decimal(f"{sum(float(d.kwh) for d in days if d.day.month == m):.2f}"),
                                None) for m in range(1, 13))
    meter = MeterState(1, "3700101000000000000001", "000000000001", 1, 1, "closed", None,
                       dt.datetime.fromtimestamp(epochs[-1], dt.UTC), True, dt.timedelta(minutes=45))
    tou = TouSplit(dt.date(year, 1, 1), dt.date(year + 1, 1, 1),
                   *(Decimal(f"{regs[k, -1] - regs[k, 0]:.2f}") for k in range(1, 5)),
                   Decimal(f"{regs[0, -1] - regs[0, 0]:.2f}"))
    empty: tuple[float, ...] = ()
    return ConsumptionOverview(
        1, "3700001234", "张秀兰", year, meter,
        PowerSeries(1, tuple(epochs), tuple(power), n),
        PhaseSeries(1, tuple(epochs), (tuple(voltage), empty, empty), (tuple(current), empty, empty), n),
        days, months, tou,
        (TierLimit(1, Decimal("2520.00"), Decimal("0.5469")),
         TierLimit(2, Decimal("4800.00"), Decimal("0.5969"))))


# --------------------------------------------------------------- measuring


class _Now:
    """A runner that runs tasks at once (the bench measures drawing, not threads)."""

    def drop(self, owner, key):
        """Nothing is ever on its way: every run has answered before `run` returns."""

    def run(self, fn, owner, on_done=None, on_error=None, *, key=None, write=False):
        try:
            value = fn()
        except Exception as exc:  # handed to on_error like the real runner
            if on_error:
                on_error(exc)
            return
        if on_done:
            on_done(value)
        return


class PaintProbe:
    """Records paints of any curve, and the first paint of the power curve whose data
    then held a given x (the painted points themselves may be downsampled to the
    screen's pixels, so the newest x is read from the full data the curve was given).
    """

    def __init__(self, item) -> None:
        self.target = float("nan")
        self.hit_at: float | None = None
        self.last_paint_at = 0.0
        curve = item.curve
        cls = type(curve)
        original = cls.paint
        probe = self

        # Qt calls the class's paint: wrap it there and look for our curve.
        def paint(painted, painter, *args) -> None:
            original(painted, painter, *args)
            now = time.perf_counter()
            probe.last_paint_at = now
            x = item.xData
            if (painted is curve and probe.hit_at is None and x is not None and len(x)
                    and float(x[-1]) == probe.target):
                probe.hit_at = now

        cls.paint = paint

    def watch(self, x: float) -> None:
        self.target, self.hit_at = x, None


def wait_painted(app, probe: PaintProbe, timeout_s: float = 5.0) -> float:
    """Run the event loop until the power curve painted the watched x; that moment."""
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + timeout_s
    while probe.hit_at is None:
        if time.perf_counter() > deadline:
            raise TimeoutError("the curve did not paint the new reading")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return probe.hit_at


def settle(app, probe: PaintProbe) -> float:
    """Run the event loop until nothing paints any more; the last paint's moment."""
    while True:
        before = probe.last_paint_at
        app.processEvents()
        if probe.last_paint_at == before:
            return before


def measure_draw(year: int, samples: int) -> tuple[float, float, list[float]]:
    from PySide6.QtWidgets import QApplication

    from widgets.consumption.chart import ConsumptionChart
    from widgets.resources import install_font

    app = QApplication.instance() or QApplication([])
    install_font(app)
    overview = synthetic_overview(year)
    chart = ConsumptionChart(_Now(), lambda *a, **k: overview, lambda *a, **k: None,
                             history=dt.timedelta(days=400), poll_ms=3_600_000,
                             clock=lambda: dt.datetime.fromtimestamp(overview.power.times[-1], dt.UTC))
    chart.resize(1280, 800)
    chart.show()
    app.processEvents()
    probe = PaintProbe(chart.live.power_curve)
    probe.watch(overview.power.times[-1])
    start = time.perf_counter()
    chart.set_customer(1, year)  # the overview arrives at once (synchronous runner)
    draw_ms = (wait_painted(app, probe) - start) * 1000
    settled_ms = (settle(app, probe) - start) * 1000
    latencies = []
    t = overview.power.times[-1]
    for i in range(samples):
        t += STEP_S
        reading = PowerSeries(1, (t,), (1.0 + 0.1 * i,), overview.power.last_id + i + 1)
        probe.watch(t)
        start = time.perf_counter()
        chart.append_readings(reading)
        latencies.append((wait_painted(app, probe) - start) * 1000)
        settle(app, probe)
    chart.close()
    return draw_ms, settled_ms, latencies


def measure_load(year: int) -> float:
    """The service reading a year of one meter's power from SQLite (best of three)."""
    from sqlalchemy import insert

    from console import ids, migrate
    from console.db import Database
    from console.models import Customer, Meter, Reading, Tariff, Unit
    from console.services import consumption
    from console.services.actor import Actor

    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(f"sqlite:///{Path(folder) / 'bench.db'}")
        migrate.upgrade(db.engine)
        with db.uow() as session:
            unit = Unit(code="37001", name="牡丹区供电所", kind="station")
            tariff = Tariff(code="RES", name="居民", kind="tiered", category="residential",
                            effective_from=dt.date(year, 1, 1), price=Decimal("0.5469"))
            session.add_all([unit, tariff])
            session.flush()
            customer = Customer(customer_no="3700001234", name="张秀兰", category="residential",
                                unit_id=unit.id, tariff_id=tariff.id)
            session.add(customer)
            session.flush()
            meter = Meter(asset_no=ids.make_asset_code(unit.code, ids.ASSET_TYPE_METER, 1),
                          address="000000000001", customer_id=customer.id)
            session.add(meter)
            session.flush()
            meter_id = meter.id
        with db.uow() as session:
            session.execute(insert(Reading), reading_rows(meter_id, year_epochs(year)))
        actor = Actor(None, "bench", "bench", "counter", None)
        since = dt.datetime(year, 1, 1, tzinfo=CST)
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            series = consumption.power_series(db, actor, meter_id, since=since)
            timings.append((time.perf_counter() - start) * 1000)
            assert len(series) == 35040, len(series)
        db.dispose()
        return min(timings)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.chart", description=__doc__.split("\n")[0])
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--samples", type=int, default=20, help="new readings to time")
    parser.add_argument("--no-db", action="store_true", help="skip the SQLite load timing")
    args = parser.parse_args(argv)
    draw_ms, settled_ms, latencies = measure_draw(args.year, args.samples)
    result = {
        "draw_year_ms": round(draw_ms, 1),
        "draw_year_all_plots_ms": round(settled_ms, 1),
        "new_reading_to_screen_ms": round(statistics.median(latencies), 1),
        "new_reading_to_screen_max_ms": round(max(latencies), 1),
        "points": 35040,
    }
    if not args.no_db:
        result["load_year_ms"] = round(measure_load(args.year), 1)
    result["machine"] = {**machine(), "qpa": os.environ.get("QT_QPA_PLATFORM", "")}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
