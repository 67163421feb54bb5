"""`python -m console channels bank-import|bank-simulate`: the bank agency's (代收) signed
daily batch file (format: console/channels/bank.py), imported, or made for the demo."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select

from console.channels import bank
from console.channels.bank_import import SLICE, BankImport, post_bank_batch
from console.channels.keys import CONFIG, ensure_bank_test_key, load_bank_key
from console.channels.simulator import BankSigner
from console.cli import operator
from console.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_db,
    current_database,
    iso_date,
    print_progress,
)
from console.db import Database
from console.dbroles import seat
from console.models import Unit
from console.services.channels.bank_access import bank_import_unit


def add_parsers(actions: argparse._SubParsersAction,
                keys_option: Callable[[argparse.ArgumentParser], None]) -> None:
    run = actions.add_parser("bank-import", help="post a bank's signed daily batch file (代收)")
    run.add_argument("file", type=Path, metavar="FILE", help="bank_batch_YYYYMMDD.csv")
    run.add_argument("--sig", type=Path, metavar="FILE.sig",
                     help="its detached Ed25519 signature (default: FILE.sig beside it)")
    add_db(run)
    keys_option(run)
    # It posts payments: a supervisor, or the gateway's service account.
    operator.add_options(run, services=("gateway",))
    sim = actions.add_parser("bank-simulate", help="write a signed test batch file (demo, tests)")
    sim.add_argument("--day", type=iso_date, required=True, metavar="YYYY-MM-DD")
    sim.add_argument("--out", type=Path, required=True, metavar="DIR")
    sim.add_argument("--pay", action="append", required=True, metavar="CUSTOMER=YUAN",
                     help="one record: customer number and amount, e.g. 3700100001=50.00")
    add_db(sim)
    keys_option(sim)


def import_file(args: argparse.Namespace, folder_of: Callable[[Database], Path]) -> int:
    with current_database(args.db) as db:
        actor = operator.sign_in(db, args)
        seated = seat.wanted() and seat.install(db.engine)
        if seated and actor.user_id is None:  # the gateway's token: its duty from the start
            seat.act_as(db.engine, "gateway", seat.ALL_UNITS)
        key = load_bank_key(folder_of(db))
        unit_id = bank_import_unit(db, actor, key.unit_code)  # a person: in their own seat
        if seated:
            # The records post as channel-bank, the gateway's work, whoever started it.
            seat.act_as(db.engine, "gateway", seat.ALL_UNITS)
        try:
            data = bank.read_signed(args.file, key.public, sig_path=args.sig)
            batch = bank.parse_batch(data, file_name=args.file.name)
        except bank.BatchRefused as exc:
            print(f"error: {args.file.name} refused, nothing posted:", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            return EXIT_FAILED
        print(f"{batch.bank} {batch.day}: {len(batch.records)} records, {batch.total} yuan; "
              "signature good", file=sys.stderr)
        big = len(batch.records) > SLICE  # a slice or less is done before anyone waits
        _print_summary(post_bank_batch(db, batch, unit_id=unit_id, operator=actor,
                                       progress=_progress if big else None))
    return EXIT_OK


def _progress(done: int, total: int) -> None:
    print_progress("posting", done / total)


def _print_summary(result: BankImport) -> None:
    if result.nothing_new:
        print(f"nothing new: all {result.records} records were imported before")
        return
    print(f"posted: {result.posted} ({result.posted_total} yuan)")
    print(f"already posted or held before: {result.already}")
    print(f"held for a supervisor: {len(result.held)}")
    for held in result.held:
        print(f"  line {held.line}: {held.transaction_id} customer {held.customer_no} "
              f"{held.amount} yuan: {held.reason.replace('_', ' ')}")


def simulate(args: argparse.Namespace, folder_of: Callable[[Database], Path]) -> int:
    try:
        payments = [_payment(text) for text in args.pay]
    except ValueError as exc:
        print(f"error: --pay {exc}", file=sys.stderr)
        return EXIT_USAGE
    db = Database.open(args.db)
    try:
        folder = folder_of(db)
        if not (folder / CONFIG).exists():  # test keys made now: their merchant unit
            ensure_bank_test_key(folder, unit_code=_top_unit(db))
    finally:
        db.dispose()
    ensure_bank_test_key(folder, unit_code="")  # a test folder made before bank keys
    try:
        signer = BankSigner.from_folder(folder)
    except OSError:
        print(f"error: no test bank key in {folder}: bank-simulate signs with test keys only",
              file=sys.stderr)
        return EXIT_FAILED
    args.out.mkdir(parents=True, exist_ok=True)
    path, sig = signer.write(args.out, args.day, signer.records(args.day, payments))
    print(f"wrote {path} and {sig.name}")
    return EXIT_OK


def _top_unit(db: Database) -> str:
    """The company at the top of the unit tree ("" on a database without units yet)."""
    with db.read() as session:
        return session.scalar(select(Unit.code).where(Unit.parent_id.is_(None))
                              .order_by(Unit.id)) or ""


def _payment(text: str) -> tuple[str, Decimal]:
    customer, _, amount = text.partition("=")
    try:
        value = Decimal(amount)
        value = value.quantize(Decimal("0.01")) if value.is_finite() else Decimal(0)
    except InvalidOperation:
        value = Decimal(0)
    if not customer or not value > 0:
        raise ValueError(f"{text!r}: give CUSTOMER=YUAN, e.g. 3700100001=50.00")
    return customer, value
