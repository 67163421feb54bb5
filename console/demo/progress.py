"""Progress of a demo load for a terminal: stage, rows written, rows per second and an ETA.

    meter = ProgressMeter(print_line)
    generate(engine, customers=1_000_000, progress=meter)

generate() calls any progress callable with (stage, fraction); a ProgressMeter
is also told the rows written so far after every stage, which is what the
rate is made of. The ETA scales the time taken by the fraction still to do.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def _clock(seconds: float) -> str:
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}:{rest:02d}"


class ProgressMeter:
    """A (stage, fraction) progress callback that also counts rows; `out` gets each line."""

    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.started = time.perf_counter()
        self.written = 0
        self.stage, self.fraction = "", 0.0

    def rows(self, written: int) -> None:
        self.written = written

    def line(self) -> str:
        elapsed = time.perf_counter() - self.started
        rate = self.written / elapsed if elapsed > 0 else 0.0
        eta = (_clock(elapsed * (1 - self.fraction) / self.fraction)
               if 0.02 <= self.fraction < 1 else "-")
        return (f"{_clock(elapsed):>6} {self.fraction:5.1%}  {self.stage:<12}"
                f" {self.written:>12,} rows {rate:>10,.0f} rows/s  ETA {eta}")

    def __call__(self, stage: str, fraction: float) -> None:
        self.stage, self.fraction = stage, fraction
        self.out(self.line())
