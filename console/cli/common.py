"""What every command group of `python -m console` shares: exit codes, argument types,
the `--db` option and an open, current database."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

from console import migrate
from console.db import Database, check_connection

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

OpenDb = Callable[[str | None], AbstractContextManager[Database]]


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL",
                        help="database URL (default: $GRIDDESK_DB, else the embedded SQLite file)")


@contextmanager
def current_database(url: str | None) -> Iterator[Database]:
    """An open database whose schema is this program's, disposed afterwards."""
    db = Database.open(url)
    try:
        check_connection(db.engine)
        migrate.require_current(db.engine)
        yield db
    finally:
        db.dispose()


def positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be a positive number")
    return value


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date like 2026-12-07") from None


def positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive number")
    return value


# argparse quotes a type's __name__ in "invalid _positive value: 'x'": keep the words the
# command printed before these helpers moved here from console/cli.py.
for _type in (positive_float, iso_date, positive):
    _type.__name__ = f"_{_type.__name__}"


def print_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def print_progress(stage: str, fraction: float) -> None:
    print(f"\r{stage:<30} {fraction:6.1%}", end="", file=sys.stderr, flush=True)
    if fraction >= 1:
        print(file=sys.stderr)
