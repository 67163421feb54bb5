"""EmbeddedMetering: simulator + collector on a background thread, as `python main.py` runs them."""

from __future__ import annotations

import queue

from sqlalchemy import func, select

from console.metering.collector import CollectorConfig
from console.metering.collector_commands import CommandTiming
from console.metering.embedded import EmbeddedMetering
from console.models import ControlCommand, Meter, Reading
from tests.metering.test_collector import closed_port, seed_meters
from tests.metering.test_collector_commands import queue_command


def test_polls_the_databases_meters_and_switches_them_then_stops_cleanly(file_db):
    # Demo endpoints name ports nobody listens on: the embedded simulator rebinds them.
    customer_id, meters = seed_meters(file_db, 3, endpoint=f"127.0.0.1:{closed_port()}")
    command_id = queue_command(file_db, customer_id, meters[0][0], "disconnect")
    cycles: queue.Queue = queue.Queue()
    config = CollectorConfig(timeout=0.5, command_interval=0.05,
                             command_timing=CommandTiming(confirm_timeout=2, confirm_poll=0.05))
    metering = EmbeddedMetering(file_db, interval=0.1, config=config, on_cycle=cycles.put)
    metering.start()
    try:
        assert metering.ready.wait(10) and metering.error is None
        confirmed = False
        for _ in range(50):  # bounded: each turn waits for one more poll cycle
            result = cycles.get(timeout=10)
            assert result.answered == 3
            with file_db.session() as session:
                confirmed = session.get(ControlCommand, command_id).state == "confirmed"
            if confirmed:
                break
        assert confirmed
    finally:
        assert metering.stop(timeout=3)
    assert not metering.running
    with file_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Reading)) >= 3
        assert session.scalar(select(Meter.relay_state).where(Meter.id == meters[0][0])) == "open"
    metering.stop()  # a second stop is harmless


def test_start_after_stop_runs_again(file_db):
    seed_meters(file_db, 1)
    cycles: queue.Queue = queue.Queue()
    metering = EmbeddedMetering(file_db, interval=0.1, on_cycle=cycles.put)
    for _ in range(2):
        metering.start()
        assert cycles.get(timeout=10).answered == 1
        assert metering.stop(timeout=3)
