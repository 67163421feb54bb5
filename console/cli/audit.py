"""`python -m console audit verify`: check the audit trail's hash chain."""

from __future__ import annotations

import argparse
import sys

from console.cli.common import EXIT_FAILED, EXIT_OK, add_db, current_database
from console.services import audit


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("audit", help="audit trail")
    audit_cmd = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    add_db(audit_cmd.add_parser("verify", help="check the hash chain; exit 0 when intact"))


def run(args: argparse.Namespace) -> int:
    with current_database(args.db) as db, db.read() as session:
        result = audit.verify(session)
    if result.ok:
        print(f"audit chain intact: {result.checked} events")
        return EXIT_OK
    print(f"audit chain BROKEN at event {result.bad_seq}: {result.problem} "
          f"({result.checked} events before it verified)", file=sys.stderr)
    return EXIT_FAILED
