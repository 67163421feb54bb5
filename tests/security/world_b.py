"""Two counties for switch control, arrears and cost control (issue 16, tests of scope B).

牡丹区 with a station below it, and 曹县 beside it, as in tests/security/test_acting.py; each
has a prepaid customer owing money with an overdue bill, whose disconnect notice and
30-minute reminder have run out, so every guard lets a cut through at T, and a meter with
a relay. Two supervisors in 牡丹区 (four eyes), one in the station, one in 曹县.
"""

from __future__ import annotations

from sqlalchemy import func, select

from tests import factories as f
from tests.billing_helpers import add_bill, days_ago
from tests.control.test_commands import T, policy, ready_account

__all__ = ["T", "build", "count"]


def build(db) -> dict:
    """The world's ids and actors (a test module wraps it in its own fixture)."""
    with db.session() as s:
        mudan = f.unit(s, code="37001", name="牡丹区城区营业厅")
        station = f.unit(s, code="37011", name="牡丹区王浩屯供电所")
        station.parent_id = mudan.id
        caoxian = f.unit(s, code="37021", name="曹县营业厅")
        tariff = f.tariff(s)
        world: dict = {"mudan": mudan.id, "station": station.id, "caoxian": caoxian.id}
        for unit in (mudan, caoxian):  # the station follows 牡丹区's policy (unit tree)
            world[f"policy_{unit.code}"] = policy(s, unit).id
        for name, unit in (("ours", mudan), ("below", station), ("theirs", caoxian)):
            customer, meter = ready_account(s, unit, tariff, at=T)
            add_bill(s, customer, meter, period="2026-09", amount="80.00", due=days_ago(40))
            world[name], world[f"{name}_meter"] = customer.id, meter.id
        for username, unit, role in (("counter1", mudan, "counter"),
                                     ("supervisor1", mudan, "supervisor"),
                                     ("supervisor4", mudan, "supervisor"),
                                     ("station_boss", station, "supervisor"),
                                     ("supervisor2", caoxian, "supervisor"),
                                     ("admin1", mudan, "admin"),
                                     ("inspector1", mudan, "inspector")):
            world[username] = f.actor(s, unit, username=username, role=role)
        return world


def count(db, model, *where) -> int:
    """Rows of `model` (matching `where`): what a refusal must leave as it was."""
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))
