"""Why the gateway held a payment, and why it refused a notification, in words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.services.channels.held import HeldPayment
from widgets.domain_labels import method_name
from widgets.rows_model import fixed

translate = QCoreApplication.translate


def held_reason_name(code: str) -> str:
    names = {
        "unknown_customer": translate("HeldPayments", "No such customer number"),
        "amount_mismatch": translate("HeldPayments", "Amount is not what is due"),
        "closed_account": translate("HeldPayments", "Account closed"),
        "key_conflict": translate("HeldPayments", "Transaction number already used"),
    }
    return names.get(code, code)


def held_subject(held: HeldPayment) -> str:
    """'50.00 yuan by WeChat Pay · 4200000101': which money a dialog is about."""
    return translate("HeldPayments", "{amount} yuan by {channel} · {txn}").format(
        amount=fixed(held.amount), channel=method_name(held.channel), txn=held.transaction_id)


# What the summary line counts: forged (a signature, key or ciphertext that does not
# verify), stale (too old) and replayed (a nonce seen before); the rest is "other".
REFUSAL_KINDS = {"bad_signature": "forged", "unknown_serial": "forged",
                 "bad_ciphertext": "forged", "wrong_merchant": "forged",
                 "stale": "stale", "replayed": "replayed"}


def refusal_summary(counts: dict[tuple[str, str], int]) -> dict[str, int]:
    """{"forged": n, "stale": n, "replayed": n, "other": n} over both channels."""
    out = {"forged": 0, "stale": 0, "replayed": 0, "other": 0}
    for (_channel, reason), count in counts.items():
        out[REFUSAL_KINDS.get(reason, "other")] += count
    return out
