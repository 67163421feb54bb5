"""Translated words for the customer-side codes `console/` stores (kept in vocabulary.py)."""

from __future__ import annotations

from decimal import Decimal

from console.models.enums import (
    BillStatus,
    ControlState,
    CostControlMode,
    CustomerCategory,
    CustomerStatus,
    PaymentMethod,
    RelayState,
    SealPosition,
)
from widgets.vocabulary import label


def category_name(code: str) -> str:
    return label(CustomerCategory, code)


def customer_status_name(code: str) -> str:
    return label(CustomerStatus, code)


def relay_name(code: str) -> str:
    return label(RelayState, code)


def control_mode_name(code: str) -> str:
    return label(CostControlMode, code)


def control_state_name(code: str) -> str:
    return label(ControlState, code)


def bill_status_name(code: str) -> str:
    return label(BillStatus, code)


def method_name(code: str) -> str:
    return label(PaymentMethod, code)


def seal_position_name(code: str) -> str:
    return label(SealPosition, code)


def money(value: Decimal | None) -> str:
    """1,234.56 — always two places; the unit (元) is in the column header."""
    return "" if value is None else f"{value:,.2f}"
