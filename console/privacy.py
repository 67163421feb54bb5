"""Masking personal data for roles that do not need it."""

from __future__ import annotations


def mask_phone(phone: str) -> str:
    """138****5678: enough to confirm with the customer, not to call them."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_id_number(number: str) -> str:
    """3717**********1234: region and last four only."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
