"""A verified notification, posted once through the counter's payment service, held for a
supervisor, or acknowledged; a refused one counted.

One transaction per notification: the nonce, the notification row and either the payment
(with its ledger lines, receipt number, audit event and the reconnect it queues, exactly as
at the counter: console.services.payments.counter.post_in) or the held row. The gateway
acts as the system actor `channel-wechat` / `channel-alipay` (a bank file's records as
`channel-bank`, several per transaction: accept_many): the channel's signature is its
authority, and the audit trail names the channel as who posted.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.channels.orders import order_named
from console.channels.refusal import Notification, Refused
from console.db import Database
from console.models import (
    ChannelNonce,
    ChannelNotification,
    ChannelOrder,
    ChannelRejection,
    Customer,
    HeldNotification,
    utcnow,
)
from console.models.enums import CostControlMode, CustomerStatus
from console.services import audit
from console.services.actor import Actor
from console.services.channels.held import CHANNEL_ACTOR, METHOD
from console.services.payments.counter import due_in, post_in
from console.timeutil import local_today

log = logging.getLogger(__name__)

# How long a nonce is remembered. A WeChat notification is stale 5 minutes after its signed
# timestamp, so its replay is refused without the nonce long before an hour; an Alipay
# notify_id seen again after a few days would be a resend of a trade already recorded
# (answered as a duplicate by its transaction id), as Alipay resends for about 25 hours.
KEEP_NONCES = {"wechat": dt.timedelta(hours=1), "alipay": dt.timedelta(days=3)}

_NONCE = select(ChannelNonce.notification_id).where(
    ChannelNonce.channel == bindparam("channel"), ChannelNonce.nonce == bindparam("nonce"))
_EARLIER = select(ChannelNotification).where(
    ChannelNotification.channel == bindparam("channel"),
    ChannelNotification.transaction_id == bindparam("txn"))
_CUSTOMER = select(Customer).where(Customer.customer_no == bindparam("no")).with_for_update()


@dataclass(frozen=True)
class Outcome:
    """What the gateway did: posted, duplicate (nothing written), held or acknowledged."""

    outcome: str
    payment_id: int | None = None
    held_reason: str = ""


def accept(db: Database, notice: Notification, *, unit_id: int) -> Outcome:
    """Record `notice` once; `unit_id` owns held money of customers we do not know.

    Refused("replayed") when its nonce was seen before (Alipay: unless it is the resend of
    the same trade, which is a duplicate). A twin committed meanwhile makes the unique
    indexes fail at commit; the second try then finds it and answers duplicate.
    """
    return accept_many(db, (notice,), unit_id=unit_id)[0]


def accept_many(db: Database, notices: Sequence[Notification], *,
                unit_id: int) -> list[Outcome]:
    """`accept` for several notifications in one transaction (a slice of a bank's batch
    file): all of them recorded, or none."""
    for attempt in (1, 2):
        try:
            with db.uow() as session:
                return [_accept(session, notice, unit_id) for notice in notices]
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _accept(session: Session, notice: Notification, unit_id: int) -> Outcome:
    # A bank's records carry no nonce: the signed file is verified whole, and its
    # transaction ids make a re-import a duplicate.
    seen = (session.execute(_NONCE, {"channel": notice.channel, "nonce": notice.nonce}).first()
            if notice.nonce else None)
    earlier = session.scalars(_EARLIER, {"channel": notice.channel,
                                         "txn": notice.transaction_id}).first()
    if seen is not None:
        # Alipay resends with the same notify_id when our `success` got lost: nothing to do.
        resend = (notice.channel == "alipay" and earlier is not None
                  and seen.notification_id == earlier.id)
        if not resend:
            raise Refused("replayed", notice.nonce, status=401)
    if earlier is not None:
        if (earlier.amount, earlier.customer_no) != (notice.amount, notice.customer_no):
            log.warning("%s %s sent again with other figures; the first stands",
                        notice.channel, notice.transaction_id)
        return Outcome("duplicate", earlier.payment_id)
    customer = (session.scalars(_CUSTOMER, {"no": notice.customer_no}).first()
                if notice.customer_no else None)
    row = ChannelNotification(channel=notice.channel, transaction_id=notice.transaction_id,
                              out_trade_no=notice.out_trade_no, customer_no=notice.customer_no,
                              amount=notice.amount, trade_status=notice.trade_status,
                              outcome="acknowledged")
    session.add(row)
    session.flush()
    if notice.nonce:
        session.add(ChannelNonce(channel=notice.channel, nonce=notice.nonce,
                                 notification_id=row.id))
    if not notice.paid:  # closed, waiting, refunded: the channel is told we heard it
        session.flush()
        return Outcome("acknowledged")
    return _post_or_hold(session, notice, row, customer, unit_id)


def _post_or_hold(session: Session, notice: Notification, row: ChannelNotification,
                  customer: Customer | None, unit_id: int) -> Outcome:
    actor = CHANNEL_ACTOR[notice.channel]
    order = order_named(session, notice.out_trade_no)
    if order is not None:  # counter QR pay: the order decides, not what is due today
        return _settle_order(session, notice, row, order)
    if customer is None:
        return _hold(session, actor, row, None, "unknown_customer", None, unit_id)
    if customer.status == CustomerStatus.CLOSED:
        return _hold(session, actor, row, customer, "closed_account", None, customer.unit_id)
    due = due_in(session, customer, local_today()).total
    if not _matches(notice.amount, due, customer):
        return _hold(session, actor, row, customer, "amount_mismatch", due, customer.unit_id)
    return _post(session, notice, row, customer)


def _post(session: Session, notice: Notification, row: ChannelNotification,
          customer: Customer) -> Outcome:
    posted = post_in(session, CHANNEL_ACTOR[notice.channel], customer_id=customer.id,
                     amount=notice.amount, method=METHOD[notice.channel],
                     idempotency_key=notice.idempotency_key, unit_id=customer.unit_id)
    row.outcome, row.payment_id = "posted", posted.payment_id
    session.flush()
    log.info("%s %s posted as payment %s (%s yuan, customer %s)", notice.channel,
             notice.transaction_id, posted.payment_id, notice.amount, customer.customer_no)
    return Outcome("posted", posted.payment_id)


def _settle_order(session: Session, notice: Notification, row: ChannelNotification,
                  order: ChannelOrder) -> Outcome:
    """A counter order paid: posted for the order's customer when it is still open and the
    figures are the order's; held for a supervisor when the clerk had cancelled it or it
    had timed out (the money is the customer's all the same)."""
    actor = CHANNEL_ACTOR[notice.channel]
    customer = session.get(Customer, order.customer_id)
    assert customer is not None  # a foreign key
    reason = ("order_closed" if order.state != "created"
              else "amount_mismatch" if (order.channel, order.amount) != (notice.channel,
                                                                          notice.amount)
              else "closed_account" if customer.status == CustomerStatus.CLOSED else "")
    if reason:
        return _hold(session, actor, row, customer, reason, order.amount, order.unit_id)
    outcome = _post(session, notice, row, customer)
    order.state, order.payment_id = "paid", outcome.payment_id
    order.transaction_id, order.finished_at = notice.transaction_id, utcnow()
    session.flush()
    return outcome


def _matches(amount: Decimal, due: Decimal, customer: Customer) -> bool:
    """Postpaid: exactly what is due today. Prepaid (智能费控): a top-up covering it."""
    if customer.cost_control_mode == CostControlMode.PREPAID:
        return amount >= due
    return amount == due


def _hold(session: Session, actor: Actor, row: ChannelNotification, customer: Customer | None,
          reason: str, due: Decimal | None, unit_id: int) -> Outcome:
    row.outcome = "held"
    held = HeldNotification(notification_id=row.id, unit_id=unit_id,
                            customer_id=customer.id if customer else None, reason=reason, due=due)
    session.add(held)
    session.flush()
    audit.record(session, actor, "channel.payment_held", entity_type="channel_notification",
                 entity_id=row.id, after={"channel": row.channel, "transaction_id":
                                          row.transaction_id, "amount": row.amount,
                                          "customer_no": row.customer_no, "reason": reason})
    log.warning("%s %s held for a supervisor: %s", row.channel, row.transaction_id, reason)
    return Outcome("held", held_reason=reason)


def reject(db: Database, channel: str, refused: Refused, remote: str,
           now: dt.datetime | None = None) -> None:
    """Count a refused notification (its reason, never its body) and log it."""
    log.warning("%s notification from %s refused: %s", channel, remote, refused)
    with db.uow() as session:
        session.add(ChannelRejection(channel=channel, reason=refused.reason[:24],
                                     detail=refused.detail[:200], remote=remote[:64],
                                     **({"at": now} if now else {})))


def prune_nonces(db: Database, now: dt.datetime) -> int:
    """Forget the nonces no replay can use any more (KEEP_NONCES); how many went."""
    gone = 0
    with db.uow() as session:
        for channel, keep in KEEP_NONCES.items():
            result = session.execute(delete(ChannelNonce).where(
                ChannelNonce.channel == channel, ChannelNonce.seen_at < now - keep))
            gone += getattr(result, "rowcount", 0) or 0
    return gone
