"""WeChat Pay API v3 payment notifications (支付通知), verified with `cryptography` directly.

The platform signs `timestamp\\nnonce\\nbody\\n` with RSA-SHA256 (PKCS#1 v1.5); the headers
carry the timestamp, nonce, signature and the serial of the platform key that signed. The
payment itself is in `resource`, AEAD_AES_256_GCM-encrypted under the merchant's API v3 key
with the resource's own nonce and associated data. Checked here, before anything is
written: the serial is one we hold, the signature, the time (±5 minutes), the JSON shape,
the decryption (GCM's tag catches any changed byte of the ciphertext), the merchant id,
the currency and an amount in whole fen. The nonce against earlier ones is checked in the
database (console.channels.posting), so a replay is refused after a restart too.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from console.channels.keys import ChannelKeys
from console.channels.refusal import Notification, Refused

WINDOW = dt.timedelta(minutes=5)
SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048"
PAID = "SUCCESS"
MAX_FIELD = 64  # transaction ids are 32 characters, nonces 32; leave room, refuse the rest


def verify_wechat(headers: Mapping[str, str], body: bytes, keys: ChannelKeys,
                  now: dt.datetime) -> Notification:
    """The notification in `body`, or Refused with the reason to count; `headers` by
    lower-case name."""
    stamp, nonce, signature, serial = (_header(headers, f"wechatpay-{name}")
                                       for name in ("timestamp", "nonce", "signature", "serial"))
    if len(nonce) > MAX_FIELD:
        raise Refused("malformed", "nonce too long")
    kind = headers.get("wechatpay-signature-type", SIGNATURE_TYPE)
    if kind != SIGNATURE_TYPE:
        raise Refused("malformed", f"signature type {kind[:40]!r}")
    key = keys.wechat_platform.get(serial)
    if key is None:  # a key we never received from the platform: nobody we trust signed it
        raise Refused("unknown_serial", serial[:64], status=401)
    _check_signature(key, f"{stamp}\n{nonce}\n".encode() + body + b"\n", signature)
    _check_time(stamp, now)
    transaction = _decrypt(_json(body), keys.wechat_apiv3_key)
    return _notification(transaction, keys, nonce)


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name, "")
    if not value or len(value) > 1024:
        raise Refused("malformed", f"header {name} missing or too long")
    return value


def _check_signature(key: Any, message: bytes, signature: str) -> None:
    try:
        key.verify(base64.b64decode(signature, validate=True), message, padding.PKCS1v15(),
                   hashes.SHA256())
    except (InvalidSignature, binascii.Error, ValueError):
        raise Refused("bad_signature", status=401) from None


def _check_time(stamp: str, now: dt.datetime) -> None:
    if not stamp.isdigit() or len(stamp) > 12:
        raise Refused("malformed", "timestamp")
    sent = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
    if abs(now - sent) > WINDOW:  # a recorded notification sent again later, or a bad clock
        raise Refused("stale", f"sent {sent.isoformat()}", status=401)


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused("malformed", "body is not JSON") from None
    if not isinstance(data, dict):
        raise Refused("malformed", "body is not an object")
    return data


def _decrypt(data: dict[str, Any], key: bytes) -> dict[str, Any]:
    resource = data.get("resource")
    if not isinstance(resource, dict) or resource.get("algorithm") != "AEAD_AES_256_GCM":
        raise Refused("malformed", "resource")
    parts = [resource.get(name) for name in ("ciphertext", "nonce", "associated_data")]
    ciphertext, nonce, associated = (part if isinstance(part, str) else None for part in parts)
    if ciphertext is None or nonce is None or associated is None:
        raise Refused("malformed", "resource fields")
    try:
        plain = AESGCM(key).decrypt(nonce.encode(), base64.b64decode(ciphertext, validate=True),
                                    associated.encode())
    except (InvalidTag, binascii.Error, ValueError):
        raise Refused("bad_ciphertext", status=401) from None
    transaction = _json(plain)
    transaction["_event_type"] = data.get("event_type", "")
    return transaction


def _notification(txn: dict[str, Any], keys: ChannelKeys, nonce: str) -> Notification:
    if txn.get("mchid") != keys.wechat_mchid or txn.get("appid") != keys.wechat_appid:
        raise Refused("wrong_merchant", str(txn.get("mchid"))[:20], status=401)
    amount = txn.get("amount")
    if not isinstance(amount, dict) or amount.get("currency", "CNY") != "CNY":
        raise Refused("malformed", "amount or currency")
    fen = amount.get("total")
    # bool is an int in Python; JSON true is not an amount.
    if type(fen) is not int or not 0 < fen <= 10**12:
        raise Refused("malformed", "amount.total is not a whole number of fen")
    state = _text(txn, "trade_state")
    return Notification("wechat", _text(txn, "transaction_id"), _text(txn, "out_trade_no"),
                        _text(txn, "attach", required=False), Decimal(fen).scaleb(-2),
                        state, state == PAID and txn["_event_type"] == "TRANSACTION.SUCCESS",
                        nonce)


def _text(data: dict[str, Any], name: str, *, required: bool = True) -> str:
    value = data.get(name, "")
    if not isinstance(value, str) or len(value) > MAX_FIELD or (required and not value):
        raise Refused("malformed", f"{name} missing or too long")
    return value


def wechat_answer(status: int, message: str = "") -> tuple[int, bytes]:
    """The body the spec asks for: success is 204 without a body; a failure (4xx/5xx) is
    {"code": "FAIL", "message": …}."""
    if status < 300:
        return 204, b""
    return status, json.dumps({"code": "FAIL", "message": message or "失败"},
                           ensure_ascii=False).encode()
