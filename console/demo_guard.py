"""`demo --force` wipes a database: only a demo one, and only when its name is typed.

A demo database is recognised by what the demo loader writes last: the
`demo.customers` setting and the `demo.generated` audit event. Rows made after
the load are recognised by the audit chain, which records every state change
a person makes: any event after `demo.generated` by a person (other than
signing in and out) is work somebody did, and a wipe would lose it. The
embedded console's own collector and simulator act as the system (no person),
so a demo that merely ran stays a demo. Customers beyond the count the demo
loaded (rows written around the services) count as foreign too.

Every path that loads the demo over existing rows comes through here: the CLI's
`demo --force` and `bench.demo_data --force` (guard_force: the name typed), the
embedded console's first start (guard_first_fill: only an empty file or a load cut
short) and its offer to refresh an old demo (guard_refresh: only a demo nobody
worked in).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select

from console.errors import DatabaseNotEmpty, ValidationError
from console.models import AuditEvent, Customer, Setting, User

# Signing in and out writes audit events but changes no business data.
SIGN_IN_ACTIONS = ("login", "login.failed", "login.refused_locked", "login.refused_disabled",
                   "logout")


@dataclass(frozen=True)
class Contents:
    """What a database holds, as far as `demo --force` cares."""

    empty: bool
    demo: bool
    foreign: int = 0
    first_foreign: str = ""
    first: WorkSince | None = None


@dataclass(frozen=True)
class WorkSince:
    """The first sign that a person worked in a demo database, for the GUI to put in its own
    words: who and when (UTC), or how many customers the demo did not load."""

    actor: str = ""
    at: dt.datetime | None = None
    extra_customers: int = 0


def database_name(engine: Engine) -> str:
    """The name to type: the file name on SQLite, the database name on PostgreSQL."""
    name = engine.url.database or ""
    return Path(name).name if engine.dialect.name == "sqlite" else name


def contents(conn: Connection) -> Contents:
    if not conn.scalar(select(func.count()).select_from(Customer)) and \
            not conn.scalar(select(func.count()).select_from(User)):
        return Contents(empty=True, demo=False)
    loaded = conn.scalar(select(Setting.value).where(Setting.key == "demo.customers"))
    load_seq = conn.scalar(select(func.max(AuditEvent.seq))
                           .where(AuditEvent.action == "demo.generated"))
    if loaded is None or load_seq is None:
        return Contents(empty=False, demo=False)
    after = (select(AuditEvent).where(AuditEvent.seq > load_seq, AuditEvent.actor_id.is_not(None),
                                      AuditEvent.action.not_in(SIGN_IN_ACTIONS)))
    count = conn.scalar(select(func.count()).select_from(after.subquery())) or 0
    first = conn.execute(after.order_by(AuditEvent.seq).limit(1)).first()
    extra = (conn.scalar(select(func.count()).select_from(Customer)) or 0) - int(loaded)
    said = (f"{first.action} by {first.actor_name} at {first.at:%Y-%m-%d %H:%M} UTC" if first
            else f"{extra} customers the demo did not load")
    work = WorkSince(first.actor_name or "", first.at) if first else WorkSince(extra_customers=extra)
    return Contents(False, True, count + max(extra, 0), said, work)


def guard_force(engine: Engine, *, typed: str | None,
                ask: Callable[[str], str] | None) -> None:
    """Raise unless wiping is safe: a demo database, no work done in it, its name typed.

    `typed` is --yes-destroy; without it, `ask(prompt)` asks at the terminal
    (None when there is no terminal to ask at).
    """
    with engine.connect() as conn:
        found = contents(conn)
    if found.empty:
        return
    name = database_name(engine)
    _refuse_work(found, name, "demo --force")
    if typed is None:
        if ask is None:
            raise ValidationError(f"demo --force would wipe {name}: confirm with "
                                  f"--yes-destroy {name}")
        typed = ask(f"This wipes the demo database {name}. Type its name to go on: ")
    if typed.strip() != name:
        raise ValidationError(f"the name typed is not {name}: nothing was changed")


def force_refused(engine: Engine, typed: str | None) -> str:
    """Why `--force --yes-destroy typed` may not wipe this database ("" when it may), for a
    command with no terminal prompt (bench.demo_data)."""
    try:
        guard_force(engine, typed=typed, ask=None)
    except (DatabaseNotEmpty, ValidationError) as exc:
        return exc.message
    return ""


def _refuse_work(found: Contents, name: str, what: str) -> None:
    if not found.demo:
        raise DatabaseNotEmpty(f"{name} holds data the demo did not write (no demo marker): "
                               f"{what} wipes demo databases only; nothing was changed")
    if found.foreign:
        raise DatabaseNotEmpty(f"{name} holds {found.foreign} changes made after the demo was "
                               f"loaded (first: {found.first_foreign}); {what} refuses to "
                               "wipe them; nothing was changed")


def guard_refresh(engine: Engine) -> None:
    """Raise unless the embedded demo may be loaded again: a demo nobody has worked in.
    Clicking "Refresh the demo" is the confirmation; there is no name to type."""
    with engine.connect() as conn:
        found = contents(conn)
    if not found.empty:
        _refuse_work(found, database_name(engine), "refreshing the demo")


def work_since_demo(engine: Engine) -> WorkSince | None:
    """The first change somebody made in this demo database (None when none): a refresh
    would lose it. Data without a demo marker counts as work of unknown author."""
    with engine.connect() as conn:
        found = contents(conn)
    if found.empty or (found.demo and not found.foreign):
        return None
    return found.first or WorkSince()


def guard_first_fill(engine: Engine) -> None:
    """Raise unless the embedded first start may load the demo: an empty database, or one a
    demo load cut short left behind (rows, but not one audit event: the loader writes its
    event last, in the same transaction as its completion mark, and every change a person
    makes writes one). A real hall's file put in the demo's place is never wiped."""
    with engine.connect() as conn:
        found = contents(conn)
        events = conn.scalar(select(func.count()).select_from(AuditEvent)) or 0
    if not found.empty and not found.demo and events:
        raise DatabaseNotEmpty(f"{database_name(engine)} holds data the demo did not write "
                               "(no demo marker): the first start loads the demo into an empty "
                               "database only; nothing was changed")
