"""`python -m console audit verify | anchor`: check the audit trail's hash chain, and sign its
head into an anchors file outside the database (console/services/audit_anchor.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from sqlalchemy.orm import Session

from console.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_db, current_database
from console.services import audit, audit_anchor as anchors

_KEY_HELP = f"HMAC key file (default: ${anchors.KEY_ENV}); keep it off the database server"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("audit", help="audit trail")
    audit_cmd = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit_cmd.add_parser("verify", help="check the hash chain (and anchors); exit 0 when intact")
    add_db(verify)
    verify.add_argument("--anchors", metavar="FILE", help="also check every anchor in FILE")
    verify.add_argument("--key-file", metavar="PATH", help=_KEY_HELP)
    anchor = audit_cmd.add_parser("anchor", help="append the signed chain head to an anchors file")
    add_db(anchor)
    anchor.add_argument("--out", metavar="FILE", help="anchors file to append to")
    anchor.add_argument("--key-file", metavar="PATH", help=_KEY_HELP)
    anchor.add_argument("--new-key", metavar="PATH", help="create a key file (0600) and stop")


def run(args: argparse.Namespace) -> int:
    if args.audit_command == "anchor":
        return _anchor(args)
    key = _key_if(args.anchors, args.key_file)
    with current_database(args.db) as db, db.read() as session:
        code = _verify_chain(session)
        if args.anchors and code == EXIT_OK:
            code = _verify_anchors(session, anchors.read_anchors(args.anchors, key))
    return code


def _key_if(wanted: str | None, key_file: str | None) -> bytes:
    return anchors.read_key(anchors.key_path(key_file)) if wanted else b""


def _verify_chain(session: Session) -> int:
    seq, head_hash = anchors.head(session)
    # Printed every time: a copy of this line kept elsewhere is an anchor too.
    print(f"audit head: event {seq}, hash {head_hash}")
    result = audit.verify(session)
    if result.ok:
        print(f"audit chain intact: {result.checked} events")
        return EXIT_OK
    print(f"audit chain BROKEN at event {result.bad_seq}: {result.problem} "
          f"({result.checked} events before it verified)", file=sys.stderr)
    return EXIT_FAILED


def _verify_anchors(session: Session, found: list[anchors.Anchor]) -> int:
    check = anchors.check_anchors(session, found)
    if check.ok:
        print(f"audit anchors match: {check.checked} anchors, the newest at event {check.last_seq}")
        return EXIT_OK
    print(f"audit anchors BROKEN at event {check.bad_seq}: {check.problem}", file=sys.stderr)
    return EXIT_FAILED


def _anchor(args: argparse.Namespace) -> int:
    if args.new_key:
        print(f"audit key written to {args.new_key} (key id {anchors.new_key_file(args.new_key)})")
        return EXIT_OK
    if not args.out:
        print("error: give --out FILE (or --new-key PATH)", file=sys.stderr)
        return EXIT_USAGE
    key = anchors.read_key(anchors.key_path(args.key_file))
    earlier = anchors.read_anchors(args.out, key) if os.path.exists(args.out) else []
    with current_database(args.db) as db, db.read() as session:
        # Never sign a chain that is already broken or no longer matches earlier anchors.
        code = _verify_chain(session)
        if code == EXIT_OK and earlier:
            code = _verify_anchors(session, earlier)
        if code != EXIT_OK:
            print("not anchored", file=sys.stderr)
            return code
        seq, head_hash = anchors.head(session)
    prev = earlier[-1].mac if earlier else ""
    line = anchors.anchor_line(key, seq, head_hash, dt.datetime.now(dt.UTC), prev)
    anchors.append_anchor(args.out, line)
    print(f"anchored event {seq} in {args.out}")
    return EXIT_OK
