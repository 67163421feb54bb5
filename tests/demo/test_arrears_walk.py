"""The supervisors' journey on the demo data: supervisor1 asks from the arrears panel,
supervisor4 approves at the moment the request names, the collector may trip (issue 13.1)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from console.db import Database, make_engine
from console.demo import DEMO_PASSWORD, generate
from console.errors import ControlRefused
from console.services.arrears import disconnect as ad
from console.services.arrears.listing import first_page, list_arrears
from console.services.auth import login
from console.services.control.commands import approve_command
from console.services.control.moves import check_disconnect
from tests.demo.test_four_eyes import WORKDAY


@pytest.fixture(scope="module")
def demo_db(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """The embedded console's demo (3,000 customers, seed 1), a week before the workday."""
    path = tmp_path_factory.mktemp("walk") / "demo.db"
    shutil.copy(sqlite_template, path)
    db = Database(make_engine(f"sqlite:///{path}"))
    # Loaded a week before: the notices the demo served three days before its day have
    # run their seven days by the workday.
    generate(db.engine, customers=3000, seed=1, as_of=(WORKDAY - dt.timedelta(days=7)).date())
    yield db
    db.dispose()


def test_supervisor1_requests_from_the_arrears_list_and_supervisor4_approves(demo_db):
    first = login(demo_db, "supervisor1", DEMO_PASSWORD)
    second = login(demo_db, "supervisor4", DEMO_PASSWORD)
    listed = list_arrears(demo_db, first, today=WORKDAY.date())
    plan = ad.plan_disconnections(demo_db, first, [r.customer_id for r in listed.rows],
                                  now=WORKDAY)
    asked = [r for r in plan.rows if r.outcome in ("requestable", "reminder")]
    assert asked, plan.counts  # the demo has customers whose notice period is over
    done = ad.request_disconnections(demo_db, first, [asked[0].customer_id],
                                     idempotency_key="walk", now=WORKDAY)
    [row] = done.rows
    assert row.created and row.ready_at is not None
    if row.ready_at > WORKDAY:
        with pytest.raises(ControlRefused) as early:
            approve_command(demo_db, second, row.command_id, now=WORKDAY)
        assert early.value.params["ready_at"] == row.ready_at
    approved = approve_command(demo_db, second, row.command_id, now=row.ready_at)
    assert approved.state == "queued"
    with demo_db.read() as s:  # what the collector asks right before it sends the trip
        assert check_disconnect(s, customer_id=row.customer_id, meter_id=approved.meter_id,
                                reason="arrears", now=row.ready_at + dt.timedelta(seconds=5),
                                exclude=row.command_id) is None


def test_a_customer_already_cut_off_is_not_offered_a_notice(demo_db):
    first = login(demo_db, "supervisor1", DEMO_PASSWORD)
    listed = list_arrears(demo_db, first, today=WORKDAY.date())
    cut = [r.customer_id for r in listed.rows if r.control_state == "disconnected"]
    assert cut
    plan = ad.plan_disconnections(demo_db, first, cut, now=WORKDAY)
    assert {(r.outcome, r.rule) for r in plan.rows} == {("refused", "already_disconnected")}


def test_the_first_page_on_the_demo_is_the_top_of_the_whole_list(demo_db):
    """The arrears panel's first page on real ageing, categories, part payments and
    notices, for a supervisor who sees one unit of several."""
    boss = login(demo_db, "supervisor1", DEMO_PASSWORD)
    whole = sorted(list_arrears(demo_db, boss, today=WORKDAY.date()).rows,
                   key=lambda r: (-r.total, r.customer_id))
    assert len(whole) > 30
    for limit in (1, 10, 30, 60):
        page = first_page(demo_db, boss, limit=limit, today=WORKDAY.date())
        assert page.rows == whole[:limit], limit
