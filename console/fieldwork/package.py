"""The package file: a zip of a JSON manifest and attachments, signed as a whole.

Layout (one file, `.gdpkg`)::

    MAGIC | zip(manifest.json, files/...) | key_id (8 ASCII) | Ed25519 signature (64) | TRAILER

The signature covers every byte before it (magic, zip and key id), so one
changed byte anywhere, a truncated copy or a hand-edited manifest never
verifies, whichever part of the zip it falls in. The manifest also lists the
SHA-256 of every attachment, so a photo is known by its hash after import.

Nothing here needs the database: a field laptop reads a route and writes its
results with `read_package` / `write_package` and the keys the route carries.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from console.errors import ValidationError
from console.signing import KEY_ID_LENGTH, SIGNATURE_LENGTH, Signer, verify_with

MAGIC = b"GDFIELD1\n"
TRAILER = b"\nGDSIG1"
FORMAT = "griddesk-field/1"
MANIFEST = "manifest.json"
MAX_BYTES = 512 * 1024 * 1024


class PackageInvalid(ValidationError):
    """The file is not a package this site can trust. params: why (not_a_package,
    truncated, bad_signature, unknown_key, wrong_kind, bad_manifest, missing_file,
    hash_mismatch, not_an_image), plus what it concerned."""

    code = "package_invalid"


@dataclass(frozen=True)
class Package:
    """A verified package: its manifest, attachments by name, and who signed it."""

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


def canonical(data: Mapping[str, object]) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same manifest always gives the same bytes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def write_package(manifest: Mapping[str, object], files: Mapping[str, bytes], signer: Signer) -> bytes:
    """The signed file for `manifest` (format and file hashes added) and attachments."""
    body = dict(manifest)
    body["format"] = FORMAT
    body["files"] = {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    buffer = io.BytesIO()
    # Stored, not deflated: photos are compressed already, and a manifest that
    # stays readable text lets a person see what the inspector carries.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(_fixed(MANIFEST), canonical(body))
        for name, data in sorted(files.items()):
            archive.writestr(_fixed(f"files/{name}"), data)
    signed = MAGIC + buffer.getvalue() + signer.key_id.encode("ascii")
    return signed + signer.sign(signed) + TRAILER


def _fixed(name: str) -> zipfile.ZipInfo:
    # A fixed timestamp: the same content makes the same bytes.
    return zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))


KeyLookup = Callable[[str], bytes | None]


def read_package(data: bytes, public_key_of: KeyLookup, *, kind: str | None = None) -> Package:
    """Verify and open a package; PackageInvalid says why it cannot be trusted."""
    key_id, signed = _check_signature(data, public_key_of)
    manifest, files = _open_zip(signed[len(MAGIC):-KEY_ID_LENGTH])
    if manifest.get("format") != FORMAT:
        raise PackageInvalid("unknown package format", why="bad_manifest")
    if kind and manifest.get("kind") != kind:
        raise PackageInvalid(f"a {manifest.get('kind')} package, expected {kind}",
                             why="wrong_kind", kind=str(manifest.get("kind")), expected=kind)
    return Package(manifest, files, key_id, hashlib.sha256(data).hexdigest())


def signing_key_id(data: bytes) -> str:
    """The key id a package claims (unverified), to pick the key to check it with."""
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
    if len(data) > MAX_BYTES:
        raise PackageInvalid("package too large", why="not_a_package")
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


def _open_zip(blob: bytes) -> tuple[dict, dict[str, bytes]]:
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            names = archive.namelist()
            if MANIFEST not in names:
                raise PackageInvalid("no manifest in the package", why="bad_manifest")
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
            files = {n[len("files/"):]: archive.read(n) for n in names if n.startswith("files/")}
    except (zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError, KeyError) as exc:
        raise PackageInvalid("the package content is damaged", why="bad_manifest") from exc
    if not isinstance(manifest, dict):
        raise PackageInvalid("the manifest is not an object", why="bad_manifest")
    _check_files(manifest, files)
    return manifest, files


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
            if image.format != expected[0]:
                return None
            # JPEG decodes at 1/8 scale: every byte is still parsed, in a fraction of the time.
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()  # decodes the body: a truncated or fake one fails here
    except Exception:  # Pillow raises many kinds for bad data
        return None
    return expected[1]
