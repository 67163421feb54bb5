"""A service hall at local midday, for tests of rules that depend on the hour of the day.

The 30-minute disconnect reminder counts on its own local day only, so within half an hour
of midnight the plan for a cut rightly differs (the reminder waits for tomorrow). A test of
the daytime plan moves the clock forward to the next local 12:00 instead of failing for
thirty minutes a day. Forward only: rows stamped by column defaults keep the real time and
stay in the past.
"""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from console.models import base
from console.timeutil import LOCAL

_PACKAGES = ("console", "widgets", "reports", "tests")


def offset_to_midday(now: dt.datetime) -> dt.timedelta:
    """How far forward the next local 12:00 is (never zero, at most a day)."""
    local = now.astimezone(LOCAL)
    target = dt.datetime.combine(local.date(), dt.time(12), tzinfo=LOCAL)
    if target <= local:
        target += dt.timedelta(days=1)
    return target - local


@pytest.fixture
def midday(monkeypatch) -> dt.timedelta:
    """Every loaded module's `utcnow` reads the next local midday onwards; the offset."""
    real = base.utcnow
    offset = offset_to_midday(real())

    def shifted() -> dt.datetime:
        return real() + offset

    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in _PACKAGES and getattr(module, "utcnow", None) is real:
            monkeypatch.setattr(module, "utcnow", shifted)
    return offset
