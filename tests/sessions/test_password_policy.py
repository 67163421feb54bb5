"""The password policy admins set, the history it keeps, and "must change password" held by
the services themselves (issue 16 item 3)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from console.errors import PasswordChangeRequired, PermissionDenied, ValidationError
from console.models import AuditEvent, PasswordHistory, Unit, User
from console.services import auth
from console.services.admin import users
from console.services.admin.security import (
    DEFAULT,
    SecurityPolicy,
    security_policy,
    set_security_policy,
)
from console.services.customers.search import find_customers
from console.services.payments.counter import post_payment
from tests import factories as f
from tests.billing_helpers import row_counts
from tests.gui_support import PASSWORD
from tests.sessions.conftest import admin_and_clerk

STRICT = SecurityPolicy(idle_lock_ms=120_000, min_length=10, no_username=True, history=3,
                        letters_and_digits=True)


@pytest.fixture
def staff(db):
    return admin_and_clerk(db)


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_the_default_policy_is_what_the_dialog_always_said(db):
    assert security_policy(db) == DEFAULT
    assert (DEFAULT.idle_lock_ms, DEFAULT.min_length) == (600_000, 8)


def test_an_admin_sets_the_policy_and_a_clerk_cannot(db, staff):
    admin, clerk = staff
    assert set_security_policy(db, admin, STRICT) == STRICT
    assert security_policy(db) == STRICT
    events = count(db, AuditEvent)
    with pytest.raises(PermissionDenied):
        set_security_policy(db, clerk, DEFAULT)
    with pytest.raises(ValidationError) as too_short:
        set_security_policy(db, admin, SecurityPolicy(min_length=3))
    assert too_short.value.params["field"] == "min_length"
    assert security_policy(db) == STRICT and count(db, AuditEvent) == events


@pytest.mark.parametrize(("new", "message", "params"), [
    ("Ab3defgh", "password too short", {"minimum": 10}),
    ("abcdefghijkl", "password needs letters and digits", {}),
    ("xLINA2026abc", "password contains the user name", {}),
    (PASSWORD, "password used recently", {"count": 3}),
])
def test_change_password_refuses_each_rule(db, staff, new, message, params):
    admin, clerk = staff
    set_security_policy(db, admin, STRICT)
    clerk = auth.change_password(db, clerk, PASSWORD, "Harbour2026x")  # now in the history
    with pytest.raises(ValidationError) as refused:
        auth.change_password(db, clerk, "Harbour2026x",
                             "Harbour2026x" if new == PASSWORD else new)
    if new == PASSWORD:
        assert refused.value.message == "new password equals the old one"
        clerk = auth.change_password(db, clerk, "Harbour2026x", "Lighthouse77")
        with pytest.raises(ValidationError) as refused:
            auth.change_password(db, clerk, "Lighthouse77", "Harbour2026x")
    assert refused.value.message == message
    assert {k: refused.value.params[k] for k in params} == params


def test_a_good_password_passes_and_only_hashes_are_kept(db, staff):
    admin, clerk = staff
    set_security_policy(db, admin, STRICT)
    changed = auth.change_password(db, clerk, PASSWORD, "Riverside2026")
    assert auth.login(db, "lina", "Riverside2026").user_id == changed.user_id
    with db.read() as s:
        kept = s.scalars(select(PasswordHistory.password_hash)).all()
    assert len(kept) == 1 and kept[0].startswith("$argon2id$") and "Riverside" not in kept[0]


def test_the_history_keeps_the_last_n_and_an_older_one_comes_back(db, staff):
    admin, clerk = staff
    set_security_policy(db, admin, STRICT)  # the last 3
    passwords = [PASSWORD, "Alpha2026aa", "Bravo2026bb", "Charlie2026c", "Delta2026ddd"]
    for old, new in zip(passwords, passwords[1:], strict=False):
        clerk = auth.change_password(db, clerk, old, new)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(PasswordHistory)
                        .where(PasswordHistory.user_id == clerk.user_id)) == 3
    with pytest.raises(ValidationError, match="password used recently"):
        auth.change_password(db, clerk, "Delta2026ddd", "Bravo2026bb")
    clerk = auth.change_password(db, clerk, "Delta2026ddd", "Alpha2026aa")  # 4 changes ago
    assert auth.login(db, "lina", "Alpha2026aa").session_stamp == clerk.session_stamp


def test_reset_and_create_follow_the_policy(db, staff):
    admin, clerk = staff
    set_security_policy(db, admin, STRICT)
    users_before = count(db, User)
    with pytest.raises(ValidationError, match="password too short"):
        users.create_user(db, admin, username="wang", full_name="王", role="counter",
                          unit_id=clerk.unit_id, password="Short1")
    with pytest.raises(ValidationError, match="password contains the user name"):
        users.reset_password(db, admin, clerk.user_id, "lina20261234")
    assert count(db, User) == users_before
    assert auth.login(db, "lina", PASSWORD).user_id == clerk.user_id  # unchanged


def test_must_change_is_held_by_the_services(db, staff):
    admin, clerk = staff
    with db.session() as s:
        customer = f.customer(s, s.get(Unit, clerk.unit_id), f.tariff(s), number="3700000001")
    users.reset_password(db, admin, clerk.user_id, "Temporary2026")
    clerk = auth.login(db, "lina", "Temporary2026")
    assert clerk.must_change_password
    before = row_counts_of(db)
    with pytest.raises(PasswordChangeRequired):
        find_customers(db, clerk, "3700000001")
    with pytest.raises(PasswordChangeRequired):
        post_payment(db, clerk, customer_id=customer.id, amount="10.00", method="cash",
                     idempotency_key="must-change-1")
    assert row_counts_of(db) == before
    changed = auth.change_password(db, clerk, "Temporary2026", "Settled2026x")
    assert not changed.must_change_password
    assert find_customers(db, changed, "3700000001").rows[0].customer_no == "3700000001"


def row_counts_of(db):
    with db.read() as s:
        return row_counts(s)
