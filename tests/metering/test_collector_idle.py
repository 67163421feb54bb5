"""What keeps the embedded console cheap at rest: sliced polls and a cheap first read."""

from __future__ import annotations

import pytest

from console.metering.collector import Collector
from console.metering.load_model import DAY, MeterLoad
from tests.metering.test_collector import quick_config, readings_of, run, seed_meters, serve_fleet


def test_a_sliced_collector_reads_every_meter_once_per_round(file_db):
    _, meters = seed_meters(file_db, 7)

    async def scenario():
        async with serve_fleet(file_db):
            collector = Collector(file_db, config=quick_config(slices=3))
            results = [await collector.poll_once() for _ in range(3)]
            await collector.close()
            return results

    results = run(scenario())
    assert sorted(r.meters for r in results) == [2, 2, 3] and all(r.stored for r in results)
    assert [len(readings_of(file_db, meter_id)) for meter_id, _ in meters] == [1] * 7


def test_a_console_just_opened_reads_every_meter_in_its_first_poll(file_db):
    _, meters = seed_meters(file_db, 7)

    async def scenario():
        async with serve_fleet(file_db):
            collector = Collector(file_db, config=quick_config(slices=3, whole_first_round=True))
            results = [await collector.poll_once() for _ in range(2)]
            await collector.close()
            return results

    first, second = run(scenario())
    assert first.meters == 7 and first.answered == 7  # nobody waits a round to answer
    assert second.meters in (2, 3)  # then the slices take over
    assert all(len(readings_of(file_db, meter_id)) >= 1 for meter_id, _ in meters)


@pytest.mark.parametrize("days", [0.3, 1.7, 40.2, 320.9])
def test_energy_over_whole_days_adds_up_like_piece_by_piece(days):
    load = MeterLoad.create(seed=3, address="000000001234", category="commercial")
    start = 1_765_000_000.0 - days * DAY
    whole = load.energy(start, 1_765_000_000.0)
    pieces = [0.0] * 4
    t = start
    while t < 1_765_000_000.0:  # steps that never cover a whole local day
        step = min(0.4 * DAY, 1_765_000_000.0 - t)
        pieces = [a + b for a, b in zip(pieces, load.energy(t, t + step), strict=True)]
        t += step
    assert whole == pytest.approx(pieces, rel=1e-9)
