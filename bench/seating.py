"""`--seated` for the PostgreSQL benchmarks: run as the actor's duty role under row-level
security, as a workstation with GRIDDESK_PG_ROLES=1 does after its login (issue 17).

Without it a benchmark connects as the URL's login, usually a superuser that row-level
security does not apply to; the figures with and without say what the policies cost.
"""

from __future__ import annotations

import argparse

from console.db import Database
from console.dbroles import apply_roles, seat as seats
from console.services.actor import Actor
from console.services.auth import seat_actor


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seated", action="store_true",
                        help="PostgreSQL: act as the actor's duty role under row-level security "
                             "(applies `db roles` first; the login must be allowed to)")


def take_seat(db: Database, actor: Actor, wanted: bool) -> str:
    """Seat the engine's connections as `actor` when asked; the seat's role ("" if none)."""
    if not wanted:
        return ""
    _install(db)
    seat_actor(db, actor)
    return _role(db)


def take_duty(db: Database, duty: str, units: str, wanted: bool) -> str:
    """Seat the connections as a duty for `units` ("*" or ids) when asked."""
    if not wanted:
        return ""
    _install(db)
    seats.act_as(db.engine, duty, units)
    return _role(db)


def _install(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise SystemExit("--seated needs a PostgreSQL --db")
    apply_roles(db.engine)  # idempotent: an up-to-date site changes nothing
    seats.install(db.engine)


def _role(db: Database) -> str:
    seat = seats.current(db.engine)
    return seat.role if seat else ""
