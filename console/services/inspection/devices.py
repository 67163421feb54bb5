"""Inspectors' field devices: enrol one, and find the key a route is sealed for.

Enrolment makes an X25519 key pair, keeps the public half (field_device) and
hands the private half back once, as the key file to copy onto the device
(console/fieldwork/sealing.py); it is never stored here, so neither the
database nor a backup can open a route. Enrolling again (a lost or replaced
tablet) retires the inspector's previous device: routes exported from then on
open only on the new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import NotFound, ValidationError
from console.fieldwork.sealing import BoxKey, key_file
from console.models import FieldDevice, User, utcnow
from console.services import audit
from console.services.acting import use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.permissions import Permission, require


@dataclass(frozen=True)
class EnrolledDevice:
    key_id: str
    inspector: str  # user name
    key_file: bytes  # the device's private key file: write it owner-only, hand it over, forget it


# No permission in the rule: the demo loader and the command line enrol as system actors.
@use_case(None)
def enrol_device(db: Database, actor: Actor, username: str) -> EnrolledDevice:
    """Administrator: a new device key for inspector `username`; retires the previous one."""
    if actor is None or actor.role != SYSTEM_ROLE:
        require(actor, Permission.MANAGE_KEYS)
    with db.uow() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None or user.role != "inspector" or not user.active:
            raise ValidationError("only an active inspector's device can be enrolled",
                                  field="inspector", reason="not_inspector", inspector=username)
        now = utcnow()
        for old in session.scalars(select(FieldDevice).where(FieldDevice.user_id == user.id,
                                                             FieldDevice.retired_at.is_(None))):
            old.retired_at = now
        key = BoxKey.generate()
        session.add(FieldDevice(key_id=key.key_id, public_key=key.public_key, user_id=user.id,
                                enrolled_by=actor.user_id, enrolled_at=now))
        session.flush()
        audit.record(session, actor, "field.device_enrolled", entity_type="app_user",
                     entity_id=user.id, after={"key_id": key.key_id, "inspector": username})
        return EnrolledDevice(key.key_id, username, key_file(key, inspector=username))


def inspector_id(db: Database, username: str) -> int:
    """The user id of inspector `username` (the command line names people by user name)."""
    with db.read() as session:
        found = session.scalar(select(User.id).where(User.username == username))
    if found is None:
        raise NotFound(f"no user {username!r}", entity="user", username=username)
    return found


def device_of(session: Session, user_id: int) -> tuple[User, FieldDevice]:
    """The inspector and the device their routes are sealed for; ValidationError if none."""
    user = session.get(User, user_id)
    if user is None or user.role != "inspector" or not user.active:
        raise ValidationError("a route goes to one active inspector", field="inspector",
                              reason="not_inspector", inspector=user.username if user else "")
    device = session.scalar(select(FieldDevice).where(FieldDevice.user_id == user.id,
                                                      FieldDevice.retired_at.is_(None))
                            .order_by(FieldDevice.enrolled_at.desc(), FieldDevice.id.desc())
                            .limit(1))
    if device is None:
        raise ValidationError(f"inspector {user.username} has no enrolled device: run "
                              f"python -m console inspection enrol-device --inspector "
                              f"{user.username} --out FILE", field="inspector",
                              reason="no_device", inspector=user.full_name)
    return user, device
