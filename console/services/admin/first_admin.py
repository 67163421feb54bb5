"""The site's first administrator, made at set-up when nobody can log in yet.

The one account made without an operator (`python -m console users first-admin`): it is
refused as soon as the database holds any user, so it cannot be used to add a second
administrator behind the others' backs — they are made in the console by an administrator,
audited under that administrator's name. Whoever runs it holds the database's own
credentials already (as for `db upgrade`), which allow more than this.
"""

from __future__ import annotations

from sqlalchemy import func, select

from console.db import Database
from console.errors import ValidationError
from console.models import Unit, User
from console.models.enums import Role, UnitKind
from console.services import audit
from console.services.actor import Actor
from console.services.admin.security import check_password, set_password
from console.services.admin.users import UserInfo

SET_UP = "set-up"  # the audit trail's name for whoever installed the site


def create_first_admin(db: Database, *, username: str, full_name: str, password: str,
                       unit_code: str, unit_name: str) -> UserInfo:
    """An administrator in unit `unit_code` (made as the company if new); only while the
    database has no user at all."""
    username, full_name = username.strip(), full_name.strip()
    if not username or not username.isascii() or " " in username or len(username) > 40:
        raise ValidationError("user name: letters and digits, no spaces", field="username")
    if not full_name:
        raise ValidationError("full name required", field="full_name")
    if not (len(unit_code) == 5 and unit_code.isdigit()):
        raise ValidationError("unit code: five digits", field="unit_code", value=unit_code[:10])
    with db.uow() as session:
        if session.scalar(select(func.count()).select_from(User)):
            raise ValidationError("the database has users already: an administrator makes "
                                  "the others in the console", field="username",
                                  reason="not_first")
        policy = check_password(session, password, username=username)
        unit = session.scalar(select(Unit).where(Unit.code == unit_code)) or _company(
            session, unit_code, unit_name)
        user = User(username=username, full_name=full_name, role=Role.ADMIN, unit_id=unit.id,
                    password_hash="")
        session.add(user)
        session.flush()
        user.password_hash = set_password(session, user.id, password, policy)
        audit.record(session, Actor.system(SET_UP), "user.created", entity_type="user",
                     entity_id=user.id, after={"username": username, "role": "admin",
                                               "unit_id": unit.id})
        return UserInfo.of(user)


def _company(session, code: str, name: str) -> Unit:
    if not name.strip():
        raise ValidationError(f"no unit {code} yet: give its name with --unit-name",
                              field="unit_name")
    unit = Unit(code=code, name=name.strip()[:80], kind=UnitKind.COMPANY)
    session.add(unit)
    session.flush()
    return unit
