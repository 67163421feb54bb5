"""The demo can walk the disconnect journey: two supervisors in one unit, no stale requests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from console.db import Database, make_engine
from console.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, generate
from console.errors import ControlRefused
from console.models import ControlCommand, Customer, Meter, Unit
from console.services.auth import login
from console.services.control import commands as control
from console.services.control.commands import REQUEST_TTL

# A Tuesday, 10:00 in Heze: outside every demo policy's quiet hours and weekends.
WORKDAY = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo_db(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo4") / "demo.db"
    shutil.copy(sqlite_template, path)
    db = Database(make_engine(f"sqlite:///{path}"))
    generate(db.engine, customers=300, seed=1, as_of=WORKDAY.date())
    yield db
    db.dispose()


def test_supervisor4_sits_in_supervisor1s_unit():
    units = {a.username: a.unit_name for a in DEMO_ACCOUNTS}
    assert units["supervisor4"] == units["supervisor1"]
    assert {a.role for a in DEMO_ACCOUNTS if a.username == "supervisor4"} == {"supervisor"}


def test_the_old_unapproved_requests_are_expired_after_the_workflows_ttl(demo_db):
    with demo_db.read() as s:
        old = list(s.scalars(select(ControlCommand).where(
            ControlCommand.state.in_(("requested", "expired")))))
    assert old and all(c.state == "expired" for c in old)
    assert all(c.expires_at == c.requested_at + REQUEST_TTL == c.finished_at for c in old)


def test_one_supervisor_requests_a_disconnect_and_the_other_approves_it(demo_db):
    first = login(demo_db, "supervisor1", DEMO_PASSWORD)
    second = login(demo_db, "supervisor4", DEMO_PASSWORD)
    with demo_db.read() as s:
        customer_id = s.scalar(select(Customer.id).join(Meter, Meter.customer_id == Customer.id)
                               .join(Unit, Unit.id == Customer.unit_id)
                               .where(Unit.parent_id == first.unit_id, ~Customer.protected,
                                      Meter.relay_state == "closed").order_by(Customer.id)
                               .limit(1))
    assert customer_id is not None
    asked = control.request_command(demo_db, first, customer_id=customer_id, now=WORKDAY,
                                    action="disconnect", reason="customer_request")
    with pytest.raises(ControlRefused):
        control.approve_command(demo_db, first, asked.command_id, now=WORKDAY)  # not one's own
    approved = control.approve_command(demo_db, second, asked.command_id, now=WORKDAY)
    assert approved.state in ("approved", "queued")
