"""Inspectors' field devices: enrol one, and find the key a route is sealed for.

Enrolment makes an X25519 key pair, keeps the public half (field_device) and
hands the private half back once, as the key file to copy onto the device
(console/fieldwork/sealing.py); it is never stored here, so neither the
database nor a backup can open a route. Enrolling again (a lost or replaced
tablet) retires the inspector's previous device: routes exported from then on
open only on the new one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import NotFound, ValidationError
from console.fieldwork.sealing import BoxKey, key_file
from console.models import FieldDevice, User, utcnow
from console.models.enums import Role
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.permissions import Permission, require
from console.services.work_orders.staff import route_inspectors


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


@dataclass(frozen=True)
class RouteDevice:
    """Somebody who may carry a route, and the device it would be sealed for."""

    inspector_id: int
    full_name: str
    key_id: str  # "" when no device is enrolled: exporting for them is refused
    enrolled_at: dt.datetime | None


# No permission in the rule: route_inspectors, called first, asks for DISPATCH_INSPECTIONS.
@use_case(None, work_order="order_ids", filters=True)
def route_devices(db: Database, actor: Actor, order_ids: Sequence[int]) -> list[RouteDevice]:
    """Who can carry a route of these orders, with their devices: every enrolled device of an
    inspector of the caller's units, and the inspectors of the orders' units who have none
    yet (staff.route_inspectors; shown so the dialog can say an administrator enrols one).
    Those with a device come first."""
    local = route_inspectors(db, actor, order_ids)
    with db.read() as session:
        rows = session.execute(
            select(User.id, User.full_name, FieldDevice.key_id, FieldDevice.enrolled_at)
            .join(FieldDevice, FieldDevice.user_id == User.id)
            .where(User.active.is_(True), User.role == Role.INSPECTOR,
                   FieldDevice.retired_at.is_(None), in_scope(User.unit_id))
            .order_by(FieldDevice.enrolled_at, FieldDevice.id))
        # The newest device of each inspector wins, as device_of picks it for the export.
        enrolled = {row.id: RouteDevice(*row) for row in rows}
    bare = [RouteDevice(p.id, p.full_name, "", None) for p in local if p.id not in enrolled]
    return sorted(enrolled.values(), key=lambda d: d.full_name) + bare


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
                              f"{user.username} --out FILE --user ADMIN", field="inspector",
                              reason="no_device", inspector=user.full_name)
    return user, device
