"""Site keys at rest (issue 17 item 4): the `site_key` table holds no usable private key
without the key file; a wrong or missing key file is refused in words; a row's ciphertext
moved onto another key does not decrypt; rows from before wrapping are wrapped on first use."""

from __future__ import annotations

import base64
import os
import stat

import pytest
from sqlalchemy import select

from console import keywrap
from console.models import AuditEvent, SiteKey
from console.services.admin import site_keys

MESSAGE = b"N1|TZ-2026-0001|3700100000001|arrears"


@pytest.fixture
def other_kek(tmp_path, monkeypatch):
    """Point the workstation at another site's key file (valid, but not this site's)."""
    path = tmp_path / "other.kek"
    path.write_text(base64.b64encode(os.urandom(32)).decode() + "\n")
    return path


def _row(session, key_id: str) -> SiteKey:
    return session.scalar(select(SiteKey).where(SiteKey.key_id == key_id))


def test_stored_private_key_is_ciphertext_and_signing_still_works(db):
    with db.session() as s:
        signer = site_keys.active_signer(s)
        stored = bytes(_row(s, signer.key_id).private_key)
        assert keywrap.is_wrapped(stored) and signer.private_key not in stored
        token = signer.token(MESSAGE)
        assert site_keys.verify_token(s, MESSAGE, token)
        again = site_keys.active_signer(s)
    assert again.key_id == signer.key_id and again.private_key == signer.private_key


def test_wrong_key_file_is_refused_clearly(db, other_kek, monkeypatch):
    with db.session() as s:
        key_id = site_keys.active_signer(s).key_id
        monkeypatch.setenv(keywrap.KEK_ENV, str(other_kek))
        with pytest.raises(keywrap.KeyProtectionError) as caught:
            site_keys.active_signer(s)
    assert caught.value.params["reason"] == "wrong_kek" and key_id in caught.value.message
    assert str(other_kek) in caught.value.message


def test_missing_key_file_is_refused_not_replaced(db, tmp_path, monkeypatch):
    with db.session() as s:
        site_keys.active_signer(s)
        missing = tmp_path / "gone.kek"
        monkeypatch.setenv(keywrap.KEK_ENV, str(missing))
        with pytest.raises(keywrap.KeyProtectionError) as caught:
            site_keys.active_signer(s)
    # A new key file would orphan every wrapped key: none is made for an existing key.
    assert caught.value.params["reason"] == "missing" and not missing.exists()


def test_ciphertext_moved_onto_another_key_does_not_decrypt(db):
    with db.session() as s:
        first = site_keys.active_signer(s)
        second = site_keys.rotate_key(s)
        _row(s, second.key_id).private_key = bytes(_row(s, first.key_id).private_key)
        s.flush()
        with pytest.raises(keywrap.KeyProtectionError):
            site_keys.active_signer(s)


def test_key_file_made_0600_on_first_use_and_never_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "data" / "site.kek"
    monkeypatch.setenv(keywrap.KEK_ENV, str(path))
    kek = keywrap.load_kek(create=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keywrap.load_kek(create=True) == kek == keywrap.load_kek()
    path.write_text("not a key\n")
    with pytest.raises(keywrap.KeyProtectionError) as caught:
        keywrap.load_kek(create=True)
    assert caught.value.params["reason"] == "bad_file"


def test_a_plaintext_row_from_before_wrapping_is_wrapped_on_first_use(db):
    from console.signing import Signer
    legacy = Signer.generate()
    with db.session() as s:
        s.add(SiteKey(key_id=legacy.key_id, public_key=legacy.public_key,
                      private_key=legacy.private_key))
        s.flush()
        signer = site_keys.active_signer(s)
        stored = bytes(_row(s, legacy.key_id).private_key)
        wrapped = s.scalars(select(AuditEvent.entity_id)
                            .where(AuditEvent.action == "site_key.wrapped")).all()
    assert signer == legacy and keywrap.is_wrapped(stored) and legacy.private_key not in stored
    assert legacy.key_id in wrapped


def test_rotation_with_a_wrong_or_missing_key_file_wraps_nothing_new(db, other_kek, tmp_path,
                                                                     monkeypatch):
    with db.session() as s:
        first = site_keys.active_signer(s)
        for path in (other_kek, tmp_path / "absent.kek"):
            monkeypatch.setenv(keywrap.KEK_ENV, str(path))
            with pytest.raises(keywrap.KeyProtectionError):
                site_keys.rotate_key(s)
        assert s.scalars(select(SiteKey.key_id)).all() == [first.key_id]
    assert not (tmp_path / "absent.kek").exists()


# Route keys (issue 17 item 4): a route's private sealing key is wrapped like the site's.

def _route_world(db):
    from tests.inspection.test_field_package import build_world, items_for, route_of
    world = build_world(db)
    exported, route = route_of(world)
    items, photos = items_for(world["stops"])
    return world, exported, route, items, photos


def _stored_box_key(db, package_no: str) -> bytes:
    from console.models import FieldPackage
    with db.read() as s:
        return bytes(s.scalar(select(FieldPackage.box_key)
                              .where(FieldPackage.package_no == package_no)))


def test_a_routes_private_sealing_key_is_stored_wrapped_and_results_still_open(db):
    from console.fieldwork.results import write_results
    from console.services.inspection.packages import import_results
    world, exported, route, items, photos = _route_world(db)
    stored = _stored_box_key(db, route.package_no)
    assert keywrap.is_wrapped(stored) and len(stored) > 32
    outcome = import_results(db, world["boss"], write_results(route, items, photos))
    assert outcome.applied == len(items)


def test_results_of_a_route_need_the_sites_key_file(db, other_kek, monkeypatch):
    from console.fieldwork.results import write_results
    from console.services.inspection.packages import import_results
    from widgets.errors import error_text
    world, exported, route, items, photos = _route_world(db)
    before = _audit_count(db)
    monkeypatch.setenv(keywrap.KEK_ENV, str(other_kek))
    with pytest.raises(keywrap.KeyProtectionError) as caught:
        import_results(db, world["boss"], write_results(route, items, photos))
    assert caught.value.params["kind"] == "route"
    assert "route" in error_text(caught.value) and _audit_count(db) == before


def test_a_route_exported_before_wrapping_still_takes_its_results(db):
    """A raw 32-byte key (a route sealed by the version before) opens as it is."""
    from console.fieldwork.results import write_results
    from console.models import FieldPackage
    from console.services.inspection.packages import _box_key, import_results
    world, exported, route, items, photos = _route_world(db)
    with db.uow() as s:
        row = s.scalar(select(FieldPackage).where(FieldPackage.package_no == route.package_no))
        row.box_key = _box_key(route.package_no, bytes(row.box_key))  # as it was stored before
    assert len(_stored_box_key(db, route.package_no)) == 32
    outcome = import_results(db, world["boss"], write_results(route, items, photos))
    assert outcome.applied == len(items)


def _audit_count(db) -> int:
    from sqlalchemy import func
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))
