"""Amounts typed at a counter, checked before anything is written.

Rounding lives in one place, `to_fen`: half up to the fen, the way a receipt
rounds (元角分).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from console.errors import InvalidAmount

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
# One counter payment above this is a typing error, not a customer: refused.
DEFAULT_CEILING = Decimal("1000000.00")
CEILING_SETTING = "payment.max_amount"
COLUMN_LIMIT = Decimal("999999999999.99")  # NUMERIC(14,2)


def to_fen(value: Decimal) -> Decimal:
    """Half up to two places: 2.2172 -> 2.22, 0.125 -> 0.13."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def parse_amount(value: object, *, field: str = "amount", ceiling: Decimal | None = DEFAULT_CEILING,
                 allow_zero: bool = False, allow_negative: bool = False,
                 places: int = 2) -> Decimal:
    """A yuan amount as an exact Decimal with two places, or InvalidAmount.

    Accepts Decimal, int or a numeric string ("98.62", " 100 "). Refuses float
    (binary, inexact), NaN, Infinity, more than `places` decimals (prices: 4),
    zero (unless `allow_zero`), negatives (unless `allow_negative`), and above
    `ceiling`.
    """
    amount = _as_decimal(value, field)
    if not amount.is_finite():
        raise _bad(field, value, "not_finite")
    # The ceiling first: quantizing 1E+999999 would overflow the context.
    limit = COLUMN_LIMIT if ceiling is None else min(ceiling, COLUMN_LIMIT)
    if abs(amount) > limit:
        raise InvalidAmount(f"{field} above {limit}", field=field, value=str(value),
                            reason="above_ceiling", ceiling=str(limit))
    quantum = Decimal(1).scaleb(-places)
    if amount != amount.quantize(quantum, rounding=ROUND_HALF_UP):
        raise _bad(field, value, "too_many_decimals")
    if amount < 0 and not allow_negative:
        raise _bad(field, value, "negative")
    if amount == 0 and not allow_zero:
        raise _bad(field, value, "zero")
    return amount.quantize(quantum) + ZERO  # + ZERO turns -0.00 into 0.00


def _as_decimal(value: object, field: str) -> Decimal:
    if isinstance(value, (bool, float)):
        raise _bad(field, value, "not_exact")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise _bad(field, value, "not_a_number") from None
    raise _bad(field, value, "not_a_number")


def _bad(field: str, value: object, reason: str) -> InvalidAmount:
    return InvalidAmount(f"{field} {value!r}: {reason.replace('_', ' ')}", field=field,
                         value=str(value), reason=reason)
