"""A bank's verified daily batch file (console.channels.bank) posted like phone payments.

Each record goes through the gateway's posting (console.channels.posting): idempotency key
`bank:<transaction id>`, the amount and customer checked against what is due, an unknown
customer or a wrong amount held for a supervisor, the reconnect queued in the payment's
transaction. Records are posted a slice at a time, each slice one transaction, so a file of
a county's day does not hold the customers' rows locked for minutes; a slice that fails
leaves the earlier ones posted, and importing the file again posts only what is missing.
The payments name `channel-bank` (the bank's signature is their authority); the import
itself is audited under the operator who ran it, whom the use case
console.services.channels.bank_access.bank_import_unit admitted first: a supervisor of the
merchant unit, or the gateway's service account.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from console.channels import posting
from console.channels.bank import BankBatch, BankRecord
from console.channels.refusal import Notification
from console.db import Database
from console.errors import ConsoleError
from console.services import audit
from console.services.actor import Actor

SLICE = 200  # records per transaction
ZERO = Decimal("0.00")


class SliceRefused(ConsoleError):
    """The service refused a record of a slice (its lines named): that slice and the rest
    are not posted, the slices before it are."""

    code = "bank_slice_refused"


@dataclass(frozen=True)
class HeldRecord:
    line: int
    transaction_id: str
    customer_no: str
    amount: Decimal
    reason: str  # unknown_customer / amount_mismatch / closed_account


@dataclass(frozen=True)
class BankImport:
    """What importing one batch file did."""

    bank: str
    day: dt.date
    records: int
    total: Decimal
    posted: int
    posted_total: Decimal
    already: int  # recorded by an earlier import of these transactions: nothing new
    held: tuple[HeldRecord, ...]

    @property
    def nothing_new(self) -> bool:
        return self.records > 0 and self.already == self.records


def post_bank_batch(db: Database, batch: BankBatch, *, unit_id: int, operator: Actor,
                    progress: Callable[[int, int], None] | None = None) -> BankImport:
    """Post a batch whose signature `read_signed` verified, as `channel-bank` (like the
    gateway, whose duty this is: its database role on a site with roles); the import is
    audited under `operator`, whom `bank_import_unit` admitted for `unit_id`.
    `progress(done, total)` after each slice."""
    outcomes: list[posting.Outcome] = []
    for start in range(0, len(batch.records), SLICE):
        chunk = batch.records[start:start + SLICE]
        try:
            outcomes += posting.accept_many(db, [_notice(batch, r) for r in chunk],
                                            unit_id=unit_id)
        except ConsoleError as exc:  # e.g. an amount above the payment ceiling
            raise SliceRefused(
                f"lines {chunk[0].line}-{chunk[-1].line}: {exc.message}; the lines before "
                f"{chunk[0].line} are posted, none from it on: import the file again once "
                "this is put right", first_line=chunk[0].line, cause=exc.code) from exc
        if progress is not None:
            progress(len(outcomes), len(batch.records))
    result = _summary(batch, outcomes)
    with db.uow() as session:
        audit.record(session, operator, "channel.bank_imported", entity_type="bank_batch",
                     entity_id=f"{batch.bank}/{batch.day:%Y%m%d}",
                     after={"sha256": batch.sha256, "records": result.records,
                            "total": batch.total, "posted": result.posted,
                            "already": result.already, "held": len(result.held)})
    return result


def _notice(batch: BankBatch, record: BankRecord) -> Notification:
    return Notification(channel="bank", transaction_id=record.transaction_id,
                        out_trade_no=f"{batch.bank}/{batch.day:%Y%m%d}",
                        customer_no=record.customer_no, amount=record.amount,
                        trade_status="PAID", paid=True, nonce="")


def _summary(batch: BankBatch, outcomes: list[posting.Outcome]) -> BankImport:
    pairs = list(zip(batch.records, outcomes, strict=True))
    posted = [r for r, o in pairs if o.outcome == "posted"]
    held = tuple(HeldRecord(r.line, r.transaction_id, r.customer_no, r.amount, o.held_reason)
                 for r, o in pairs if o.outcome == "held")
    return BankImport(batch.bank, batch.day, len(batch.records), batch.total, len(posted),
                      sum((r.amount for r in posted), ZERO),
                      sum(1 for _r, o in pairs if o.outcome == "duplicate"), held)
