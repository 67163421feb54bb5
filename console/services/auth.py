"""Logging in, passwords, lockout."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from console.db import Database, workstation_name
from console.dbroles import seat
from console.errors import AccountDisabled, AuthenticationFailed, ValidationError
from console.models import User, utcnow
from console.security import hash_password, needs_rehash, verify_password
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.admin.security import check_password, set_password
from console.services.permissions import Permission, allowed
from console.services.unit_scope import units_in_scope

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)

# Verified against when the user does not exist, so a wrong name costs as
# long as a wrong password and names cannot be probed by timing.
_DUMMY_HASH = hash_password("not a password of anyone")


def actor_for(user: User, workstation: str) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        unit_id=user.unit_id,
        unit_name=user.unit.name,
        unit_code=user.unit.code,
        workstation=workstation,
        must_change_password=user.must_change_password,
        session_stamp=user.session_stamp,
    )


def login(
    db: Database,
    username: str,
    password: str,
    *,
    workstation: str | None = None,
    now: dt.datetime | None = None,
    action: str = "login",
) -> Actor:
    """The Actor for a correct name and password; every attempt is audited.

    Five wrong passwords in a row lock the account for 15 minutes; while it
    is locked even the right password is refused. Every refusal of a name or
    password is the same `refused()`, whether the name exists or not. The lock screen logs
    in the same way (`action` "session.unlocked"), so a wrong password there counts.
    """
    now, workstation = now or utcnow(), workstation or workstation_name()
    with db.uow() as session:
        user = session.scalar(select(User).where(User.username == username.strip()))
        failure = _check_login(session, user, password, now, workstation)
        if failure is None:
            assert user is not None
            user.failed_logins, user.last_login_at = 0, now
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            result = actor_for(user, workstation)
            audit.record(session, result, action, entity_type="user", entity_id=user.id)
    if failure is not None:
        raise failure
    seat_actor(db, result)
    return result


def seat_actor(db: Database, person: Actor) -> None:
    """On a site with database roles (console.dbroles.seat), the connections now act as
    the person's duty, for the units in their scope: PostgreSQL holds the same line. Not a
    use case (no `db, actor` pair): login and the benchmarks' --seated call it."""
    if not seat.installed(db.engine):
        return
    if allowed(person.role, Permission.ALL_UNITS):
        seat.act_as(db.engine, person.role, seat.ALL_UNITS)
        return
    with db.glance() as session:
        units = units_in_scope(session, person.unit_id)
    seat.act_as(db.engine, person.role, units)


def refused() -> AuthenticationFailed:
    """The one answer to every refused name or password: the same words and parameters
    for a name nobody has, a wrong password and a locked account, so nobody can learn
    from it which names exist (the rule of the lockout is said, not the count)."""
    return AuthenticationFailed("wrong user name or password", attempts=MAX_FAILED_LOGINS,
                                lock_minutes=int(LOCKOUT.total_seconds() // 60))


def _check_login(session, user, password, now, workstation):
    """None when the login may proceed, else the error to raise after commit."""
    # The hash is checked on every path, so a wrong name, a locked account and a
    # wrong password all cost one argon2 verification (names cannot be timed out).
    right = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    if user is None:
        return refused()
    who = Actor(user.id, user.username, user.full_name, user.role, user.unit_id,
                workstation=workstation)
    if user.locked_until is not None and user.locked_until > now:
        audit.record(session, who, "login.refused_locked", entity_type="user", entity_id=user.id)
        return refused()
    if right and not user.active:  # said only to whoever knows the password
        audit.record(session, who, "login.refused_disabled", entity_type="user", entity_id=user.id)
        return AccountDisabled("account disabled")
    if right:
        return None
    user.failed_logins += 1
    audit.record(session, who, "login.failed", entity_type="user", entity_id=user.id,
                 after={"failed_logins": user.failed_logins})
    if user.failed_logins >= MAX_FAILED_LOGINS:
        user.locked_until, user.failed_logins = now + LOCKOUT, 0
        audit.record(session, who, "user.locked", entity_type="user", entity_id=user.id,
                     after={"locked_until": user.locked_until})
    return refused()


@use_case(None, any_password=True)
def change_password(db: Database, actor: Actor, old: str, new: str) -> Actor:
    """Change the caller's own password; the old one must be right and the new one pass the
    site's policy. The one use case allowed while the password must still be changed."""
    if new == old:
        raise ValidationError("new password equals the old one", field="password")
    with db.uow() as session:
        user = session.get(User, actor.user_id)
        if user is None or not verify_password(user.password_hash, old):
            raise AuthenticationFailed("wrong password")
        policy = check_password(session, new, username=user.username, user_id=user.id)
        user.password_hash = set_password(session, user.id, new, policy)
        user.must_change_password = False
        user.session_stamp += 1  # other windows of this user log in again
        audit.record(session, actor, "user.password_changed", entity_type="user", entity_id=user.id)
        return actor_for(user, actor.workstation)
