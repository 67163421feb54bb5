"""Field packages refused by their shape before they are read, and sealed for one reader.

Each bad file below is signed with the right key (a device that holds the
route can sign anything), so what refuses it is the check under test, and
each refusal writes nothing.
"""

from __future__ import annotations

import functools
import io
import time
import tracemalloc
import zipfile

import pytest
from sqlalchemy import func, select

from console.fieldwork.checks import MAX_ENTRIES, MAX_PHOTO_BYTES, canonical
from console.fieldwork.package import (
    ENVELOPE,
    FORMAT,
    MAGIC,
    OLD_MAGIC,
    SEALED,
    TRAILER,
    PackageInvalid,
    read_package,
    read_package_file,
)
from console.fieldwork.results import reply_key, results_signer, write_results
from console.fieldwork.sealing import BoxKey, seal
from console.models import Customer, FieldPackage
from console.services.inspection.packages import import_results
from tests.inspection.test_field_package import build_world, counts, items_for, route_of, site_keys

BOMB_BYTES = 300 * 1024 * 1024


@pytest.fixture
def world(db):
    return build_world(db)


def a_zip(entries: dict[str, bytes], *, deflate: frozenset[str] = frozenset()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            method = zipfile.ZIP_DEFLATED if name in deflate else zipfile.ZIP_STORED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


@functools.cache
def bomb_zip(name: str, other: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    """A zip whose entry `name` inflates to 300 MB of zeros (a few hundred KB on disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for other_name, data in other:
            archive.writestr(zipfile.ZipInfo(other_name), data, compress_type=zipfile.ZIP_STORED)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=False) as entry:
            chunk = bytes(1024 * 1024)
            for _ in range(BOMB_BYTES // len(chunk)):
                entry.write(chunk)
    return buffer.getvalue()


def signed(route, outer: bytes) -> bytes:
    """`outer` as a results file signed with the route's results key."""
    signer = results_signer(route)
    body = MAGIC + outer + signer.key_id.encode("ascii")
    return body + signer.sign(body) + TRAILER


def sealed(route, inner: bytes, package_no: str = "bad0001") -> bytes:
    """`inner` sealed for the site as a results file of `route`, signed."""
    envelope, ciphertext = seal(inner, reply_key(route),
                                {"format": FORMAT, "kind": "results", "package_no": package_no})
    return signed(route, a_zip({ENVELOPE: canonical(envelope), SEALED: ciphertext}))


def manifest(route, files: dict[str, bytes] | None = None) -> bytes:
    return canonical({"kind": "results", "package_no": "bad0001", "format": FORMAT,
                      "route_no": route.package_no, "items": [], "files": files or {}})


def refused(world, data: bytes, why: str) -> PackageInvalid:
    db = world["db"]
    before = {**counts(db), "field_package": package_rows(db)}
    with pytest.raises(PackageInvalid) as err:
        import_results(db, world["boss"], data)
    assert err.value.params["why"] == why, err.value
    assert {**counts(db), "field_package": package_rows(db)} == before
    return err.value


def package_rows(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(FieldPackage))


@pytest.mark.parametrize("where", ["outer", "inner"])
def test_a_zip_bomb_is_refused_at_once_in_little_memory(world, where):
    _exported, route = route_of(world)
    if where == "outer":  # the signed zip itself holds a deflated entry
        envelope, _ = seal(b"", reply_key(route), {"format": FORMAT, "kind": "results",
                                                   "package_no": "bad0001"})
        bomb = signed(route, bomb_zip(SEALED, ((ENVELOPE, canonical(envelope)),)))
    else:  # sealed properly, the manifest inside deflated
        bomb = sealed(route, bomb_zip("manifest.json"))
    assert len(bomb) < 1024 * 1024
    refused(world, bomb, "compressed")  # once to warm up the imports and SQL caches
    tracemalloc.start()
    started = time.perf_counter()
    try:
        err = refused(world, bomb, "compressed")
        seconds = time.perf_counter() - started
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "compressed" in err.message
    assert peak < 4 * 1024 * 1024, f"{peak:,} bytes at the peak"
    assert seconds < 2.0


def test_an_entry_over_its_limit_is_refused_before_it_is_read(world):
    _exported, route = route_of(world)
    err = refused(world, sealed(route, a_zip({"manifest.json": manifest(route),
                                              "files/big.jpg": bytes(MAX_PHOTO_BYTES + 1)})),
                  "too_large")
    assert err.params["name"] == "files/big.jpg"


def lie_about_size(blob: bytes, name: bytes, size: int) -> bytes:
    """`blob` with the central directory's sizes of `name` replaced by `size`."""
    at = blob.rindex(b"PK\x01\x02", 0, blob.rindex(name))
    sizes = size.to_bytes(4, "little") * 2  # compressed, then uncompressed
    return blob[:at + 20] + sizes + blob[at + 28:]


def test_a_declared_size_that_lies_is_caught_either_way(world):
    _exported, route = route_of(world)
    honest = a_zip({"manifest.json": manifest(route, {"p.jpg": "0" * 64}),
                    "files/p.jpg": b"x" * 5000})
    # Declared huge: refused from the directory, nothing read.
    refused(world, sealed(route, lie_about_size(honest, b"files/p.jpg", 3_000_000_000)),
            "too_large")
    # Declared smaller than the bytes there: the bounded reader stops, the CRC disagrees.
    refused(world, sealed(route, lie_about_size(honest, b"files/p.jpg", 100)), "bad_manifest")


def test_too_many_entries_are_refused_from_the_end_record(world):
    _exported, route = route_of(world)
    many = {"manifest.json": manifest(route)} | {f"files/p{n}.jpg": b"" for n in range(MAX_ENTRIES)}
    err = refused(world, sealed(route, a_zip(many)), "too_many_entries")
    assert err.params["entries"] == MAX_ENTRIES + 1
    outer = a_zip({ENVELOPE: b"{}", SEALED: b"", "extra": b""})
    refused(world, signed(route, outer), "too_many_entries")
    # An end record that says 2 while the directory holds 4,101 entries.
    lying = bytearray(a_zip(many))
    end = lying.rindex(b"PK\x05\x06")
    lying[end + 8:end + 12] = (2).to_bytes(2, "little") * 2
    err = refused(world, sealed(route, bytes(lying)), "too_many_entries")
    assert err.params["entries"] == MAX_ENTRIES + 1


@pytest.mark.parametrize("name", ["../manifest.json", "files/../x.jpg", "files/sub/x.jpg",
                                  "files/..jpg", "files/x\\..\\y.jpg", "/etc/passwd",
                                  "notes.txt", "files/"])
def test_unexpected_names_are_refused(world, name):
    _exported, route = route_of(world)
    err = refused(world, sealed(route, a_zip({"manifest.json": manifest(route), name: b"x"})),
                  "bad_name")
    assert err.params["name"] == name


def test_a_name_twice_is_refused(world):
    _exported, route = route_of(world)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", manifest(route))
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("manifest.json", manifest(route))
    refused(world, sealed(route, buffer.getvalue()), "bad_name")


def test_tampered_ciphertext_is_refused_even_when_signed_again(world):
    _exported, route = route_of(world)
    items, photos = items_for(world["stops"])
    good = write_results(route, items, photos)
    outer = zipfile.ZipFile(io.BytesIO(good[len(MAGIC):-(8 + 64 + len(TRAILER))]))
    ciphertext = bytearray(outer.read(SEALED))
    ciphertext[len(ciphertext) // 2] ^= 1
    forged = a_zip({ENVELOPE: outer.read(ENVELOPE), SEALED: bytes(ciphertext)})
    refused(world, signed(route, forged), "bad_ciphertext")
    # Sealed for someone else (the inspector's device, say): the site cannot open it.
    envelope, ciphertext2 = seal(b"x", world["device"].public_key,
                                 {"format": FORMAT, "kind": "results", "package_no": "x"})
    refused(world, signed(route, a_zip({ENVELOPE: canonical(envelope), SEALED: ciphertext2})),
            "not_for_this_key")
    # The real file still imports afterwards.
    assert import_results(world["db"], world["boss"], good).applied == 7


def test_a_route_opens_only_on_the_device_it_was_sealed_for(world):
    exported, _route = route_of(world)
    keys = site_keys(world["db"])
    with pytest.raises(PackageInvalid) as err:
        read_package(exported.data, keys.keys.get, BoxKey.generate(), kind="route")
    assert err.value.params["why"] == "not_for_this_key"


def test_the_route_file_carries_no_personal_data_or_keys_in_clear(world):
    with world["db"].uow() as s:
        for customer in s.scalars(select(Customer)):
            customer.address, customer.phone = "山东省菏泽市牡丹区中华路88号", "13805301234"
    exported, route = route_of(world)
    stop = route.manifest["stops"][0]
    secrets = [stop["customer"]["name"], stop["customer"]["address"],
               stop["customer"]["customer_no"], stop["meter"]["asset_no"],
               stop["seals"][0]["seal_no"], stop["last_readings"][0]["energy_total"],
               str(route.manifest["results_key"]), str(route.manifest["reply_key"]),
               stop["customer"]["phone"], route.manifest["inspector"]]
    assert all(secrets)
    for text in secrets:
        assert text.encode("utf-8") not in exported.data, text
    assert b"stops" not in exported.data and b"manifest" not in exported.data


def test_old_unsealed_files_and_oversized_files_are_refused_unread(world, tmp_path):
    _exported, route = route_of(world)
    old = OLD_MAGIC + a_zip({"manifest.json": b"{}"}) + b"0" * 72 + TRAILER
    refused(world, old, "old_format")
    huge = tmp_path / "huge.gdpkg"
    with open(huge, "wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: no disk used
    tracemalloc.start()
    try:
        with pytest.raises(PackageInvalid) as err:
            read_package_file(huge)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.value.params["why"] == "too_large" and peak < 1024 * 1024
