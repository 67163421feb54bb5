"""Masking personal data for roles, files and logs that do not need it.

The same masks everywhere: the customer view, the notice outbox's files
(console.notices.senders) and every log line (console.logsetup.PrivacyFilter).
"""

from __future__ import annotations

import re

# Exactly 18 digits (the last may be X): 22-digit asset codes and 10-digit
# customer numbers never match.
_ID_CARD = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")
ADDRESS_KEPT = 6  # 山东省菏泽市: province and city, never the street or the house


def mask_phone(phone: str) -> str:
    """138****5678: enough to confirm with the customer, not to call them."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_recipient(address: str) -> str:
    """A message channel's recipient (openid, mobile number): oUp****eS6o, 138****5678."""
    if len(address) < 9:
        return "*" * len(address)
    return address[:3] + "****" + address[-4:]


def mask_id_number(number: str) -> str:
    """3717**********1234: region and last four only."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_name(name: str) -> str:
    """张伟 → 张*, 欧阳娜娜 → 欧***: the first character only."""
    return name[:1] + "*" * (len(name) - 1) if name else name


def mask_address(address: str) -> str:
    """山东省菏泽市牡丹区中华路12号 → 山东省菏泽市***: where, not which door."""
    if len(address) <= ADDRESS_KEPT:
        return "*" * len(address)
    return address[:ADDRESS_KEPT] + "***"


def mask_text(text: str) -> str:
    """Phone and ID-card numbers in free text, masked as the UI masks them."""
    text = _ID_CARD.sub(lambda m: mask_id_number(m.group()), text)
    text = _MOBILE.sub(lambda m: mask_phone(re.sub(r"\D", "", m.group())[-11:]), text)
    return _LANDLINE.sub(lambda m: mask_phone(m.group()), text)
