"""Which receipts came out on paper, and the reprints (补打) of them (issue 19).

    printed = record_receipt_printed(db, actor, payment_id, reprint=False, device="network …")

A thermal printer is asked for its status before a receipt is sent; only a receipt that
went to a ready printer is recorded here, so a payment whose receipt stayed in a printer
out of paper is "not printed" until the clerk reprints it. A reprint is printed marked
补打 and audited, as seal label reprints are (console.services.seals.batches). The
payment itself is never touched: it was committed before anything was printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.db import Database
from console.models import Payment, ReceiptPrint
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission
from console.services.rows import existing

DEVICE_MAX = 80


@dataclass(frozen=True)
class ReceiptCopy:
    """One paper copy of a receipt, as recorded."""

    payment_id: int
    receipt_no: str
    copy_no: int  # 1 = the original
    reprint: bool
    printed_at: dt.datetime


@dataclass(frozen=True)
class ReceiptPrintState:
    """Whether a payment's receipt is on paper, and how many copies were printed."""

    payment_id: int
    receipt_no: str
    copies: int

    @property
    def printed(self) -> bool:
        return self.copies > 0


@use_case(Permission.TAKE_PAYMENT, payment="payment_id")
def record_receipt_printed(db: Database, actor: Actor, payment_id: int, *, reprint: bool,
                           device: str = "") -> ReceiptCopy:
    """Record that a copy of the payment's receipt went to a ready printer; a reprint
    (补打) is audited as one. Only a payment of the actor's units."""
    with db.uow() as session:
        payment = existing(session, Payment, payment_id, "payment")
        copy_no = _copies(session, payment_id) + 1
        row = ReceiptPrint(payment_id=payment_id, copy_no=copy_no, reprint=reprint,
                           operator_id=actor.user_id, workstation=actor.workstation or "",
                           device=device[:DEVICE_MAX])
        session.add(row)
        session.flush()
        action = "payment.receipt_reprinted" if reprint else "payment.receipt_printed"
        audit.record(session, actor, action, entity_type="payment", entity_id=payment_id,
                     after={"receipt_no": payment.receipt_no, "copy": copy_no,
                            "device": row.device})
        return ReceiptCopy(payment_id, payment.receipt_no, copy_no, reprint, row.printed_at)


@use_case(Permission.TAKE_PAYMENT, payment="payment_id")
def receipt_print_state(db: Database, actor: Actor, payment_id: int) -> ReceiptPrintState:
    """How many paper copies of the payment's receipt were printed (0: not printed)."""
    with db.uow() as session:
        payment = existing(session, Payment, payment_id, "payment")
        return ReceiptPrintState(payment_id, payment.receipt_no, _copies(session, payment_id))


def _copies(session: Session, payment_id: int) -> int:
    return session.scalar(select(func.count(ReceiptPrint.id))
                          .where(ReceiptPrint.payment_id == payment_id)) or 0
