"""Interoperability with the `dlt645` package from PyPI (a test-only dependency).

Its TcpServer answers as one meter; its client reads one meter. It puts the
address on the wire in the order it is written, where the standard (and we)
send the low byte first, so it is handed the byte-reversed address string.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from console.metering.dlt645 import DataId
from console.metering.simulator import SimConfig, Simulator
from console.metering.transport import MeterBus

dlt645 = pytest.importorskip("dlt645")

ADDRESS = "123456789012"


def peer_address(address: str) -> str:
    """123456789012 -> 120978563412: what the package needs to send A0 first."""
    return bytes.fromhex(address)[::-1].hex()


def test_our_bus_reads_a_meter_served_by_the_package():
    server = dlt645.MeterServerService.new_tcp_server("127.0.0.1", 0, timeout=2.0)
    server.set_address(peer_address(ADDRESS))
    server.set_00(DataId.FORWARD_ACTIVE_TOTAL, 1234.56)
    server.set_02(DataId.VOLTAGE_A, 220.1)
    server.set_02(DataId.CURRENT_A, 5.125)
    assert server.server.start()

    async def scenario():
        async with MeterBus(f"127.0.0.1:{server.server.port}", timeout=2.0) as bus:
            return await bus.read_many(ADDRESS, [DataId.FORWARD_ACTIVE_TOTAL, DataId.VOLTAGE_A,
                                                 DataId.CURRENT_A])

    try:
        values = asyncio.run(scenario())
    finally:
        server.server.stop()
    assert values == {DataId.FORWARD_ACTIVE_TOTAL: Decimal("1234.56"),
                      DataId.VOLTAGE_A: Decimal("220.1"), DataId.CURRENT_A: Decimal("5.125")}


def test_the_package_client_reads_our_simulator():
    sim = Simulator.synthetic(3, listen="127.0.0.1:0", seed=2, config=SimConfig())
    address = "000000000002"

    def peer_reads(endpoint: str) -> tuple[float, float]:
        host, port = endpoint.rsplit(":", 1)
        client = dlt645.MeterClientService.new_tcp_client(host, int(port), timeout=2.0)
        client.set_address(peer_address(address))
        try:
            energy = client.read_00(DataId.FORWARD_ACTIVE_TOTAL)
            voltage = client.read_02(DataId.VOLTAGE_A)
        finally:
            client.disconnect()
        assert energy is not None and voltage is not None
        return energy.value, voltage.value

    async def scenario():
        async with sim:
            endpoint = sim.endpoint_of(address)
            before = sim.meter(address).registers(sim.now())[0]
            energy, voltage = await asyncio.to_thread(peer_reads, endpoint)
            after = sim.meter(address).registers(sim.now())[0]
            return before, energy, after, voltage

    before, energy, after, voltage = asyncio.run(scenario())
    assert float(before) <= energy <= float(after)
    assert 200 < voltage < 240
