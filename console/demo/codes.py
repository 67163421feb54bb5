"""Vectorised identifiers: 22-digit asset codes with their check digit.

`console.ids` is the reference. Its check digit (Damm) is a state machine over
the digits; the transition table is read off `ids.damm_check_digit` itself and
run over a million payloads at once. Should `ids` ever change its rule so that
the table no longer reproduces it, codes are made one by one through `ids`.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from console import ids


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (values.astype(np.int64)[:, None] // powers) % 10


@cache
def _transitions() -> np.ndarray | None:
    """table[state, digit] of the check-digit state machine, or None if it is not one."""
    reached = {int(ids.damm_check_digit(str(d))): d for d in range(10)}
    if len(reached) != 10:
        return None
    table = np.array([[int(ids.damm_check_digit(f"{reached[s]}{x}")) for x in range(10)]
                      for s in range(10)])
    probe = np.random.default_rng(0).integers(0, 10**14, 64)
    ours = _with_table(table, np.full(64, 3741101), probe)
    theirs = [int(ids.make_asset_code("37411", "01", int(s))[-1]) for s in probe]
    return table if ours.tolist() == theirs else None


def _with_table(table: np.ndarray, head: np.ndarray, serial: np.ndarray) -> np.ndarray:
    state = np.zeros(len(head), dtype=np.int64)
    for column in np.concatenate([_digits(head, 7), _digits(serial, 14)], axis=1).T:
        state = table[state, column]
    return state


def asset_codes(unit_codes: np.ndarray, asset_type: str, serial: np.ndarray) -> list[str]:
    """22-digit asset codes for integer unit codes (e.g. 37411) and serials."""
    table = _transitions()
    if table is None:
        return [ids.make_asset_code(str(u), asset_type, s)
                for u, s in zip(unit_codes.tolist(), serial.tolist(), strict=False)]
    head = unit_codes.astype(np.int64) * 100 + int(asset_type)
    check = _with_table(table, head, serial)
    return [f"{h:07d}{s:014d}{c}" for h, s, c in zip(head.tolist(), serial.tolist(), check.tolist(), strict=False)]


def serials_within(groups: np.ndarray) -> np.ndarray:
    """1, 2, 3… counting up inside each run of equal values of a sorted array."""
    n = len(groups)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    run_start = np.repeat(starts, np.diff(np.r_[starts, n]))
    return np.arange(n, dtype=np.int64) - run_start + 1
