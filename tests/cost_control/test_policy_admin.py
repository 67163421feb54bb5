"""Administrators edit the cost-control rule table: checked, locked, audited; cost control reads it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from console.errors import ConcurrentUpdate, PermissionDenied, ValidationError
from console.models import AuditEvent, CostControlPolicy
from console.services.cost_control import policy_admin
from console.services.cost_control.policy import load_policies
from tests import factories as f


@pytest.fixture
def site(db):
    with db.session() as s:
        unit = f.unit(s)
        s.add(CostControlPolicy(name="默认", alert_balance=D("20.00"), disconnect_balance=D("0.00"),
                                notice_days=7, protected_categories="public"))
        s.add(CostControlPolicy(name="牡丹区", unit_id=unit.id, alert_balance=D("30.00"),
                                disconnect_balance=D("0.00")))
        admin = f.actor(s, unit, username="admin", role="admin")
        boss = f.actor(s, unit, username="boss", role="supervisor")
        return {"unit": unit.id, "admin": admin, "boss": boss}


def _policies(db, site):
    return policy_admin.list_policies(db, site["admin"])


def _audits(db) -> list[AuditEvent]:
    with db.read() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == "policy.updated")))


def _row_count_unchanged(db, policy_id: int, version: int) -> bool:
    with db.read() as s:
        same = s.get(CostControlPolicy, policy_id).version == version
    return same and not _audits(db)


def test_the_default_policy_lists_first_with_its_unit_ones_after(db, site):
    views = _policies(db, site)
    assert [v.name for v in views] == ["默认", "牡丹区"]
    assert views[0].unit_name == "" and views[1].unit_name == "牡丹区供电所"
    assert views[0].quiet_start == dt.time(18) and views[0].protected_categories == ("public",)


def test_an_edit_is_saved_audited_and_read_by_cost_control(db, site):
    view = _policies(db, site)[0]
    saved = policy_admin.update_policy(
        db, site["admin"], view.id, expected_version=view.version, quiet_start="21:30",
        quiet_end="07:00", alert_balance="50", max_disconnects_per_hour=5, auto_approve=True,
        protected_categories=["public", "agricultural"], disconnect_balance="-5.00")
    assert saved.quiet_start == dt.time(21, 30) and saved.alert_balance == D("50.00")
    assert saved.version == view.version + 1 and saved.auto_approve
    assert saved.disconnect_balance == D("-5.00")  # an overdraft line below zero is allowed
    with db.read() as s:
        policy = load_policies(s).for_account(site["unit"] + 999, "residential")
    assert policy.quiet_start == dt.time(21, 30) and policy.max_disconnects_per_hour == 5
    assert policy.protected_categories == frozenset({"public", "agricultural"})
    (event,) = _audits(db)
    before, after = json.loads(event.before), json.loads(event.after)
    assert before["quiet_start"] == "18:00:00" and after["quiet_start"] == "21:30:00"
    assert before["alert_balance"] == "20.00" and after["alert_balance"] == "50.00"


@pytest.mark.parametrize(("fields", "field"), [
    ({"quiet_start": "25:00"}, "quiet_start"),
    ({"quiet_end": "7 pm"}, "quiet_end"),
    ({"alert_balance": "-1"}, "alert_balance"),
    ({"alert_balance": "1.234"}, "alert_balance"),
    ({"alert_balance": 1.5}, "alert_balance"),
    ({"disconnect_balance": "25.00"}, "disconnect_balance"),  # above the alert threshold
    ({"max_disconnects_per_hour": 0}, "max_disconnects_per_hour"),
    ({"notice_days": "seven"}, "notice_days"),
    ({"no_weekends": "yes"}, "no_weekends"),
    ({"protected_categories": "public,hospital"}, "protected_categories"),
    ({"name": "  "}, "name"),
    ({"unit_id": 3}, "unit_id"),
])
def test_bad_input_names_its_field_and_writes_nothing(db, site, fields, field):
    view = _policies(db, site)[0]
    with pytest.raises(ValidationError) as caught:
        policy_admin.update_policy(db, site["admin"], view.id, expected_version=view.version,
                                   **{"notice_days": 3, **fields})
    assert caught.value.params["field"] == field and field in caught.value.message
    assert _row_count_unchanged(db, view.id, view.version)
    assert _policies(db, site)[0].notice_days == 7  # the good field beside it was not saved


def test_a_stale_edit_is_refused(db, site):
    view = _policies(db, site)[0]
    policy_admin.update_policy(db, site["admin"], view.id, expected_version=view.version,
                               notice_days=3)
    with pytest.raises(ConcurrentUpdate):
        policy_admin.update_policy(db, site["admin"], view.id, expected_version=view.version,
                                   notice_days=10)
    assert _policies(db, site)[0].notice_days == 3 and len(_audits(db)) == 1


def test_only_administrators_edit_policies(db, site):
    with pytest.raises(PermissionDenied):
        policy_admin.list_policies(db, site["boss"])
    view = _policies(db, site)[0]
    with pytest.raises(PermissionDenied):
        policy_admin.update_policy(db, site["boss"], view.id, expected_version=view.version,
                                   notice_days=1)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "policy.updated")) == 0
