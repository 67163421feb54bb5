"""The site's signing keys in the database: sign, verify, rotate, list (see console.signing).

Why the private key lives in the shared database, and what a signature
therefore vouches for, is told in console/signing.py; the crypto is there,
the rows, the permissions and the audit events here.

Private keys are stored wrapped with the key-encryption key file (console/keywrap.py).
Rows written before wrapping (raw 32 bytes) are wrapped in code, not by migration 0016:
a migration runs as the owner, usually where no key file is, so it cannot know the KEK.
The first workstation that signs and may UPDATE site_key wraps them (and creates the key
file when none exists); a duty without UPDATE (the counter on PostgreSQL) signs with the
old row and leaves the wrapping to the administrator's next rotate or revoke.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from console import keywrap
from console.db import Database
from console.errors import NotFound, ValidationError
from console.models import SiteKey, utcnow
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission
from console.signing import PublicKeySet, Signer, b64u, split_token, verify_with

# What a signature check says: made by a key of this site in good standing, by a key the
# administrator revoked (compromised: anyone may have made it), or by no key of this site.
GENUINE, REVOKED, FORGED = "genuine", "revoked", "forged"

# Public keys never change for a key id, so verification may remember them
# (per database, since tests and sites each have their own keys).
_public_cache: dict[tuple[str, str], bytes] = {}


def active_signer(session: Session, *, create: bool = True) -> Signer:
    """The newest key not retired; with `create`, the site's first key is made on demand."""
    row = session.scalars(select(SiteKey).where(SiteKey.retired_at.is_(None),
                                                SiteKey.revoked_at.is_(None))
                          .order_by(SiteKey.created_at.desc(), SiteKey.id.desc()).limit(1)).first()
    if row is None:
        if not create:
            raise NotFound("no active signing key", entity="site_key")
        row = _new_key(session, None)
    _wrap_legacy(session, tolerant=True)
    return _signer(row)


def _signer(row: SiteKey) -> Signer:
    blob = bytes(row.private_key)
    if not keywrap.is_wrapped(blob):
        return Signer(row.key_id, blob)  # a legacy row a duty without UPDATE could not wrap
    return Signer(row.key_id, keywrap.unwrap(keywrap.load_kek(), row.key_id, blob))


@dataclass(frozen=True)
class KeyFileCheck:
    """Whether this workstation's key file opens the site keys a database holds.
    `reason`: "" (opens them, or no key is wrapped yet), "missing", "bad_file", "wrong_kek"."""

    wrapped: int
    path: str
    reason: str

    @property
    def ok(self) -> bool:
        return not self.reason


def check_key_file(session: Session) -> KeyFileCheck:
    """Try the key file on the newest wrapped key: a restored copy signs only with the
    site's key file, which a backup deliberately does not hold. Reads only."""
    rows = session.execute(select(SiteKey.key_id, SiteKey.private_key)
                           .order_by(SiteKey.id)).all()
    wrapped = [(kid, bytes(blob)) for kid, blob in rows if keywrap.is_wrapped(blob)]
    path = str(keywrap.kek_path())
    if not wrapped:
        return KeyFileCheck(0, path, "")
    try:
        keywrap.unwrap(keywrap.load_kek(), *wrapped[-1])
    except keywrap.KeyProtectionError as exc:
        return KeyFileCheck(len(wrapped), path, str(exc.params.get("reason") or "wrong_kek"))
    return KeyFileCheck(len(wrapped), path, "")


def _wrap_legacy(session: Session, *, tolerant: bool) -> None:
    """Wrap every plaintext private key (rows from before keys were wrapped).
    `tolerant`: a duty that may not UPDATE site_key (PostgreSQL counter) leaves them."""
    rows = [r for r in session.scalars(select(SiteKey)) if not keywrap.is_wrapped(r.private_key)]
    if not rows:
        return
    kek = _kek(session)
    try:
        with session.begin_nested():
            for row in rows:
                row.private_key = keywrap.wrap(kek, row.key_id, bytes(row.private_key))
                audit.record(session, None, "site_key.wrapped", entity_type="site_key",
                             entity_id=row.key_id, after={"key_id": row.key_id})
    except DBAPIError:
        if not tolerant:
            raise


def _kek(session: Session) -> bytes:
    """The key file for wrapping, proven on a key it already wraps: a missing file is made
    only while no key is wrapped yet, and a wrong one is refused before it wraps anything
    (either would leave the site's keys under two different key files)."""
    rows = session.execute(select(SiteKey.key_id, SiteKey.private_key)).all()
    wrapped = [(kid, bytes(blob)) for kid, blob in rows if keywrap.is_wrapped(blob)]
    kek = keywrap.load_kek(create=not wrapped)
    if wrapped:
        keywrap.unwrap(kek, *wrapped[-1])
    return kek


def _new_key(session: Session, actor: Actor | None) -> SiteKey:
    signer = Signer.generate()
    wrapped = keywrap.wrap(_kek(session), signer.key_id, signer.private_key)
    row = SiteKey(key_id=signer.key_id, public_key=signer.public_key,
                  private_key=wrapped, created_by=actor.user_id if actor else None,
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


def check(session: Session, key_id: str, message: bytes, signature: bytes) -> str:
    """GENUINE when a key of the site in good standing (active or retired) signed `message`,
    REVOKED when a revoked one did, else FORGED. Revocation is read every time (not
    cached): a key revoked at another workstation must count at once."""
    row = session.execute(select(SiteKey.public_key, SiteKey.revoked_at)
                          .where(SiteKey.key_id == key_id)).first()
    if row is None or not verify_with(bytes(row.public_key), message, signature):
        return FORGED
    return GENUINE if row.revoked_at is None else REVOKED


def verify(session: Session, key_id: str, message: bytes, signature: bytes) -> bool:
    """True only for a genuine signature: a revoked key's signatures do not verify."""
    return check(session, key_id, message, signature) == GENUINE


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
    _wrap_legacy(session, tolerant=False)
    row = _new_key(session, actor)
    return _signer(row)


def revoke_key(session: Session, key_id: str, actor: Actor | None = None) -> KeyInfo:
    """Mark `key_id` compromised (and retired): its signatures report REVOKED from now on;
    the next signature makes a new key. Revoking a revoked key changes nothing."""
    row = session.scalar(select(SiteKey).where(SiteKey.key_id == (key_id or "").strip()))
    if row is None:
        raise NotFound(f"no such signing key: {key_id}", entity="site_key", id=key_id)
    if row.revoked_at is None:
        before = {"key_id": row.key_id, "retired": row.retired_at is not None}
        row.revoked_at = utcnow()
        row.retired_at = row.retired_at or row.revoked_at
        audit.record(session, actor, "site_key.revoked", entity_type="site_key",
                     entity_id=row.key_id, before=before,
                     after={"key_id": row.key_id, "revoked_at": row.revoked_at.isoformat()})
    _wrap_legacy(session, tolerant=False)
    session.flush()
    return _info(row)


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    public_key: str  # base64url
    created_at: dt.datetime
    retired_at: dt.datetime | None
    active: bool
    revoked_at: dt.datetime | None = None


def _info(r: SiteKey) -> KeyInfo:
    return KeyInfo(r.key_id, b64u(bytes(r.public_key)), r.created_at, r.retired_at,
                   r.retired_at is None and r.revoked_at is None, r.revoked_at)


@use_case(Permission.MANAGE_KEYS)
def rotate_site_key(db: Database, actor: Actor) -> str:
    """Administrator: retire the active key and start a new one; returns the new key id."""
    with db.uow() as session:
        return rotate_key(session, actor).key_id


@use_case(Permission.MANAGE_KEYS)
def revoke_site_key(db: Database, actor: Actor, key_id: str) -> KeyInfo:
    """Administrator: revoke a compromised key (audited); its signatures report revoked."""
    with db.uow() as session:
        return revoke_key(session, key_id, actor)


@use_case(Permission.MANAGE_KEYS)
def list_keys(db: Database, actor: Actor) -> list[KeyInfo]:
    """Every key, newest first (no private parts). Administrators only (MANAGE_KEYS)."""
    with db.read() as session:
        return keys_oldest_first(session)[::-1]


def keys_oldest_first(session: Session) -> list[KeyInfo]:
    """Every key in the order it was made (for the server's shell: no permission asked)."""
    rows = session.scalars(select(SiteKey).order_by(SiteKey.created_at, SiteKey.id))
    return [_info(r) for r in rows]
