"""`python -m console db backup|restore`: the command-line side of console.backup."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from console import backup
from console.cli.common import EXIT_FAILED, EXIT_OK, add_db
from console.keywrap import kek_path
from console.services.admin import site_keys

# The logger keeps the name it had in console/backup/commands.py: operators'
# log searches and filters know it.
log = logging.getLogger("console.backup.commands")


def add_parsers(db_cmd: argparse._SubParsersAction) -> None:
    save = db_cmd.add_parser("backup", help="copy the database into a new file while "
                                            "consoles keep working (SQLite file or pg_dump -Fc)")
    save.add_argument("-o", "--output", required=True, metavar="FILE", type=Path,
                      help="the new backup file (never overwritten)")
    add_db(save)
    load = db_cmd.add_parser("restore", help="restore a backup into an EMPTY database, "
                                             "then verify its audit chain")
    load.add_argument("file", metavar="FILE", type=Path)
    load.add_argument("--db", metavar="URL", required=True,
                      help="the empty database to restore into (a new SQLite file or an "
                           "empty PostgreSQL database)")
    load.add_argument("--no-integrity-check", action="store_true",
                      help="SQLite: skip the page-by-page check of the copy (about a minute a "
                           "GB on a busy machine); its length and audit chain are still checked")


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except OSError as exc:  # a full disk, a folder without write permission
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_FAILED


def _run(args: argparse.Namespace) -> int:
    if args.db_command == "backup":
        done = backup.backup(args.db, args.output)
        print(f"backup written: {done.path} ({done.size / 1e6:.1f} MB, {done.seconds:.1f} s)")
        # The head of the chain at the moment of the backup: kept outside the
        # database, it lets a later `audit verify` prove nothing was rewritten.
        print(f"it ends with audit event {done.audit_seq}, hash {done.audit_hash}")
        # The site's private keys are in it only wrapped: signing after a restore needs
        # the key file too, which is kept apart on purpose (a stolen backup signs nothing).
        print(f"keep the site's key file ({kek_path()}) safe apart from the backup: "
              "a restored copy signs labels and notices only with it")
        log.info("backup %s: %d bytes in %.1f s, audit event %d hash %s", done.path, done.size,
                 done.seconds, done.audit_seq, done.audit_hash)
        return EXIT_OK
    restored = backup.restore(args.file, args.db, integrity_check=not args.no_integrity_check)
    print(f"restored {args.file} into {restored.where} in {restored.seconds:.1f} s")
    audit = restored.audit
    log.info("restored %s into %s in %.1f s; audit verify: %s", args.file, restored.where,
             restored.seconds, "intact" if audit.ok else f"broken at {audit.bad_seq}")
    _print_key_file(restored.key_file)
    if restored.audit.ok:
        print(f"audit chain intact: {restored.audit.checked} events")
        return EXIT_OK
    print(f"audit chain BROKEN at event {restored.audit.bad_seq}: {restored.audit.problem} "
          f"({restored.audit.checked} events before it verified)", file=sys.stderr)
    return EXIT_FAILED


def _print_key_file(check: site_keys.KeyFileCheck | None) -> None:
    """Say at once whether this machine can sign with the restored keys, not at the first
    label a clerk prints."""
    if check is None or not check.wrapped:
        return
    if check.ok:
        print(f"site keys: {check.wrapped} wrapped, opened by the key file {check.path}")
        return
    why = {"missing": "is missing", "bad_file": "is not a key file"}.get(
        check.reason, "is another site's or was replaced")
    print(f"warning: the key file {check.path} {why}: the restored copy cannot sign labels, "
          "notices or routes until the site's key file is copied there (GRIDDESK_KEK_FILE)",
          file=sys.stderr)
