"""Seal services, one import for the screens (issue 7): the seals feature's public API.

    from console.services import seals
    seals.create_batch(db, actor, seal_type="plastic", colour="红", year=2026,
                       manufacturer="…", unit_id=1, quantity=500)

Use cases: make and list batches, print labels (batches); issue, install, remove,
return, scrap, mark damaged or lost (moves); scan a code and read a seal's history
(scans); the inspection check and anomalies (inspection); holdings and inventory
counts (stock). The DTOs and SealRefused live in types.
"""

from __future__ import annotations

from console.services.seals.batches import create_batch, installers, label_data, list_batches, units
from console.services.seals.inspection import anomalies, find_meter, inspection_check
from console.services.seals.moves import (
    install,
    issue_to_installer,
    issue_to_unit,
    mark_damaged,
    mark_lost,
    remove,
    return_to_stock,
    scrap,
)
from console.services.seals.scans import scan, seal_history
from console.services.seals.stock import holdings, inventory_count
from console.services.seals.types import (
    AnomalyView,
    BatchView,
    Choice,
    CountResult,
    Finding,
    HistoryEntry,
    Holding,
    InspectionResult,
    MeterInfo,
    MoveResult,
    ScanResult,
    SealLabel,
    SealRefused,
    StateCount,
)

__all__ = [
    "AnomalyView", "BatchView", "Choice", "CountResult", "Finding", "HistoryEntry", "Holding",
    "InspectionResult", "MeterInfo", "MoveResult", "ScanResult", "SealLabel", "SealRefused",
    "StateCount", "anomalies", "create_batch", "find_meter", "holdings", "inspection_check",
    "install", "installers", "inventory_count", "issue_to_installer", "issue_to_unit",
    "label_data", "list_batches", "mark_damaged", "mark_lost", "remove", "return_to_stock",
    "scan", "scrap", "seal_history", "units",
]
