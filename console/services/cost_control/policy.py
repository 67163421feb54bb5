"""Reading cost-control policies and the calendar into the plain values cost_rules decides from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.billing.cost_rules import Block, Calendar, Policy
from console.models import CalendarBlock, CostControlPolicy, Unit

# Used when a database has no policy rows at all (the demo writes some; a bare
# site may not have yet): remind under 20 yuan, cut under zero.
FALLBACK = Policy(None, Decimal("20.00"), Decimal("0.00"))


@dataclass(frozen=True)
class PolicyBook:
    """Active policies by (unit, category); the most specific one wins.

    Order: unit + category, unit, category, default; a policy of a parent
    unit (county) applies to the units under it when they have none.
    """

    by_key: dict[tuple[int | None, str | None], Policy]
    parents: dict[int, int | None]

    def for_account(self, unit_id: int, category: str) -> Policy:
        for unit in self.ancestors(unit_id):
            found = self.by_key.get((unit, category)) or self.by_key.get((unit, None))
            if found is not None:
                return found
        return self.by_key.get((None, category)) or self.by_key.get((None, None)) or FALLBACK

    def ancestors(self, unit_id: int) -> list[int]:
        """The unit itself, then its parent, up to the root."""
        chain, seen = [], set()
        current: int | None = unit_id
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self.parents.get(current)
        return chain


def to_policy(row: CostControlPolicy) -> Policy:
    protected = frozenset(c.strip() for c in (row.protected_categories or "").split(",") if c.strip())
    return Policy(row.id, row.alert_balance, row.disconnect_balance, row.notice_days,
                  row.reminder_minutes, row.quiet_start, row.quiet_end, row.no_weekends,
                  row.no_holidays, protected, row.max_disconnects_per_hour, row.alarm_command,
                  row.disconnect_after_days,
                  FALLBACK.topup_amount if row.topup_amount is None else row.topup_amount)


def load_policies(session: Session) -> PolicyBook:
    """Every active policy, and the unit tree to resolve them with."""
    rows = session.scalars(select(CostControlPolicy).where(CostControlPolicy.active.is_(True))
                           .order_by(CostControlPolicy.id))
    by_key = {(r.unit_id, r.category): to_policy(r) for r in rows}  # later ids win ties
    parents = dict(session.execute(select(Unit.id, Unit.parent_id)).all())
    return PolicyBook(by_key, parents)


def load_calendar(session: Session, book: PolicyBook, *, start: dt.date,
                  days: int = 14) -> Calendar:
    """Calendar blocks touching [start, start + days], scoped through the unit tree."""
    end = start + dt.timedelta(days=days)
    rows = session.scalars(select(CalendarBlock).where(CalendarBlock.starts_on <= end,
                                                       CalendarBlock.ends_on >= start))
    blocks = tuple(Block(r.kind, r.starts_on, r.ends_on, r.unit_id) for r in rows)
    cache: dict[int, frozenset[int]] = {}

    def scope(unit_id: int) -> frozenset[int]:
        if unit_id not in cache:
            cache[unit_id] = frozenset(book.ancestors(unit_id))
        return cache[unit_id]

    return Calendar(blocks, scope)
