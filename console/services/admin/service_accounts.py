"""Service accounts: programs that act without a person at the keyboard (the collector, later the
channel gateway, scheduled reports) and the token files they sign in with (issue 17 item 6).

An administrator issues a token (`python -m console users token --service NAME --duty DUTY
--out FILE`); the file holds the account's name and a 256-bit random secret, the database
only the secret's SHA-256. Issuing again replaces the token (the old file stops working);
revoking leaves the account without one. Each issue, revocation, sign-in and refused token is
in the audit trail under the account's or the administrator's name.

A signed-in service acts as a system process (Actor.system) under its own name: the use
cases of its duty admit system processes (`@use_case(system=True)`), and the command line
lets a token run only the commands of its duty (console/cli/operator.py). On PostgreSQL with
roles the connection also takes the duty's database role (console.dbroles.seat).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.db import Database, workstation_name
from console.errors import AuthenticationFailed, NotFound, ValidationError
from console.models import ServiceAccount, utcnow
from console.models.enums import ServiceDuty
from console.services import audit
from console.services.acting import use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.permissions import Permission

DUTIES = tuple(ServiceDuty)
"""What a service account may be for; the command line maps each to its commands."""

MAGIC = "griddesk-service-token-1"
MAX_TOKEN_BYTES = 256
"""A token file is one short line; anything longer is refused unread (external input)."""

_NAME = re.compile(r"[a-z][a-z0-9_-]{1,39}")


@dataclass(frozen=True)
class IssuedToken:
    name: str
    duty: str
    token_id: str
    text: str  # the token file's content: the only copy of the secret


@dataclass(frozen=True)
class ServiceInfo:
    name: str
    duty: str
    token_id: str
    has_token: bool
    token_issued_at: dt.datetime | None
    token_revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not _NAME.fullmatch(name):
        raise ValidationError("service name: 2-40 lower-case letters, digits, - or _, "
                              "starting with a letter", field="service", value=name[:40])
    return name


@use_case(Permission.MANAGE_USERS)
def issue_token(db: Database, actor: Actor, name: str, duty: str) -> IssuedToken:
    """A new token for the service `name` (created with `duty` if new); the old one stops."""
    with db.uow() as session:
        return install_token(session, actor, name, duty)


def install_token(session: Session, actor: Actor, name: str, duty: str) -> IssuedToken:
    """The body of issue_token inside the caller's transaction, with no permission check:
    for set-up code that holds the right already (tests building a site)."""
    name = _check_name(name)
    if duty not in DUTIES:
        raise ValidationError(f"duty: one of {', '.join(DUTIES)}", field="duty", value=duty)
    account = _account_for(session, actor, name, duty)
    secret = secrets.token_urlsafe(32)
    digest = _digest(secret)
    account.token_hash, account.token_id = digest, digest[:8]
    account.token_issued_at, account.token_revoked_at = utcnow(), None
    audit.record(session, actor, "service.token_issued", entity_type="service_account",
                 entity_id=account.id, after={"name": name, "token_id": account.token_id})
    return IssuedToken(name, duty, digest[:8], f"{MAGIC} {name} {secret}\n")


def _account_for(session: Session, actor: Actor, name: str, duty: str) -> ServiceAccount:
    account = session.scalar(select(ServiceAccount).where(ServiceAccount.name == name))
    if account is None:
        account = ServiceAccount(name=name, duty=duty)
        session.add(account)
        session.flush()
        audit.record(session, actor, "service.created", entity_type="service_account",
                     entity_id=account.id, after={"name": name, "duty": duty})
    elif account.duty != duty:
        raise ValidationError(f"service {name} is a {account.duty} account",
                              field="duty", value=duty, has=account.duty)
    return account


@use_case(Permission.MANAGE_USERS)
def revoke_token(db: Database, actor: Actor, name: str) -> ServiceInfo:
    """The service's token stops working at its next sign-in, and a running collector stops
    at its next check (`collect --recheck-token`); revoking twice changes nothing."""
    with db.uow() as session:
        account = _account(session, _check_name(name))
        if account.token_hash is not None:
            before = {"token_id": account.token_id}
            account.token_hash, account.token_revoked_at = None, utcnow()
            audit.record(session, actor, "service.token_revoked", entity_type="service_account",
                         entity_id=account.id, before=before, after={"name": account.name})
        return _info(account)


def list_services(db: Database) -> list[ServiceInfo]:
    """Every service account, by name (no secrets: there are none to show)."""
    with db.read() as session:
        rows = session.scalars(select(ServiceAccount).order_by(ServiceAccount.name))
        return [_info(a) for a in rows]


def sign_in(db: Database, token_text: str, *, workstation: str | None = None) -> tuple[Actor, str]:
    """The acting identity and duty of a token file's content; every attempt is audited.

    A malformed token, an unknown name, a revoked or replaced token all give the same
    refusal, so a token file cannot be used to learn which services exist."""
    workstation = workstation or workstation_name()
    name, secret = _parse(token_text)
    with db.uow() as session:
        account = session.scalar(select(ServiceAccount).where(ServiceAccount.name == name))
        stored = account.token_hash if account is not None and account.token_hash else "0" * 64
        right = hmac.compare_digest(_digest(secret), stored)
        if account is None:
            raise _refused()
        who = _actor(account, workstation)
        if not right:
            audit.record(session, who, "service.token_refused", entity_type="service_account",
                         entity_id=account.id)
        else:
            account.last_used_at = utcnow()
            audit.record(session, who, "service.signed_in", entity_type="service_account",
                         entity_id=account.id, after={"token_id": account.token_id})
            return who, account.duty
    raise _refused()


def token_still_valid(db: Database, token_text: str) -> bool:
    """Whether a token a running service signed in with still opens its account.

    Asked again while a service runs (the collector, the gateway), so revoking or
    replacing its token stops it within minutes instead of at its next restart. Not
    audited: the sign-in was, and a check a minute would flood the trail."""
    try:
        name, secret = _parse(token_text)
    except AuthenticationFailed:
        return False
    with db.read() as session:
        stored = session.scalar(select(ServiceAccount.token_hash)
                                .where(ServiceAccount.name == name))
    return bool(stored) and hmac.compare_digest(_digest(secret), stored or "")


def _parse(text: str) -> tuple[str, str]:
    parts = text.strip().split(" ")
    if len(parts) != 3 or parts[0] != MAGIC or not _NAME.fullmatch(parts[1]) \
            or not parts[2].isascii():
        raise _refused()
    return parts[1], parts[2]


def _refused() -> AuthenticationFailed:
    return AuthenticationFailed("service token refused (unknown, revoked or replaced)")


def _actor(account: ServiceAccount, workstation: str) -> Actor:
    return Actor(None, account.name, account.name, SYSTEM_ROLE, None,
                 workstation=workstation)


def _account(session: Session, name: str) -> ServiceAccount:
    account = session.scalar(select(ServiceAccount).where(ServiceAccount.name == name))
    if account is None:
        raise NotFound(f"no service account {name}", entity="service_account", name=name)
    return account


def _info(a: ServiceAccount) -> ServiceInfo:
    return ServiceInfo(a.name, a.duty, a.token_id, a.token_hash is not None, a.token_issued_at,
                       a.token_revoked_at, a.last_used_at)
