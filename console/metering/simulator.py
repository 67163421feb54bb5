"""A fleet of simulated DL/T 645 meters behind TCP endpoints, each one a bus.

Every endpoint (host:port) is a serial server: the meters on its bus hear
every frame, only the addressed one answers, the others stay silent. Values
are computed from the clock when asked (see load_model), so 10,000 meters
cost one dict entry each until they are read.

    sim = Simulator.synthetic(100, listen="127.0.0.1:0", seed=1)
    async with sim:
        endpoint = next(iter(sim.endpoints))   # the bound host:port
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Self

from console.metering import dlt645 as p
from console.metering.load_model import MeterLoad, noise
from console.metering.sim_meter import Fault, MeterRefused, SimMeter

__all__ = ["Fault", "SimConfig", "SimMeter", "Simulator", "split_endpoint"]

TIME_BROADCAST = "999999999999"
_CATEGORY_MIX = (("residential", 0.85), ("commercial", 0.08), ("industrial", 0.03),
                 ("agricultural", 0.02), ("public", 0.02))


@dataclass(frozen=True, slots=True)
class SimConfig:
    """Knobs of the whole fleet."""

    button_delay: float = 30.0  # seconds from 1BH until the customer closes the relay
    slow_seconds: float = 2.0  # how late a SLOW meter answers
    max_reply_data: int = 200  # longer read replies go out as follow-up frames


def split_endpoint(endpoint: str) -> tuple[str, int]:
    """("host", port) of "host:port"; ValueError when it is not one."""
    host, sep, port = endpoint.rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise ValueError(f"not host:port: {endpoint!r}")
    return host.strip("[]"), int(port)


class _Bus:
    """The meters on one endpoint, and the frames they answer."""

    def __init__(self, sim: Simulator, meters: list[SimMeter]) -> None:
        self.sim = sim
        self.meters = {m.address: m for m in meters}

    def addressed(self, frame: p.Frame) -> SimMeter | None:
        if frame.address == p.BROADCAST:
            # Several meters answering a broadcast would collide: on a shared
            # line only a lone meter can answer one.
            return next(iter(self.meters.values())) if len(self.meters) == 1 else None
        return self.meters.get(frame.address)

    def answer(self, frame: p.Frame, pending: dict[str, list]) -> tuple[SimMeter, bytes] | None:
        """The addressed meter and its reply, or None when the bus stays silent."""
        if frame.is_reply or frame.address == TIME_BROADCAST:
            return None  # another master's traffic, or a time broadcast (no reply)
        meter = self.addressed(frame)
        if meter is None:
            return None
        try:
            return meter, self._dispatch(meter, frame, pending)
        except MeterRefused as refused:
            return meter, p.error_reply(meter.address, frame.function, refused.error)

    def _dispatch(self, meter: SimMeter, frame: p.Frame, pending: dict[str, list]) -> bytes:
        now, function = self.sim.now(), frame.function
        if function == p.Function.READ and len(frame.data) >= 4:
            return self._read(meter, p.reply_di(frame), now, pending)
        if function == p.Function.READ_FOLLOW_UP and len(frame.data) == 5:
            return self._follow_up(meter, frame, pending)
        if function == p.Function.READ_ADDRESS:
            wire = p.address_bytes(meter.address)
            return p.encode_frame(meter.address, p.REPLY | function, wire)
        if function == p.Function.CONTROL:
            meter.control(frame.data, now, button_delay=self.sim.config.button_delay)
            return p.control_reply(meter.address)
        raise MeterRefused(p.ErrorBits.OTHER)

    def _read(self, meter: SimMeter, di: int, now: float, pending: dict[str, list]) -> bytes:
        try:
            payload = p.encode_value(di, meter.value(di, now))
        except p.FrameError:  # a data identifier this meter does not know
            raise MeterRefused(p.ErrorBits.NO_DATA) from None
        first = self.sim.config.max_reply_data - 4
        if len(payload) <= first:
            return p.read_reply(meter.address, di, payload)
        step = max(1, self.sim.config.max_reply_data - 5)
        rest = [payload[i:i + step] for i in range(first, len(payload), step)]
        pending[meter.address] = [di, *rest]
        return p.read_reply(meter.address, di, payload[:first], more=True)

    def _follow_up(self, meter: SimMeter, frame: p.Frame, pending: dict[str, list]) -> bytes:
        di, seq = p.reply_di(frame), frame.data[4]
        queue = pending.get(meter.address)
        if not queue or queue[0] != di or len(queue) < 2:
            raise MeterRefused(p.ErrorBits.NO_DATA)
        chunk = queue.pop(1)
        return p.follow_up_reply(meter.address, di, chunk, seq, more=len(queue) > 1)


class Simulator:
    """Simulated meters grouped by endpoint; ``start()`` opens one listener per bus.

    ``clock`` returns POSIX seconds; tests pass a fake one to move time.
    """

    def __init__(self, buses: dict[str, list[SimMeter]], *, config: SimConfig = SimConfig(),
                 clock: Callable[[], float] = time.time, seed: int = 1) -> None:
        self.config, self.seed, self._clock = config, seed, clock
        self._buses = {endpoint: _Bus(self, meters) for endpoint, meters in buses.items()}
        self.meters = {m.address: m for bus in self._buses.values() for m in bus.meters.values()}
        self._servers: dict[str, asyncio.Server] = {}
        self._bound: dict[str, _Bus] = {}
        self._writers: set[asyncio.StreamWriter] = set()
        self._handlers: set[asyncio.Task] = set()
        self._garble = 0

    # ------------------------------------------------------------ construction

    @classmethod
    def synthetic(cls, count: int, *, listen: str = "127.0.0.1:8645", buses: int = 1,
                  seed: int = 1, config: SimConfig = SimConfig(),
                  clock: Callable[[], float] = time.time) -> Simulator:
        """``count`` meters with addresses 000000000001..., spread over ``buses``
        endpoints on consecutive ports from ``listen`` (port 0: any free ports)."""
        host, port = split_endpoint(listen)
        now = clock()
        groups: dict[str, list[SimMeter]] = {}
        for i in range(count):
            bus = i % buses
            endpoint = f"{host}:{port + bus if port else 0}#{bus}"
            address = f"{i + 1:012d}"
            groups.setdefault(endpoint, []).append(synthetic_meter(address, seed=seed, now=now))
        return cls(groups, config=config, clock=clock, seed=seed)

    # ------------------------------------------------------------ running

    def now(self) -> float:
        return self._clock()

    async def start(self) -> None:
        """Listen on every endpoint (port 0 binds a free port; see ``endpoints``)."""
        for key, bus in self._buses.items():
            host, port = split_endpoint(key.partition("#")[0])
            server = await asyncio.start_server(
                partial(self._serve, bus), host, port)
            bound = server.sockets[0].getsockname()
            self._servers[f"{host}:{bound[1]}"] = server
        self._bound = dict(zip(self._servers, self._buses.values(), strict=False))

    async def stop(self) -> None:
        """Close the listeners and every open connection."""
        for server in self._servers.values():
            server.close()
        self.drop_connections()
        # Python 3.11's wait_closed() does not wait for the connections.
        await asyncio.gather(*self._handlers, return_exceptions=True)
        for server in self._servers.values():
            with contextlib.suppress(Exception):
                await server.wait_closed()
        self._servers.clear()

    async def serve_forever(self) -> None:
        await asyncio.gather(*(s.serve_forever() for s in self._servers.values()))

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def endpoints(self) -> dict[str, list[str]]:
        """Bound "host:port" -> addresses of the meters on that bus (after start)."""
        return {ep: list(bus.meters) for ep, bus in self._bound.items()}

    def endpoint_of(self, address: str) -> str:
        return next(ep for ep, bus in self._bound.items() if address in bus.meters)

    def meter(self, address: str) -> SimMeter:
        return self.meters[address]

    def set_fault(self, address: str, fault: Fault) -> None:
        self.meters[address].fault = fault

    def drop_connections(self) -> None:
        """Close every client connection, as a serial server does when it reboots."""
        for writer in list(self._writers):
            writer.close()

    # ------------------------------------------------------------ a connection

    async def _serve(self, bus: _Bus, reader: asyncio.StreamReader,
                     writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        parser = p.FrameParser()
        pending: dict[str, list] = {}
        try:
            while data := await reader.read(4096):
                for frame in parser.feed(data):
                    answer = bus.answer(frame, pending)
                    if answer is not None:
                        await self._send(writer, *answer)
                parser.take_errors()  # a real bus ignores what it cannot read
        except (ConnectionError, OSError):
            pass  # the client went away: nothing to answer
        finally:
            self._writers.discard(writer)
            self._handlers.discard(task)
            writer.close()

    async def _send(self, writer: asyncio.StreamWriter, meter: SimMeter, reply: bytes) -> None:
        fault = meter.fault
        if fault is Fault.SILENT:
            return
        if fault is Fault.SLOW:
            # Late, but without holding up the line: the client has moved on
            # and must drop this answer when it finally comes.
            asyncio.get_running_loop().call_later(self.config.slow_seconds, _late_write,
                                                  writer, reply)
            return
        if fault is Fault.GARBLED:
            self._garble += 1
            reply = bytes(int((noise(self.seed, self._garble * 64 + i) + 1) * 127.5) & 0xEF
                          for i in range(len(reply)))  # & EFH: never a 16H end byte
        elif fault is Fault.BAD_CHECKSUM:
            reply = reply[:-2] + bytes(((reply[-2] + 1) & 0xFF,)) + reply[-1:]
        elif fault is Fault.WRONG_ADDRESS:
            frame = p.decode_frame(reply)
            other = f"{(int(meter.address) + 1) % 10**12:012d}"
            reply = p.encode_frame(other, frame.control, frame.data)
        writer.write(reply)
        await writer.drain()


def _late_write(writer: asyncio.StreamWriter, reply: bytes) -> None:
    if not writer.is_closing():
        writer.write(reply)


def synthetic_meter(address: str, *, seed: int, now: float, category: str | None = None,
                    phases: int | None = None, relay_open: bool = False) -> SimMeter:
    """A meter whose category, size and starting registers follow from (seed, address)."""
    key = (seed * 1_000_003 + int(address)) & ((1 << 64) - 1)
    if category is None:
        category = _pick_category((noise(key, -7) + 1) / 2)
    if phases is None:
        phases = 3 if category in ("commercial", "industrial", "public") else 1
    load = MeterLoad.create(seed=seed, address=address, category=category, phases=phases)
    return SimMeter(address, load, now, starting_kwh(load, noise(key, -9)),
                    relay_open=relay_open, command_open=relay_open)


def starting_kwh(load: MeterLoad, draw: float) -> list[float]:
    """Registers of a meter some 1-5 years in service, split like its usage."""
    days = 365 + (draw + 1) * 730
    shares = load.energy(0.0, 7 * 86400.0)  # one January week of its shape
    total = sum(shares) or 1.0
    return [load.mean_daily_kwh * days * s / total for s in shares]


def _pick_category(u: float) -> str:
    for category, share in _CATEGORY_MIX:
        if u < share:
            return category
        u -= share
    return _CATEGORY_MIX[0][0]


def group_by_endpoint(meters: Iterable[tuple[str, SimMeter]], default: str) -> dict[str, list[SimMeter]]:
    """{endpoint: meters}; meters without an endpoint go to ``default``."""
    groups: dict[str, list[SimMeter]] = {}
    for endpoint, meter in meters:
        groups.setdefault(endpoint or default, []).append(meter)
    return groups

