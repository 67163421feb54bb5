"""`python -m bench.dlt645`: frames encoded and decoded per second, ours and the peer's.

The workload, the same for both codecs: build a read reply (address, control
91H, DI + 4-byte energy value, data already in BCD) into wire bytes, then
parse those bytes back into address, control and data. One "frame" is one
encode plus one decode. The peer is the `dlt645` package from PyPI (a test and
benchmark dependency only).

Last stdout line: {"ours_frames_per_s", "peer_frames_per_s", "ratio", "machine", ...}
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable

from console.metering import dlt645 as ours

ADDRESSES = [f"{n:012d}" for n in range(1, 65)]
DATA = bytes.fromhex("00000100") + bytes.fromhex("56341200")  # DI0..DI3 + 1234.56 kWh


def ours_round_trip(count: int) -> None:
    for i in range(count):
        wire = ours.encode_frame(ADDRESSES[i & 63], 0x91, DATA)
        frame = ours.decode_frame(wire)
        assert frame.control == 0x91


def peer_round_trip(count: int) -> None:
    from dlt645 import DLT645Protocol

    wire_addresses = [bytes.fromhex(a)[::-1] for a in ADDRESSES]  # A0 first, as on the wire
    for i in range(count):
        wire = DLT645Protocol.build_frame(wire_addresses[i & 63], 0x91, DATA)
        frame = DLT645Protocol.deserialize(wire)
        assert frame.ctrl_code == 0x91


def frames_per_second(run: Callable[[int], None], *, seconds: float) -> float:
    """Best of several timed batches, so a noisy neighbour counts less."""
    run(1000)  # warm caches
    batch, best, deadline = 5000, 0.0, time.perf_counter() + seconds
    while time.perf_counter() < deadline or best == 0.0:
        start = time.perf_counter()
        run(batch)
        best = max(best, batch / (time.perf_counter() - start))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dlt645", description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="time per codec")
    args = parser.parse_args(argv)
    mine = frames_per_second(ours_round_trip, seconds=args.seconds)
    peer = frames_per_second(peer_round_trip, seconds=args.seconds)
    print(f"ours {mine:,.0f} frames/s, dlt645 package {peer:,.0f} frames/s")
    print(json.dumps({
        "ours_frames_per_s": round(mine), "peer_frames_per_s": round(peer),
        "ratio": round(mine / peer, 2),
        "machine": f"{platform.machine()} {platform.processor() or platform.system()} "
                   f"Python {platform.python_version()}",
        "workload": "encode + decode of a 91H read reply with 8 data bytes",
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
