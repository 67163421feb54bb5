"""Reversing a counter payment (supervisor, with a reason, audited).

The ledger is append-only: a reversal adds REVERSAL entries that cancel the
payment and the late fees it posted, and puts each bill back exactly as it
was (paid amounts, late-fee state, status).

An online payment older than its channel's refund window can no longer go back
to the payer through the channel: reversing it means paying the money out some
other way, so only an administrator may (REVERSE_AFTER_REFUND_WINDOW).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.billing.allocation import bill_status
from console.db import Database
from console.errors import NotFound, PaymentNotReversible
from console.models import Bill, LedgerEntry, Payment, PaymentAllocation, utcnow
from console.models.enums import LedgerKind, PaymentMethod, PaymentStatus
from console.services import audit
from console.services.acting import covers, use_case
from console.services.actor import Actor
from console.services.billing.ledger import balance_of, require_reason
from console.services.payments.cashup import require_open_day
from console.services.payments.receipts import lock_counter
from console.services.payments.types import ReversedPayment
from console.services.permissions import Permission, allowed, require
from console.services.rows import existing
from console.timeutil import local_today

# Days after the payment during which the channel still refunds it to the payer, from
# the channels' merchant terms: WeChat Pay refunds orders up to one year old; Alipay's
# default refundable period is three months (a longer one is a contract option: change it
# here when the site's contract says so); a bank transfer is returned through the bank
# within 180 days. Cash and card are paid back at the counter and have no window.
REFUND_WINDOW_DAYS: dict[str, int] = {
    PaymentMethod.WECHAT: 365,
    PaymentMethod.ALIPAY: 90,
    PaymentMethod.TRANSFER: 180,
}


# Which right the payment's age calls for is known only once it is read (_check_window), so
# the rule names none; the payment's unit is checked before the body runs.
@use_case(None, payment="payment_id")
def reverse_payment(db: Database, actor: Actor, payment_id: int, reason: str) -> ReversedPayment:
    """Cancel a payment of a day not yet closed; needs REVERSE_PAYMENT and a reason.

    Refused (nothing written): a payment taken outside the actor's units (OutOfScope), one
    the actor took themselves (another person reverses it), no reason, already reversed, a
    later payment settled the same bills (reverse that one first), the day is closed, or an
    online payment is past its channel's refund window and the actor is not an
    administrator (who holds REVERSE_AFTER_REFUND_WINDOW, and may reverse only those).
    """
    if not allowed(getattr(actor, "role", ""), Permission.REVERSE_AFTER_REFUND_WINDOW):
        require(actor, Permission.REVERSE_PAYMENT)
    reason = require_reason(reason)
    with db.uow() as session:
        payment = session.scalar(select(Payment).where(Payment.id == payment_id).with_for_update())
        if payment is None:
            raise NotFound("no such payment", entity="payment", id=payment_id)
        _check_not_own(actor, payment)
        day = local_today(payment.received_at)
        lock_counter(session, payment.unit_id, day.year)  # a day close waits for us, or we for it
        require_open_day(session, payment.operator_id, day)
        _check_window(actor, payment)
        _check_reversible(session, payment)
        _undo(session, payment)
        payment.status, payment.reversal_reason = PaymentStatus.REVERSED, reason
        payment.reversed_at = utcnow()
        session.flush()
        audit.record(session, actor, "payment.reversed", entity_type="customer",
                     entity_id=payment.customer_id,
                     after={"payment_id": payment.id, "receipt_no": payment.receipt_no,
                            "amount": payment.amount, "reason": reason})
        return ReversedPayment(payment.id, payment.receipt_no, payment.amount, payment.reversed_at,
                               reason, balance_of(session, payment.customer_id))


def _check_window(actor: Actor, payment: Payment) -> None:
    """Past the refund window only an administrator reverses; within it, the supervisors."""
    if _past_window(payment):
        if not allowed(getattr(actor, "role", ""), Permission.REVERSE_AFTER_REFUND_WINDOW):
            raise PaymentNotReversible("past the channel's refund window", payment_id=payment.id,
                                       why="refund_window", method=payment.method,
                                       days=REFUND_WINDOW_DAYS[payment.method])
    else:
        require(actor, Permission.REVERSE_PAYMENT)


def _is_own(actor: Actor, payment: Payment) -> bool:
    return actor.user_id is not None and payment.operator_id == actor.user_id


def _past_window(payment: Payment) -> bool:
    window = REFUND_WINDOW_DAYS.get(payment.method)
    return window is not None and utcnow() - payment.received_at > dt.timedelta(days=window)


def refusal(actor: Actor, payment: Payment) -> str:
    """Why `actor` may not reverse `payment`, "" when they may — as far as the payment alone
    tells, for a list to grey out its reverse action (called inside a use case: the scope
    is the caller's). reverse_payment checks all of it again, and the later payments and
    the open day besides. The codes are PaymentNotReversible's `why` and "other_unit"."""
    role = getattr(actor, "role", "")
    if payment.status == PaymentStatus.REVERSED:
        return "reversed"
    if not covers(payment.unit_id):
        return "other_unit"
    if _is_own(actor, payment):
        return "own_payment"
    if _past_window(payment):
        return "" if allowed(role, Permission.REVERSE_AFTER_REFUND_WINDOW) else "refund_window"
    return "" if allowed(role, Permission.REVERSE_PAYMENT) else "no_right"


def _check_not_own(actor: Actor, payment: Payment) -> None:
    """Separation of duties: whoever took the money never cancels it alone."""
    if _is_own(actor, payment):
        raise PaymentNotReversible("one's own payment is reversed by somebody else",
                                   payment_id=payment.id, why="own_payment")


def _check_reversible(session: Session, payment: Payment) -> None:
    if payment.status == PaymentStatus.REVERSED:
        raise PaymentNotReversible("already reversed", payment_id=payment.id, why="reversed")
    bills = select(PaymentAllocation.bill_id).where(PaymentAllocation.payment_id == payment.id)
    later = session.scalar(
        select(Payment.id).join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
        .where(PaymentAllocation.bill_id.in_(bills), Payment.id > payment.id,
               Payment.status == PaymentStatus.POSTED).limit(1))
    if later is not None:
        raise PaymentNotReversible("a later payment settled the same bills",
                                   payment_id=payment.id, why="later_payment", later_id=later)


def _undo(session: Session, payment: Payment) -> None:
    shares = session.scalars(select(PaymentAllocation)
                             .where(PaymentAllocation.payment_id == payment.id))
    now = utcnow()
    for share in shares:
        bill = existing(session, Bill, share.bill_id, "bill")
        bill.paid_amount -= share.principal
        bill.late_fee_paid -= share.late_fee
        bill.late_fee_charged -= share.fee_charged
        bill.fee_through = share.prev_fee_through
        bill.status = bill_status(bill)
        if share.fee_charged:
            session.add(LedgerEntry(customer_id=payment.customer_id, kind=LedgerKind.REVERSAL,
                                    amount=share.fee_charged, posted_at=now, bill_id=bill.id,
                                    payment_id=payment.id, memo=f"冲正{bill.period}电费违约金"))
    session.add(LedgerEntry(customer_id=payment.customer_id, kind=LedgerKind.REVERSAL,
                            amount=-payment.amount, posted_at=now, payment_id=payment.id,
                            memo=f"冲正缴费 {payment.receipt_no}"))

