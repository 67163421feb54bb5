"""`python -m console seals keys|rotate-key|revoke-key ID|export-keys|check TEXT`: site keys and seal codes
from the server's shell. Rotating and revoking name an administrator (`--user`, see
console/cli/operator.py) and are audited under that name; the others only read. Each prints
one line per fact, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from console.cli import operator
from console.cli.common import add_db, current_database
from console.db import Database
from console.services.admin import site_keys
from console.services.seals.scans import classify, describe
from console.timeutil import to_local


def add_parser(commands: argparse._SubParsersAction) -> None:
    seals = commands.add_parser("seals", help="site signing keys and seal codes")
    sub = seals.add_subparsers(dest="seals_command", metavar="ACTION", required=True)
    add_db(sub.add_parser("keys", help="list the site signing keys (no private parts)"))
    rotate = sub.add_parser("rotate-key", help="retire the active key and start a new one")
    add_db(rotate)
    operator.add_options(rotate)
    revoke = sub.add_parser("revoke-key", help="revoke a compromised key: what it signed "
                                                "reports revoked, never genuine")
    revoke.add_argument("key_id")
    add_db(revoke)
    operator.add_options(revoke)
    export = sub.add_parser("export-keys", help="public keys as JSON, for offline verification")
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    add_db(export)
    check = sub.add_parser("check", help="what a scanned text is: genuine, forged, barcode, "
                                          "not a seal (nothing logged)")
    check.add_argument("text")
    add_db(check)


def run(args: argparse.Namespace) -> int:
    with current_database(args.db) as db:
        if args.seals_command == "keys":
            return _keys(db)
        if args.seals_command == "rotate-key":
            key_id = site_keys.rotate_site_key(db, operator.sign_in(db, args))
            print(f"active key {key_id}")
            return 0
        if args.seals_command == "revoke-key":
            info = site_keys.revoke_site_key(db, operator.sign_in(db, args), args.key_id)
            print(f"revoked key {info.key_id}: the next label, notice or package makes a new one")
            return 0
        if args.seals_command == "export-keys":
            return _export(db, args.out)
        with db.read() as session:
            result = describe(session, classify(session, args.text), args.text)
        where = f" {result.state} {result.meter_no} {result.position}".rstrip() if result.known else ""
        print(f"{result.verdict}: {result.seal_no or '-'} {result.message}{where}")
        return 0 if result.verdict in ("genuine", "barcode") else 1


def _keys(db: Database) -> int:
    with db.read() as session:
        rows = site_keys.keys_oldest_first(session)
    for row in rows:
        retired = f"retired {to_local(row.retired_at):%Y-%m-%d %H:%M}" if row.retired_at else "active"
        if row.revoked_at:
            retired = f"REVOKED {to_local(row.revoked_at):%Y-%m-%d %H:%M}"
        print(f"{row.key_id}  created {to_local(row.created_at):%Y-%m-%d %H:%M}  {retired}")
    if not rows:
        print("no key yet: the first label, notice or package makes one")
    return 0


def _export(db: Database, out: str | None) -> int:
    with db.read() as session:
        text = json.dumps(site_keys.export_public_keys(session), indent=1)
    if out:
        try:
            Path(out).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot write {out}: {exc.strerror}", file=sys.stderr)
            return 1
    else:
        print(text)
    return 0
