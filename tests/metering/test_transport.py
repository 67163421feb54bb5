"""MeterBus against the simulator over real loopback TCP, with a fake clock.

Fault tests use short timeouts (0.1-0.2 s) so each one is bounded well under a second.
"""

from __future__ import annotations

import asyncio
import socket
from decimal import Decimal

import pytest

from console.metering import dlt645 as p
from console.metering.dlt645 import ControlOp, DataId, StatusWord3
from console.metering.errors import (
    MeterConnectionError,
    MeterErrorReply,
    MeterGarbled,
    MeterTimeout,
    MeterWrongAddress,
)
from console.metering.simulator import Fault, SimConfig, Simulator
from console.metering.transport import DEFAULT_READINGS, MeterBus

T0 = 1_750_000_000.0  # 2025-06-15 23:06:40 in Shanghai: a summer Sunday night
FIRST, SECOND, THIRD = "000000000001", "000000000002", "000000000003"


class FakeClock:
    def __init__(self, t: float = T0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 20))


def simulator(count: int = 3, **config) -> tuple[Simulator, FakeClock]:
    clock = FakeClock()
    sim = Simulator.synthetic(count, listen="127.0.0.1:0", seed=7, clock=clock,
                              config=SimConfig(**config))
    return sim, clock


def bus_for(sim: Simulator, **options) -> MeterBus:
    options.setdefault("timeout", 0.5)
    return MeterBus(next(iter(sim.endpoints)), **options)


def test_reads_energy_and_instant_values_as_decimals():
    sim, clock = simulator()

    async def scenario():
        async with sim, bus_for(sim) as bus:
            total = await bus.read(FIRST, DataId.FORWARD_ACTIVE_TOTAL)
            values = await bus.read_many(FIRST, DEFAULT_READINGS)
            return total, values

    total, values = run(scenario())
    registers = sim.meter(FIRST).registers(clock.t)
    assert total == registers[0] and isinstance(total, Decimal)
    assert values[DataId.FORWARD_ACTIVE_BLOCK] == registers
    assert values[DataId.STATUS_WORD_3] == 0
    assert Decimal(200) < values[DataId.VOLTAGE_BLOCK][0] < Decimal(240)
    assert values[DataId.ACTIVE_POWER] > 0


def test_missing_data_is_an_error_reply_and_read_many_leaves_it_out():
    sim, _ = simulator()
    assert sim.meter(FIRST).load.phases == 1

    async def scenario():
        async with sim, bus_for(sim) as bus:
            with pytest.raises(MeterErrorReply) as refused:
                await bus.read(FIRST, DataId.VOLTAGE_B)  # single-phase: no phase B
            values = await bus.read_many(FIRST, [DataId.VOLTAGE_A, DataId.VOLTAGE_B])
            return refused.value, values

    refused, values = run(scenario())
    assert refused.no_data
    assert list(values) == [DataId.VOLTAGE_A]


def test_trip_shows_in_status_word_3_and_direct_close_restores_power():
    sim, _ = simulator()

    async def scenario():
        async with sim, bus_for(sim) as bus:
            await bus.control(FIRST, ControlOp.TRIP)
            tripped = await bus.read_many(FIRST, [DataId.STATUS_WORD_3, DataId.ACTIVE_POWER])
            await bus.control(FIRST, ControlOp.CLOSE_DIRECT)
            closed = await bus.read_many(FIRST, [DataId.STATUS_WORD_3, DataId.ACTIVE_POWER])
            return tripped, closed

    tripped, closed = run(scenario())
    assert tripped[DataId.STATUS_WORD_3] & StatusWord3.RELAY_OPEN
    assert tripped[DataId.ACTIVE_POWER] == 0
    assert not closed[DataId.STATUS_WORD_3] & StatusWord3.RELAY_OPEN
    assert closed[DataId.ACTIVE_POWER] > 0


def test_wrong_password_is_refused_and_the_relay_stays_closed():
    sim, _ = simulator()
    wrong = p.PlainPasswordSigner("999999")

    async def scenario():
        async with sim, bus_for(sim, signer=wrong) as bus:
            with pytest.raises(MeterErrorReply) as refused:
                await bus.control(FIRST, ControlOp.TRIP)
            return refused.value, await bus.read(FIRST, DataId.STATUS_WORD_3)

    refused, status = run(scenario())
    assert refused.password_wrong and refused.params["address"] == FIRST
    assert status == 0


@pytest.mark.parametrize(("fault", "error"), [
    (Fault.SILENT, MeterTimeout),
    (Fault.GARBLED, MeterGarbled),
    (Fault.BAD_CHECKSUM, MeterGarbled),
    (Fault.WRONG_ADDRESS, MeterWrongAddress),
    (Fault.SLOW, MeterTimeout),
])
def test_a_faulty_meter_fails_typed_and_the_bus_keeps_serving_the_others(fault, error):
    sim, clock = simulator(slow_seconds=0.4)  # later than both attempts
    sim.set_fault(SECOND, fault)

    async def scenario():
        async with sim, bus_for(sim, timeout=0.15, retries=1, backoff=0.01) as bus:
            before = await bus.read(FIRST, DataId.FORWARD_ACTIVE_TOTAL)
            with pytest.raises(error):
                await bus.read(SECOND, DataId.FORWARD_ACTIVE_TOTAL)
            after = await bus.read(THIRD, DataId.FORWARD_ACTIVE_TOTAL)
            return before, after, bus.stats

    before, after, stats = run(scenario())
    assert before == sim.meter(FIRST).registers(clock.t)[0]
    assert after == sim.meter(THIRD).registers(clock.t)[0]
    assert stats.retries == 1 and stats.failures == 1


def test_reconnects_after_the_serial_server_drops_the_connection():
    sim, _ = simulator()

    async def scenario():
        async with sim, bus_for(sim) as bus:
            await bus.read(FIRST, DataId.STATUS_WORD_3)
            sim.drop_connections()
            value = await bus.read(FIRST, DataId.STATUS_WORD_3)
            return value, bus.stats

    value, stats = run(scenario())
    assert value == 0 and stats.connects == 2


def test_an_endpoint_nobody_listens_on_is_a_connection_error():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]

    async def scenario():
        async with MeterBus(f"127.0.0.1:{port}", timeout=0.2, retries=1, backoff=0.01) as bus:
            await bus.read(FIRST, DataId.STATUS_WORD_3)

    with pytest.raises(MeterConnectionError):
        run(scenario())


def test_long_replies_arrive_in_follow_up_frames():
    sim, clock = simulator(max_reply_data=9)  # DI + 5 bytes per frame: the block needs 4

    async def scenario():
        async with sim, bus_for(sim) as bus:
            return await bus.read(FIRST, DataId.FORWARD_ACTIVE_BLOCK)

    assert run(scenario()) == sim.meter(FIRST).registers(clock.t)


def test_concurrent_callers_take_turns_on_the_bus():
    sim, clock = simulator(count=12)

    async def scenario():
        async with sim, bus_for(sim) as bus:
            reads = [bus.read(a, DataId.FORWARD_ACTIVE_TOTAL) for a in sim.meters]
            return await asyncio.gather(*reads)

    assert run(scenario()) == [m.registers(clock.t)[0] for m in sim.meters.values()]


def test_retries_until_an_answer_comes():
    """A serial server that loses the first request: the retry gets the answer."""
    seen: list[bytes] = []

    async def handle(reader, writer):
        parser = p.FrameParser()
        while data := await reader.read(1024):
            for frame in parser.feed(data):
                seen.append(frame.data)
                if len(seen) > 1:
                    payload = p.encode_value(DataId.STATUS_WORD_3, 0x10)
                    writer.write(p.read_reply(frame.address, DataId.STATUS_WORD_3, payload))
        writer.close()

    async def scenario():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server, MeterBus(f"127.0.0.1:{port}", timeout=0.1, retries=2) as bus:
            return await bus.read(FIRST, DataId.STATUS_WORD_3), bus.stats

    value, stats = run(scenario())
    assert value == StatusWord3.RELAY_OPEN and stats.retries == 1 and len(seen) == 2


def test_read_address_finds_the_lone_meter_on_a_bus():
    sim, _ = simulator(count=1)

    async def scenario():
        async with sim, bus_for(sim) as bus:
            return await bus.read_address()

    assert run(scenario()) == FIRST
