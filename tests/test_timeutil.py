"""Stored UTC times as the service hall reads them (console.timeutil)."""

import datetime as dt

from console.timeutil import local_time, local_today


def test_a_stored_time_is_shown_in_the_halls_clock():
    assert local_time(dt.datetime(2026, 11, 24, 16, 30, tzinfo=dt.UTC)) == "2026-11-25 00:30"


def test_a_naive_time_is_read_as_utc_and_none_as_blank():
    assert local_time(dt.datetime(2026, 11, 24, 2, 0)) == "2026-11-24 10:00"
    assert local_time(None) == ""


def test_the_local_day_turns_at_local_midnight():
    assert local_today(dt.datetime(2026, 11, 24, 15, 59, tzinfo=dt.UTC)) == dt.date(2026, 11, 24)
    assert local_today(dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC)) == dt.date(2026, 11, 25)
