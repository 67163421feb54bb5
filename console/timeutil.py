"""Times are stored in UTC and shown, and counted in days, in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Shanghai")


def local_today(now: dt.datetime | None = None) -> dt.date:
    """The calendar day in the service hall (late fees count these)."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(LOCAL).date()


def to_local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(LOCAL)
