"""What the seal services hand out (frozen dataclasses) and the refusal they raise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from console.changes import Changes
from console.errors import ValidationError

# Verdicts of a scan.
GENUINE, FORGED, BARCODE, NOT_A_SEAL = "genuine", "forged", "barcode", "not_a_seal"
# A QR whose signature verifies with a key the administrator revoked: not proof of anything.
REVOKED = "revoked"
# Outcomes of an inspection check, per seal.
INTACT, MISMATCH, MISSING, UNKNOWN = "intact", "mismatch", "missing", "unknown"
ANOMALY_KINDS = (MISMATCH, MISSING, UNKNOWN, FORGED)


class SealRefused(ValidationError):
    """A seal move or batch refused, nothing written. params: rule (not_issued,
    held_by_other, seal_scrapped, seal_lost, seal_damaged, already_installed,
    position_taken, not_installed, not_on_meter, installed, wrong_state,
    reason_required, range_overlap, range_too_large, range_mixed, bad_range,
    unknown_seal, unknown_meter, unknown_holder, unknown_unit, unknown_position,
    idempotency_conflict), seal_no / seal_nos and state where they apply."""

    code = "seal_refused"


@dataclass(frozen=True)
class StateCount:
    """How many seals of a batch sit in one state at one unit."""

    unit_id: int
    unit_name: str
    state: str
    count: int


@dataclass(frozen=True)
class BatchView:
    id: int
    batch_no: str
    seal_type: str
    colour: str
    year: int
    manufacturer: str
    unit_id: int
    unit_code: str
    unit_name: str
    first_no: str
    last_no: str
    quantity: int
    key_id: str
    created_at: dt.datetime
    counts: dict[str, int] = field(default_factory=dict)  # state -> seals
    by_unit: tuple[StateCount, ...] = ()

    def count(self, state: str) -> int:
        return self.counts.get(state, 0)


@dataclass(frozen=True)
class MoveResult:
    """A move of one or more seals; `replayed` when the idempotency key had done it already."""

    move: str
    to_state: str
    seal_nos: tuple[str, ...]
    meter_id: int | None = None
    position: str | None = None
    replayed: bool = False

    @property
    def count(self) -> int:
        return len(self.seal_nos)

    @property
    def changes(self) -> Changes:
        return Changes(seals=True)


@dataclass(frozen=True)
class HistoryEntry:
    """One SealEvent with names instead of ids."""

    at: dt.datetime
    from_state: str | None
    to_state: str
    actor: str = ""
    unit: str = ""
    holder: str = ""
    meter_no: str = ""
    position: str = ""
    work_order_no: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ScanResult:
    """One scan: verdict, the seal as recorded, and its history (newest first).

    verdict: genuine (QR signature verifies), forged (QR shaped right, signature
    does not verify or names a key the site never had), barcode (a valid seal
    number from the Code 128 side: no signature to check), not_a_seal.
    `known` is False when no seal with the number is on record.
    """

    verdict: str
    text: str
    message: str = ""
    seal_no: str = ""
    known: bool = False
    seal_id: int | None = None
    batch_no: str = ""
    seal_type: str = ""
    colour: str = ""
    state: str = ""
    unit_id: int | None = None
    unit: str = ""
    holder_id: int | None = None
    holder: str = ""
    customer_no: str = ""
    customer_name: str = ""
    meter_id: int | None = None
    meter_no: str = ""
    position: str = ""
    installed_at: dt.datetime | None = None
    key_id: str = ""
    history: tuple[HistoryEntry, ...] = ()


@dataclass(frozen=True)
class MeterInfo:
    """The meter an inspection check is about, with the seals on record on it."""

    id: int
    meter_no: str
    unit_id: int | None
    customer_no: str = ""
    customer_name: str = ""
    address: str = ""
    seals: tuple[tuple[str, str], ...] = ()  # (position, seal_no) installed by the records

    @property
    def recorded(self) -> int:
        return len(self.seals)


@dataclass(frozen=True)
class Finding:
    """One line of an inspection check."""

    seal_no: str
    outcome: str  # intact / mismatch / missing / unknown / forged
    position: str = ""
    detail: str = ""


@dataclass(frozen=True)
class InspectionResult:
    meter: MeterInfo
    findings: tuple[Finding, ...]
    work_order_id: int | None = None
    work_order_no: str = ""
    replayed: bool = False

    @property
    def anomalies(self) -> int:
        return sum(1 for f in self.findings if f.outcome != INTACT)

    @property
    def changes(self) -> Changes:
        # An anomaly opens a seal-check work order: the work-order list shows it at once.
        return Changes(seals=True, work_orders=self.work_order_id is not None)


@dataclass(frozen=True)
class AnomalyView:
    id: int
    at: dt.datetime
    kind: str
    seal_no: str
    meter_id: int
    meter_no: str
    customer_no: str
    customer_name: str
    unit_id: int
    unit_name: str
    work_order_id: int | None
    work_order_no: str
    work_order_state: str
    reported_by: str
    detail: str


@dataclass(frozen=True)
class Holding:
    """Seals in one installer's hands (holder_id None: a unit's drawer, issued_unit)."""

    holder_id: int | None
    holder: str
    unit_id: int
    unit: str
    count: int
    first_no: str
    last_no: str
    oldest: dt.datetime | None = None  # when the longest-held of them was handed over


@dataclass(frozen=True)
class CountResult:
    """An inventory count: what should be in the drawer against what was scanned."""

    expected: int
    found: tuple[str, ...]
    missing: tuple[str, ...]
    unexpected: tuple[str, ...]
    not_seals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    """A unit or an installer for a picker."""

    id: int
    name: str
    detail: str = ""


@dataclass(frozen=True)
class SealLabel:
    """What one label shows; no personal data (it sits on a meter box in the street)."""

    seal_no: str
    batch_no: str
    unit_code: str
    unit_name: str
    seal_type: str
    colour: str
    year: int
    key_id: str
    qr_payload: str
    reprint: bool = False
