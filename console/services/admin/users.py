"""Staff administration: create, disable, reset and unlock accounts (admins only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from console.db import Database
from console.errors import ConcurrentUpdate, NotFound, ValidationError
from console.models import Unit, User
from console.models.enums import Role
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import Actor
from console.services.admin.security import check_password, set_password
from console.services.permissions import Permission


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: str
    unit_id: int
    unit_name: str
    active: bool
    locked_until: dt.datetime | None
    last_login_at: dt.datetime | None
    version: int

    @classmethod
    def of(cls, user: User) -> UserInfo:
        return cls(user.id, user.username, user.full_name, user.role, user.unit_id,
                   user.unit.name, user.active, user.locked_until, user.last_login_at,
                   user.version)


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


def list_units(db: Database) -> list[UnitInfo]:
    """Every unit, in code order (for pickers)."""
    with db.read() as session:
        units = session.scalars(select(Unit).order_by(Unit.code))
        return [UnitInfo(u.id, u.code, u.name, u.kind, u.parent_id) for u in units]


# Administrators hold ALL_UNITS, so they manage the users of every unit; in_scope keeps the
# list honest should a role with MANAGE_USERS but not ALL_UNITS ever be made.
@use_case(Permission.MANAGE_USERS, filters=True)
def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    """Staff accounts of the actor's units, by user name."""
    with db.read() as session:
        return [UserInfo.of(u) for u in session.scalars(
            select(User).where(in_scope(User.unit_id)).order_by(User.username))]


@use_case(Permission.MANAGE_USERS, unit="unit_id")
def create_user(
    db: Database,
    actor: Actor,
    *,
    username: str,
    full_name: str,
    role: str,
    unit_id: int,
    password: str,
) -> UserInfo:
    """A new staff account, which must change its password at first login."""
    username, full_name = username.strip(), full_name.strip()
    if not username or not username.isascii() or " " in username:
        raise ValidationError("user name: letters and digits, no spaces", field="username")
    if not full_name:
        raise ValidationError("full name required", field="full_name")
    if role not in set(Role):
        raise ValidationError("unknown role", field="role", value=role)
    with db.uow() as session:
        policy = check_password(session, password, username=username)
        if session.get(Unit, unit_id) is None:
            raise NotFound("no such unit", entity="unit", id=unit_id)
        if session.scalar(select(User.id).where(User.username == username)):
            raise ValidationError("user name taken", field="username", value=username)
        user = User(username=username, full_name=full_name, role=role, unit_id=unit_id,
                    password_hash="", must_change_password=True)
        session.add(user)
        try:
            session.flush()
        except IntegrityError as exc:  # a second workstation took the name meanwhile
            raise ValidationError("user name taken", field="username", value=username) from exc
        user.password_hash = set_password(session, user.id, password, policy)
        audit.record(session, actor, "user.created", entity_type="user", entity_id=user.id,
                     after={"username": username, "role": role, "unit_id": unit_id})
        return UserInfo.of(user)


def _load(session, user_id: int, version: int | None) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("no such user", entity="user", id=user_id)
    if version is not None and user.version != version:
        raise ConcurrentUpdate("changed by another workstation", entity="user", id=user_id)
    return user


@use_case(Permission.MANAGE_USERS, user="user_id")
def set_active(db: Database, actor: Actor, user_id: int, active: bool,
               *, version: int | None = None) -> UserInfo:
    """Disable (or re-enable) an account; an admin cannot disable themself."""
    if user_id == actor.user_id and not active:
        raise ValidationError("you cannot disable your own account", field="active")
    with db.uow() as session:
        user = _load(session, user_id, version)
        before = {"active": user.active}
        user.active = active
        user.session_stamp += 1  # an open window of this user ends at its next action
        audit.record(session, actor, "user.enabled" if active else "user.disabled",
                     entity_type="user", entity_id=user.id, before=before, after={"active": active})
        return UserInfo.of(user)


@use_case(Permission.MANAGE_USERS, user="user_id")
def reset_password(db: Database, actor: Actor, user_id: int, new_password: str,
                   *, version: int | None = None) -> UserInfo:
    """Set a temporary password, unlock, and require a change at next login."""
    with db.uow() as session:
        user = _load(session, user_id, version)
        policy = check_password(session, new_password, username=user.username, user_id=user.id)
        user.password_hash = set_password(session, user.id, new_password, policy)
        user.must_change_password = True
        user.session_stamp += 1
        user.locked_until, user.failed_logins = None, 0
        audit.record(session, actor, "user.password_reset", entity_type="user", entity_id=user.id)
        return UserInfo.of(user)


@use_case(Permission.MANAGE_USERS, user="user_id")
def unlock(db: Database, actor: Actor, user_id: int, *, version: int | None = None) -> UserInfo:
    with db.uow() as session:
        user = _load(session, user_id, version)
        before = {"locked_until": user.locked_until}
        user.locked_until, user.failed_logins = None, 0
        audit.record(session, actor, "user.unlocked", entity_type="user", entity_id=user.id,
                     before=before, after={"locked_until": None})
        return UserInfo.of(user)
