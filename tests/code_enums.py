"""The enums of the codes `console/` stores, found in console/models, and which people read.

Both label tables (widgets/vocabulary.py, reports/vocabulary.py) are held to SHOWN, so a
new stored vocabulary fails their tests until it has words (or is named here as unshown)."""

from __future__ import annotations

import importlib
import pkgutil
from enum import StrEnum

import console.models
from console.models.billing_rules import ReviewReason, ReviewStatus
from console.models.enums import (
    LedgerKind,
    MessageChannel,
    MeterStatus,
    ReadingQuality,
    ReadingSource,
    ServiceDuty,
    UnitKind,
)


def code_enums() -> set[type[StrEnum]]:
    """Every StrEnum defined in a module of console/models."""
    found: set[type[StrEnum]] = set()
    for info in pkgutil.iter_modules(console.models.__path__):
        module = importlib.import_module(f"console.models.{info.name}")
        found |= {value for value in vars(module).values()
                  if isinstance(value, type) and issubclass(value, StrEnum)
                  and value.__module__ == module.__name__}
    return found


NOT_WORDED = {
    UnitKind, MeterStatus, ReadingSource, ReadingQuality, LedgerKind, ReviewReason, ReviewStatus,
    ServiceDuty,  # the command line's (`users services`), never a screen's
    MessageChannel,  # a subset of NoticeChannel's codes, shown in its words
}
"""Codes no screen or document puts into words today."""

SHOWN = code_enums() - NOT_WORDED
