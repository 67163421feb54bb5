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
from console.models import Meter
from console.services.actor import Actor
from console.services.inspection.theft import run_theft_analysis


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
