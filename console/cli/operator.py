"""Who runs a command that changes the database: the one door of the command line (issue 17
item 6).

A command that writes declares it with `add_options(parser, …)`; before it runs,
`app._dispatch` calls `require()`, which refuses (exit 2, nothing written, the database not
even opened) a command given no operator. The command then calls `sign_in(db, args)` for
its Actor:

- `--user NAME`: a person, through the same login as the console (console.services.auth:
  password check, lockout after five wrong passwords, disabled accounts, a password to
  change first). The password is asked on the terminal (getpass), or read from the first
  line of standard input with `--password-stdin` (scripts, tests; like `docker login`).
  There is deliberately no password in an environment variable: the environment is seen
  by every child process, by `ps e`, in /proc/PID/environ of the same user, and in the
  shell history of whoever set it on the command line.
- `--token-file PATH`: a service account (console.services.admin.service_accounts), for
  the commands of its duty only. The file is read only when it is a regular file of at
  most a few hundred bytes that neither group nor others may read.

The Actor is the real one: every use case's role, unit-scope and live-session checks
apply, and the audit trail names the person or the service, never "cli".
"""

from __future__ import annotations

import argparse
import getpass
import os
import stat
import sys
from collections.abc import Callable

from console.db import Database
from console.dbroles import seat
from console.errors import PermissionDenied
from console.services import auth
from console.services.actor import Actor
from console.services.admin import service_accounts
from console.services.admin.service_accounts import MAX_TOKEN_BYTES

MAX_PASSWORD_CHARS = 1024
LOGIN_ACTION = "login.cli"  # the audit trail tells a command-line sign-in from the console's


class NoOperator(Exception):
    """The command was given no usable operator; `message` says what to give."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def add_options(parser: argparse.ArgumentParser, *, people: bool = True,
                services: tuple[str, ...] = ()) -> None:
    """Mark `parser`'s command as one that needs an operator, and add the ways to name one."""
    group = parser.add_argument_group("operator (this command changes the database)")
    if people:
        group.add_argument("--user", metavar="NAME",
                           help="act as this GridDesk user; the password is asked on the terminal")
        group.add_argument("--password-stdin", action="store_true",
                           help="with --user: read the password from the first line of stdin")
    if services:
        group.add_argument("--token-file", metavar="PATH",
                           help=f"act as a service account of duty {' or '.join(services)} "
                                "(from `users token`; the file must be private: chmod 600)")
    parser.set_defaults(operator_people=people, operator_services=services)


def needed(args: argparse.Namespace) -> bool:
    return hasattr(args, "operator_services")


def require(args: argparse.Namespace) -> None:
    """Refuse at once a command that needs an operator and names none."""
    person, service = getattr(args, "user", None), getattr(args, "token_file", None)
    if person and service:
        raise NoOperator("give --user or --token-file, not both: one operator acts")
    if not needed(args) or person or service:
        return
    ways = []
    if args.operator_people:
        ways.append("--user NAME (password on the terminal, or --password-stdin)")
    if args.operator_services:
        ways.append(f"--token-file PATH (a {' or '.join(args.operator_services)} service account)")
    raise NoOperator(f"this command changes the database and needs an operator: give "
                     f"{' or '.join(ways)}")


def sign_in(db: Database, args: argparse.Namespace) -> Actor:
    """The Actor the command acts as; AuthenticationFailed and the like go up as ConsoleErrors."""
    require(args)
    if getattr(args, "token_file", None):
        return _service(db, args)
    password = read_password(args.user, args.password_stdin)
    if seat.wanted():
        seat.install(db.engine)  # PostgreSQL roles: login seats the user's duty
    return auth.login(db, args.user, password, action=LOGIN_ACTION)


def _service(db: Database, args: argparse.Namespace) -> Actor:
    text = read_token_file(args.token_file)
    args.token_text = text  # for token_watch: the token this process signed in with
    wanted = seat.wanted() and seat.install(db.engine)
    actor, duty = service_accounts.sign_in(db, text)
    if duty not in args.operator_services:
        raise PermissionDenied(f"a {duty} service token may not run this command",
                               permission=f"service.{duty}", role=duty)
    if wanted and duty == "collector":
        seat.act_as(db.engine, "collector", seat.ALL_UNITS)
    return actor


def token_watch(db: Database, args: argparse.Namespace) -> Callable[[], bool] | None:
    """For a long-running service signed in by token: a check that its token still opens
    its account (None for a person). Raises what the database raises when it is away."""
    text = getattr(args, "token_text", None)
    if text is None:
        return None
    return lambda: service_accounts.token_still_valid(db, text)


def read_password(user: str, from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline(MAX_PASSWORD_CHARS + 1).rstrip("\r\n")
        if not line:
            raise NoOperator("--password-stdin: no password on the first line of stdin")
        if len(line) > MAX_PASSWORD_CHARS:
            raise NoOperator(f"the password on stdin is longer than {MAX_PASSWORD_CHARS} "
                             "characters")
        return line
    if not sys.stdin.isatty():
        # getpass would fall back to reading stdin with a warning, or wait forever.
        raise NoOperator("no terminal to ask the password on: pipe it in with --password-stdin")
    return getpass.getpass(f"password for {user}: ")


def read_token_file(path: str) -> str:
    """The token file's text, read only when it is private, regular and short."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise NoOperator(f"cannot read the token file {path}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())  # of the file opened, not of a name swapped meanwhile
        if not stat.S_ISREG(info.st_mode):
            raise NoOperator(f"the token file {path} is not a regular file")
        if os.name == "posix" and info.st_mode & 0o077:
            raise NoOperator(f"the token file {path} may be read by others (mode "
                             f"{stat.S_IMODE(info.st_mode):o}): chmod 600 {path}")
        data = handle.read(MAX_TOKEN_BYTES + 1)
    if len(data) > MAX_TOKEN_BYTES:
        raise NoOperator(f"the token file {path} is longer than {MAX_TOKEN_BYTES} bytes: "
                         "not a token file")
    try:
        return data.decode("ascii")
    except UnicodeDecodeError:
        raise NoOperator(f"the token file {path} is not a token file") from None
