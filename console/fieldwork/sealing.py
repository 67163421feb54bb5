"""Sealing a package's content for one key holder: X25519 + HKDF-SHA256 + ChaCha20-Poly1305.

A route is sealed for the inspector's enrolled device; the results coming back
are sealed for the site, to a key made for that one route. Each seal makes a
fresh (ephemeral) X25519 key pair, agrees a secret with the recipient's public
key, and derives the ChaCha20-Poly1305 key with HKDF over both public keys, so
every package has its own key. The envelope (format, kind, package number,
recipient key id, the ephemeral public key, nonce) is authenticated as the
AEAD's associated data: nothing personal is in it, and none of it can be
swapped without the seal failing to open.

A device's key file holds its X25519 private key; it is written once when the
device is enrolled (console.services.inspection.devices) and then lives only
on the device.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from console.errors import ValidationError
from console.fieldwork.checks import PackageInvalid, canonical
from console.signing import PUBLIC_KEY_LENGTH, b64u, key_id_of, unb64u

CIPHER = "X25519-HKDF-SHA256-ChaCha20Poly1305"
KEY_FILE_FORMAT = "griddesk-field-device/1"
MAX_KEY_FILE_BYTES = 4096
NONCE_LENGTH = 12


@dataclass(frozen=True)
class BoxKey:
    """An X25519 private key: opens what was sealed for its public half."""

    private_key: bytes

    @classmethod
    def generate(cls) -> BoxKey:
        return cls(X25519PrivateKey.generate().private_bytes_raw())

    @property
    def public_key(self) -> bytes:
        return X25519PrivateKey.from_private_bytes(self.private_key).public_key().public_bytes_raw()

    @property
    def key_id(self) -> str:
        return key_id_of(self.public_key)

    def agree(self, public_key: bytes) -> bytes:
        return X25519PrivateKey.from_private_bytes(self.private_key).exchange(
            X25519PublicKey.from_public_bytes(public_key))

    def __repr__(self) -> str:  # keep the private key out of logs and tracebacks
        return f"BoxKey(key_id={self.key_id!r})"


def seal(plain: bytes, recipient: bytes, header: Mapping[str, str]) -> tuple[dict, bytes]:
    """(envelope, ciphertext) of `plain` for the holder of public key `recipient`."""
    ephemeral = BoxKey.generate()
    envelope = {**header, "cipher": CIPHER, "to": key_id_of(recipient),
                "ephemeral": b64u(ephemeral.public_key), "nonce": b64u(os.urandom(NONCE_LENGTH))}
    key = _derive(ephemeral.agree(recipient), ephemeral.public_key, recipient, envelope)
    return envelope, ChaCha20Poly1305(key).encrypt(unb64u(envelope["nonce"]), plain,
                                                   canonical(envelope))


def open_sealed(envelope: Mapping[str, object], ciphertext: bytes, key: BoxKey) -> bytes:
    """The plain bytes; PackageInvalid when sealed for another key or changed after sealing."""
    if envelope.get("cipher") != CIPHER:
        raise PackageInvalid("unknown cipher", why="bad_manifest")
    if envelope.get("to") != key.key_id:
        raise PackageInvalid(f"sealed for key {str(envelope.get('to'))[:16]!r}, not this one "
                             f"({key.key_id})", why="not_for_this_key",
                             to=str(envelope.get("to"))[:16], key_id=key.key_id)
    try:
        ephemeral = unb64u(str(envelope.get("ephemeral")))
        nonce = unb64u(str(envelope.get("nonce")))
    except ValidationError as exc:
        raise PackageInvalid("the envelope is damaged", why="bad_manifest") from exc
    if len(ephemeral) != PUBLIC_KEY_LENGTH or len(nonce) != NONCE_LENGTH:
        raise PackageInvalid("the envelope is damaged", why="bad_manifest")
    try:
        secret = _derive(key.agree(ephemeral), ephemeral, key.public_key, envelope)
        return ChaCha20Poly1305(secret).decrypt(nonce, ciphertext, canonical(envelope))
    except (InvalidTag, ValueError) as exc:
        raise PackageInvalid("the sealed content does not open: it was changed, or sealed "
                             "with another key", why="bad_ciphertext") from exc


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes, envelope: Mapping) -> bytes:
    info = f"griddesk-field {envelope.get('format')} {envelope.get('kind')}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient,
                info=info).derive(shared)


# -- the device's key file -----------------------------------------------------


def key_file(key: BoxKey, *, inspector: str) -> bytes:
    """The file that goes onto the inspector's device (private: written owner-only)."""
    return canonical({"format": KEY_FILE_FORMAT, "inspector": inspector, "key_id": key.key_id,
                      "private_key": b64u(key.private_key)})


def read_key_file(data: bytes) -> BoxKey:
    """The device key in a key file; ValidationError for anything else."""
    try:
        if len(data) > MAX_KEY_FILE_BYTES:
            raise ValueError("too large")
        body = json.loads(data.decode("utf-8"))
        key = BoxKey(unb64u(body["private_key"]))
        if body.get("format") != KEY_FILE_FORMAT or key.key_id != body.get("key_id"):
            raise ValueError("not a key file")
    except (ValueError, KeyError, TypeError, AttributeError, ValidationError) as exc:
        raise ValidationError("not a GridDesk device key file", field="device_key",
                              reason="not_a_key_file") from exc
    return key
