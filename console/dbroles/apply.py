"""`python -m console db roles`: create the roles, grants and policies; safe to run again.

Run it as a superuser (or the database's owner with CREATEROLE) after `db upgrade`:
tables a migration adds get their grants and policies only when this runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from console.dbroles import grants, policies
from console.errors import ConsoleError

DEFAULT_PREFIX = "griddesk"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")


class RolesRefused(ConsoleError):
    """`db roles` cannot run here: not PostgreSQL, a bad name, or not allowed to."""

    code = "roles_refused"


@dataclass(frozen=True)
class RolesApplied:
    """What `db roles` made: role names, tables under row-level security, logins granted."""

    owner: str
    roles: tuple[str, ...]
    policed_tables: tuple[str, ...]
    logins: tuple[str, ...]
    leakproof_like: bool = False


def role_name(prefix: str, duty: str) -> str:
    return f"{prefix}_{duty}"


def check_name(name: str) -> str:
    """Role names go into SQL unquoted: only lower-case letters, digits and underscores."""
    if not _NAME.match(name):
        raise RolesRefused(f"not a role name: {name!r} (a-z, 0-9, _)", name=name)
    return name


def apply_roles(engine: Engine, *, prefix: str = DEFAULT_PREFIX,
                logins: Mapping[str, Iterable[str]] | None = None,
                leakproof_like: bool = False) -> RolesApplied:
    """Create or bring up to date the owner, sign-in and duty roles of this database.

    `logins` maps an existing LOGIN role (a workstation's or the collector's) to the
    duties it may take with SET ROLE; it is made NOINHERIT, so it holds no rights itself.
    `leakproof_like` lets customer search use its indexes under row-level security
    (see _leakproof_like); left off, an earlier choice stays as it was.
    """
    if engine.dialect.name != "postgresql":
        raise RolesRefused("database roles need PostgreSQL", dialect=engine.dialect.name)
    check_name(prefix)
    logins = {check_name(k): _duties(v) for k, v in (logins or {}).items()}
    with engine.begin() as conn:
        tables = _tables(conn)
        owner = role_name(prefix, grants.OWNER)
        duty_roles = {d: role_name(prefix, d) for d in (grants.SIGNIN, *grants.DUTIES)}
        for role in (owner, *duty_roles.values()):
            _ensure_role(conn, role)
        _own(conn, owner, tables)
        _memberships(conn, duty_roles)
        for duty, role in duty_roles.items():
            _grant(conn, role, duty, tables)
        policed = _police(conn, prefix, list(duty_roles.values()), tables)
        for login, duties in logins.items():
            _seat_login(conn, login, [duty_roles[d] for d in duties], duty_roles[grants.SIGNIN])
        if leakproof_like:
            _leakproof_like(conn)
    return RolesApplied(owner, tuple(duty_roles.values()), policed, tuple(logins),
                        leakproof_like)


def _leakproof_like(conn: Connection) -> None:
    """Mark LIKE (textlike) LEAKPROOF in this database.

    Under row-level security PostgreSQL runs a condition before the policy only if its
    function is leakproof; LIKE is not, so every name, phone or address search scans
    all customers of the session's units instead of using its index (20,000 customers:
    a name lookup's median 52 ms instead of 16 ms; it grows with the customers). What
    PostgreSQL guards against: LIKE raises an error for a pattern ending in the escape
    character, so `'x' LIKE hidden_column` would tell whether some hidden row's value
    ends in a backslash. A superuser's choice, per database, not kept by pg_dump.

    `right(text, integer)` too: the phone-tail search's index is on right(phone, 4), and
    without it a customer number or phone typed at the counter scanned every customer of
    the session's units (100,000 customers, seated counter: p95 57 ms instead of 14 ms).
    It gives nothing away: right() raises no error for any text or count.
    """
    conn.execute(text("ALTER FUNCTION pg_catalog.textlike(text, text) LEAKPROOF"))
    conn.execute(text("ALTER FUNCTION pg_catalog.\"right\"(text, integer) LEAKPROOF"))


def _duties(names: Iterable[str]) -> list[str]:
    duties = list(names) or list(grants.DUTIES)
    unknown = [d for d in duties if d not in grants.DUTIES]
    if unknown:
        raise RolesRefused(f"no such duty: {', '.join(unknown)}", duties=unknown)
    return duties


def _tables(conn: Connection) -> list[str]:
    return list(conn.scalars(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")))


def _ensure_role(conn: Connection, role: str) -> None:
    # CREATE ROLE has no IF NOT EXISTS; roles are cluster-wide and may predate this database.
    if not conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}):
        conn.execute(text(f"CREATE ROLE {role} NOLOGIN"))
    conn.execute(text(f"ALTER ROLE {role} NOLOGIN INHERIT"))


def _own(conn: Connection, owner: str, tables: list[str]) -> None:
    """The owner role owns every table (and so its serial sequences) and the schema use."""
    for table in tables:
        conn.execute(text(f'ALTER TABLE "{table}" OWNER TO {owner}'))


def _memberships(conn: Connection, roles: Mapping[str, str]) -> None:
    signin = roles[grants.SIGNIN]
    for duty, role in roles.items():
        if duty == grants.SIGNIN:
            continue
        # Reporting only reads: it does not even count failed logins.
        verb = "REVOKE {s} FROM {r}" if duty == "reporting" else "GRANT {s} TO {r}"
        conn.execute(text(verb.format(s=signin, r=role)))


def _grant(conn: Connection, role: str, duty: str, tables: list[str]) -> None:
    """Revoke everything, then grant the duty's matrix: a re-run converges."""
    conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}"))
    conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
    for statement in grants.statements(role, duty, tables):
        conn.execute(text(statement))
    if duty != "reporting":
        conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}"))
        # Bulk writes under row-level security stage their rows in a temporary table
        # (console.services.billing.bulk_sql): granted even where PUBLIC's TEMP was revoked.
        database = conn.scalar(text("SELECT current_database()"))
        conn.execute(text(f'GRANT TEMPORARY ON DATABASE "{database}" TO {role}'))


def _police(conn: Connection, prefix: str, roles: list[str], tables: list[str]) -> tuple[str, ...]:
    done = []
    for reach in policies.REACHES:
        if reach.table in tables:
            for statement in policies.statements(reach, prefix=prefix, roles=roles):
                conn.execute(text(statement))
            done.append(reach.table)
    return tuple(done)


def _seat_login(conn: Connection, login: str, duty_roles: list[str], signin: str) -> None:
    """The login may SET ROLE to its duties and starts every connection as `signin` — or as
    reporting, for a login that only reads (a reporting tool never runs our login)."""
    if not conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r AND rolcanlogin"),
                       {"r": login}):
        raise RolesRefused(f"no login role {login}: create it first (CREATE ROLE {login} "
                           "LOGIN PASSWORD '...')", login=login)
    conn.execute(text(f"ALTER ROLE {login} NOINHERIT"))
    reader_only = all(r.endswith("_reporting") for r in duty_roles)
    start = duty_roles[0] if reader_only else signin
    # PostgreSQL 16 keeps inheritance per grant; older servers take it from the role.
    no_inherit = " WITH INHERIT FALSE" if (conn.dialect.server_version_info or (0,)) >= (16,) \
        else ""
    for role in duty_roles if reader_only else (signin, *duty_roles):
        conn.execute(text(f"GRANT {role} TO {login}{no_inherit}"))
    database = conn.scalar(text("SELECT current_database()"))
    conn.execute(text(f'ALTER ROLE {login} IN DATABASE "{database}" SET role = {start}'))
