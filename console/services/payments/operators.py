"""Who took a payment, as receipts, histories and reports name them.

A payment taken at a counter names its clerk. One no person took — posted by the payment
channel's gateway (console.channels), whose system account is no staff member, so the
payment's operator is empty — names its channel instead: 微信支付, 支付宝, 银行代收 (a bank
agency's daily file: a transfer no clerk took). The name is the
channel's own (a proper name, like a clerk's), so it is the same on screen and on paper.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, case, func, literal

from console.models.enums import PaymentMethod

CHANNEL_NAMES = {PaymentMethod.WECHAT.value: "微信支付", PaymentMethod.ALIPAY.value: "支付宝",
                 PaymentMethod.TRANSFER.value: "银行代收"}


def operator_name(full_name: str | None, method: str) -> str:
    """The clerk's name; for a payment no person took, its channel's name ("" for none)."""
    return full_name or CHANNEL_NAMES.get(method, "")


def operator_label(full_name: Any, method: Any) -> ColumnElement[str]:
    """`operator_name` in SQL, for queries that group or sort by who took the money."""
    channel = case(*((method == code, literal(name)) for code, name in CHANNEL_NAMES.items()),
                   else_=literal(""))
    return func.coalesce(full_name, channel)
