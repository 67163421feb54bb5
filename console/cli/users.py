"""`python -m console users first-admin|services|token|revoke-token`: the site's first
administrator, service accounts and their token files.

Issuing and revoking are an administrator's (MANAGE_USERS) and name them with `--user`;
the list shows no secret (the database holds none) and needs no operator. `first-admin`
needs none either: it works only while the database has no user, so there is nobody to be.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from console.cli import operator
from console.cli.common import EXIT_FAILED, EXIT_OK, add_db, current_database
from console.db import Database
from console.services.admin import service_accounts
from console.services.admin.first_admin import create_first_admin
from console.timeutil import to_local


def add_parser(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser("users", help="service accounts (the collector) and their tokens")
    sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    _add_first_admin(sub)
    add_db(sub.add_parser("services", help="list the service accounts and their tokens' state"))
    token = sub.add_parser("token", help="issue a token file for a service account (made if "
                                         "new); a token issued before stops working")
    token.add_argument("--service", required=True, metavar="NAME")
    token.add_argument("--duty", choices=service_accounts.DUTIES, default="collector",
                       help="what the service does (default collector)")
    token.add_argument("--out", required=True, metavar="FILE",
                       help="the new token file (0600, never overwritten)")
    add_db(token)
    operator.add_options(token)
    revoke = sub.add_parser("revoke-token", help="the service's token stops working")
    revoke.add_argument("--service", required=True, metavar="NAME")
    add_db(revoke)
    operator.add_options(revoke)


def _add_first_admin(sub: argparse._SubParsersAction) -> None:
    first = sub.add_parser("first-admin", help="set-up: the site's first administrator "
                                               "(only while the database has no user)")
    first.add_argument("--username", required=True, metavar="NAME")
    first.add_argument("--full-name", required=True, metavar="TEXT")
    first.add_argument("--unit-code", required=True, metavar="CODE",
                       help="the administrator's unit (five digits); made as the company if new")
    first.add_argument("--unit-name", default="", metavar="TEXT", help="the new unit's name")
    first.add_argument("--password-stdin", action="store_true",
                       help="read the password from the first line of stdin instead of asking")
    add_db(first)


def run(args: argparse.Namespace) -> int:
    with current_database(args.db) as db:
        if args.users_command == "first-admin":
            return _first_admin(db, args)
        if args.users_command == "services":
            return _list(db)
        actor = operator.sign_in(db, args)
        if args.users_command == "revoke-token":
            info = service_accounts.revoke_token(db, actor, args.service)
            print(f"service {info.name}: no token; its token file no longer signs in")
            return EXIT_OK
        return _issue(db, args, actor)


def _issue(db: Database, args: argparse.Namespace, actor) -> int:
    # The file is made first, so a folder that cannot be written issues no token.
    try:
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        print(f"error: cannot create {args.out}: {exc.strerror} (a token file is never "
              "overwritten)", file=sys.stderr)
        return EXIT_FAILED
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        try:
            issued = service_accounts.issue_token(db, actor, args.service, args.duty)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(args.out)
            raise
        handle.write(issued.text)
    print(f"service {issued.name} ({issued.duty}): token {issued.token_id} written to "
          f"{args.out}; give it to the service and keep it private")
    return EXIT_OK


def _first_admin(db: Database, args: argparse.Namespace) -> int:
    password = operator.read_password(args.username, args.password_stdin)
    if not args.password_stdin and password != operator.read_password(args.username, False):
        print("error: the two passwords differ", file=sys.stderr)
        return EXIT_FAILED
    made = create_first_admin(db, username=args.username, full_name=args.full_name,
                              password=password, unit_code=args.unit_code,
                              unit_name=args.unit_name)
    print(f"administrator {made.username} ({made.full_name}) in {made.unit_name}: log in with "
          "the console, or name them with --user here")
    return EXIT_OK


def _list(db: Database) -> int:
    rows = service_accounts.list_services(db)
    for s in rows:
        state = (f"token {s.token_id} issued {to_local(s.token_issued_at):%Y-%m-%d %H:%M}"
                 if s.has_token and s.token_issued_at else "no token")
        used = f", last used {to_local(s.last_used_at):%Y-%m-%d %H:%M}" if s.last_used_at else ""
        print(f"{s.name:<20} {s.duty:<10} {state}{used}")
    if not rows:
        print("no service accounts: `users token --service NAME --out FILE` makes one")
    return EXIT_OK
