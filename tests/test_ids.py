"""Identifiers: asset codes with their check digit, customer numbers, addresses."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from console import ids
from console.errors import ValidationError

serials = st.integers(min_value=0, max_value=10**14 - 1)


@given(serials)
def test_made_codes_are_22_digits_and_valid(serial):
    code = ids.make_asset_code("37001", ids.ASSET_TYPE_SEAL, serial)
    assert len(code) == 22 and code.isdigit()
    assert ids.is_valid_asset_code(code)
    assert code[:5] == "37001" and code[5:7] == ids.ASSET_TYPE_SEAL


@given(serials, st.integers(min_value=0, max_value=21), st.integers(min_value=1, max_value=9))
def test_any_single_digit_typo_is_caught(serial, position, delta):
    code = ids.make_asset_code("37001", ids.ASSET_TYPE_METER, serial)
    wrong = code[:position] + str((int(code[position]) + delta) % 10) + code[position + 1:]
    assert not ids.is_valid_asset_code(wrong)


@given(serials, st.integers(min_value=0, max_value=20))
def test_any_adjacent_swap_is_caught(serial, position):
    code = ids.make_asset_code("37001", ids.ASSET_TYPE_METER, serial)
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2:]
    assert swapped == code or not ids.is_valid_asset_code(swapped)


def test_the_swap_iso_7064_mod_11_10_missed_is_caught():
    # Found by the property test above when the rule was ISO 7064 MOD 11,10.
    code = ids.make_asset_code("37001", "01", 20_922_789_800_000)
    swapped = code[:14] + code[15] + code[14] + code[16:]
    assert not ids.is_valid_asset_code(swapped)


def test_known_check_digit():
    # By hand through the table: 5 -> row 0 col 5 = 9; 7 -> row 9 col 7 = 7;
    # 2 -> row 7 col 2 = 4. The check digit of 572 is 4 (Damm's own example).
    assert ids.damm_check_digit("572") == "4"
    assert ids.is_valid_asset_code(ids.make_asset_code("37001", "01", 123))


def test_fullwidth_and_spaces_are_normalised():
    assert ids.check_customer_no("３７００ ００１２３４") == "3700001234"


@pytest.mark.parametrize("bad", ["12345", "37000012345", "37000O1234", ""])
def test_bad_customer_numbers_are_refused(bad):
    with pytest.raises(ValidationError):
        ids.check_customer_no(bad)


def test_asset_code_of_the_wrong_type_is_refused():
    meter_code = ids.make_asset_code("37001", ids.ASSET_TYPE_METER, 5)
    with pytest.raises(ValidationError):
        ids.check_asset_code(meter_code, asset_type=ids.ASSET_TYPE_SEAL)


def test_meter_address_is_12_digits():
    assert ids.check_meter_address("000000000123") == "000000000123"
    with pytest.raises(ValidationError):
        ids.check_meter_address("12345678901")
