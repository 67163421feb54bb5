"""Cost-control policies as a rule table that administrators edit.

Cost control (cost_policy.load_policies) reads these rows on every run and the
collector again before each trip, so an edit takes effect on the next decision.
Every field is checked before anything is written; a stale edit (another
workstation saved first) is refused with ConcurrentUpdate; each change is one
audit event with the policy as it was and as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from console.billing.money import parse_amount
from console.db import Database
from console.errors import ConcurrentUpdate, NotFound, ValidationError
from console.models import CostControlPolicy, Unit
from console.models.enums import CustomerCategory, values
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import Actor
from console.services.cost_control.calendar_blocks import check_every_unit
from console.services.cost_control.policy import FALLBACK
from console.services.permissions import Permission

MONEY_CEILING = Decimal("100000.00")  # yuan: a threshold above this is a typing error
# Integer fields: (lowest, highest) accepted.
RANGES: dict[str, tuple[int, int]] = {
    "notice_days": (0, 60),
    "reminder_minutes": (0, 1440),
    "max_disconnects_per_hour": (1, 10000),
    "disconnect_after_days": (0, 365),
}
FLAGS = ("no_weekends", "no_holidays", "auto_approve", "active", "alarm_command")
MONEY = ("alert_balance", "disconnect_balance", "topup_amount")
TIMES = ("quiet_start", "quiet_end")
EDITABLE = frozenset({"name", "protected_categories", *RANGES, *FLAGS, *MONEY, *TIMES})
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class PolicyView:
    """One policy row as the administration table shows it."""

    id: int
    name: str
    unit_id: int | None
    unit_name: str  # "" for a policy of every unit
    category: str | None  # None: every category
    alert_balance: Decimal
    disconnect_balance: Decimal
    notice_days: int
    reminder_minutes: int
    quiet_start: dt.time
    quiet_end: dt.time
    no_weekends: bool
    no_holidays: bool
    auto_approve: bool
    protected_categories: tuple[str, ...]
    max_disconnects_per_hour: int
    active: bool
    alarm_command: bool
    disconnect_after_days: int
    version: int
    topup_amount: Decimal = FALLBACK.topup_amount  # prepaid: suggested beyond what is owed


@use_case(Permission.MANAGE_POLICIES, filters=True)
def list_policies(db: Database, actor: Actor) -> list[PolicyView]:
    """Every policy of the actor's units and of every unit, active or not, default ones
    first, then by unit and category."""
    with db.read() as session:
        names = dict(session.execute(select(Unit.id, Unit.name)).all())
        rows = session.scalars(select(CostControlPolicy).where(
            CostControlPolicy.unit_id.is_(None) | in_scope(CostControlPolicy.unit_id))
            .order_by(CostControlPolicy.id))
        views = [_view(r, names) for r in rows]
    return sorted(views, key=lambda v: (v.unit_id is not None, v.unit_name,
                                        v.category or "", v.id))


@use_case(Permission.MANAGE_POLICIES, policy="policy_id")
def update_policy(db: Database, actor: Actor, policy_id: int, *, expected_version: int,
                  **fields: Any) -> PolicyView:
    """Change some fields of one policy; all are checked before anything is written.
    Policies are their own right (MANAGE_POLICIES, administrators): one of every unit
    only for someone who sees every unit."""
    unknown = sorted(set(fields) - EDITABLE)
    if unknown:
        raise ValidationError(f"{unknown[0]} cannot be edited", field=unknown[0],
                              reason="not_editable")
    clean = {name: _clean(name, value) for name, value in fields.items()}
    with db.uow() as session:
        row = session.get(CostControlPolicy, policy_id)
        if row is None:
            raise NotFound("no such policy", entity="cost_control_policy", id=policy_id)
        if row.unit_id is None:
            check_every_unit("policy", policy_id)
        if row.version != expected_version:
            raise ConcurrentUpdate("changed by another workstation",
                                   entity="cost_control_policy", id=policy_id)
        names = dict(session.execute(select(Unit.id, Unit.name)).all())
        before = _view(row, names)
        merged = {**asdict(before), **clean}
        if merged["disconnect_balance"] > merged["alert_balance"]:
            raise ValidationError("disconnect_balance must not exceed alert_balance",
                                  field="disconnect_balance", reason="above_alert")
        for name, value in clean.items():
            setattr(row, name, ",".join(value) if name == "protected_categories" else value)
        session.flush()
        after = _view(row, names)
        audit.record(session, actor, "policy.updated", entity_type="cost_control_policy",
                     entity_id=policy_id, before=asdict(before), after=asdict(after))
        return after


def parse_time(text: object, field: str = "quiet_start") -> dt.time:
    """"HH:MM" (or a time) as a time of day, or ValidationError naming the field."""
    if isinstance(text, dt.time):
        return text.replace(second=0, microsecond=0, tzinfo=None)
    match = _HHMM.match(str(text).strip()) if isinstance(text, str) else None
    if match is None:
        raise ValidationError(f"{field} must be a time of day as HH:MM", field=field,
                              value=str(text), reason="not_hhmm")
    return dt.time(int(match.group(1)), int(match.group(2)))


def _clean(name: str, value: Any) -> Any:
    """One field's value as the column takes it; ValidationError naming the field."""
    if name in MONEY:
        # The disconnect line may sit below zero: that is the overdraft a prepaid
        # account is allowed (居民 -5.00 in the demo); the alert line may not.
        return parse_amount(value, field=name, ceiling=MONEY_CEILING, allow_zero=True,
                            allow_negative=name == "disconnect_balance")
    if name in TIMES:
        return parse_time(value, name)
    if name in FLAGS:
        if not isinstance(value, bool):
            raise ValidationError(f"{name} must be true or false", field=name,
                                  value=str(value), reason="not_bool")
        return value
    if name in RANGES:
        return _whole(name, value)
    if name == "protected_categories":
        return _categories(value)
    text = str(value or "").strip()  # name
    if not 1 <= len(text) <= 80:
        raise ValidationError("name must have 1 to 80 characters", field="name",
                              reason="length")
    return text


def _whole(name: str, value: Any) -> int:
    low, high = RANGES[name]
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d+", text) or not low <= int(text) <= high:
        raise ValidationError(f"{name} must be a whole number from {low} to {high}",
                              field=name, value=str(value), reason="out_of_range",
                              low=low, high=high)
    return int(text)


def _categories(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value or ())
    found = tuple(dict.fromkeys(str(i).strip() for i in items if str(i).strip()))
    bad = [c for c in found if c not in values(CustomerCategory)]
    if bad:
        raise ValidationError(f"protected_categories: unknown category {bad[0]}",
                              field="protected_categories", value=bad[0], reason="unknown")
    return found


def _view(row: CostControlPolicy, names: dict[int, str]) -> PolicyView:
    protected = tuple(c.strip() for c in (row.protected_categories or "").split(",") if c.strip())
    return PolicyView(
        row.id, row.name, row.unit_id, names.get(row.unit_id, "") if row.unit_id else "",
        row.category, row.alert_balance, row.disconnect_balance, row.notice_days,
        row.reminder_minutes, row.quiet_start, row.quiet_end, row.no_weekends, row.no_holidays,
        row.auto_approve, protected, row.max_disconnects_per_hour, row.active,
        row.alarm_command, row.disconnect_after_days, row.version,
        FALLBACK.topup_amount if row.topup_amount is None else row.topup_amount)
