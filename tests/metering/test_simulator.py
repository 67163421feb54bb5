"""The simulated fleet: load shapes, TOU registers, relay, passwords, bus behaviour, scale."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from decimal import Decimal

import pytest

from console.metering import dlt645 as p
from console.metering.dlt645 import ControlOp, ErrorBits, StatusWord3
from console.metering.load_model import MeterLoad
from console.metering.sim_meter import MeterRefused, SimMeter
from console.metering.simulator import Simulator, synthetic_meter

CST = dt.timezone(dt.timedelta(hours=8))
SIGNER = p.PlainPasswordSigner()


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> float:
    """POSIX time of a Shanghai wall-clock time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=CST).timestamp()


WEDNESDAY = (2025, 7, 16)
SATURDAY = (2025, 7, 19)


def loads(category: str, count: int = 40) -> list[MeterLoad]:
    return [MeterLoad.create(seed=3, address=f"{n:012d}", category=category, phases=3)
            for n in range(1, count + 1)]


def mean_power(category: str, t: float) -> float:
    group = loads(category)
    return sum(m.power_kw(t) for m in group) / len(group)


def daily_energy(category: str, day: tuple[int, int, int]) -> float:
    start = at(*day, 0)
    return sum(sum(m.energy(start, start + 86400)) for m in loads(category))


def control(meter: SimMeter, op: ControlOp, now: float, *, signer=SIGNER, delay: float = 60.0):
    until = dt.datetime.fromtimestamp(now + 300, dt.UTC)
    meter.control(signer.build(address=meter.address, op=op, valid_until=until), now,
                  button_delay=delay)


def test_residential_peaks_morning_and_evening():
    night, morning, noon, evening = (mean_power("residential", at(*WEDNESDAY, h))
                                     for h in (3, 7, 13, 19))
    assert evening > morning > noon > night
    assert evening > 3 * night


def test_commercial_works_by_day_and_less_at_weekends():
    assert mean_power("commercial", at(*WEDNESDAY, 11)) > 4 * mean_power("commercial", at(*WEDNESDAY, 3))
    assert daily_energy("commercial", WEDNESDAY) > daily_energy("commercial", SATURDAY)


def test_industrial_runs_shifts_on_weekdays():
    assert mean_power("industrial", at(*WEDNESDAY, 20)) > 2.5 * mean_power("industrial", at(*WEDNESDAY, 4))
    assert mean_power("industrial", at(*SATURDAY, 20)) < 0.5 * mean_power("industrial", at(*WEDNESDAY, 20))


def test_cooling_in_summer_and_heating_in_winter():
    spring = daily_energy("residential", (2025, 4, 16))
    assert daily_energy("residential", WEDNESDAY) > 1.25 * spring
    assert daily_energy("residential", (2025, 1, 15)) > 1.15 * spring


def test_same_seed_and_time_give_the_same_numbers():
    t = at(*WEDNESDAY, 19, 30)
    a, b = (synthetic_meter("000000000042", seed=5, now=t - 3600) for _ in range(2))
    other = synthetic_meter("000000000042", seed=6, now=t - 3600)
    assert a.registers(t) == b.registers(t) and a.value(p.DataId.ACTIVE_POWER, t) == b.value(p.DataId.ACTIVE_POWER, t)
    assert a.registers(t) != other.registers(t)


def test_energy_integrates_power_into_the_register_of_the_tariff_period():
    meter = SimMeter("000000000001", loads("residential")[0], at(*WEDNESDAY, 0))
    start, end = at(*WEDNESDAY, 19), at(*WEDNESDAY, 20)  # 19-20h is 尖 (tariff 1)
    before, after = meter.registers(start), meter.registers(end)
    deltas = [b - a for a, b in zip(before, after, strict=True)]
    assert deltas[2:] == [0, 0, 0] and deltas[1] > 0 and deltas[0] == deltas[1]
    sampled = sum(meter.power_kw(start + 60 * i + 30) for i in range(60)) / 60  # kW over 1 h
    assert float(deltas[0]) == pytest.approx(sampled, rel=0.02)


def test_total_is_the_sum_of_the_tariff_registers_and_never_runs_back():
    meter = synthetic_meter("000000000009", seed=1, now=at(2025, 7, 1, 0))
    previous = meter.registers(at(2025, 7, 1, 0))
    for hour in range(1, 24 * 9, 5):
        now = meter.registers(at(2025, 7, 1, 0) + hour * 3600)
        assert now[0] == sum(now[1:])
        assert all(b >= a for a, b in zip(previous, now, strict=True))
        previous = now


def test_trip_stops_the_meter_and_close_allowed_waits_for_the_customer():
    t = at(*WEDNESDAY, 10)
    meter = synthetic_meter("000000000001", seed=1, now=t - 3600)
    control(meter, ControlOp.TRIP, t)
    frozen = meter.registers(t)
    assert meter.status_word(t) & StatusWord3.RELAY_OPEN
    assert meter.power_kw(t + 600) == 0 and meter.registers(t + 7200) == frozen
    control(meter, ControlOp.CLOSE_ALLOWED, t + 7200, delay=60)
    still_open = meter.status_word(t + 7230)
    assert still_open & StatusWord3.RELAY_OPEN and not still_open & StatusWord3.RELAY_COMMAND_OPEN
    assert meter.status_word(t + 7261) == 0  # the button was pressed at t + 7260
    assert meter.registers(t + 7260) == frozen and meter.registers(t + 9000)[0] > frozen[0]


def test_guarantee_refuses_trips_and_alarm_sets_its_bit():
    t = at(*WEDNESDAY, 10)
    meter = synthetic_meter("000000000001", seed=1, now=t)
    control(meter, ControlOp.GUARANTEE_ON, t)
    control(meter, ControlOp.ALARM_ON, t)
    with pytest.raises(MeterRefused) as refused:
        control(meter, ControlOp.TRIP, t)
    assert refused.value.error == ErrorBits.OTHER
    assert meter.status_word(t) == StatusWord3.GUARANTEE | StatusWord3.PRE_TRIP_ALARM


def test_wrong_password_and_expired_commands_are_refused():
    t = at(*WEDNESDAY, 10)
    meter = synthetic_meter("000000000001", seed=1, now=t)
    with pytest.raises(MeterRefused) as wrong:
        control(meter, ControlOp.TRIP, t, signer=p.PlainPasswordSigner("123456"))
    expired = SIGNER.build(address=meter.address, op=ControlOp.TRIP,
                           valid_until=dt.datetime.fromtimestamp(t - 60, dt.UTC))
    with pytest.raises(MeterRefused) as late:
        meter.control(expired, t, button_delay=0)
    assert wrong.value.error == ErrorBits.PASSWORD and late.value.error == ErrorBits.OTHER
    assert meter.status_word(t) == 0


async def _exchange(endpoint: str, request: bytes, *, wait: float = 0.2) -> list[p.Frame]:
    """Send raw bytes to an endpoint; the frames that come back within ``wait``."""
    host, port = endpoint.rsplit(":", 1)
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(request)
    parser, frames = p.FrameParser(), []
    try:
        async with asyncio.timeout(wait):
            while data := await reader.read(1024):
                frames += parser.feed(data)
    except TimeoutError:
        pass
    writer.close()
    return frames


def test_a_bus_answers_only_for_its_own_meters_and_broadcasts_only_when_alone():
    buses = {"127.0.0.1:0#a": [synthetic_meter(f"{n:012d}", seed=1, now=time.time())
                               for n in (1, 2)],
             "127.0.0.1:0#b": [synthetic_meter("000000000003", seed=1, now=time.time())]}
    sim = Simulator(buses)
    read_address = p.encode_frame(p.BROADCAST, p.Function.READ_ADDRESS)

    async def scenario():
        async with sim:
            bus_a, bus_b = sim.endpoint_of("000000000001"), sim.endpoint_of("000000000003")
            status = p.read_request("000000000003", p.DataId.STATUS_WORD_3)
            return await asyncio.gather(
                _exchange(bus_a, status), _exchange(bus_b, status),
                _exchange(bus_a, read_address), _exchange(bus_b, read_address))

    on_a, on_b, broadcast_a, broadcast_b = asyncio.run(scenario())
    assert on_a == [] and [f.address for f in on_b] == ["000000000003"]
    assert broadcast_a == [] and [f.address for f in broadcast_b] == ["000000000003"]


def test_ten_thousand_meters_are_cheap_until_read():
    # CPU time of this process, not the wall clock: other work on a loaded machine
    # (CI beside other jobs) stretched a 1.5 s build past the limit.
    start = time.process_time()
    sim = Simulator.synthetic(10_000, listen="127.0.0.1:0", buses=8, seed=1)
    built = time.process_time() - start
    now = time.time()
    start = time.process_time()
    for address in list(sim.meters)[::100]:
        sim.meter(address).value(p.DataId.FORWARD_ACTIVE_BLOCK, now)
        sim.meter(address).value(p.DataId.CURRENT_BLOCK, now)
    per_meter = (time.process_time() - start) / 100
    assert built < 3.0 and per_meter < 0.002
    assert {len(bus.meters) for bus in sim._buses.values()} == {1250}


def test_database_meters_carry_on_from_their_last_reading(db):
    from console.metering.sim_db import fleet_from_database
    from console.models import Reading
    from tests import factories

    read_at = dt.datetime(2025, 7, 16, 1, 0, tzinfo=dt.UTC)
    with db.session() as session:
        unit = factories.unit(session)
        customer = factories.customer(session, unit, factories.tariff(session), number="3700000001")
        meter = factories.meter(session, unit, customer)
        meter.endpoint, meter.relay_state = "127.0.0.1:18645", "open"
        session.add(Reading(meter_id=meter.id, read_at=read_at, energy_total=Decimal("100.00"),
                            energy_sharp=Decimal("10.00"), energy_peak=Decimal("20.00"),
                            energy_flat=Decimal("30.00"), energy_valley=Decimal("40.00")))
        address = meter.address
    fleet = fleet_from_database(db, seed=1, now=read_at.timestamp() + 3600,
                                default_endpoint="127.0.0.1:8645")
    sim_meter = fleet["127.0.0.1:18645"][0]
    assert sim_meter.address == address and sim_meter.relay_open
    # The relay is open, so an hour later the registers still show the stored reading.
    assert sim_meter.registers(read_at.timestamp() + 3600) == (
        Decimal("100.00"), Decimal("10.00"), Decimal("20.00"), Decimal("30.00"), Decimal("40.00"))
