"""Every use case of the PostgreSQL tests runs as its duty role, under row-level security.

Issue 17: the whole suite also runs through the least-privileged roles where it acts as
those users. On the `db` fixture's PostgreSQL leg, each use case (console.services.acting)
runs after `SET ROLE <prefix>_<duty>` with `griddesk.units` set to the actor's scope, as a
workstation with GRIDDESK_PG_ROLES=1 does after its login, and `RESET ROLE` after it; the
tests' own set-up stays superuser. A grant missing from console/dbroles/grants.py shows as
"permission denied". Another unit's rows are then not there at all: where the application
answers "out of scope" on SQLite, a seated PostgreSQL session finds nothing (`seated(db)`
tells a test which answer to expect). GRIDDESK_TEST_SEATED=0 runs the PostgreSQL leg as
the superuser instead (the application-level checks alone).
"""

from __future__ import annotations

import os
import uuid
from contextvars import ContextVar, Token
from typing import Any

from sqlalchemy import Connection, text

from console.db import make_engine
from console.dbroles import DUTIES, apply_roles
from console.services import acting
from console.services.permissions import Permission, allowed
from console.services.unit_scope import units_in_scope

PREFIX = f"seat_{uuid.uuid4().hex[:6]}"
ON = os.environ.get("GRIDDESK_TEST_SEATED", "1") != "0"
_enter = acting.enter
_current = acting._current
_seated: ContextVar[Connection | None] = ContextVar("seated", default=None)
_stack: list[bool] = []


def _connection(db: Any) -> Connection | None:
    if db.engine.dialect.name != "postgresql":
        return None
    bind = db.session_factory().bind
    return bind if isinstance(bind, Connection) else None


def _duty(actor: Any) -> str | None:
    if actor is None:
        return None
    if actor.role in DUTIES:
        return str(actor.role)
    return "collector" if actor.username in ("collector", "cost-control") else None


def _units(db: Any, actor: Any, duty: str) -> str:
    if duty == "collector" or allowed(actor.role, Permission.ALL_UNITS):
        return "*"
    with db.glance() as session:
        return ",".join(str(u) for u in units_in_scope(session, actor.unit_id))


def seated(db: Any) -> bool:
    """Whether this test's use cases run seated: PostgreSQL's rows of other units hidden."""
    return ON and _connection(db) is not None


def enter(db: Any, actor: Any, rule: Any, arguments: dict[str, Any]) -> Any:
    scope = _enter(db, actor, rule, arguments)
    conn, duty = (_connection(db), _duty(actor)) if ON else (None, None)
    seated = bool(conn is not None and duty and _seated.get() is None)
    if seated and conn is not None and duty:
        units = _units(db, actor, duty)
        conn.exec_driver_sql(f"SET ROLE {PREFIX}_{duty}")
        conn.execute(text("SELECT set_config('griddesk.units', :u, false)"), {"u": units})
        _seated.set(conn)
    _stack.append(seated)
    return scope


class _Current:
    """acting._current, which also ends the seat when the use case that took it ends."""

    def set(self, value: Any) -> Token[Any]:
        return _current.set(value)

    def reset(self, token: Token[Any]) -> None:
        _current.reset(token)
        conn = _seated.get()
        if _stack and _stack.pop() and conn is not None:
            conn.exec_driver_sql("RESET ROLE")
            _seated.set(None)

    def get(self, *default: Any) -> Any:
        return _current.get(*default)


acting.enter = enter
acting._current = _Current()  # type: ignore[assignment]  # the probe's wrapper, same calls


def apply(url: str) -> None:
    """Make this run's duty roles and policies in the test database (pg_url calls it)."""
    if not ON:
        return
    engine = make_engine(url)
    apply_roles(engine, prefix=PREFIX)
    engine.dispose()


def drop(url: str) -> None:
    """Roles are cluster-wide: dropped with what they own before the database goes."""
    if not ON:
        return
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"REASSIGN OWNED BY {PREFIX}_owner TO current_user")
        for duty in ("owner", "signin", *DUTIES):
            conn.exec_driver_sql(f"DROP OWNED BY {PREFIX}_{duty}")
    with engine.begin() as conn:
        for duty in ("owner", "signin", *DUTIES):
            conn.exec_driver_sql(f"DROP ROLE {PREFIX}_{duty}")
    engine.dispose()
