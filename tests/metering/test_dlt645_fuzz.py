"""Hypothesis against the codec: round trips hold, bad input only ever raises FrameError."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from console.metering import dlt645 as p
from console.metering.values import DATA_FORMATS, DataId

addresses = st.from_regex(r"\A[0-9]{12}\Z") | st.just(p.BROADCAST)
frames = st.builds(p.Frame, addresses, st.integers(0, 255), st.binary(max_size=255))
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(frames, st.integers(0, 4))
def test_frames_round_trip(frame, preamble):
    assert p.decode_frame(frame.encode(preamble=b"\xfe" * preamble)) == frame


@st.composite
def values(draw):
    di = draw(st.sampled_from(sorted(DATA_FORMATS)))
    fmt = DATA_FORMATS[di]
    if fmt.bits:
        return di, draw(st.integers(0, 2 ** (8 * fmt.size) - 1))
    limit = 10 ** (fmt.size * 2 - (1 if fmt.signed else 0)) - 1
    if fmt.signed:
        limit = 8 * 10 ** (fmt.size * 2 - 1) - 1  # the top digit is at most 7
    low = -limit if fmt.signed else 0
    numbers = st.integers(low, limit).map(lambda n: Decimal(n).scaleb(-fmt.decimals))
    if fmt.count == 1:
        return di, draw(numbers)
    return di, tuple(draw(st.lists(numbers, min_size=1, max_size=fmt.count)))


@FAST
@given(values())
def test_values_round_trip(item):
    di, value = item
    assert p.decode_value(di, p.encode_value(di, value)) == value


def only_frame_error(decode, *args) -> None:
    """Run a decoder on junk: it may succeed or raise FrameError, nothing else."""
    try:
        decode(*args)
    except p.FrameError:
        pass


@FAST
@given(st.binary(max_size=300))
def test_random_bytes_decode_or_raise_frame_error(raw):
    only_frame_error(p.decode_frame, raw)


@FAST
@given(st.sampled_from(sorted(DATA_FORMATS)), st.binary(max_size=24))
def test_random_values_decode_or_raise_frame_error(di, raw):
    only_frame_error(p.decode_value, di, raw)


@FAST
@given(st.binary(max_size=60))
def test_random_control_data_parses_or_raises_frame_error(raw):
    only_frame_error(p.parse_control_data, raw)


@FAST
@given(frames, st.data())
def test_truncated_or_corrupted_frames_raise_frame_error(frame, data):
    wire = bytearray(frame.encode(preamble=b""))
    cut = data.draw(st.integers(0, len(wire) - 1))
    try:
        p.decode_frame(bytes(wire[:cut]))
        raise AssertionError("a truncated frame decoded")
    except p.FrameError:
        pass
    index = data.draw(st.integers(0, len(wire) - 1))
    wire[index] ^= data.draw(st.integers(1, 255))
    only_frame_error(p.decode_frame, bytes(wire))


@settings(max_examples=150, deadline=None)
@given(st.lists(frames, max_size=8), st.lists(st.binary(max_size=40), max_size=8),
       st.lists(st.integers(1, 64), min_size=1, max_size=20))
def test_parser_finds_every_frame_between_garbage(good, noise, chunk_sizes):
    """Frames separated by noise that holds no 68H come out whole, whatever the chunking."""
    clean = [n.replace(b"\x68", b"") for n in noise]
    stream = b"".join(n + f.encode() for n, f in zip(clean + [b""] * len(good), good, strict=False))
    parser, found, pos, i = p.FrameParser(), [], 0, 0
    while pos < len(stream):
        size = chunk_sizes[i % len(chunk_sizes)]
        found += parser.feed(stream[pos:pos + size])
        pos, i = pos + size, i + 1
    assert found == good


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1000, max_size=20000), st.integers(1, 4096))
def test_parser_eats_long_random_streams_without_raising(stream, chunk):
    parser = p.FrameParser()
    for pos in range(0, len(stream), chunk):
        parser.feed(stream[pos:pos + chunk])
    parser.take_errors()
    assert len(parser._buf) <= 12 + 255  # a stalled candidate is at most one frame long


def test_read_request_for_every_known_identifier_decodes():
    for di in DataId:
        frame = p.decode_frame(p.read_request("000000000001", di))
        assert p.reply_di(frame) == di
