"""The late-fee rules in force on a day, read from the `late_fee_rule` table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.billing.late_fees import OTHER, RESIDENTIAL, LateFeeRule
from console.models import LateFeeRule as LateFeeRuleRow


@dataclass(frozen=True)
class RuleBook:
    """Rule per category, and the rule for categories without their own."""

    by_category: dict[str, LateFeeRule]
    default: LateFeeRule

    def for_category(self, category: str) -> LateFeeRule:
        return self.by_category.get(category, self.default)


def load_rules(session: Session, on: dt.date) -> RuleBook:
    """The newest rule of each category that is in force on `on`.

    An empty table (a database that skipped the seed) falls back to Art. 98's
    own figures, so a fee is never silently zero.
    """
    rows = session.scalars(select(LateFeeRuleRow).where(LateFeeRuleRow.effective_from <= on)
                           .order_by(LateFeeRuleRow.effective_from))
    newest: dict[str | None, LateFeeRule] = {}
    for row in rows:  # later rows overwrite earlier ones
        newest[row.category] = LateFeeRule(row.current_year_rate, row.carried_over_rate,
                                           row.minimum_fee)
    default = newest.pop(None, OTHER)
    newest.setdefault("residential", RESIDENTIAL)
    return RuleBook({k: v for k, v in newest.items() if k is not None}, default)
