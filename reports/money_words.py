"""Amounts in Chinese capitals (人民币大写), as written on receipts and cheques.

98.62 -> 玖拾捌元陆角贰分; 100.00 -> 壹佰元整; 0.50 -> 伍角整; 105.06 ->
壹佰零伍元零陆分; 100010.00 -> 壹拾万零壹拾元整. Rules (会计基础工作规范): a
run of zeros inside the number is one 零; an amount that ends at 元 or 角 ends
with 整, one with 分 does not; 10–19 yuan are written 壹拾….
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿", "万亿")


def yuan_in_words(amount: Decimal) -> str:
    """The capitals of a non-negative amount in yuan (rounded half up to the fen)."""
    if amount < 0:
        raise ValueError("amounts in capitals are never negative")
    fen_total = int(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    head = f"{_integer(yuan)}元" if yuan or not cents else ""
    if not cents:
        return head + "整"
    if not jiao:
        return head + ("零" if yuan else "") + f"{DIGITS[fen]}分"
    return head + f"{DIGITS[jiao]}角" + (f"{DIGITS[fen]}分" if fen else "整")


def _integer(n: int) -> str:
    if n == 0:
        return "零"
    groups = []
    while n:
        n, group = divmod(n, 10000)
        groups.append(group)
    words, gap = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = True
            continue
        if words and (gap or group < 1000):
            words += "零"
        words += _group(group) + GROUPS[index]
        gap = False
    return words


def _group(n: int) -> str:
    """1..9999 without leading or trailing zeros; an inner run of zeros is one 零."""
    digits = f"{n:04d}".lstrip("0")
    words, zero = "", False
    for i, ch in enumerate(digits):
        place = len(digits) - 1 - i
        if ch == "0":
            zero = True
            continue
        if zero:
            words += "零"
            zero = False
        words += DIGITS[int(ch)] + PLACES[place]
    return words
