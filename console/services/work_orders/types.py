"""Work orders as the screens see them, the SLA defaults and the state machine (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from console.changes import Changes
from console.models.enums import WorkOrderKind as K, WorkOrderSource, WorkOrderState as S, values

# Hours from creation to due, and whether the order is due at the end of its local day.
# A broken meter is replaced the same day (seed paper 3.2); a complaint is answered in 24 h.
DEFAULT_SLA: dict[str, tuple[int, bool]] = {
    K.METER_REPLACEMENT: (8, True),
    K.ACCOUNT_CLOSURE: (72, False),
    K.NEW_CONNECTION: (120, False),
    K.INSPECTION: (72, False),
    K.SEAL_CHECK: (48, False),
    K.COMPLAINT: (24, False),
}

ASSIGN, START, COMPLETE, CANCEL = "assign", "start", "complete", "cancel"
ACTIONS = (ASSIGN, START, COMPLETE, CANCEL)
OPEN_STATES = (S.OPEN, S.ASSIGNED, S.IN_PROGRESS)
FINAL_STATES = (S.DONE, S.CANCELLED)

# action -> (states it may start from, state it leads to)
MOVES: dict[str, tuple[tuple[str, ...], str]] = {
    ASSIGN: ((S.OPEN, S.ASSIGNED), S.ASSIGNED),
    START: ((S.OPEN, S.ASSIGNED), S.IN_PROGRESS),
    COMPLETE: ((S.IN_PROGRESS,), S.DONE),
    CANCEL: (OPEN_STATES, S.CANCELLED),
}

# Kinds whose completion runs steps (readings, seals, bills): `complete` alone is refused.
STEP_KINDS = (K.METER_REPLACEMENT, K.ACCOUNT_CLOSURE)
SOURCES = values(WorkOrderSource)
RESOLUTION_MAX = 2000


@dataclass(frozen=True)
class WorkOrderView:
    """One order with the names a list or dialog shows; `overdue` as of the read."""

    id: int
    order_no: str
    kind: str
    state: str
    unit_id: int
    unit_name: str
    customer_id: int | None
    customer_no: str
    customer_name: str
    meter_id: int | None
    meter_asset_no: str
    assignee_id: int | None
    assignee_name: str
    created_by_name: str
    created_at: dt.datetime
    due_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    description: str
    resolution: str
    satisfaction: int | None
    satisfaction_comment: str
    source: str
    version: int
    overdue: bool

    @property
    def changes(self) -> Changes:
        # Closing or replacing a meter changes what the customer view shows, too.
        return Changes.of([self.customer_id], work_orders=True)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


@dataclass(frozen=True)
class SlaRule:
    kind: str
    hours: int
    same_day: bool


@dataclass(frozen=True)
class Assignee:
    id: int
    full_name: str
    role: str


@dataclass(frozen=True)
class SatisfactionRow:
    """One rating as the customer view lists it."""

    id: int
    at: dt.datetime
    kind: str  # a WorkOrderKind or "counter_visit"
    order_no: str
    rating: int
    comment: str
    recorded_by: str


@dataclass(frozen=True)
class SatisfactionSummary:
    """Ratings of one unit and kind: how many, their mean, how many were 4 or 5."""

    unit_id: int
    unit_name: str
    kind: str
    count: int
    mean: Decimal
    satisfied: int

    @property
    def satisfied_share(self) -> Decimal:
        return (Decimal(self.satisfied) / self.count).quantize(Decimal("0.001")) if self.count \
            else Decimal(0)


def is_overdue(state: str, due_at: dt.datetime, now: dt.datetime) -> bool:
    """Open past its due time (a finished order is never overdue, however late it was)."""
    return state in OPEN_STATES and due_at < now
