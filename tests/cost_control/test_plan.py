"""The cost-control dry run: what a run would write, per unit and kind, written nowhere;
a supervisor's run reaches their own units only; the demo never auto-approves a household
cut (issue 13.2)."""

from __future__ import annotations

from sqlalchemy import select

from console.demo.reference import insert_policies
from console.models import CostControlPolicy
from console.services.cost_control.plan import plan_cost_control
from console.services.cost_control.run import run_cost_control
from tests import factories as f
from tests.billing_helpers import account, add_bill
from tests.cost_control.test_run import NOW, ago, counts, town as town  # the fixture


def test_the_plan_writes_nothing_and_counts_what_the_run_then_writes(db, town):
    before = counts(db)
    plan = plan_cost_control(db, town["boss"], now=NOW)
    assert counts(db) == before
    assert plan.by_kind == {"alert": 1, "reminder": 2, "disconnect": 1, "alarm": 1}
    assert {r.kind for r in plan.first_rows} == set(plan.by_kind)
    farmer = next(r for r in plan.first_rows if r.customer_id == town["farmer"])
    assert (farmer.kind, str(farmer.amount)) == ("reminder", "96.40")
    assert {line.unit_name for line in plan.lines} == {"牡丹区供电所"}
    result = run_cost_control(db, town["boss"], now=NOW)
    assert plan.total == result.notices + result.alarms + result.requests + result.cleared
    assert plan_cost_control(db, town["boss"], now=NOW).total == 0  # written once


def test_a_supervisors_run_stays_in_their_units(db, town):
    with db.session() as s:
        other = f.unit(s, code="37002", name="定陶区供电所")
        stranger, meter = account(s, other, s.scalar(select(f.Tariff)))
        add_bill(s, stranger, meter, period="2026-09", amount="70.00", due=ago(40))
        stranger_id = stranger.id
    plan = plan_cost_control(db, town["boss"], now=NOW)
    assert stranger_id not in {r.customer_id for r in plan.first_rows}
    run_cost_control(db, town["boss"], now=NOW)
    from tests.cost_control.test_run import notices_of

    assert notices_of(db, stranger_id) == []


class _Unit:
    """What insert_policies reads of a demo unit."""

    def __init__(self, unit_id: int, code: str) -> None:
        self.id, self.code = unit_id, code


def test_the_demo_policies_auto_approve_no_household_cut(db):
    with db.session() as s:
        unit = f.unit(s, code="37439", name="曹县城区供电所")
        insert_policies(s.connection(), [_Unit(unit.id, "37439")])
        auto = {(p.category, p.auto_approve) for p in s.scalars(select(CostControlPolicy))}
    assert ("residential", True) not in auto


def test_the_embedded_schedule_delivers_what_its_run_wrote(db, town, tmp_path):
    """The embedded demo has no one to run `cost-control deliver`: without this a notice
    served from the arrears panel stayed pending and its period never began."""
    from console.metering.collector import scheduled_round
    from console.models import Notice
    from console.services.cost_control.run import run_cost_control as run

    scheduled_round(db, lambda d: run(d, town["boss"], now=NOW), str(tmp_path))
    with db.session() as s:
        states = set(s.scalars(select(Notice.status)))
    assert states == {"sent"}
