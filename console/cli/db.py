"""`python -m console db upgrade|downgrade|current|backup|restore|roles`: the schema, its copies
and its PostgreSQL roles."""

from __future__ import annotations

import argparse

from sqlalchemy.exc import DBAPIError

from console import migrate
from console.cli import backup
from console.cli.common import EXIT_OK, add_db
from console.db import Database, check_connection, make_engine
from console.dbroles import DEFAULT_PREFIX, DUTIES, RolesRefused, apply_roles


def add_parser(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="schema migrations")
    db_cmd = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    for name, text in (("upgrade", "migrate the schema to the newest revision"),
                       ("downgrade", "migrate down to a revision (default: base)"),
                       ("current", "print the schema revision")):
        sub = db_cmd.add_parser(name, help=text)
        add_db(sub)
        if name != "current":
            sub.add_argument("revision", nargs="?", default="head" if name == "upgrade" else "base")
    backup.add_parsers(db_cmd)
    _add_roles_parser(db_cmd)


def _add_roles_parser(db_cmd: argparse._SubParsersAction) -> None:
    roles = db_cmd.add_parser(
        "roles", help="PostgreSQL: create the owner and duty roles, grants and row-level "
                      "security (again after every upgrade; safe to repeat)")
    add_db(roles)
    roles.add_argument("--prefix", default=DEFAULT_PREFIX,
                       help=f"role names are PREFIX_owner, PREFIX_counter… (default {DEFAULT_PREFIX})")
    roles.add_argument("--login", action="append", default=[], metavar="NAME[:DUTY,…]",
                       help="an existing login role that may take these duties (default all: "
                            f"{', '.join(DUTIES)}); repeatable")
    roles.add_argument("--leakproof-like", action="store_true",
                       help="let customer search use its indexes under row-level security "
                            "(marks LIKE and right() leakproof; see the README)")


def _logins(specs: list[str]) -> dict[str, list[str]]:
    logins: dict[str, list[str]] = {}
    for spec in specs:
        name, _, duties = spec.partition(":")
        logins[name] = [d for d in duties.split(",") if d]
    return logins


def _run_roles(args: argparse.Namespace) -> int:
    engine = make_engine(args.db)
    try:
        check_connection(engine)
        migrate.require_current(engine)
        done = apply_roles(engine, prefix=args.prefix, logins=_logins(args.login),
                           leakproof_like=args.leakproof_like)
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise RolesRefused(f"roles not applied: {detail}", detail=detail) from exc
    finally:
        engine.dispose()
    print(f"roles: {', '.join(done.roles)} (owner {done.owner})")
    print(f"row-level security on {len(done.policed_tables)} tables: "
          f"{', '.join(done.policed_tables)}")
    if done.leakproof_like:
        print("LIKE and right() marked leakproof: customer search keeps its indexes")
    for login in done.logins:
        print(f"login {login}: holds no rights of its own, may SET ROLE to its duties")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.db_command in ("backup", "restore"):
        return backup.run(args)
    if args.db_command == "roles":
        return _run_roles(args)
    engine = make_engine(args.db)
    try:
        check_connection(engine)
        if args.db_command == "current":
            print(migrate.current_revision(engine) or "(empty)")
        elif args.db_command == "upgrade":
            migrate.upgrade(engine, args.revision)
            print(f"schema at {migrate.current_revision(engine)}: {Database(engine).description}")
        else:
            migrate.downgrade(engine, args.revision)
            print(f"schema at {migrate.current_revision(engine) or 'base'}")
    finally:
        engine.dispose()
    return EXIT_OK
