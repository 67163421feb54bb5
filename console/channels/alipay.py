"""Alipay asynchronous notifications (异步通知), RSA2 verified with `cryptography`.

The form-encoded parameters, less `sign` and `sign_type` and less empty values, sorted by
name and joined as `k=v&k=v`, are signed SHA256withRSA (PKCS#1 v1.5) with Alipay's key.
The answer is the plain word `success` (Alipay stops resending) or `fail`.
"""

from __future__ import annotations

import base64
import binascii
import re
from decimal import Decimal
from urllib.parse import parse_qsl

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from console.channels.keys import ChannelKeys
from console.channels.refusal import Notification, Refused

PAID = ("TRADE_SUCCESS", "TRADE_FINISHED")
CHARSETS = {"utf-8": "utf-8", "utf8": "utf-8", "gbk": "gbk"}
AMOUNT = re.compile(r"(0|[1-9][0-9]{0,9})(\.[0-9]{1,2})?")
MAX_FIELD = 64
MAX_FIELDS = 60  # a notification has about 30 parameters


def signed_text(params: dict[str, str]) -> str:
    """What Alipay signs: the sorted non-empty parameters but `sign` and `sign_type`."""
    return "&".join(f"{k}={params[k]}" for k in sorted(params)
                    if k not in ("sign", "sign_type") and params[k] != "")


def verify_alipay(body: bytes, keys: ChannelKeys) -> Notification:
    """The notification in the form `body`, or Refused with the reason to count."""
    params = _form(body)
    if params.get("sign_type") != "RSA2":
        raise Refused("malformed", "sign_type is not RSA2")
    try:
        signature = base64.b64decode(params.get("sign", ""), validate=True)
        keys.alipay_public.verify(signature, signed_text(params).encode("utf-8"),
                                  padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, binascii.Error, ValueError):
        raise Refused("bad_signature", status=401) from None
    if params.get("app_id") != keys.alipay_app_id:
        raise Refused("wrong_merchant", params.get("app_id", "")[:20], status=401)
    amount = params.get("total_amount", "")
    if not AMOUNT.fullmatch(amount) or Decimal(amount) <= 0:
        raise Refused("malformed", "total_amount is not yuan with at most two places")
    status = _field(params, "trade_status")
    return Notification("alipay", _field(params, "trade_no"), _field(params, "out_trade_no"),
                        _field(params, "passback_params", required=False),
                        Decimal(amount).quantize(Decimal("0.01")), status, status in PAID,
                        _field(params, "notify_id"))


def _form(body: bytes) -> dict[str, str]:
    try:
        text = body.decode("ascii")  # a form body is percent-encoded: anything else is not one
    except UnicodeDecodeError:
        raise Refused("malformed", "body is not form-encoded") from None
    # The charset parameter says how the percent-encoded bytes decode: read it first.
    charset = dict(parse_qsl(text, encoding="latin-1")).get("charset", "utf-8").lower()
    if charset not in CHARSETS:
        raise Refused("malformed", f"charset {charset[:20]!r}")
    try:
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=True,
                          encoding=CHARSETS[charset], errors="strict",
                          max_num_fields=MAX_FIELDS)
    except (ValueError, UnicodeDecodeError):
        raise Refused("malformed", "form fields") from None
    params = dict(pairs)
    if len(params) != len(pairs):  # the same name twice: which one was signed?
        raise Refused("malformed", "a parameter appears twice")
    return params


def _field(params: dict[str, str], name: str, *, required: bool = True) -> str:
    value = params.get(name, "")
    if len(value) > MAX_FIELD or (required and not value):
        raise Refused("malformed", f"{name} missing or too long")
    return value
