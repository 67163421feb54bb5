"""Sessions and passwords, as the site's admins set them (issue 16 item 3): how long an idle
console stays open before it locks, and what a new password must be.

Kept in the `setting` table (one row per value, absent = the default), so a site that never
touched them gets 10 minutes and the rules the login dialog always stated.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import ValidationError
from console.models import PasswordHistory, Setting
from console.security import hash_password, verify_password
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission

PREFIX = "security."


@dataclass(frozen=True)
class SecurityPolicy:
    idle_lock_ms: int = 10 * 60 * 1000
    min_length: int = 8
    no_username: bool = True
    history: int = 5  # a new password may not be one of the last N
    letters_and_digits: bool = True


DEFAULT = SecurityPolicy()
# What an admin may set: an idle lock from a tenth of a second (tests) to a day.
LIMITS = {"idle_lock_ms": (100, 24 * 3600 * 1000), "min_length": (6, 64), "history": (0, 24)}


def read_policy(session: Session) -> SecurityPolicy:
    query = select(Setting.key, Setting.value).where(Setting.key.startswith(PREFIX))
    rows = {key: value for key, value in session.execute(query)}
    values: dict[str, int | bool] = {}
    for field in fields(SecurityPolicy):
        raw = rows.get(PREFIX + field.name)
        if raw is not None:
            values[field.name] = raw == "1" if field.type == "bool" else int(raw)
    return SecurityPolicy(**values)  # type: ignore[arg-type]


def security_policy(db: Database) -> SecurityPolicy:
    """The site's policy; anyone may read it (the login and lock screens need it)."""
    with db.read() as session:
        return read_policy(session)


@use_case(Permission.MANAGE_USERS)
def set_security_policy(db: Database, actor: Actor, policy: SecurityPolicy) -> SecurityPolicy:
    """Store the admin's policy; every value is checked before anything is written."""
    for name, (low, high) in LIMITS.items():
        value = getattr(policy, name)
        if not low <= value <= high:
            raise ValidationError("policy value out of range", field=name, minimum=low,
                                  maximum=high, value=value)
    with db.uow() as session:
        before = read_policy(session)
        for field in fields(SecurityPolicy):
            value = getattr(policy, field.name)
            text = ("1" if value else "0") if isinstance(value, bool) else str(value)
            session.merge(Setting(key=PREFIX + field.name, value=text))
        audit.record(session, actor, "security.policy_changed", entity_type="setting",
                     before=before.__dict__, after=policy.__dict__)
    return policy


def check_password(session: Session, password: str, *, username: str = "",
                   user_id: int | None = None) -> SecurityPolicy:
    """Refuse `password` by the first rule of the site's policy it breaks (ValidationError
    with a stable message the GUI words); the policy when it passes."""
    policy = read_policy(session)
    if len(password) < policy.min_length:
        raise ValidationError("password too short", field="password", minimum=policy.min_length)
    if policy.letters_and_digits and not (any(c.isalpha() for c in password)
                                          and any(c.isdigit() for c in password)):
        raise ValidationError("password needs letters and digits", field="password")
    if policy.no_username and username and username.lower() in password.lower():
        raise ValidationError("password contains the user name", field="password")
    if user_id is not None and policy.history and _recent(session, user_id, password, policy):
        raise ValidationError("password used recently", field="password", count=policy.history)
    return policy


def _recent(session: Session, user_id: int, password: str, policy: SecurityPolicy) -> bool:
    hashes = session.scalars(select(PasswordHistory.password_hash)
                             .where(PasswordHistory.user_id == user_id)
                             .order_by(PasswordHistory.id.desc()).limit(policy.history))
    return any(verify_password(known, password) for known in hashes)


def set_password(session: Session, user_id: int, password: str, policy: SecurityPolicy) -> str:
    """The new argon2 hash, remembered in the history, which keeps the policy's last N."""
    hashed = hash_password(password)
    session.add(PasswordHistory(user_id=user_id, password_hash=hashed))
    session.flush()
    keep = select(PasswordHistory.id).where(PasswordHistory.user_id == user_id).order_by(
        PasswordHistory.id.desc()).limit(policy.history)
    session.execute(delete(PasswordHistory).where(PasswordHistory.user_id == user_id,
                                                  PasswordHistory.id.not_in(keep)))
    return hashed
