"""`python -m console report NAME … -o FILE.pdf`: reports for scheduled runs.

Bad input (no or reversed dates, an unknown unit or customer, a folder that
cannot be written) ends with one clear line and exit 1, and never leaves a
file behind: the PDF goes to a temporary file beside the target and is
renamed over it only when it is whole.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from dataclasses import replace
from pathlib import Path

from console.files import write_user_file
from console.models.enums import AccessPurpose
from reports.registry import REPORTS, ReportParams, generate_document

EXIT_OK, EXIT_FAILED = 0, 1
SCHEDULED = {"zh": "系统（计划任务）", "en": "GridDesk (scheduled)"}  # "prepared by" on the page


PURPOSES = tuple(p.value for p in AccessPurpose)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    report = commands.add_parser("report", help="write a report as PDF (statement, "
                                                "daily_collection, aging, …)")
    report.add_argument("name", choices=sorted(REPORTS), metavar="NAME",
                        help="one of: " + ", ".join(sorted(REPORTS)))
    report.add_argument("--from", dest="start", type=_date, metavar="DATE")
    report.add_argument("--to", dest="end", type=_date, metavar="DATE",
                        help="last day (aging, statement: the day it is taken on)")
    report.add_argument("--unit", type=int, metavar="ID", help="unit id (default: the company)")
    report.add_argument("--customer", metavar="NO", help="customer number (statement)")
    report.add_argument("--operator", type=int, metavar="ID", help="operator id (collection)")
    report.add_argument("--notice", metavar="DOC_NO", help="notice number (notices)")
    report.add_argument("--lang", choices=("zh", "en"), default="zh")
    report.add_argument("--purpose", choices=PURPOSES, default="", metavar="CODE",
                        help="why it is made, recorded in the audit trail: "
                             f"{', '.join(PURPOSES)} (default: counter_service for a "
                             "customer's document, reporting for the others)")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    report.add_argument("--db", metavar="URL",
                        help="database URL (default: $GRIDDESK_DB, else the embedded SQLite file)")
    return report


def missing(name: str, args: argparse.Namespace) -> str:
    """What the report needs that the command line did not give, in words; "" if nothing."""
    needs = REPORTS[name].needs
    if "range" in needs and (args.start is None or args.end is None):
        return f"{name} needs a date range: --from DATE --to DATE"
    if "month" in needs and args.start is None:
        return f"{name} needs the month: --from DATE (any day of it)"
    if "customer" in needs and not args.customer:
        return f"{name} needs a customer: --customer NO"
    if "notice" in needs and not args.notice:
        return f"{name} needs a notice number: --notice DOC_NO"
    return ""


def run(args: argparse.Namespace, open_database, sign_in) -> int:  # cli.current_database
    """Generate and write as the operator `sign_in(db, args)` names (console/cli/operator.py:
    a person, or a `reports` service account for scheduled runs); ConsoleErrors go up to
    the CLI, which prints them in one line."""
    problem = missing(args.name, args) or _unwritable(Path(args.output))
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_FAILED
    params = ReportParams(start=args.start, end=args.end, unit_id=args.unit,
                          customer_no=args.customer, operator_id=args.operator,
                          notice_no=args.notice, lang=args.lang, purpose=args.purpose)
    with open_database(args.db) as db:
        actor = sign_in(db, args)
        if actor.user_id is None:  # a service: the page says "scheduled", the audit its name
            actor = replace(actor, full_name=SCHEDULED[args.lang])
        made = generate_document(db, actor, args.name, params)
    pdf = made.pdf
    try:
        write_atomically(Path(args.output), pdf)
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.name} {made.doc_no}: {made.pages} pages, {len(pdf):,} bytes written to "
          f"{args.output}")
    return EXIT_OK


def _unwritable(path: Path) -> str:
    folder = path.resolve().parent
    if path.is_dir():
        return f"{path} is a folder; give a file name"
    if not folder.is_dir():
        return f"cannot write {path}: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK):
        return f"cannot write {path}: no permission to write in {folder}"
    return ""


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, owner-only (console.files has the policy)."""
    write_user_file(path, data)
