"""Identifiers printed on bills, meters and seals, and their check digits.

Asset codes (meters, seals) follow the 22-digit layout of Q/GDW 1205:
unit code (5) + asset type (2) + serial (14) + check digit (1).

Check digit rule (our choice, documented in README): ISO/IEC 7064 MOD 11,10,
the hybrid system that yields a single decimal digit. It detects every
single-digit error and every transposition of adjacent digits, which are the
errors people make when they type a number off a label; Luhn misses 09<->90.
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


def iso7064_mod11_10(payload: str) -> str:
    """Check digit of ISO/IEC 7064 MOD 11,10 for a string of digits."""
    if not _DIGITS.match(payload):
        raise ValidationError("digits only", field="payload", value=payload)
    product = 10
    for ch in payload:
        total = (int(ch) + product) % 10 or 10
        product = (total * 2) % 11
    return str((11 - product) % 10)


def make_asset_code(unit_code: str, asset_type: str, serial: int) -> str:
    """The 22-digit asset code for a serial number within a unit and asset type."""
    if len(unit_code) != 5 or not _DIGITS.match(unit_code):
        raise ValidationError("unit code must be 5 digits", field="unit_code", value=unit_code)
    if len(asset_type) != 2 or not _DIGITS.match(asset_type):
        raise ValidationError("asset type must be 2 digits", field="asset_type", value=asset_type)
    if not 0 <= serial < 10**14:
        raise ValidationError("serial out of range", field="serial", value=serial)
    payload = f"{unit_code}{asset_type}{serial:014d}"
    return payload + iso7064_mod11_10(payload)


def is_valid_asset_code(code: str) -> bool:
    """True for 22 digits whose last digit is the check digit of the first 21."""
    return (
        len(code) == 22
        and bool(_DIGITS.match(code))
        and iso7064_mod11_10(code[:21]) == code[21]
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
