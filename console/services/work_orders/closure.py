"""Account closure (销户) as the last step of its work order, in one transaction.

Final reading, final bill, late fees to the day, settlement (the customer
pays the remainder, or the credit is refunded), the meter and its seals
removed, the customer closed. A closed customer stays findable and readable;
payments and new orders are refused (AccountClosed). `quote_closure` runs
the same steps and rolls them back, so the dialog shows the exact figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from console.billing.allocation import allocate, bill_status
from console.billing.money import ZERO
from console.db import Database
from console.errors import ValidationError
from console.models import Bill, Customer, LedgerEntry, Meter, utcnow
from console.models.enums import CustomerStatus, LedgerKind, MeterStatus, WorkOrderKind
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.billing.ledger import balance_of
from console.services.billing.reads import load_rules, open_bills
from console.services.payments.counter import (
    METHODS,
    _post as post_in_session,  # same rules as the counter
)
from console.services.permissions import Permission, require
from console.services.rows import existing
from console.services.work_orders import (
    load,
    move,
    seal_moves as work_order_seals,
    view_of,
)
from console.services.work_orders.closure_bill import credit_interim, final_bill
from console.services.work_orders.replacement import final_read, parse_reading, started
from console.services.work_orders.types import COMPLETE, WorkOrderView
from console.timeutil import to_local


@dataclass(frozen=True)
class ClosureQuote:
    """What closing costs today: the final bill and the settlement."""

    customer_id: int
    customer_no: str
    customer_name: str
    final_reading: Decimal
    final_kwh: Decimal
    final_amount: Decimal  # the final bill (0 when nothing was used)
    principal: Decimal  # unpaid principal of every open bill, the final one included
    late_fees: Decimal  # to the day of closure
    to_pay: Decimal  # what the customer pays now
    to_refund: Decimal  # credit paid back


@dataclass(frozen=True)
class ClosureResult:
    quote: ClosureQuote
    order: WorkOrderView
    receipt_no: str  # of the settling payment, "" when none
    seals_removed: tuple[str, ...]


class _Rollback(Exception):
    def __init__(self, quote: ClosureQuote) -> None:
        super().__init__("quote")
        self.quote = quote


@use_case(Permission.CLOSE_ACCOUNTS, work_order="order_id")
def quote_closure(db: Database, actor: Actor, order_id: int, *, final_reading: Decimal | str,
                  at: dt.datetime | None = None) -> ClosureQuote:
    """The figures of closing now with this final reading; nothing is kept."""
    final = parse_reading(final_reading, "final_reading")
    try:
        with db.uow() as session:
            order = _closure_order(session, actor, order_id, None)
            raise _Rollback(_bill_and_quote(session, order.customer_id, order.meter_id, final,
                                            at or utcnow()))
    except _Rollback as done:
        return done.quote


@use_case(Permission.CLOSE_ACCOUNTS, work_order="order_id")
def close_account(db: Database, actor: Actor, order_id: int, *, final_reading: Decimal | str,
                  method: str, idempotency_key: str, tendered: Decimal | str | None = None,
                  resolution: str = "", at: dt.datetime | None = None,
                  expected_version: int | None = None) -> ClosureResult:
    """Close the account and complete its order (see the module docstring).

    `method` is how the remainder is paid or the credit refunded. Refused,
    writing nothing: ValidationError (not a closure order, finished order,
    lower reading, held reading, method), AccountClosed (closing twice),
    PermissionDenied (no CLOSE_ACCOUNTS, or money to settle without TAKE_PAYMENT), DayClosed.
    """
    final = parse_reading(final_reading, "final_reading")
    if method not in METHODS:
        raise ValidationError(f"unknown payment method {method!r}", field="method",
                              value=method, reason="unknown_method")
    at = at or utcnow()
    with db.uow() as session:
        order = _closure_order(session, actor, order_id, expected_version)
        quote = _bill_and_quote(session, order.customer_id, order.meter_id, final, at)
        receipt = _settle(session, actor, quote, method, idempotency_key, tendered, at)
        customer = existing(session, Customer, order.customer_id, "customer")
        meter = existing(session, Meter, order.meter_id, "meter")
        removed = work_order_seals.remove_all(session, actor, meter.id, work_order_id=order.id,
                                              at=at, reason="销户拆表")
        meter.status, meter.removed_at = MeterStatus.REMOVED, at
        customer.status = CustomerStatus.CLOSED
        session.flush()
        audit.record(session, actor, "customer.closed", entity_type="customer",
                     entity_id=customer.id, before={"status": "active"},
                     after={"status": "closed", "work_order_id": order.id,
                            "final_reading": final, "final_amount": quote.final_amount,
                            "paid": quote.to_pay, "refunded": quote.to_refund,
                            "meter_removed": meter.asset_no, "seals_removed": removed})
        move(session, actor, order, COMPLETE, now=at,
             resolution=resolution.strip() or f"销户：结清 {quote.to_pay}，退款 {quote.to_refund}")
        return ClosureResult(quote, view_of(session, order.id), receipt, tuple(removed))


def _closure_order(session: Session, actor: Actor, order_id: int, version: int | None):
    order = load(session, order_id, version)
    if order.kind != WorkOrderKind.ACCOUNT_CLOSURE:
        raise ValidationError("not an account closure order", field="kind", value=order.kind,
                              reason="wrong_kind")
    return started(session, order, actor)


def _bill_and_quote(session: Session, customer_id: int, meter_id: int, final: Decimal,
                    at: dt.datetime) -> ClosureQuote:
    customer = existing(session, Customer, customer_id, "customer")
    meter = existing(session, Meter, meter_id, "meter")
    reading = final_read(session, meter, final, at, None)
    credit_interim(session, meter.id, at, "预扣电费冲回（销户结算）")
    bill = final_bill(session, customer, meter, reading, at)
    today = to_local(at).date()
    rule = load_rules(session, today).for_category(customer.category)
    bills = open_bills(session, customer_id)
    principal = sum((b.principal_due for b in bills), ZERO)
    fees = sum((b.fee_due(rule, today) for b in bills), ZERO)
    accruing = sum((b.accruing_fee(rule, today) for b in bills), ZERO)
    # The ledger already holds the charges and posted fees; what accrues comes on top.
    owed = accruing - balance_of(session, customer_id)
    return ClosureQuote(customer.id, customer.customer_no, customer.name, final,
                        bill.kwh if bill else ZERO, bill.amount if bill else ZERO, principal,
                        fees, max(ZERO, owed), max(ZERO, -owed))


def _settle(session: Session, actor: Actor, quote: ClosureQuote, method: str, key: str,
            tendered: object, at: dt.datetime) -> str:
    """Take the remainder as a counter payment, or settle from credit and refund the rest."""
    if quote.to_pay > 0:
        require(actor, Permission.TAKE_PAYMENT)
        payment = post_in_session(session, actor, quote.customer_id, quote.to_pay, method, key,
                                  tendered)
        receipt = payment.receipt_no
    else:
        receipt = ""
        _settle_from_credit(session, quote.customer_id, to_local(at).date(), at)
        if quote.to_refund > 0:
            require(actor, Permission.TAKE_PAYMENT)
            session.add(LedgerEntry(customer_id=quote.customer_id, kind=LedgerKind.REFUND,
                                    amount=-quote.to_refund, posted_at=at,
                                    memo=f"销户退款（{method}）"))
            session.flush()
    left = balance_of(session, quote.customer_id)
    if left != ZERO:  # the quote and the ledger must agree to the fen
        raise ValidationError("the account does not settle to zero", field="balance",
                              value=str(left), reason="not_settled")
    return receipt


def _settle_from_credit(session: Session, customer_id: int, today: dt.date,
                        at: dt.datetime) -> None:
    """Credit on the account pays the open bills (fees to today posted first)."""
    customer = existing(session, Customer, customer_id, "customer")
    bills = open_bills(session, customer_id)
    if not bills:
        return
    rule = load_rules(session, today).for_category(customer.category)
    owed = sum((b.principal_due + b.late_fee_charged - b.late_fee_paid for b in bills), ZERO)
    for share in allocate(bills, balance_of(session, customer_id) + owed, rule, today):
        bill = existing(session, Bill, share.bill_id, "bill")
        if share.fee_charged:
            session.add(LedgerEntry(customer_id=customer_id, kind=LedgerKind.LATE_FEE,
                                    amount=-share.fee_charged, posted_at=at, bill_id=bill.id,
                                    memo=f"{bill.period}电费违约金"))
            bill.fee_through = today
        bill.late_fee_charged += share.fee_charged
        bill.late_fee_paid += share.late_fee
        bill.paid_amount += share.principal
        bill.status = bill_status(bill)
    session.flush()
