"""Printed notices: a reminder (催费通知单), disconnect notice (停电通知书) or reconnect
notice (复电通知书) of a `Notice` row, with a signed QR so a printed copy can be checked.

The QR holds, in ASCII:

    GDN1|<notice no>|<customer no>|<kind>|<amount in fen or ->|<deadline YYYYMMDDHHMM or ->|<key id>|<signature>

The Ed25519 signature (console.signing, the site's active key) covers all
before the last '|': number, account, kind, amount and deadline cannot be
changed on paper without the check failing. No name or address: the code is
read by whoever holds the paper.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select

from console import signing
from console.billing.allocation import total_due
from console.db import Database
from console.errors import NotFound, ValidationError
from console.models import Bill, Meter, Notice, Payment, Unit
from console.models.enums import NoticeKind, values
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.admin import site_keys
from console.services.billing.reads import load_rules, open_bills
from console.services.cost_control.policy import load_policies
from console.services.permissions import Permission
from console.services.report_data.common import (
    find_customer,
    header,
    money,
    require_report,
)
from console.services.report_data.types import NoticeBill, NoticeData
from console.services.rows import existing
from console.timeutil import LOCAL, local_today

PREFIX = "GDN1"
PRINTABLE = values(NoticeKind)


@dataclass(frozen=True)
class NoticeQr:
    doc_no: str
    customer_no: str
    kind: str
    amount_fen: int | None
    deadline: str  # YYYYMMDDHHMM local, or ""
    key_id: str
    signature: bytes

    @property
    def message(self) -> bytes:
        return signed_part(self.doc_no, self.customer_no, self.kind, self.amount_fen,
                           self.deadline, self.key_id)

    def text(self) -> str:
        return f"{self.message.decode('ascii')}|{signing.b64u(self.signature)}"


def signed_part(doc_no: str, customer_no: str, kind: str, amount_fen: int | None,
                deadline: str, key_id: str) -> bytes:
    amount = "-" if amount_fen is None else str(amount_fen)
    return f"{PREFIX}|{doc_no}|{customer_no}|{kind}|{amount}|{deadline or '-'}|{key_id}".encode(
        "ascii")


def parse_qr(text: str) -> NoticeQr | None:
    """The fields of a notice QR, or None when the text is not shaped like one."""
    parts = (text or "").strip().split("|")
    if len(parts) != 8 or parts[0] != PREFIX:
        return None
    _, doc_no, customer_no, kind, amount, deadline, key_id, sig = parts
    try:
        _, signature = signing.split_token(f"{key_id}.{sig}")
        fen = None if amount == "-" else int(amount)
    except (ValidationError, ValueError):
        return None
    return NoticeQr(doc_no, customer_no, kind, fen, "" if deadline == "-" else deadline, key_id,
                    signature)


def verify_notice_qr(db: Database, text: str) -> NoticeQr | None:
    """The notice a scanned QR stands for when the site signed it, else None (forged,
    altered, or not a notice code)."""
    qr = parse_qr(text)
    if qr is None:
        return None
    with db.read() as session:
        return qr if site_keys.verify(session, qr.key_id, qr.message, qr.signature) else None


@use_case(None, notice_no="doc_no")  # right: require_report
def notice_data(db: Database, actor: Actor, *, doc_no: str,
                now: dt.datetime | None = None) -> NoticeData:
    """A notice as printed: the customer, what is owed today, the rule, the signed QR."""
    require_report(actor, Permission.LOOKUP)
    # A write unit of work: the site's first signing key is made on demand.
    with db.uow() as session:
        notice = session.scalar(select(Notice).where(Notice.doc_no == (doc_no or "").strip()))
        if notice is None or notice.kind not in PRINTABLE:
            raise NotFound(f"no such notice: {doc_no}", entity="notice", id=doc_no)
        c = find_customer(session, customer_id=notice.customer_id)
        today = local_today(now)
        bills = open_bills(session, c.id)
        principal, fees = total_due(bills, load_rules(session, today).for_category(c.category),
                                    today)
        signer = site_keys.active_signer(session)
        qr = _qr(signer, notice, c.customer_no)
        return NoticeData(
            # The notice's own number heads every page: one number per paper.
            header=replace(header(session, actor, existing(session, Unit, c.unit_id, "unit"), "TZ",
                                  now=now),
                           doc_no=notice.doc_no, own_number=True),
            kind=notice.kind, doc_no=notice.doc_no, customer_no=c.customer_no, name=c.name,
            address=c.address, meter_no=_meter_no(session, c.id), amount=notice.amount,
            owed_today=money(principal + fees), bills=_bills(session, [b.bill_id for b in bills]),
            created_at=notice.created_at, deadline=notice.deadline, rule=notice.rule or "manual",
            notice_days=load_policies(session).for_account(c.unit_id, c.category).notice_days,
            last_payment=_last_payment(session, c.id), qr_text=qr.text(), key_id=signer.key_id)


def _qr(signer: signing.Signer, notice: Notice, customer_no: str) -> NoticeQr:
    fen = None if notice.amount is None else int(notice.amount.scaleb(2))
    deadline = f"{notice.deadline.astimezone(LOCAL):%Y%m%d%H%M}" if notice.deadline else ""
    message = signed_part(notice.doc_no, customer_no, notice.kind, fen, deadline, signer.key_id)
    return NoticeQr(notice.doc_no, customer_no, notice.kind, fen, deadline, signer.key_id,
                    signer.sign(message))


def _bills(session, ids: list[int]) -> tuple[NoticeBill, ...]:
    if not ids:
        return ()
    rows = session.execute(select(Bill.period, Bill.due_date, Bill.amount - Bill.paid_amount)
                           .where(Bill.id.in_(ids)).order_by(Bill.due_date, Bill.id))
    return tuple(NoticeBill(period, due, money(left)) for period, due, left in rows)


def _meter_no(session, customer_id: int) -> str:
    return session.scalar(select(Meter.asset_no).where(Meter.customer_id == customer_id)
                          .order_by(Meter.id).limit(1)) or ""


def _last_payment(session, customer_id: int) -> tuple[dt.datetime, str, Decimal] | None:
    row = session.execute(select(Payment.received_at, Payment.receipt_no, Payment.amount)
                          .where(Payment.customer_id == customer_id, Payment.status == "posted")
                          .order_by(Payment.received_at.desc(), Payment.id.desc()).limit(1)).first()
    return tuple(row) if row else None
