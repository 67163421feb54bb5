"""The key-encryption key (KEK) that protects the site's private signing keys at rest.

The `site_key` table stores each private key wrapped with AES-256-GCM under a 32-byte
KEK kept in a file outside the database (env GRIDDESK_KEK_FILE, else `site.kek` beside
the embedded database in the user's data folder). A stolen backup or a plain SELECT on
`site_key` then yields ciphertext only; signing needs the database *and* the file.
The key id is the associated data, so a row's ciphertext moved onto another key's row
does not decrypt (the swap is detected, not silently used).

The file is created 0600 on first use when absent and is never overwritten: a second
KEK would orphan every key wrapped with the first. Every workstation that signs (label
printing, notices at the counter, field packages) needs a copy of the same file.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from console.db import default_db_path
from console.errors import ConsoleError

KEK_ENV = "GRIDDESK_KEK_FILE"
KEK_LENGTH = 32
NONCE_LENGTH = 12
MARKER = b"GDK1"  # wrapped blobs start with it; a raw 32-byte Ed25519 key is a legacy row


class KeyProtectionError(ConsoleError):
    """The site's signing key cannot be unlocked. params: reason (missing, bad_file,
    wrong_kek, unwritable), path."""

    code = "key_protection"


def kek_path() -> Path:
    return Path(os.environ.get(KEK_ENV) or default_db_path().parent / "site.kek")


def load_kek(*, create: bool = False) -> bytes:
    """The KEK from its file; with `create`, a new one is written (0600) when none exists."""
    path = kek_path()
    if not path.exists():
        if not create:
            raise KeyProtectionError(f"key file {path} is missing; copy the site's key file "
                                     "there", reason="missing", path=str(path))
        return _create(path)
    try:
        kek = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    except (OSError, UnicodeDecodeError, binascii.Error, ValueError) as exc:
        raise KeyProtectionError(f"key file {path} is unreadable or not a key file",
                                 reason="bad_file", path=str(path)) from exc
    if len(kek) != KEK_LENGTH:
        raise KeyProtectionError(f"key file {path} is not a key file", reason="bad_file",
                                 path=str(path))
    return kek


def _create(path: Path) -> bytes:
    kek = AESGCM.generate_key(bit_length=KEK_LENGTH * 8)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two workstations racing on a shared folder never overwrite each other.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_kek()
    except OSError as exc:
        raise KeyProtectionError(f"cannot create key file {path}: {exc.strerror}",
                                 reason="unwritable", path=str(path)) from exc
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(base64.b64encode(kek).decode("ascii") + "\n")
    return kek


def is_wrapped(blob: bytes) -> bool:
    return bytes(blob).startswith(MARKER)


def wrap(kek: bytes, key_id: str, private_key: bytes) -> bytes:
    nonce = os.urandom(NONCE_LENGTH)
    return MARKER + nonce + AESGCM(kek).encrypt(nonce, private_key, key_id.encode("ascii"))


def unwrap(kek: bytes, key_id: str, blob: bytes) -> bytes:
    """The private key of a wrapped blob; KeyProtectionError for a wrong KEK or a moved row."""
    blob = bytes(blob)
    nonce = blob[len(MARKER):len(MARKER) + NONCE_LENGTH]
    try:
        return AESGCM(kek).decrypt(nonce, blob[len(MARKER) + NONCE_LENGTH:],
                                   key_id.encode("ascii"))
    except (InvalidTag, ValueError) as exc:
        raise KeyProtectionError(f"the key file {kek_path()} does not unlock signing key "
                                 f"{key_id}: wrong key file", reason="wrong_kek",
                                 path=str(kek_path()), key_id=key_id) from exc
