"""The signed payload in a seal label's QR code (pure; no database).

    GDS1|<seal no, 22 digits>|<batch no>|<unit code>|<key id>|<signature, base64url>

The signature (Ed25519, console.signing) covers everything before the last
'|'. No personal data: a label on a meter box is read by anyone. About 150
ASCII characters, a version 8 QR at level M: 0.4 mm modules on a 20 mm code,
three dots per module on a 203 dpi thermal printer.

`parse` only checks the shape. Whether the signature is good is the caller's
question (with the site's keys, or offline with an exported key set), so a QR
with one changed byte is still *a seal QR* and can be called forged, while a
truncated one or random text is *not a seal code*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from console import signing
from console.errors import ValidationError

PREFIX = "GDS1"
_SEAL_NO = re.compile(r"^\d{22}$")
_BATCH_NO = re.compile(r"^[0-9A-Za-z-]{1,24}$")
_UNIT = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class SealQr:
    seal_no: str
    batch_no: str
    unit_code: str
    key_id: str
    signature: bytes

    @property
    def message(self) -> bytes:
        return signed_part(self.seal_no, self.batch_no, self.unit_code, self.key_id)

    def text(self) -> str:
        return f"{self.message.decode('ascii')}|{signing.b64u(self.signature)}"

    def verifies(self, keys: signing.PublicKeySet) -> bool:
        """Offline check against exported public keys."""
        return keys.verify(self.key_id, self.message, self.signature)


def signed_part(seal_no: str, batch_no: str, unit_code: str, key_id: str) -> bytes:
    return f"{PREFIX}|{seal_no}|{batch_no}|{unit_code}|{key_id}".encode("ascii")


def make(signer: signing.Signer, *, seal_no: str, batch_no: str, unit_code: str) -> SealQr:
    message = signed_part(seal_no, batch_no, unit_code, signer.key_id)
    return SealQr(seal_no, batch_no, unit_code, signer.key_id, signer.sign(message))


def parse(text: str) -> SealQr | None:
    """The payload's fields, or None when the text is not shaped like a seal QR."""
    parts = (text or "").strip().split("|")
    if len(parts) != 6 or parts[0] != PREFIX:
        return None
    _, seal_no, batch_no, unit_code, key_id, sig = parts
    if not (_SEAL_NO.match(seal_no) and _BATCH_NO.match(batch_no) and _UNIT.match(unit_code)):
        return None
    try:
        _, signature = signing.split_token(f"{key_id}.{sig}")
    except ValidationError:
        return None
    return SealQr(seal_no, batch_no, unit_code, key_id, signature)
