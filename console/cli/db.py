"""`python -m console db upgrade|downgrade|current|backup|restore`: the schema and its copies."""

from __future__ import annotations

import argparse

from console import migrate
from console.cli import backup
from console.cli.common import EXIT_OK, add_db
from console.db import Database, check_connection, make_engine


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


def run(args: argparse.Namespace) -> int:
    if args.db_command in ("backup", "restore"):
        return backup.run(args)
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
