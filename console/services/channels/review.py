"""A supervisor settles money a channel took that its gateway held (issue 18).

Three ways out of `channel_held`, each in one transaction with its audit event:

- post it to the customer the supervisor chose: the counter's posting (post_in) as the
  channel's own system actor, so the payment, its receipt number, its ledger lines and the
  reconnect it queues are those of a phone payment the gateway had posted itself, under the
  same idempotency key (channel:transaction): posted once, whatever happens twice;
- mark it for refund to the payer, with a note (the refund itself is made on the channel);
- mark it resolved, with a note (e.g. found posted by hand, or a test payment).

The held row is locked first, so two supervisors deciding at once decide once; the second
is told the row was settled meanwhile (ConcurrentUpdate) and nothing more is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.changes import Changes
from console.db import Database
from console.errors import ConcurrentUpdate, NotFound, ValidationError
from console.models import ChannelNotification, Customer, HeldNotification
from console.models.enums import CustomerStatus
from console.services import audit
from console.services.acting import covers, use_case
from console.services.actor import Actor
from console.services.channels.held import CHANNEL_ACTOR, METHOD
from console.services.payments.counter import due_in, post_in
from console.services.permissions import Permission
from console.timeutil import local_today

NOTE_LIMIT = 200
OUTCOMES = {"refund": "channel.held_refund", "resolved": "channel.held_resolved"}


@dataclass(frozen=True)
class HeldTarget:
    """The customer a held payment would be posted to, and what it would do there."""

    customer_id: int
    customer_no: str
    customer_name: str
    address: str
    closed: bool  # a closed account takes no payment
    prepaid: bool
    due: Decimal  # what clears the account today (0.00 when it is in credit)
    owed: Decimal  # like due, but negative for credit already on the account
    amount: Decimal  # what the channel took

    @property
    def balance_after(self) -> Decimal:
        """The account once this is posted: positive credit, negative still owed."""
        return self.amount - self.owed


@dataclass(frozen=True)
class HeldDecision:
    """What a supervisor's decision did to one held payment."""

    held_id: int
    outcome: str  # posted / refund / resolved
    customer_id: int | None
    payment_id: int | None = None
    receipt_no: str = ""

    @property
    def changes(self) -> Changes:
        posted = self.outcome == "posted"
        return Changes.of([self.customer_id], payments=True, bills=posted, commands=posted)


@use_case(Permission.REVIEW_CHANNEL_PAYMENTS, held_payment="held_id", customer_no="customer_no")
def held_target(db: Database, actor: Actor, *, held_id: int, customer_no: str) -> HeldTarget:
    """The customer numbered `customer_no` as the post dialog shows it: NotFound for none."""
    with db.read() as session:
        _, notice = _held(session, held_id)
        customer = _customer_by_no(session, customer_no)
        due = due_in(session, customer, local_today())
        return HeldTarget(customer.id, customer.customer_no, customer.name, customer.address,
                          customer.status == CustomerStatus.CLOSED, due.prepaid is not None,
                          due.total, due.owed, notice.amount)


@use_case(Permission.REVIEW_CHANNEL_PAYMENTS, held_payment="held_id", customer="customer_id")
def post_held(db: Database, actor: Actor, *, held_id: int, customer_id: int) -> HeldDecision:
    """Post the held money to `customer_id` as the channel's payment, once; the reconnect it
    earns is queued in the same transaction. AccountClosed for a closed account."""
    with db.uow() as session:
        held, notice = _held(session, held_id, lock=True)
        posted = post_in(session, CHANNEL_ACTOR[notice.channel], customer_id=customer_id,
                         amount=notice.amount, method=METHOD[notice.channel],
                         idempotency_key=f"{notice.channel}:{notice.transaction_id}",
                         unit_id=_unit_of(session, customer_id))
        held.state, held.customer_id = "resolved", customer_id
        notice.outcome, notice.payment_id = "posted", posted.payment_id
        audit.record(session, actor, "channel.held_posted", entity_type="customer",
                     entity_id=customer_id, after={
                         "held_id": held.id, "channel": notice.channel,
                         "transaction_id": notice.transaction_id, "amount": notice.amount,
                         "customer_no_sent": notice.customer_no, "reason": held.reason,
                         "payment_id": posted.payment_id, "receipt_no": posted.receipt_no})
        return HeldDecision(held.id, "posted", customer_id, posted.payment_id, posted.receipt_no)


@use_case(Permission.REVIEW_CHANNEL_PAYMENTS, held_payment="held_id")
def settle_held(db: Database, actor: Actor, *, held_id: int, outcome: str,
                note: str) -> HeldDecision:
    """Take a held payment off the list without posting it: `outcome` "refund" (to be
    refunded to the payer on the channel) or "resolved"; `note` (1–200 characters) says why."""
    action = OUTCOMES.get(outcome)
    if action is None:
        raise ValidationError(f"unknown outcome {outcome!r}", field="outcome", value=outcome,
                              reason="unknown")
    text = (note or "").strip()
    if not 0 < len(text) <= NOTE_LIMIT:
        raise ValidationError("a reason of 1 to 200 characters is required", field="note",
                              reason="length")
    with db.uow() as session:
        held, notice = _held(session, held_id, lock=True)
        held.state = "resolved"
        audit.record(session, actor, action, entity_type="channel_notification",
                     entity_id=notice.id, after={
                         "held_id": held.id, "channel": notice.channel,
                         "transaction_id": notice.transaction_id, "amount": notice.amount,
                         "customer_no_sent": notice.customer_no, "reason": held.reason,
                         "note": text})
        return HeldDecision(held.id, outcome, held.customer_id)


def _held(session: Session, held_id: int, *,
          lock: bool = False) -> tuple[HeldNotification, ChannelNotification]:
    query = (select(HeldNotification, ChannelNotification)
             .join(ChannelNotification, ChannelNotification.id == HeldNotification.notification_id)
             .where(HeldNotification.id == held_id))
    row = session.execute(query.with_for_update(of=HeldNotification) if lock else query).first()
    if row is None or not covers(row[0].unit_id):
        raise NotFound("no such held payment", entity="held_payment", id=held_id)
    if row[0].state != "open":
        raise ConcurrentUpdate("the held payment was settled meanwhile", entity="held_payment",
                               id=held_id)
    return row[0], row[1]


def _customer_by_no(session: Session, customer_no: str) -> Customer:
    customer = session.scalars(select(Customer).where(
        Customer.customer_no == (customer_no or "").strip())).first()
    if customer is None:
        raise NotFound("no such customer", entity="customer", id=customer_no)
    return customer


def _unit_of(session: Session, customer_id: int) -> int:
    unit_id = session.scalar(select(Customer.unit_id).where(Customer.id == customer_id))
    if unit_id is None:
        raise NotFound("no such customer", entity="customer", id=customer_id)
    return unit_id
