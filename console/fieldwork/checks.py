"""Reading a package's zip without trusting it: limits first, bytes after.

A zip says how big its entries are, how they are compressed and what they
are called, and every one of those may be a lie. So, in this order:

1. the end-of-central-directory record (22 bytes, parsed here) gives the
   entry count and the directory's size, and the directory's entry headers are
   counted: too many entries is refused before zipfile builds a single ZipInfo;
2. the central directory gives each entry's name, method and sizes: a name
   that is not one of the expected ones, a compressed or encrypted entry, an
   entry over its limit or a total over the package's limit is refused before
   any entry is read;
3. each entry is then read with a bounded reader that stops at the declared
   size, and a short or longer read (the local data disagrees) is refused.

Stored entries only: nothing is inflated, so a file can never grow in memory
beyond its own size (a deflated "zip bomb" of a few hundred KB expanding to
hundreds of MB is the case this stops). Pure: no database, no crypto.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
from collections.abc import Callable, Mapping

from console.errors import ValidationError

MIB = 1024 * 1024
MAX_FILE_BYTES = 256 * MIB  # a whole package file; also the sealed payload's limit
MAX_ENTRIES = 4100  # 2000 stops with two photos each, and the manifest
MAX_MANIFEST_BYTES = 64 * MIB
MAX_PHOTO_BYTES = 32 * MIB
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")

_EOCD = struct.Struct("<4s4H2LH")
_EOCD_MAGIC = b"PK\x05\x06"
_CD_MAGIC = b"PK\x01\x02"
_CD_ENTRY_MAX = 46 + 2 * 0xFFFF  # fixed part, a name and an extra field at their longest
_ENCRYPTED = 0x1


class PackageInvalid(ValidationError):
    """The file is not a package this site can trust. params: why (not_a_package,
    truncated, old_format, too_large, too_many_entries, compressed, bad_name,
    bad_signature, unknown_key, wrong_kind, not_for_this_key, bad_ciphertext,
    bad_manifest, missing_file, hash_mismatch, not_an_image), plus what it concerned."""

    code = "package_invalid"


def canonical(data: Mapping[str, object]) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same manifest always gives the same bytes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def safe_name(name: str) -> bool:
    """An attachment name: letters, digits, '.', '_', '-'; no separator, no '..'."""
    return bool(NAME.fullmatch(name)) and ".." not in name


# The limit of each expected name, or None for a name the package may not hold.
EntryLimit = Callable[[str], int | None]


def read_stored_zip(blob: bytes, limit_of: EntryLimit, *, max_entries: int = MAX_ENTRIES,
                    max_total: int = MAX_FILE_BYTES) -> dict[str, bytes]:
    """Every entry of `blob` by name, each checked as the module docstring says."""
    _check_end_record(blob, max_entries)
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            infos = archive.infolist()
            _check_directory(infos, limit_of, max_entries, max_total)
            return {info.filename: _read_entry(archive, info) for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise PackageInvalid("the package content is damaged", why="bad_manifest") from exc


def _check_end_record(blob: bytes, max_entries: int) -> None:
    at = blob.rfind(_EOCD_MAGIC, max(0, len(blob) - _EOCD.size - 0xFFFF))
    if at < 0 or len(blob) - at < _EOCD.size:
        raise PackageInvalid("the package content is damaged", why="bad_manifest")
    _magic, _disk, _cd_disk, on_disk, entries, cd_size, _offset, _comment = \
        _EOCD.unpack_from(blob, at)
    # 0xFFFF means "see the zip64 record": a package never needs one, so it is refused too.
    if entries > max_entries or on_disk != entries or entries == 0xFFFF:
        raise PackageInvalid(f"the package holds {entries} entries, at most {max_entries} "
                             "are allowed", why="too_many_entries", entries=entries,
                             limit=max_entries)
    if cd_size > entries * _CD_ENTRY_MAX or cd_size > at:
        raise PackageInvalid("the package content is damaged", why="bad_manifest")
    # zipfile parses the directory by its size, not by the count: count the entries
    # there too, so an end record that lies about them cannot let thousands through.
    found = blob.count(_CD_MAGIC, at - cd_size, at)
    if found != entries:
        raise PackageInvalid(f"the package holds {found} entries, its end record says "
                             f"{entries}", why="too_many_entries" if found > max_entries
                             else "bad_manifest", entries=found, limit=max_entries)


def _check_directory(infos: list[zipfile.ZipInfo], limit_of: EntryLimit, max_entries: int,
                     max_total: int) -> None:
    if len(infos) > max_entries:  # the end record said otherwise: it lied
        raise PackageInvalid("too many entries", why="too_many_entries", entries=len(infos),
                             limit=max_entries)
    names: set[str] = set()
    total = 0
    for info in infos:
        limit = limit_of(info.filename)
        if limit is None or info.filename in names:
            raise PackageInvalid(f"unexpected entry {info.filename[:80]!r} in the package",
                                 why="bad_name", name=info.filename[:80])
        names.add(info.filename)
        if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & _ENCRYPTED \
                or info.compress_size != info.file_size:
            raise PackageInvalid(f"entry {info.filename} is compressed; packages hold stored "
                                 "entries only", why="compressed", name=info.filename)
        total += info.file_size
        if info.file_size > limit or total > max_total:
            raise PackageInvalid(f"entry {info.filename} is too large ({info.file_size:,} "
                                 "bytes)", why="too_large", name=info.filename,
                                 size=info.file_size, limit=min(limit, max_total))


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # zipfile stops a stored entry at the declared size and checks its CRC at the end;
    # one more byte asked for shows a reader that would not stop.
    with archive.open(info) as entry:
        data = entry.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise PackageInvalid(f"entry {info.filename} is not the size it declares",
                             why="bad_manifest", name=info.filename)
    return data
