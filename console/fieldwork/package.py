"""The package file: a sealed zip of a JSON manifest and attachments, signed as a whole.

Layout (one file, `.gdpkg`)::

    MAGIC | zip(envelope.json, sealed.bin) | key_id (8 ASCII) | Ed25519 signature (64) | TRAILER

`sealed.bin` is the inner zip (manifest.json, files/<name>...) sealed for one
key holder (console/fieldwork/sealing.py): a route for the inspector's enrolled
device, results for the site. `envelope.json` says only what is needed to open
it (format, kind, package number, recipient key id, ephemeral key, nonce):
names, addresses, consumption and the route's results key never travel in clear.

The signature covers every byte before it (magic, zip and key id) and is
checked before anything is opened, so one changed byte anywhere, a truncated
copy or a re-sealed payload never verifies. Both zips are read under the
limits of console/fieldwork/checks.py (stored entries only, counts, sizes and
names checked before reading). The manifest also lists the SHA-256 of every
attachment, so a photo is known by its hash after import.

Nothing here needs the database: a field device reads a route and writes its
results with `read_package` / `write_package`, the site's public keys and its
own device key.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from console.fieldwork.checks import (
    MAX_FILE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_PHOTO_BYTES,
    PackageInvalid,
    canonical,
    read_stored_zip,
    safe_name,
)
from console.fieldwork.sealing import BoxKey, open_sealed, seal
from console.signing import KEY_ID_LENGTH, SIGNATURE_LENGTH, Signer, verify_with

__all__ = ["FORMAT", "MAGIC", "Package", "PackageInvalid", "canonical", "read_package",
           "image_type", "read_package_file", "signing_key_id", "write_package"]

MAGIC = b"GDFIELD2\n"
OLD_MAGIC = b"GDFIELD1\n"  # the unsealed format before issue 16: refused, export again
TRAILER = b"\nGDSIG1"
FORMAT = "griddesk-field/2"
MANIFEST = "manifest.json"
ENVELOPE = "envelope.json"
SEALED = "sealed.bin"
MAX_ENVELOPE_BYTES = 4096
FILES = "files/"
# A 48-megapixel phone photo (JPEG decodes at 1/8 scale here); a PNG decodes whole.
MAX_PIXELS = {"JPEG": 50_000_000, "PNG": 12_000_000}


@dataclass(frozen=True)
class Package:
    """A verified, opened package: its manifest, attachments by name, and who signed it."""

    manifest: Mapping[str, object]
    files: Mapping[str, bytes] = field(default_factory=dict)
    key_id: str = ""
    sha256: str = ""

    @property
    def kind(self) -> str:
        return str(self.manifest.get("kind", ""))

    @property
    def package_no(self) -> str:
        return str(self.manifest.get("package_no", ""))


def write_package(manifest: Mapping[str, object], files: Mapping[str, bytes], signer: Signer,
                  recipient: bytes) -> bytes:
    """The signed file for `manifest` and attachments, sealed for public key `recipient`."""
    for name in files:
        if not safe_name(name):
            raise PackageInvalid(f"attachment name {name[:80]!r} is not allowed", why="bad_name",
                                 name=name[:80])
    body = {**manifest, "format": FORMAT,
            "files": {n: hashlib.sha256(d).hexdigest() for n, d in sorted(files.items())}}
    inner = _zip({MANIFEST: canonical(body), **{FILES + n: d for n, d in sorted(files.items())}})
    envelope, sealed = seal(inner, recipient, {"format": FORMAT, "kind": str(body.get("kind")),
                                               "package_no": str(body.get("package_no"))})
    signed = MAGIC + _zip({ENVELOPE: canonical(envelope), SEALED: sealed}) + \
        signer.key_id.encode("ascii")
    return signed + signer.sign(signed) + TRAILER


def _zip(entries: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    # Stored, not deflated: the reader accepts nothing else (no zip bombs), and
    # sealed bytes and photos do not compress anyway.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries.items():
            # A fixed timestamp: the same content makes the same bytes.
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


KeyLookup = Callable[[str], bytes | None]


def read_package(data: bytes, public_key_of: KeyLookup, key: BoxKey, *,
                 kind: str | None = None) -> Package:
    """Verify, open with `key` and check a package; PackageInvalid says why it cannot be trusted."""
    key_id, signed = _check_signature(data, public_key_of)
    outer = read_stored_zip(signed[len(MAGIC):-KEY_ID_LENGTH], _outer_limit, max_entries=2)
    envelope = _json(outer.get(ENVELOPE))
    if envelope.get("format") != FORMAT or SEALED not in outer:
        raise PackageInvalid("unknown package format", why="bad_manifest")
    if kind and envelope.get("kind") != kind:
        raise PackageInvalid(f"a {envelope.get('kind')} package, expected {kind}",
                             why="wrong_kind", kind=str(envelope.get("kind")), expected=kind)
    inner = read_stored_zip(open_sealed(envelope, outer[SEALED], key), _inner_limit)
    manifest = _json(inner.pop(MANIFEST, None))
    files = {name[len(FILES):]: blob for name, blob in inner.items()}
    if (manifest.get("format"), manifest.get("kind"), manifest.get("package_no")) != \
            (FORMAT, envelope.get("kind"), envelope.get("package_no")):
        raise PackageInvalid("the manifest disagrees with its envelope", why="bad_manifest")
    _check_files(manifest, files)
    return Package(manifest, files, key_id, hashlib.sha256(data).hexdigest())


def _outer_limit(name: str) -> int | None:
    return {ENVELOPE: MAX_ENVELOPE_BYTES, SEALED: MAX_FILE_BYTES}.get(name)


def _inner_limit(name: str) -> int | None:
    if name == MANIFEST:
        return MAX_MANIFEST_BYTES
    if name.startswith(FILES) and safe_name(name[len(FILES):]):
        return MAX_PHOTO_BYTES
    return None


def _json(blob: bytes | None) -> dict:
    try:
        value = json.loads((blob or b"").decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise PackageInvalid("the package content is damaged", why="bad_manifest") from exc
    if not isinstance(value, dict):
        raise PackageInvalid("the manifest is not an object", why="bad_manifest")
    return value


def read_package_file(path: Path | str) -> bytes:
    """A package file's bytes, refused by its size before it is read (and while reading)."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
    if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        raise PackageInvalid(f"package too large ({max(size, len(data)):,} bytes, at most "
                             f"{MAX_FILE_BYTES:,})", why="too_large", size=max(size, len(data)),
                             limit=MAX_FILE_BYTES)
    return data


def signing_key_id(data: bytes) -> str:
    """The key id a package claims (unverified), to pick the key to check it with."""
    if data.startswith(OLD_MAGIC):
        raise PackageInvalid("a package of the earlier, unsealed format: export the route again",
                             why="old_format")
    if not data.startswith(MAGIC) or not data.endswith(TRAILER):
        raise PackageInvalid("not a GridDesk field package, or cut short", why=_why_bad(data))
    end = len(data) - len(TRAILER) - SIGNATURE_LENGTH
    raw = data[end - KEY_ID_LENGTH:end]
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError as exc:
        raise PackageInvalid("the signature block is damaged", why="bad_signature") from exc


def _why_bad(data: bytes) -> str:
    return "truncated" if data.startswith(MAGIC) else "not_a_package"


def _check_signature(data: bytes, public_key_of: KeyLookup) -> tuple[str, bytes]:
    if len(data) > MAX_FILE_BYTES:
        raise PackageInvalid("package too large", why="too_large", size=len(data),
                             limit=MAX_FILE_BYTES)
    key_id = signing_key_id(data)
    end = len(data) - len(TRAILER)
    signed, signature = data[:end - SIGNATURE_LENGTH], data[end - SIGNATURE_LENGTH:end]
    public = public_key_of(key_id)
    if public is None:
        raise PackageInvalid(f"signed with key {key_id!r}, which is not this site's",
                             why="unknown_key", key_id=key_id)
    if not verify_with(public, signed, signature):
        raise PackageInvalid("the signature does not match: the file was changed after signing",
                             why="bad_signature", key_id=key_id)
    return key_id, signed


def _check_files(manifest: dict, files: dict[str, bytes]) -> None:
    listed = manifest.get("files")
    if not isinstance(listed, dict) or set(listed) != set(files):
        raise PackageInvalid("attachments differ from the manifest", why="missing_file")
    for name, digest in listed.items():
        if hashlib.sha256(files[name]).hexdigest() != digest:
            raise PackageInvalid(f"attachment {name} does not match its hash",
                                 why="hash_mismatch", name=name)


def image_type(data: bytes) -> str | None:
    """'image/png' or 'image/jpeg' when the bytes are a decodable image of that kind."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        expected = ("PNG", "image/png")
    elif data.startswith(b"\xff\xd8\xff"):
        expected = ("JPEG", "image/jpeg")
    else:
        return None
    # Pillow loads only when a package carries a photo: the services that import
    # this module (and the GUI's start-up) skip it otherwise.
    from PIL import Image

    try:
        if expected[0] == "PNG":
            with Image.open(io.BytesIO(data)) as image:
                image.verify()  # chunk CRCs and the end marker: a cut PNG fails here
        with Image.open(io.BytesIO(data)) as image:
            # Pixels are counted before decoding: a small PNG of a huge blank page
            # would otherwise inflate in memory like a zip bomb.
            if image.format != expected[0] or image.width * image.height > MAX_PIXELS[expected[0]]:
                return None
            # JPEG decodes at 1/8 scale: every byte is still parsed, in a fraction of the time.
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()  # decodes the body: a truncated or fake one fails here
    except Exception:  # Pillow raises many kinds for bad data
        return None
    return expected[1]
