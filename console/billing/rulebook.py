"""The late-fee rules in force on a day, one per customer category (read by
console.services.billing.reads)."""

from __future__ import annotations

from dataclasses import dataclass

from console.billing.late_fees import LateFeeRule


@dataclass(frozen=True)
class RuleBook:
    """Rule per category, and the rule for categories without their own."""

    by_category: dict[str, LateFeeRule]
    default: LateFeeRule

    def for_category(self, category: str) -> LateFeeRule:
        return self.by_category.get(category, self.default)
