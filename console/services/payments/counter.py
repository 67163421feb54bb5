"""Counter payments: what is due, posting a payment once, reversing it.

Locks, always taken in this order so two workstations never deadlock: the
customer row (FOR UPDATE), then the unit's receipt counter, then the audit
head. SQLite has one writer at a time (BEGIN IMMEDIATE) and needs none of it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.billing.allocation import Allocation, allocate, bill_status
from console.billing.late_fees import days_overdue
from console.billing.money import CEILING_SETTING, DEFAULT_CEILING, ZERO, parse_amount
from console.db import Database
from console.errors import (
    AccountClosed,
    IdempotencyConflict,
    InvalidAmount,
    NotFound,
    ValidationError,
)
from console.models import (
    Bill,
    Customer,
    LedgerEntry,
    Payment,
    PaymentAllocation,
    Setting,
    User,
)
from console.models.enums import (
    BillStatus,
    CostControlMode,
    CustomerStatus,
    LedgerKind,
    PaymentMethod,
)
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.billing.ledger import balance_of
from console.services.billing.reads import load_rules, open_bills
from console.services.control import commands as control
from console.services.cost_control.policy import load_policies
from console.services.payments.cashup import require_open_day
from console.services.payments.receipts import next_receipt_no
from console.services.payments.types import (
    AmountDue,
    DueBill,
    PostedPayment,
    PrepaidTerms,
    SettledBill,
)
from console.services.permissions import Permission
from console.services.rows import existing
from console.timeutil import local_today

METHODS = tuple(m.value for m in PaymentMethod)
TEN, CENT = Decimal(10), Decimal("0.01")


@use_case(Permission.LOOKUP, customer="customer_id")
def amount_due(db: Database, actor: Actor, customer_id: int, *,
               today: dt.date | None = None) -> AmountDue:
    """Open bills with principal and late fee each, and the total that clears the account today."""
    today = today or local_today()
    with db.uow() as session:
        customer = _customer(session, customer_id)
        rule = load_rules(session, today).for_category(customer.category)
        bills = open_bills(session, customer_id)
        names = {i: (no, period) for i, no, period in session.execute(
            select(Bill.id, Bill.bill_no, Bill.period).where(Bill.id.in_([b.bill_id for b in bills])))}
        rows = tuple(DueBill(b.bill_id, *names[b.bill_id], b.due_date,
                             days_overdue(b.due_date, today), b.principal_due,
                             b.fee_due(rule, today)) for b in bills)
        accruing = sum((b.accruing_fee(rule, today) for b in bills), ZERO)
        balance = balance_of(session, customer_id)
        owed = accruing - balance
        return AmountDue(customer.id, customer.customer_no, customer.name, customer.category,
                         customer.status, balance, rows, sum((r.principal for r in rows), ZERO),
                         sum((r.late_fee for r in rows), ZERO), max(ZERO, owed), owed,
                         _prepaid_terms(session, customer, owed))


def _prepaid_terms(session: Session, customer: Customer, owed: Decimal) -> PrepaidTerms | None:
    """The policy's lines for a prepaid account, and the top-up it suggests.

    The suggestion is what is owed plus the policy's `topup_amount`, rounded up to
    whole ten yuan (cash at the counter), and at least enough to end above the alert line.
    """
    if customer.cost_control_mode != CostControlMode.PREPAID:
        return None
    policy = load_policies(session).for_account(customer.unit_id, customer.category)
    wanted = max(owed + policy.topup_amount, owed + policy.alert_balance, ZERO)
    suggested = (wanted / TEN).to_integral_value(rounding=ROUND_CEILING) * TEN
    return PrepaidTerms(policy.alert_balance, policy.disconnect_balance, policy.alarm_command,
                        suggested.quantize(CENT))


@use_case(Permission.TAKE_PAYMENT, customer="customer_id")
def post_payment(db: Database, actor: Actor, *, customer_id: int, amount: Decimal | str,
                 method: str, idempotency_key: str,
                 tendered: Decimal | str | None = None) -> PostedPayment:
    """Record a payment once per `idempotency_key` and settle bills oldest first.

    Each reached bill's late fee is posted (LATE_FEE entry) and paid before its
    principal; money left over stays on the account as credit. Cash needs
    `tendered` >= amount (default: exact) and returns the change. The same key
    again returns the original payment (`replayed=True`) and writes nothing,
    also when two workstations send it at once (IdempotencyConflict if the
    key came with another customer or amount). Refused, writing nothing:
    InvalidAmount (negative, zero, NaN, Infinity, > 2 decimals, not a number,
    above the `payment.max_amount` setting, default 1,000,000), AccountClosed,
    DayClosed (the clerk's day is cashed up), ValidationError (method, key).
    Print the receipt with `receipts.receipt_data(db, actor, payment_id)`.
    """
    key = _check_key(idempotency_key)
    if method not in METHODS:
        raise ValidationError(f"unknown payment method {method!r}", field="method", value=method,
                              reason="unknown_method")
    try:
        with db.uow() as session:
            return _post(session, actor, customer_id, amount, method, key, tendered)
    except IntegrityError:
        # Another workstation committed the same key between our check and insert.
        replay = _replay_by_key(db, key)
        if replay is None:
            raise
        return replay


def _post(session: Session, actor: Actor, customer_id: int, amount: object, method: str,
          key: str, tendered: object) -> PostedPayment:
    value = parse_amount(amount, ceiling=_ceiling(session))
    given = _tendered(value, method, tendered)
    earlier = _replay(session, key, customer_id, value)
    if earlier is not None:
        return earlier
    customer = _customer(session, customer_id, lock=True)
    if customer.status == CustomerStatus.CLOSED:
        raise AccountClosed("the account is closed", customer_id=customer_id)
    earlier = _replay(session, key, customer_id, value)  # a twin may have committed while we waited
    if earlier is not None:
        return earlier
    if actor.unit_id is None:  # the receipt is numbered by the hall it is taken at
        raise ValidationError("a payment is taken at a service hall; this login has none",
                              field="unit", reason="no_unit")
    today = local_today()
    receipt_no = next_receipt_no(session, actor.unit_id, today.year)
    require_open_day(session, actor.user_id, today)
    payment = Payment(customer_id=customer_id, unit_id=actor.unit_id, amount=value, method=method,
                      operator_id=actor.user_id, workstation=actor.workstation,
                      receipt_no=receipt_no, idempotency_key=key, tendered=given,
                      change_given=None if given is None else given - value)
    session.add(payment)
    session.flush()
    _settle(session, payment, customer, today)
    control.on_payment(session, actor, customer, payment_id=payment.id, now=payment.received_at)
    audit.record(session, actor, "payment.posted", entity_type="customer", entity_id=customer_id,
                 after={"payment_id": payment.id, "receipt_no": receipt_no, "amount": value,
                        "method": method})
    return _posted(session, payment)


def _settle(session: Session, payment: Payment, customer: Customer, today: dt.date) -> None:
    """Allocate the payment (plus credit already on the account) and write the ledger."""
    bills = open_bills(session, customer.id)
    rule = load_rules(session, today).for_category(customer.category)
    owed = sum((b.principal_due + b.late_fee_charged - b.late_fee_paid for b in bills), ZERO)
    # Money on the account not tied to a bill (earlier overpayment, adjustments) is
    # netted first: with it the bills settle as far as the balance allows.
    credit = balance_of(session, customer.id) + owed
    shares = allocate(bills, payment.amount + credit, rule, today)
    # The bills as objects in one query: fetched one by one, each fetch would first flush
    # the allocation written before it (a payment settling seven bills: seven flushes).
    rows = {b.id: b for b in session.scalars(select(Bill).where(
        Bill.id.in_([s.bill_id for s in shares])))}
    for share in shares:
        _apply(session, payment, share, today, rows.get(share.bill_id))
    session.add(LedgerEntry(customer_id=customer.id, kind=LedgerKind.PAYMENT, amount=payment.amount,
                            posted_at=payment.received_at, payment_id=payment.id, memo="缴费"))
    session.flush()


def _apply(session: Session, payment: Payment, share: Allocation, today: dt.date,
           bill: Bill | None) -> None:
    if bill is None:
        raise NotFound("no such bill", entity="bill", id=share.bill_id)
    session.add(PaymentAllocation(payment_id=payment.id, bill_id=bill.id, principal=share.principal,
                                  late_fee=share.late_fee, fee_charged=share.fee_charged,
                                  prev_fee_through=bill.fee_through))
    if share.fee_charged:
        session.add(LedgerEntry(customer_id=bill.customer_id, kind=LedgerKind.LATE_FEE,
                                amount=-share.fee_charged, posted_at=payment.received_at,
                                bill_id=bill.id, payment_id=payment.id,
                                memo=f"{bill.period}电费违约金"))
        bill.fee_through = today
    bill.late_fee_charged += share.fee_charged
    bill.late_fee_paid += share.late_fee
    bill.paid_amount += share.principal
    bill.status = bill_status(bill)


def _posted(session: Session, payment: Payment, *, replayed: bool = False) -> PostedPayment:
    customer = existing(session, Customer, payment.customer_id, "customer")
    operator = session.get(User, payment.operator_id) if payment.operator_id else None
    rows = session.execute(
        select(PaymentAllocation, Bill).join(Bill, Bill.id == PaymentAllocation.bill_id)
        .where(PaymentAllocation.payment_id == payment.id).order_by(Bill.due_date, Bill.id))
    bills = tuple(SettledBill(b.id, b.bill_no, b.period, a.principal, a.late_fee,
                              b.status == BillStatus.PAID) for a, b in rows)
    return PostedPayment(
        payment.id, payment.receipt_no, customer.id, customer.customer_no, customer.name,
        payment.amount, payment.method, payment.tendered, payment.change_given,
        payment.received_at, payment.operator_id, operator.full_name if operator else "",
        payment.workstation, bills, balance_of(session, customer.id, until_payment=payment.id),
        payment.status, replayed)


def _replay(session: Session, key: str, customer_id: int, value: Decimal) -> PostedPayment | None:
    payment = session.scalar(select(Payment).where(Payment.idempotency_key == key))
    if payment is None:
        return None
    if payment.customer_id != customer_id or payment.amount != value:
        raise IdempotencyConflict("the key belongs to another payment", key=key,
                                  payment_id=payment.id)
    return _posted(session, payment, replayed=True)


@use_case(Permission.TAKE_PAYMENT, payment_key="key")
def payment_by_key(db: Database, actor: Actor, key: str) -> PostedPayment | None:
    """The payment recorded under `key` (replayed=True), or None if none was.

    Answers a payment in doubt: the workstation sent it, the connection dropped
    before the reply, and the journal kept its key (console.payment_journal).
    A payment taken at a hall outside the actor's units is refused (OutOfScope).
    """
    return _replay_by_key(db, _check_key(key))


def _replay_by_key(db: Database, key: str) -> PostedPayment | None:
    with db.uow() as session:
        payment = session.scalar(select(Payment).where(Payment.idempotency_key == key))
        return _posted(session, payment, replayed=True) if payment else None


def _customer(session: Session, customer_id: int, *, lock: bool = False) -> Customer:
    query = select(Customer).where(Customer.id == customer_id)
    customer = session.scalar(query.with_for_update() if lock else query)
    if customer is None:
        raise NotFound("no such customer", entity="customer", id=customer_id)
    return customer


def _ceiling(session: Session) -> Decimal:
    setting = session.get(Setting, CEILING_SETTING)
    return Decimal(setting.value) if setting else DEFAULT_CEILING


def _tendered(value: Decimal, method: str, tendered: object) -> Decimal | None:
    if method != PaymentMethod.CASH:
        return None
    if tendered is None:
        return value
    given = parse_amount(tendered, field="tendered", ceiling=None)
    if given < value:
        raise InvalidAmount("tendered less than the amount", field="tendered",
                            value=str(tendered), reason="less_than_amount")
    return given


def _check_key(key: str) -> str:
    if not isinstance(key, str) or not key.strip() or len(key) > 64:
        raise ValidationError("an idempotency key of 1 to 64 characters is required",
                              field="idempotency_key", reason="invalid")
    return key
