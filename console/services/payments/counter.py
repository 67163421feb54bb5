"""Counter payments: what is due, posting a payment once, reversing it.

Locks, always taken in this order so two workstations never deadlock: the
customer row (FOR UPDATE), then the unit's receipt counter, then the audit
head. SQLite has one writer at a time (BEGIN IMMEDIATE) and needs none of it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal
from typing import cast

from sqlalchemy import Table, bindparam, insert, select
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
from console.services.messages.payments import payment_messages
from console.services.payments.cashup import require_open_day
from console.services.payments.operators import operator_name
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

# Built once: every post sends them, and building a select costs more Python than SQLite
# spends running these.
_PAYMENT_ID_BY_KEY = select(Payment.id).where(Payment.idempotency_key == bindparam("key"))
_CEILING = select(Setting.value).where(Setting.key == bindparam("key"))
_OPERATOR_NAME = select(User.full_name).where(User.id == bindparam("user_id"))
_CUSTOMER = select(Customer).where(Customer.id == bindparam("customer_id"))
_CUSTOMER_LOCKED = _CUSTOMER.with_for_update()
_BILLS = select(Bill).where(Bill.id.in_(bindparam("ids", expanding=True)))
# The tables themselves: a plain insert into them skips the ORM's bulk-insert path.
_ALLOCATION_TABLE = cast(Table, PaymentAllocation.__table__)
_LEDGER_TABLE = cast(Table, LedgerEntry.__table__)


@use_case(Permission.LOOKUP, customer="customer_id")
def amount_due(db: Database, actor: Actor, customer_id: int, *,
               today: dt.date | None = None) -> AmountDue:
    """Open bills with principal and late fee each, and the total that clears the account today."""
    with db.uow() as session:
        return due_in(session, _customer(session, customer_id), today or local_today())


def due_in(session: Session, customer: Customer, today: dt.date) -> AmountDue:
    """`amount_due` inside the caller's transaction (a payment channel checks an amount)."""
    customer_id = customer.id
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


def post_in(session: Session, actor: Actor, *, customer_id: int, amount: Decimal, method: str,
            idempotency_key: str, unit_id: int) -> PostedPayment:
    """The counter's posting inside the caller's transaction, taken for hall `unit_id`.

    For a payment channel (console.channels.posting): its signed notification is its
    authority, and the notification's own rows commit with the payment or not at all.
    Same answers as `post_payment`; a concurrent twin surfaces as IntegrityError at commit.
    """
    if method not in METHODS:
        raise ValidationError(f"unknown payment method {method!r}", field="method", value=method,
                              reason="unknown_method")
    return _post(session, actor, customer_id, amount, method, _check_key(idempotency_key), None,
                 unit_id=unit_id)


def _post(session: Session, actor: Actor, customer_id: int, amount: object, method: str,
          key: str, tendered: object, *, unit_id: int | None = None) -> PostedPayment:
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
    unit_id = unit_id or actor.unit_id
    if unit_id is None:  # the receipt is numbered by the hall it is taken at
        raise ValidationError("a payment is taken at a service hall; this login has none",
                              field="unit", reason="no_unit")
    today = local_today()
    receipt_no = next_receipt_no(session, unit_id, today.year)
    require_open_day(session, actor.user_id, today)
    payment = Payment(customer_id=customer_id, unit_id=unit_id, amount=value, method=method,
                      operator_id=actor.user_id, workstation=actor.workstation,
                      receipt_no=receipt_no, idempotency_key=key, tendered=given,
                      change_given=None if given is None else given - value)
    session.add(payment)
    session.flush()
    settled, balance = _settle(session, payment, customer, today)
    control.on_payment(session, actor, customer, payment_id=payment.id, now=payment.received_at)
    payment_messages(session, actor, customer_id=customer_id, payment_id=payment.id, amount=value,
                     now=payment.received_at)
    audit.record(session, actor, "payment.posted", entity_type="customer", entity_id=customer_id,
                 after={"payment_id": payment.id, "receipt_no": receipt_no, "amount": value,
                        "method": method})
    # What was just written is answered from memory, not read back: the same bills, the
    # same order as a replay's query (due date, id) and the ledger sum at this payment.
    bills = tuple(SettledBill(b.id, b.bill_no, b.period, s.principal, s.late_fee,
                              b.status == BillStatus.PAID)
                  for b, s in sorted(settled, key=lambda pair: (pair[0].due_date, pair[0].id)))
    return _answer(session, payment, customer, bills, balance, replayed=False)


def _settle(session: Session, payment: Payment, customer: Customer,
            today: dt.date) -> tuple[list[tuple[Bill, Allocation]], Decimal]:
    """Allocate the payment (plus credit already on the account) and write the ledger;
    the bills it reached with their shares, and the balance right after it."""
    bills = open_bills(session, customer.id)
    rule = load_rules(session, today).for_category(customer.category)
    owed = sum((b.principal_due + b.late_fee_charged - b.late_fee_paid for b in bills), ZERO)
    # Money on the account not tied to a bill (earlier overpayment, adjustments) is
    # netted first: with it the bills settle as far as the balance allows.
    before = balance_of(session, customer.id)
    shares = allocate(bills, payment.amount + before + owed, rule, today)
    # The bills as objects in one query, not one by one.
    rows = {b.id: b for b in session.scalars(_BILLS, {"ids": [s.bill_id for s in shares]})}
    settled = [(_bill(rows, share), share) for share in shares]
    _write(session, payment, customer.id, settled, today)
    fees = sum((share.fee_charged for _bill_row, share in settled), ZERO)
    return settled, before - fees + payment.amount


def _write(session: Session, payment: Payment, customer_id: int,
           settled: list[tuple[Bill, Allocation]], today: dt.date) -> None:
    """The allocations, the late fees and the payment in the ledger, and the bills moved on.

    Rows nothing reads back as objects go in as plain inserts, one statement per table:
    the unit of work costs more Python than the database spends writing them. The late
    fees come before the payment's own entry, whose id bounds the balance "right after".
    """
    allocations = [_allocation_row(payment, bill, share) for bill, share in settled]
    entries = [_fee_entry(payment, bill, share) for bill, share in settled if share.fee_charged]
    entries.append(_ledger_row(payment, customer_id, LedgerKind.PAYMENT, payment.amount,
                               None, "缴费"))
    for bill, share in settled:  # after the rows above took each bill's fee_through
        _apply(bill, share, today)
    if allocations:
        session.execute(insert(_ALLOCATION_TABLE), allocations)
    session.execute(insert(_LEDGER_TABLE), entries)
    session.flush()


def _bill(rows: dict[int, Bill], share: Allocation) -> Bill:
    bill = rows.get(share.bill_id)
    if bill is None:
        raise NotFound("no such bill", entity="bill", id=share.bill_id)
    return bill


def _allocation_row(payment: Payment, bill: Bill, share: Allocation) -> dict[str, object]:
    return {"payment_id": payment.id, "bill_id": bill.id, "principal": share.principal,
            "late_fee": share.late_fee, "fee_charged": share.fee_charged,
            "prev_fee_through": bill.fee_through}


def _fee_entry(payment: Payment, bill: Bill, share: Allocation) -> dict[str, object]:
    return _ledger_row(payment, bill.customer_id, LedgerKind.LATE_FEE, -share.fee_charged,
                       bill.id, f"{bill.period}电费违约金")


def _ledger_row(payment: Payment, customer_id: int, kind: str, amount: Decimal,
                bill_id: int | None, memo: str) -> dict[str, object]:
    return {"customer_id": customer_id, "kind": kind, "amount": amount,
            "posted_at": payment.received_at, "bill_id": bill_id, "payment_id": payment.id,
            "memo": memo}


def _apply(bill: Bill, share: Allocation, today: dt.date) -> None:
    if share.fee_charged:
        bill.fee_through = today
    bill.late_fee_charged += share.fee_charged
    bill.late_fee_paid += share.late_fee
    bill.paid_amount += share.principal
    bill.status = bill_status(bill)


def _posted(session: Session, payment: Payment, *, replayed: bool = False) -> PostedPayment:
    customer = existing(session, Customer, payment.customer_id, "customer")
    rows = session.execute(
        select(PaymentAllocation, Bill).join(Bill, Bill.id == PaymentAllocation.bill_id)
        .where(PaymentAllocation.payment_id == payment.id).order_by(Bill.due_date, Bill.id))
    bills = tuple(SettledBill(b.id, b.bill_no, b.period, a.principal, a.late_fee,
                              b.status == BillStatus.PAID) for a, b in rows)
    return _answer(session, payment, customer, bills,
                   balance_of(session, customer.id, until_payment=payment.id), replayed=replayed)


def _answer(session: Session, payment: Payment, customer: Customer, bills: tuple[SettledBill, ...],
            balance: Decimal, *, replayed: bool) -> PostedPayment:
    operator = (session.execute(_OPERATOR_NAME, {"user_id": payment.operator_id}).scalar()
                if payment.operator_id else None)
    return PostedPayment(
        payment.id, payment.receipt_no, customer.id, customer.customer_no, customer.name,
        payment.amount, payment.method, payment.tendered, payment.change_given,
        payment.received_at, payment.operator_id, operator_name(operator, payment.method),
        payment.workstation, bills, balance, payment.status, replayed)


def _replay(session: Session, key: str, customer_id: int, value: Decimal) -> PostedPayment | None:
    # Asked twice on every post and nearly always answered "none": a plain column query,
    # the payment object only when there is one.
    if session.execute(_PAYMENT_ID_BY_KEY, {"key": key}).first() is None:
        return None
    payment = session.scalars(select(Payment).where(Payment.idempotency_key == key)).one()
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
    query = _CUSTOMER_LOCKED if lock else _CUSTOMER
    customer = session.execute(query, {"customer_id": customer_id}).scalar()
    if customer is None:
        raise NotFound("no such customer", entity="customer", id=customer_id)
    return customer


def _ceiling(session: Session) -> Decimal:
    value = session.execute(_CEILING, {"key": CEILING_SETTING}).scalar()
    return Decimal(value) if value is not None else DEFAULT_CEILING


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
