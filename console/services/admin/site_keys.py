"""The site's signing keys in the database: sign, verify, rotate, list (see console.signing).

Why the private key lives in the shared database, and what a signature
therefore vouches for, is told in console/signing.py; the crypto is there,
the rows, the permissions and the audit events here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import NotFound, ValidationError
from console.models import SiteKey, utcnow
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission
from console.signing import PublicKeySet, Signer, b64u, split_token, verify_with

# Public keys never change for a key id, so verification may remember them
# (per database, since tests and sites each have their own keys).
_public_cache: dict[tuple[str, str], bytes] = {}


def active_signer(session: Session, *, create: bool = True) -> Signer:
    """The newest key not retired; with `create`, the site's first key is made on demand."""
    row = session.scalars(select(SiteKey).where(SiteKey.retired_at.is_(None))
                          .order_by(SiteKey.created_at.desc(), SiteKey.id.desc()).limit(1)).first()
    if row is None:
        if not create:
            raise NotFound("no active signing key", entity="site_key")
        row = _new_key(session, None)
    return Signer(row.key_id, bytes(row.private_key))


def _new_key(session: Session, actor: Actor | None) -> SiteKey:
    signer = Signer.generate()
    row = SiteKey(key_id=signer.key_id, public_key=signer.public_key,
                  private_key=signer.private_key, created_by=actor.user_id if actor else None,
                  created_at=utcnow())
    session.add(row)
    session.flush()
    audit.record(session, actor, "site_key.created", entity_type="site_key",
                 entity_id=row.key_id, after={"key_id": row.key_id})
    return row


def public_key(session: Session, key_id: str) -> bytes | None:
    """The public key of `key_id` (retired ones too), or None."""
    cache_key = (str(session.get_bind().engine.url), key_id)
    if cache_key in _public_cache:
        return _public_cache[cache_key]
    value = session.scalar(select(SiteKey.public_key).where(SiteKey.key_id == key_id))
    if value is None:
        return None
    _public_cache[cache_key] = bytes(value)
    return bytes(value)


def verify(session: Session, key_id: str, message: bytes, signature: bytes) -> bool:
    """True when one of the site's keys (active or retired) signed `message`."""
    public = public_key(session, key_id)
    return public is not None and verify_with(public, message, signature)


def verify_token(session: Session, message: bytes, token: str) -> bool:
    try:
        key_id, signature = split_token(token)
    except ValidationError:
        return False
    return verify(session, key_id, message, signature)


def public_key_set(session: Session) -> PublicKeySet:
    rows = session.execute(select(SiteKey.key_id, SiteKey.public_key)).all()
    return PublicKeySet({kid: bytes(pub) for kid, pub in rows})


def export_public_keys(session: Session) -> dict[str, str]:
    """{key_id: base64url public key} of every key ever used, for offline verification."""
    return public_key_set(session).export()


def rotate_key(session: Session, actor: Actor | None = None) -> Signer:
    """Retire every active key and make a new one; returns the new signer."""
    now = utcnow()
    for row in session.scalars(select(SiteKey).where(SiteKey.retired_at.is_(None))):
        row.retired_at = now
        audit.record(session, actor, "site_key.retired", entity_type="site_key",
                     entity_id=row.key_id, after={"key_id": row.key_id})
    row = _new_key(session, actor)
    return Signer(row.key_id, bytes(row.private_key))


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    public_key: str  # base64url
    created_at: dt.datetime
    retired_at: dt.datetime | None
    active: bool


@use_case(Permission.MANAGE_KEYS)
def rotate_site_key(db: Database, actor: Actor) -> str:
    """Administrator: retire the active key and start a new one; returns the new key id."""
    with db.uow() as session:
        return rotate_key(session, actor).key_id


@use_case(Permission.MANAGE_KEYS)
def list_keys(db: Database, actor: Actor) -> list[KeyInfo]:
    """Every key, newest first (no private parts). Administrators only (MANAGE_KEYS)."""
    with db.read() as session:
        return keys_oldest_first(session)[::-1]


def keys_oldest_first(session: Session) -> list[KeyInfo]:
    """Every key in the order it was made (for the server's shell: no permission asked)."""
    rows = session.scalars(select(SiteKey).order_by(SiteKey.created_at, SiteKey.id))
    return [KeyInfo(r.key_id, b64u(bytes(r.public_key)), r.created_at, r.retired_at,
                    r.retired_at is None) for r in rows]
