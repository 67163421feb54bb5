"""An asyncio client for one serial server: one host:port, many meters on its bus.

RS-485 is half-duplex: a second request before the first is answered would
collide on the line, so a MeterBus sends one request at a time (an
asyncio.Lock), waits up to ``timeout`` for the answer, drops frames from other
addresses and stale answers, and retries a bounded number of times with a
small backoff. It reconnects on the next request after the connection drops.

    async with MeterBus("10.1.2.3:8645", timeout=1.5) as bus:
        kwh = await bus.read("000012345678", DataId.FORWARD_ACTIVE_TOTAL)
        await bus.control("000012345678", ControlOp.TRIP)
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Self

from console.metering import dlt645 as p
from console.metering.errors import (
    MeterConnectionError,
    MeterError,
    MeterErrorReply,
    MeterGarbled,
    MeterTimeout,
    MeterWrongAddress,
)
from console.metering.values import DataId, Value

__all__ = ["BusStats", "MeterBus"]

MAX_FOLLOW_UPS = 16
_Match = Callable[[p.Frame], bool]


@dataclass
class BusStats:
    """Counters a collector can log or show per serial server."""

    requests: int = 0  # attempts sent, retries included
    retries: int = 0
    failures: int = 0  # operations that raised a MeterError other than an error reply
    connects: int = 0  # connections opened (the first one included)


class MeterBus:
    """The meters behind one serial server, read and commanded one at a time."""

    def __init__(self, endpoint: str, *, timeout: float = 2.0, retries: int = 2,
                 backoff: float = 0.05, connect_timeout: float = 3.0,
                 signer: p.ControlSigner | None = None,
                 control_validity: dt.timedelta = dt.timedelta(minutes=5)) -> None:
        host, _, port = endpoint.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"endpoint must be host:port, not {endpoint!r}")
        self.endpoint, self._host, self._port = endpoint, host.strip("[]"), int(port)
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.connect_timeout = connect_timeout
        self.signer: p.ControlSigner = signer or p.PlainPasswordSigner()
        self.control_validity = control_validity
        self.stats = BusStats()
        self._lock = asyncio.Lock()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._parser = p.FrameParser()

    # ------------------------------------------------------------ public API

    async def read(self, address: str, di: int) -> Value:
        """The value of one data identifier (Decimal, int for status words, tuple for blocks).

        Raises MeterErrorReply (e.g. ``no_data`` for an identifier the meter
        lacks), or MeterTimeout / MeterGarbled / MeterWrongAddress /
        MeterConnectionError once the retries are spent.
        """
        async with self._lock:
            return await self._read_value(address, di)

    async def read_many(self, address: str, dis: Iterable[int]) -> dict[int, Value]:
        """Several identifiers of one meter in one turn on the bus.

        Identifiers the meter answers with an abnormal reply are left out;
        a meter that does not answer raises as ``read`` does.
        """
        values: dict[int, Value] = {}
        async with self._lock:
            for di in dis:
                try:
                    values[di] = await self._read_value(address, di)
                except MeterErrorReply:
                    continue
        return values

    async def control(self, address: str, op: p.ControlOp, *,
                      valid_until: dt.datetime | None = None) -> None:
        """Send a 1CH command built by ``self.signer``; returns once the meter accepts it.

        The meter refuses with MeterErrorReply (``password_wrong`` for a bad
        password); it does not say whether the relay moved: read
        DataId.STATUS_WORD_3 for that.
        """
        until = valid_until or dt.datetime.now(dt.UTC) + self.control_validity
        data = self.signer.build(address=address, op=op, valid_until=until)
        request = p.control_request(address, data)
        async with self._lock:
            await self._exchange(address, request, p.Function.CONTROL, _is_control_reply)

    async def read_address(self) -> str:
        """The address of the only meter on the bus (13H to the broadcast address)."""
        request = p.encode_frame(p.BROADCAST, p.Function.READ_ADDRESS)
        async with self._lock:
            frame = await self._exchange(p.BROADCAST, request, p.Function.READ_ADDRESS,
                                         lambda f: f.control == p.REPLY | p.Function.READ_ADDRESS)
        return frame.address

    async def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ------------------------------------------------------------ reads

    async def _read_value(self, address: str, di: int) -> Value:
        payload = await self._read_payload(address, di)
        try:
            return p.decode_value(di, payload)
        except p.FrameError as exc:
            self.stats.failures += 1
            raise MeterGarbled(str(exc), endpoint=self.endpoint, address=address, di=di) from None

    async def _read_payload(self, address: str, di: int) -> bytes:
        frame = await self._exchange(address, p.read_request(address, di), p.Function.READ,
                                     _is_read_reply(p.Function.READ, di))
        payload = frame.data[4:]
        seq = 0
        while frame.has_more:
            seq += 1
            if seq > MAX_FOLLOW_UPS:
                raise MeterGarbled("too many follow-up frames", endpoint=self.endpoint,
                                   address=address, di=di)
            frame = await self._exchange(
                address, p.follow_up_request(address, di, seq), p.Function.READ_FOLLOW_UP,
                _is_read_reply(p.Function.READ_FOLLOW_UP, di, seq))
            payload += frame.data[4:-1]
        return payload

    # ------------------------------------------------------------ one exchange

    async def _exchange(self, address: str, request: bytes, function: int,
                        match: _Match) -> p.Frame:
        """Send ``request`` until a matching reply comes; caller holds the lock."""
        last: MeterError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self.stats.retries += 1
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                frame = await self._attempt(address, request, match, function)
            except MeterError as exc:
                last = exc
                continue
            if frame.is_error:
                raise MeterErrorReply(error=frame.error, endpoint=self.endpoint, address=address)
            return frame
        self.stats.failures += 1
        assert last is not None
        raise last

    async def _attempt(self, address: str, request: bytes, match: _Match,
                       function: int) -> p.Frame:
        reader, writer = await self._connection()
        self.stats.requests += 1
        self._parser.clear()
        self._parser.take_errors()
        garbage_before, foreign = self._parser.discarded, [0]
        try:
            writer.write(request)
            async with asyncio.timeout(self.timeout):
                await writer.drain()
                return await self._receive(reader, address, match, function, foreign)
        except TimeoutError:
            raise self._no_answer(address, garbage_before, foreign[0]) from None
        except (ConnectionError, OSError) as exc:
            await self.close()
            raise MeterConnectionError(str(exc) or type(exc).__name__, endpoint=self.endpoint,
                                       address=address) from None

    async def _receive(self, reader: asyncio.StreamReader, address: str, match: _Match,
                       function: int, foreign: list[int]) -> p.Frame:
        """Read until the answer (or the meter's error reply) to this request arrives."""
        error_control = p.REPLY | p.ERROR_REPLY | function
        while True:
            data = await reader.read(4096)
            if not data:
                raise ConnectionResetError("closed by the serial server")
            for frame in self._parser.feed(data):
                if address != p.BROADCAST and frame.address != address:
                    foreign[0] += 1  # another meter, or a late answer to someone else
                elif match(frame) or frame.control == error_control:
                    return frame
            if self._parser.take_errors():
                raise MeterGarbled("corrupt frame", endpoint=self.endpoint, address=address)

    def _no_answer(self, address: str, garbage_before: int, foreign: int) -> MeterError:
        """Why the wait ran out: noise, other meters' frames, or silence."""
        where = {"endpoint": self.endpoint, "address": address}
        if self._parser.discarded > garbage_before:
            return MeterGarbled("noise instead of an answer", **where)
        if foreign:
            return MeterWrongAddress(f"{foreign} frames from other addresses", **where)
        return MeterTimeout(f"no answer in {self.timeout:g} s", **where)

    async def _connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._writer is not None and not self._writer.is_closing():
            assert self._reader is not None
            return self._reader, self._writer
        await self.close()
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(self._host, self._port), self.connect_timeout)
        except (OSError, TimeoutError) as exc:
            raise MeterConnectionError(f"cannot connect to {self.endpoint}: {exc or 'timeout'}",
                                       endpoint=self.endpoint) from None
        self._reader, self._writer = reader, writer
        self.stats.connects += 1
        return reader, writer


def _is_read_reply(function: int, di: int, seq: int | None = None) -> _Match:
    """A normal reply to a read (bit 5 may be set) for the same DI (and SEQ)."""
    wanted = p.REPLY | function
    di_bytes = di.to_bytes(4, "little")

    def match(frame: p.Frame) -> bool:
        return (frame.control & ~p.FOLLOW_UP == wanted and frame.data[:4] == di_bytes
                and (seq is None or (len(frame.data) > 4 and frame.data[-1] == seq & 0xFF)))
    return match


def _is_control_reply(frame: p.Frame) -> bool:
    return frame.control == p.REPLY | p.Function.CONTROL


DEFAULT_READINGS: tuple[DataId, ...] = (
    DataId.FORWARD_ACTIVE_BLOCK, DataId.ACTIVE_POWER, DataId.VOLTAGE_BLOCK,
    DataId.CURRENT_BLOCK, DataId.STATUS_WORD_3,
)
"""What a collector reads each cycle: five requests cover every Reading column."""
