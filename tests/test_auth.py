"""Login, lockout, passwords and permission refusals, on both engines."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from console.errors import (
    AccountDisabled,
    AuthenticationFailed,
    PermissionDenied,
    ValidationError,
)
from console.models import AuditEvent, User, utcnow
from console.security import hash_password, verify_password
from console.services import auth
from console.services.admin import users
from console.services.permissions import Permission, allowed, require
from tests import factories as f


@pytest.fixture
def staff(db):
    with db.session() as s:
        u = f.unit(s)
        for role in ("counter", "supervisor", "admin", "inspector"):
            f.user(s, u, username=role, role=role)
        unit_id = u.id
    return unit_id


def test_hashes_are_argon2id_and_salted():
    first, second = hash_password("Secret2026"), hash_password("Secret2026")
    assert first.startswith("$argon2id$") and first != second
    assert verify_password(first, "Secret2026") and not verify_password(first, "secret2026")


def test_login_returns_who_and_where(db, staff):
    actor = auth.login(db, "counter", f.PASSWORD, workstation="柜台1")
    assert (actor.username, actor.role, actor.unit_name, actor.workstation) == (
        "counter", "counter", "牡丹区供电所", "柜台1")
    with db.session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert (last.action, last.actor_name, last.workstation) == ("login", "counter", "柜台1")


def test_five_wrong_passwords_lock_for_15_minutes(db, staff):
    now = utcnow()
    for _ in range(auth.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationFailed):
            auth.login(db, "counter", "wrong", now=now)
    with db.session() as s:
        user = s.scalar(select(User).where(User.username == "counter"))
        assert user.locked_until == now + auth.LOCKOUT
    # Locked: even the right password is refused, until 15 minutes have passed.
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "counter", f.PASSWORD, now=now + dt.timedelta(minutes=14))
    assert auth.login(db, "counter", f.PASSWORD, now=now + dt.timedelta(minutes=15, seconds=1))


def refusal(db, username: str, password: str, now=None) -> tuple[str, str, dict]:
    with pytest.raises(AuthenticationFailed) as err:
        auth.login(db, username, password, now=now)
    return type(err.value).__name__, err.value.message, err.value.params


def test_an_unknown_name_a_wrong_password_and_a_lock_answer_alike(db, staff):
    now = utcnow()
    unknown = refusal(db, "nobody", "whatever", now)
    assert unknown == ("AuthenticationFailed", "wrong user name or password",
                       {"attempts": 5, "lock_minutes": 15})
    assert refusal(db, "counter", "wrong", now) == unknown  # 4 attempts left, not said
    for _ in range(auth.MAX_FAILED_LOGINS - 1):
        assert refusal(db, "counter", "wrong", now) == unknown
    assert refusal(db, "counter", f.PASSWORD, now) == unknown  # locked: no oracle either
    assert refusal(db, "nobody", "whatever", now) == unknown


def test_disabled_account_cannot_log_in(db, staff):
    admin = auth.login(db, "admin", f.PASSWORD)
    with db.session() as s:
        counter_id = s.scalar(select(User.id).where(User.username == "counter"))
    users.set_active(db, admin, counter_id, False)
    with pytest.raises(AccountDisabled):
        auth.login(db, "counter", f.PASSWORD)
    # Only the right password learns that the account exists and is disabled.
    assert refusal(db, "counter", "wrong") == refusal(db, "nobody", "wrong")


def test_password_change_needs_the_old_one_and_a_decent_new_one(db, staff):
    actor = auth.login(db, "counter", f.PASSWORD)
    with pytest.raises(AuthenticationFailed):
        auth.change_password(db, actor, "not-it", "NewSecret99")
    with pytest.raises(ValidationError):
        auth.change_password(db, actor, f.PASSWORD, "short1")
    auth.change_password(db, actor, f.PASSWORD, "NewSecret99")
    assert auth.login(db, "counter", "NewSecret99")
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "counter", f.PASSWORD)


def test_admin_creates_resets_and_unlocks(db, staff):
    admin = auth.login(db, "admin", f.PASSWORD)
    new = users.create_user(db, admin, username="lina", full_name="李娜", role="counter",
                            unit_id=staff, password="Welcome2026")
    assert auth.login(db, "lina", "Welcome2026").must_change_password
    for _ in range(auth.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationFailed):
            auth.login(db, "lina", "bad")
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "lina", "Welcome2026")
    users.unlock(db, admin, new.id)
    assert auth.login(db, "lina", "Welcome2026")
    users.reset_password(db, admin, new.id, "Temporary88")
    assert auth.login(db, "lina", "Temporary88").must_change_password
    with pytest.raises(ValidationError):
        users.create_user(db, admin, username="lina", full_name="另一个", role="counter",
                          unit_id=staff, password="Welcome2026")


@pytest.mark.parametrize("role", ["counter", "supervisor", "inspector"])
def test_only_admins_manage_users_whatever_the_ui_shows(db, staff, role):
    actor = auth.login(db, role, f.PASSWORD)
    with pytest.raises(PermissionDenied):
        users.list_users(db, actor)
    with pytest.raises(PermissionDenied):
        users.create_user(db, actor, username="x1", full_name="某人", role="admin",
                          unit_id=staff, password="Welcome2026")
    with db.session() as s:
        assert s.scalar(select(User.id).where(User.username == "x1")) is None


def test_role_matrix():
    assert allowed("counter", Permission.TAKE_PAYMENT)
    assert not allowed("counter", Permission.APPROVE_CONTROL)
    assert allowed("supervisor", Permission.APPROVE_CONTROL)
    assert allowed("admin", Permission.MANAGE_SEALS) and not allowed("counter", Permission.MANAGE_SEALS)
    assert allowed("inspector", Permission.INSPECT) and not allowed("inspector", Permission.TAKE_PAYMENT)
    with pytest.raises(PermissionDenied):
        require(None, Permission.LOOKUP)
