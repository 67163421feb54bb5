"""A customer's consent to messages on WeChat, Alipay or SMS, and the messages sent.

    record_consent(db, actor, customer_id, "wechat", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
    withdraw_consent(db, actor, customer_id, "wechat")
    list_bindings(db, actor, customer_id) / list_messages(db, actor, customer_id)

The counter records consent at the customer's unit (RECORD_CONSENT, unit scope). The
recipient address is personal data: it is handed out and audited masked only. Withdrawing
keeps the row (who consented, when) and cancels the messages still waiting on that channel.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import NotFound, ValidationError
from console.models import ChannelBinding, Customer, Notice, User, utcnow
from console.models.enums import MessageChannel, NoticeStatus, values
from console.privacy import mask_recipient
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.messages.keys import MESSAGE_PREFIX, is_message
from console.services.permissions import Permission
from console.services.rows import existing

MOBILE = re.compile(r"1[3-9]\d{9}")
OPENID = re.compile(r"[A-Za-z0-9_-]{6,64}")  # WeChat openid (28), Alipay user id / open_id
LISTED = 200


@dataclass(frozen=True)
class BindingInfo:
    """One channel of a customer: `address` is masked; `active` while consent stands."""

    customer_id: int
    channel: str
    address: str
    consent_at: dt.datetime
    consent_by: str
    withdrawn_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


@dataclass(frozen=True)
class MessageInfo:
    """A message and its delivery: pending, sent (with the gateway's reference) or failed."""

    notice_id: int
    kind: str
    channel: str
    status: str
    amount: Decimal | None
    created_at: dt.datetime
    sent_at: dt.datetime | None
    attempts: int
    external_ref: str
    last_error: str


@use_case(Permission.RECORD_CONSENT, customer="customer_id")
def record_consent(db: Database, actor: Actor, customer_id: int, channel: str, address: str, *,
                   now: dt.datetime | None = None) -> BindingInfo:
    """The customer agrees to messages on `channel` at `address` (new, changed or renewed)."""
    channel, address = _checked(channel, address)
    now = now or utcnow()
    with db.uow() as session:
        existing(session, Customer, customer_id, "customer")
        row = _binding(session, customer_id, channel)
        before = _audited(row) if row else None
        if row is None:
            row = ChannelBinding(customer_id=customer_id, channel=channel)
            session.add(row)
        row.address, row.consent_at, row.consent_by = address, now, actor.user_id
        row.withdrawn_at = row.withdrawn_by = None
        session.flush()
        audit.record(session, actor, "message.consent_recorded", entity_type="customer",
                     entity_id=customer_id, before=before, after=_audited(row))
        return _info(session, row)


@use_case(Permission.RECORD_CONSENT, customer="customer_id")
def withdraw_consent(db: Database, actor: Actor, customer_id: int, channel: str, *,
                     now: dt.datetime | None = None) -> BindingInfo:
    """The customer wants no more messages on `channel`; waiting ones are cancelled."""
    now = now or utcnow()
    with db.uow() as session:
        row = _binding(session, customer_id, channel)
        if row is None or row.withdrawn_at is not None:
            raise NotFound("no consent on this channel", entity="channel_binding",
                           id=f"{customer_id}:{channel}")
        row.withdrawn_at, row.withdrawn_by = now, actor.user_id
        session.execute(update(Notice).where(
            Notice.customer_id == customer_id, Notice.status == NoticeStatus.PENDING,
            Notice.dedupe_key.startswith(f"{MESSAGE_PREFIX}{channel}:"))
            .values(status=NoticeStatus.CANCELLED).execution_options(synchronize_session=False))
        audit.record(session, actor, "message.consent_withdrawn", entity_type="customer",
                     entity_id=customer_id, after=_audited(row))
        return _info(session, row)


@use_case(Permission.LOOKUP, customer="customer_id")
def list_bindings(db: Database, actor: Actor, customer_id: int) -> list[BindingInfo]:
    """The customer's channels, consent standing or withdrawn, in channel order."""
    order = values(MessageChannel)
    with db.read() as session:
        rows = session.scalars(select(ChannelBinding)
                               .where(ChannelBinding.customer_id == customer_id))
        infos = [_info(session, r) for r in rows]
    return sorted(infos, key=lambda b: order.index(b.channel))


@use_case(Permission.LOOKUP, customer="customer_id")
def list_messages(db: Database, actor: Actor, customer_id: int) -> list[MessageInfo]:
    """The customer's latest messages (newest first) with their delivery state."""
    with db.read() as session:
        rows = session.scalars(select(Notice).where(Notice.customer_id == customer_id,
                                                    is_message())
                               .order_by(Notice.created_at.desc(), Notice.id.desc())
                               .limit(LISTED))
        return [MessageInfo(n.id, n.kind, n.channel, n.status, n.amount, n.created_at,
                            n.sent_at, n.attempts, n.external_ref, n.last_error) for n in rows]


def _checked(channel: str, address: str) -> tuple[str, str]:
    if channel not in values(MessageChannel):
        raise ValidationError("unknown message channel", field="channel",
                              value=channel, reason="unknown_channel")
    address = (address or "").strip()
    pattern = MOBILE if channel == MessageChannel.SMS else OPENID
    if not pattern.fullmatch(address):
        # The address is personal data: the error names the channel, not what was typed.
        if channel == MessageChannel.SMS:
            raise ValidationError("not a mobile number", field="address", reason="mobile")
        raise ValidationError("not a channel user id", field="address", reason="openid")
    return channel, address


def _binding(session: Session, customer_id: int, channel: str) -> ChannelBinding | None:
    return session.scalar(select(ChannelBinding).where(ChannelBinding.customer_id == customer_id,
                                                       ChannelBinding.channel == channel))


def _audited(row: ChannelBinding) -> dict[str, object]:
    return {"channel": row.channel, "address": mask_recipient(row.address),
            "withdrawn": row.withdrawn_at is not None}


def _info(session: Session, row: ChannelBinding) -> BindingInfo:
    by = session.get(User, row.consent_by) if row.consent_by else None
    return BindingInfo(row.customer_id, row.channel, mask_recipient(row.address), row.consent_at,
                       by.full_name or by.username if by else "", row.withdrawn_at)

