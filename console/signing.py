"""Site signatures (Ed25519): seal QR codes, signed notices, field packages.

Two layers:

* pure, no database: `Signer` (key_id + private key, `sign(bytes) -> bytes`),
  `verify_with(public_key, message, signature)`, `PublicKeySet` (key_id ->
  public key, exported as JSON-able text) so a field tablet or an auditor can
  verify offline with the exported public keys alone; base64url helpers and a
  compact `key_id.signature` token for QR codes and files.
* with a session, in console.services.admin.site_keys: `active_signer`, `verify`,
  `rotate_key`, `export_public_keys` over the `site_key` table
  (console/models/keys.py), and `rotate_site_key` / `list_keys`, the services
  an administrator calls (permission + audit). This module stays pure crypto,
  so the field-package format and the seal codes can use it without the services.

Where the private key lives, and why: in the shared database, next to the data
it vouches for. Every workstation of the site (label printing at the admin PC,
notices at the counter, packages for inspectors) must be able to sign, and the
database is the one thing they all share; a key on one PC's disk would make
that PC a single point of failure and need a distribution channel of its own.
The private keys are stored encrypted under a key file outside the database
(console/keywrap.py), so reading the `site_key` table (a workstation's database
login, a stolen backup) is no longer enough: signing needs the key file as well,
which every signing workstation holds. The trade-off: whoever has both a login and
the key file (any signing workstation) can sign as the site. A signature therefore
says "made by this site's GridDesk", not "made by this person" (the audit
trail says who). It does stop what it is for: someone who prints a look-alike
seal or edits a notice in the field without access to the database. If a
workstation with the key file is compromised, an administrator revokes the key
(its signatures then report "revoked") or rotates it: new labels carry
the new key id, and old ones still verify until they are replaced. Keys are
never deleted, because seals signed years ago are still on meters.
A hardware token or OS key store per workstation would close the gap at the
cost of key enrolment on every PC; not worth it for this threat today.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from console.errors import ValidationError

KEY_ID_LENGTH = 8  # hex characters of SHA-256(public key): short enough for a QR
SIGNATURE_LENGTH = 64
PUBLIC_KEY_LENGTH = 32


# -- encodings ---------------------------------------------------------------


def b64u(data: bytes) -> str:
    """base64url without padding: QR-friendly, no '+', '/' or '='."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64u(text: str) -> bytes:
    """Inverse of b64u; ValidationError on anything that is not base64url."""
    if not isinstance(text, str) or not text.isascii() or any(c in text for c in "+/= \n"):
        raise ValidationError("not base64url", field="base64url", value=str(text)[:40])
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValidationError("not base64url", field="base64url", value=text[:40]) from exc


def key_id_of(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:KEY_ID_LENGTH]


# -- pure layer --------------------------------------------------------------


@dataclass(frozen=True)
class Signer:
    """A private key and its id; signs bytes. Never leaves the process."""

    key_id: str
    private_key: bytes

    @classmethod
    def generate(cls) -> Signer:
        raw = Ed25519PrivateKey.generate().private_bytes_raw()
        return cls.from_private(raw)

    @classmethod
    def from_private(cls, private_key: bytes) -> Signer:
        public = Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes_raw()
        return cls(key_id_of(public), private_key)

    @property
    def public_key(self) -> bytes:
        return self._key().public_key().public_bytes_raw()

    def sign(self, message: bytes) -> bytes:
        return self._key().sign(message)

    def token(self, message: bytes) -> str:
        """`key_id.signature` (base64url): what a QR or a file carries."""
        return f"{self.key_id}.{b64u(self.sign(message))}"

    def _key(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.private_key)

    def __repr__(self) -> str:  # keep the private key out of logs and tracebacks
        return f"Signer(key_id={self.key_id!r})"


def verify_with(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """True when `signature` is Ed25519 over `message` by `public_key`; False for any junk."""
    if len(public_key) != PUBLIC_KEY_LENGTH or len(signature) != SIGNATURE_LENGTH:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def split_token(token: str) -> tuple[str, bytes]:
    """(key_id, signature) of a `key_id.signature` token, or ValidationError."""
    key_id, dot, sig = (token or "").partition(".")
    if not dot or len(key_id) != KEY_ID_LENGTH or not _is_hex(key_id):
        raise ValidationError("not a signature token", field="token", value=str(token)[:40])
    signature = unb64u(sig)
    if len(signature) != SIGNATURE_LENGTH:
        raise ValidationError("not a signature token", field="token", value=token[:40])
    return key_id, signature


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


@dataclass(frozen=True)
class PublicKeySet:
    """The site's public keys by key id: enough to verify offline."""

    keys: Mapping[str, bytes]

    def verify(self, key_id: str, message: bytes, signature: bytes) -> bool:
        public = self.keys.get(key_id)
        return public is not None and verify_with(public, message, signature)

    def verify_token(self, message: bytes, token: str) -> bool:
        try:
            key_id, signature = split_token(token)
        except ValidationError:
            return False
        return self.verify(key_id, message, signature)

    def export(self) -> dict[str, str]:
        """JSON-able: {key_id: base64url public key}."""
        return {kid: b64u(pub) for kid, pub in sorted(self.keys.items())}

    @classmethod
    def from_export(cls, data: Mapping[str, str]) -> PublicKeySet:
        """From `export()`; a key whose id does not match its hash is refused."""
        keys = {}
        for kid, text in data.items():
            public = unb64u(text)
            if len(public) != PUBLIC_KEY_LENGTH or key_id_of(public) != kid:
                raise ValidationError("public key does not match its id", field="key_id", value=kid)
            keys[kid] = public
        return cls(keys)
