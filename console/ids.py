"""Identifiers printed on bills, meters and seals, and their check digits.

Asset codes (meters, seals) follow the 22-digit layout of Q/GDW 1205:
unit code (5) + asset type (2) + serial (14) + check digit (1).

Check digit rule (our choice, documented in README): the Damm algorithm. It
yields one decimal digit (no 'X' as in ISO 7064 MOD 11-2) and detects every
single-digit error and every transposition of adjacent digits, the errors
people make typing a number off a label. Luhn misses 09<->90 and ISO 7064
MOD 11,10 misses about 1.5 % of adjacent swaps (our property test found one).
"""

from __future__ import annotations

import re

from console.errors import ValidationError

ASSET_TYPE_METER = "01"
ASSET_TYPE_SEAL = "09"

_DIGITS = re.compile(r"^\d+$")
_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})


def normalise_digits(text: str) -> str:
    """Strip spaces and turn full-width digits (１２３) into ASCII."""
    return "".join(text.translate(_FULLWIDTH).split())


# The weakly totally anti-symmetric quasigroup of order 10 from Damm (2004).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def damm_check_digit(payload: str) -> str:
    """The Damm check digit of a string of digits."""
    if not _DIGITS.match(payload):
        raise ValidationError("digits only", field="payload", value=payload)
    interim = 0
    for ch in payload:
        interim = _DAMM[interim][ord(ch) - 48]
    return str(interim)


def make_asset_code(unit_code: str, asset_type: str, serial: int) -> str:
    """The 22-digit asset code for a serial number within a unit and asset type."""
    if len(unit_code) != 5 or not _DIGITS.match(unit_code):
        raise ValidationError("unit code must be 5 digits", field="unit_code", value=unit_code)
    if len(asset_type) != 2 or not _DIGITS.match(asset_type):
        raise ValidationError("asset type must be 2 digits", field="asset_type", value=asset_type)
    if not 0 <= serial < 10**14:
        raise ValidationError("serial out of range", field="serial", value=serial)
    payload = f"{unit_code}{asset_type}{serial:014d}"
    return payload + damm_check_digit(payload)


def is_valid_asset_code(code: str) -> bool:
    """True for 22 digits whose last digit is the check digit of the first 21."""
    return (
        len(code) == 22
        and bool(_DIGITS.match(code))
        and damm_check_digit(code[:21]) == code[21]
    )


def check_asset_code(code: str, *, asset_type: str | None = None) -> str:
    """Normalised code, or ValidationError naming what is wrong."""
    code = normalise_digits(code)
    if len(code) != 22 or not _DIGITS.match(code):
        raise ValidationError("asset code must be 22 digits", field="asset_code", value=code)
    if not is_valid_asset_code(code):
        raise ValidationError("asset code check digit is wrong", field="asset_code", value=code)
    if asset_type is not None and code[5:7] != asset_type:
        raise ValidationError("wrong asset type", field="asset_code", value=code)
    return code


def check_customer_no(number: str) -> str:
    number = normalise_digits(number)
    if len(number) != 10 or not _DIGITS.match(number):
        raise ValidationError("customer number must be 10 digits", field="customer_no", value=number)
    return number


def check_meter_address(address: str) -> str:
    """A DL/T 645 address: 12 decimal digits (6 BCD bytes on the wire)."""
    address = normalise_digits(address)
    if len(address) != 12 or not _DIGITS.match(address):
        raise ValidationError("meter address must be 12 digits", field="meter_address", value=address)
    return address
