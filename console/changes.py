"""What a mutating use case changed, so every open panel can decide what to refresh.

Modelled on Anki's `OpChanges`: a use case that writes returns a value that *is* a
`Changes` or *has* one as its `changes` property (`PostedPayment.changes`); the GUI's
desk broadcasts it after the write, and each panel looks only at the parts it shows.
Nothing here knows about panels: the flags name stored things, not screens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Changes:
    """Which kinds of stored things a write touched; `customers` names whose accounts."""

    customers: frozenset[int] = field(default_factory=frozenset)
    payments: bool = False
    bills: bool = False
    commands: bool = False
    seals: bool = False
    work_orders: bool = False

    @classmethod
    def of(cls, customer_ids: Iterable[int | None] = (), **kinds: bool) -> Changes:
        """`Changes.of([42], payments=True)`; a None customer id (a meter in stock) is skipped."""
        return cls(frozenset(c for c in customer_ids if c is not None), **kinds)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name)
                  for f in fields(self) if f.name != "customers"}
        return Changes(self.customers | other.customers, **merged)

    def touches(self, customer_id: int | None) -> bool:
        return customer_id is not None and customer_id in self.customers


def changes_of(value: object) -> Changes | None:
    """The changes a use case's answer carries: itself, its `changes`, or None (a read)."""
    if isinstance(value, Changes):
        return value
    carried = getattr(value, "changes", None)
    return carried if isinstance(carried, Changes) else None
