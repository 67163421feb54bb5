"""The demo data plants theft cases; the analysis finds exactly those."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from console.db import Database, make_engine
from console.demo import generate
from console.demo.usage import planted_theft
from console.models import Meter, Reading
from console.services.actor import Actor
from console.services.inspection.theft import run_theft_analysis
from console.timeutil import LOCAL


@pytest.mark.parametrize("as_of", [dt.date(2026, 1, 20), dt.date(2026, 12, 7), dt.date(2027, 1, 2)],
                         ids=str)
def test_the_planted_demo_meters_top_the_list_and_nobody_else(sqlite_template: Path, tmp_path: Path,
                                                              as_of: dt.date):
    path = tmp_path / "demo.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    generate(engine, customers=1500, seed=4, as_of=as_of)
    db = Database(engine)
    with db.read() as s:
        meters = s.scalars(select(Meter.id).where(Meter.status == "in_service")).all()
    planted = {m for m in meters if planted_theft(m)}
    report = run_theft_analysis(db, Actor.system("test"))
    engine.dispose()
    dropped = {s.meter_id for s in report.suspects if any(r.code == "drop" for r in s.reasons)}
    assert len(planted) == 3
    assert dropped == planted


def test_a_collector_polling_through_the_day_hides_no_drop(sqlite_template: Path, tmp_path: Path):
    """The live console's collector reads meters one after another: the newest reading is
    ahead of nearly every meter's, and the analysis must still see the day's last frozen
    registers (it once found nobody in a running embedded demo)."""
    path = tmp_path / "demo.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    generate(engine, customers=1500, seed=4, as_of=dt.date(2026, 12, 8))
    db = Database(engine)
    midnight = dt.datetime(2026, 12, 8, tzinfo=LOCAL)
    with db.session() as s:
        meters = s.scalars(select(Meter.id).where(Meter.status == "in_service")
                           .order_by(Meter.id)).all()
        for n, meter_id in enumerate(meters[:600]):  # a morning's polling, a meter a minute
            register = s.scalar(select(Reading.energy_total).where(Reading.meter_id == meter_id)
                                .order_by(Reading.read_at.desc()).limit(1))
            s.add(Reading(meter_id=meter_id, read_at=midnight + dt.timedelta(minutes=30 + n),
                          energy_total=register + 5, power_kw=0.15, source="collected",
                          quality="good"))
    report = run_theft_analysis(db, Actor.system("test"))
    engine.dispose()
    planted = {m for m in meters if planted_theft(m)}
    assert report.as_of == midnight
    assert {s.meter_id for s in report.suspects} == planted
