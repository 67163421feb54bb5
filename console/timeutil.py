"""Times are stored in UTC and shown, and counted in days, in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL_ZONE = "Asia/Shanghai"  # the service hall's zone (UTC+8, no daylight saving)
LOCAL = ZoneInfo(LOCAL_ZONE)


def local_today(now: dt.datetime | None = None) -> dt.date:
    """The calendar day in the service hall (late fees count these)."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(LOCAL).date()


def to_local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(LOCAL)


def local_time(moment: dt.datetime | None) -> str:
    """A stored UTC time as the service hall reads it ("" for none; naive means UTC)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")
