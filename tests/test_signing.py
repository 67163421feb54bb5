"""Site signatures: a label signed at one workstation verifies anywhere, offline too;
a changed byte, another site's key or junk never verifies; rotation keeps old labels valid."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from console import signing
from console.errors import PermissionDenied, ValidationError
from console.models import AuditEvent, SiteKey
from console.services.admin import site_keys
from tests import factories

MESSAGE = b"S1|3700109000000000000018|B2026-0001|37001"


def test_signer_round_trip_and_tamper_detection():
    signer = signing.Signer.generate()
    sig = signer.sign(MESSAGE)
    assert len(sig) == 64 and len(signer.key_id) == 8
    assert signing.verify_with(signer.public_key, MESSAGE, sig)
    changed = bytearray(MESSAGE)
    changed[5] ^= 1
    assert not signing.verify_with(signer.public_key, bytes(changed), sig)
    assert not signing.verify_with(signer.public_key, MESSAGE, sig[:-1] + bytes([sig[-1] ^ 1]))
    other = signing.Signer.generate()
    assert not signing.verify_with(other.public_key, MESSAGE, sig)


@pytest.mark.parametrize("public, sig", [(b"", b"x" * 64), (b"x" * 32, b""), (b"x" * 31, b"x" * 64)])
def test_verify_with_junk_is_false_not_an_exception(public, sig):
    assert signing.verify_with(public, MESSAGE, sig) is False


def test_private_key_not_in_repr():
    signer = signing.Signer.generate()
    assert signer.private_key.hex() not in repr(signer) and signer.key_id in repr(signer)


def test_base64url_is_qr_friendly_and_strict():
    data = bytes(range(256))
    text = signing.b64u(data)
    assert not set(text) & set("+/=") and signing.unb64u(text) == data
    for bad in ("abc+", "ab/c", "a=", "中文", "a b"):
        with pytest.raises(ValidationError):
            signing.unb64u(bad)


def test_token_verifies_offline_from_exported_keys():
    signer = signing.Signer.generate()
    token = signer.token(MESSAGE)
    exported = json.loads(json.dumps(signing.PublicKeySet({signer.key_id: signer.public_key}).export()))
    keys = signing.PublicKeySet.from_export(exported)
    assert keys.verify_token(MESSAGE, token)
    assert not keys.verify_token(MESSAGE + b"x", token)
    assert not keys.verify_token(MESSAGE, signing.Signer.generate().token(MESSAGE))  # unknown key id
    for junk in ("", "abc", token[:20], token.replace(".", ""), "zzzzzzzz." + token[9:]):
        assert not keys.verify_token(MESSAGE, junk)


def test_exported_key_set_refuses_a_key_under_a_wrong_id():
    a, b = signing.Signer.generate(), signing.Signer.generate()
    with pytest.raises(ValidationError):
        signing.PublicKeySet.from_export({a.key_id: signing.b64u(b.public_key)})


def test_first_key_is_made_on_demand_and_reused(db):
    with db.session() as s:
        first = site_keys.active_signer(s)
    with db.session() as s:
        again = site_keys.active_signer(s)
        assert s.scalar(select(SiteKey.key_id)) == first.key_id
        assert s.scalars(select(AuditEvent.action)).all() == ["site_key.created"]
    assert again == first


def test_no_key_without_create(db):
    with db.session() as s, pytest.raises(Exception, match="no active signing key"):
        site_keys.active_signer(s, create=False)


def test_verify_against_the_database_and_offline_export(db):
    with db.session() as s:
        signer = site_keys.active_signer(s)
        sig = signer.sign(MESSAGE)
        assert site_keys.verify(s, signer.key_id, MESSAGE, sig)
        assert not site_keys.verify(s, signer.key_id, MESSAGE + b"!", sig)
        assert not site_keys.verify(s, "00000000", MESSAGE, sig)
        exported = site_keys.export_public_keys(s)
    assert signing.PublicKeySet.from_export(exported).verify(signer.key_id, MESSAGE, sig)
    assert all(len(signing.unb64u(v)) == 32 for v in exported.values())


def test_rotation_retires_the_old_key_which_still_verifies(db):
    with db.session() as s:
        unit = factories.unit(s)
        admin = factories.actor(s, unit, username="admin1", role="admin")
        old = site_keys.active_signer(s)
        old_token = old.token(MESSAGE)
    new_id = site_keys.rotate_site_key(db, admin)
    with db.session() as s:
        assert new_id != old.key_id and site_keys.active_signer(s).key_id == new_id
        assert site_keys.verify_token(s, MESSAGE, old_token)
        assert site_keys.verify_token(s, MESSAGE, site_keys.active_signer(s).token(MESSAGE))
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert actions[-2:] == ["site_key.retired", "site_key.created"]
    keys = site_keys.list_keys(db, admin)
    assert [(k.key_id, k.active) for k in keys] == [(new_id, True), (old.key_id, False)]
    assert keys[1].retired_at is not None


def test_only_admins_rotate(db):
    with db.session() as s:
        unit = factories.unit(s)
        clerk = factories.actor(s, unit, username="clerk1", role="counter")
    with pytest.raises(PermissionDenied):
        site_keys.rotate_site_key(db, clerk)
    with pytest.raises(PermissionDenied):
        site_keys.list_keys(db, clerk)
