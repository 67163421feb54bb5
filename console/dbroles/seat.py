"""Which duty and units a PostgreSQL connection acts as: set on every checkout.

Off unless the site turns it on (GRIDDESK_PG_ROLES=1) and the process installs it on its
engine (main.py for the GUI, `collect` for the collector). Then each connection handed out
by the pool runs `SET ROLE <prefix>_<duty>` and sets `griddesk.units` first — only when
they differ from what that connection was last given, so the hot path pays nothing.
Before anyone logs in the duty is `signin`; login (console.services.auth) seats the actor.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

import psycopg
from sqlalchemy import Engine, event

from console.db import describe_url
from console.dbroles.apply import DEFAULT_PREFIX, check_name, role_name
from console.dbroles.grants import DUTIES, SIGNIN
from console.dbroles.policies import ALL_UNITS, UNITS_SETTING
from console.errors import DatabaseUnavailable

__all__ = ["ALL_UNITS", "ENV_ON", "ENV_PREFIX", "Seat", "act_as", "current", "install",
           "installed", "sign_out", "wanted"]

ENV_ON = "GRIDDESK_PG_ROLES"
ENV_PREFIX = "GRIDDESK_PG_ROLE_PREFIX"
_INFO_KEY = "griddesk_seat"


@dataclass(frozen=True)
class Seat:
    """A role to SET and the value of griddesk.units ("" no unit, "*" all, else ids)."""

    role: str
    units: str


class _Chair:
    """The seat one engine's connections take; changed at login and logout."""

    def __init__(self, prefix: str, where: str) -> None:
        self.prefix = prefix
        self.where = where  # what an error names: host/database, never a password
        self.seat = Seat(role_name(prefix, SIGNIN), "")


_chairs: weakref.WeakKeyDictionary[Engine, _Chair] = weakref.WeakKeyDictionary()


def wanted() -> bool:
    """The site asked for database roles (GRIDDESK_PG_ROLES=1)."""
    return os.environ.get(ENV_ON, "") == "1"


def env_prefix() -> str:
    return check_name(os.environ.get(ENV_PREFIX) or DEFAULT_PREFIX)


def install(engine: Engine, *, prefix: str | None = None) -> bool:
    """Seat every connection of a PostgreSQL engine; False (nothing done) on SQLite.

    A connection idle in the pool takes the seat at its next checkout like a new one.
    """
    if engine.dialect.name != "postgresql" or engine in _chairs:
        return engine in _chairs
    where = describe_url(engine.url.render_as_string(hide_password=True))
    chair = _chairs[engine] = _Chair(check_name(prefix or env_prefix()), where)

    def on_checkout(dbapi_conn, record, _proxy) -> None:  # pool event
        _take_seat(chair, dbapi_conn, record.info)

    event.listen(engine, "checkout", on_checkout)
    return True


def installed(engine: Engine) -> bool:
    return engine in _chairs


def act_as(engine: Engine, duty: str, units: Iterable[int] | str) -> None:
    """From the next checkout on, connections act as `duty` for `units` (ids, or "*")."""
    chair = _chairs.get(engine)
    if chair is None:
        return
    if duty not in DUTIES:
        raise ValueError(f"no such duty: {duty}")
    if isinstance(units, str) and units != ALL_UNITS:
        raise ValueError(f"units must be ids or {ALL_UNITS!r}: {units!r}")
    text = units if isinstance(units, str) else ",".join(str(u) for u in sorted(set(units)))
    chair.seat = Seat(role_name(chair.prefix, duty), text)


def sign_out(engine: Engine) -> None:
    """Back to `signin`: what a workstation with nobody logged in may do."""
    chair = _chairs.get(engine)
    if chair is not None:
        chair.seat = Seat(role_name(chair.prefix, SIGNIN), "")


def current(engine: Engine) -> Seat | None:
    chair = _chairs.get(engine)
    return chair.seat if chair else None


def _take_seat(chair: _Chair, dbapi_conn, info: dict) -> None:
    seat = chair.seat
    if info.get(_INFO_KEY) == seat:
        return
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"SET ROLE {seat.role}")
        cur.execute("SELECT set_config(%s, %s, false)", (UNITS_SETTING, seat.units))
    except psycopg.Error as exc:
        # A login not granted this duty (`db roles --login NAME:DUTY`): said like any
        # other database problem, naming the role, instead of a traceback.
        dbapi_conn.rollback()
        detail = str(exc).strip().splitlines()[0] if str(exc) else seat.role
        raise DatabaseUnavailable(f"{chair.where}: {detail}", where=chair.where,
                                  detail=detail) from exc
    finally:
        cur.close()
    # Committed at once: a rollback of the caller's transaction would undo a SET ROLE
    # made inside it, and the connection would go on with rights nobody asked for.
    dbapi_conn.commit()
    info[_INFO_KEY] = seat
