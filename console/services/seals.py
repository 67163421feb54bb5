"""Seal services, one import for the screens (issue 7).

    from console.services import seals
    seals.create_batch(db, actor, seal_type="plastic", colour="红", year=2026,
                       manufacturer="…", unit_id=1, quantity=500)

The work lives in seals_batches (batches, labels, pickers), seals_moves (the
lifecycle), seals_scan (scans and history), seals_inspect (inspection checks,
anomalies) and seals_stock (holdings, counts); the DTOs in seals_types.
"""

from __future__ import annotations

from console.services.seals_batches import create_batch, installers, label_data, list_batches, units
from console.services.seals_inspect import anomalies, find_meter, inspection_check
from console.services.seals_moves import (
    install,
    issue_to_installer,
    issue_to_unit,
    mark_damaged,
    mark_lost,
    remove,
    return_to_stock,
    scrap,
)
from console.services.seals_scan import scan, seal_history
from console.services.seals_stock import holdings, inventory_count
from console.services.seals_types import (
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
