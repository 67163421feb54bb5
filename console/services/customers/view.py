"""The customer view (客户统一视图): one read of everything about a customer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.billing import owing
from console.billing.allocation import total_due
from console.billing.late_fees import days_overdue
from console.db import Database
from console.errors import NotFound
from console.models import (
    AuditEvent,
    Bill,
    ControlCommand,
    Customer,
    LedgerEntry,
    Meter,
    Notice,
    Payment,
    Reading,
    Seal,
    Tariff,
    Unit,
    User,
    WorkOrder,
)
from console.models.enums import AccessPurpose
from console.privacy import mask_id_number, mask_phone
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.billing.reads import load_rules, open_bills
from console.services.customers.access import (
    REVEALED,
    VIEWED,
    check_purpose,
    record_access,
    record_view,
)
from console.services.customers.view_types import (
    AccountState,
    AuditRow,
    BillRow,
    CommandRow,
    Contact,
    CustomerDetail,
    Identity,
    MeterRow,
    NoticeRow,
    PaymentRow,
    SealRow,
    WorkOrderRow,
)
from console.services.messages.keys import official
from console.services.payments.operators import operator_name
from console.services.payments.reversals import refusal
from console.services.permissions import Permission, allowed
from console.timeutil import local_today

HISTORY_ROWS = 30


@use_case(Permission.LOOKUP, customer="customer_id")
def customer_detail(db: Database, actor: Actor, customer_id: int,
                    *, today: dt.date | None = None,
                    purpose: str = AccessPurpose.COUNTER_SERVICE) -> CustomerDetail:
    """Identity, account, meters, bills, payments, notices, commands, seals, orders, audit.

    Opening it is audited with its purpose (a reload within the same visit is not)."""
    chosen, today = check_purpose(purpose), today or local_today()
    detail = _read_detail(db, actor, customer_id, today)
    with db.uow() as session:
        record_view(session, actor, customer_id, chosen)
    return detail


def _read_detail(db: Database, actor: Actor, customer_id: int,
                 today: dt.date) -> CustomerDetail:
    with db.read() as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise NotFound("no such customer", entity="customer", id=customer_id)
        meters = _meters(session, customer_id)
        return CustomerDetail(
            identity=_identity(session, customer, actor),
            account=_account(session, customer, today),
            meters=meters,
            bills=_bills(session, customer_id),
            payments=_payments(session, customer_id, actor),
            # Messages to phone channels have their own tab (widgets/messages).
            notices=_rows(session, NoticeRow, Notice, customer_id, Notice.created_at, official()),
            commands=_rows(session, CommandRow, ControlCommand, customer_id,
                           ControlCommand.requested_at),
            seals=_seals(session, meters),
            work_orders=_rows(session, WorkOrderRow, WorkOrder, customer_id, WorkOrder.created_at),
            audit=_audit(session, customer_id),
        )


@use_case(Permission.REVEAL_PERSONAL_DATA, customer="customer_id")
def reveal_contact(db: Database, actor: Actor, customer_id: int, *, purpose: str) -> Contact:
    """The whole phone and ID numbers; every reveal is audited with its purpose."""
    chosen = check_purpose(purpose)
    with db.uow() as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise NotFound("no such customer", entity="customer", id=customer_id)
        record_access(session, actor, customer_id, REVEALED, chosen)
        return Contact(customer.phone, customer.id_number)


def _identity(session: Session, c: Customer, actor: Actor) -> Identity:
    # Masked for everyone by default; roles that may see whole numbers ask for
    # them (reveal_contact), so every look at them leaves an audit record.
    unit_name = session.scalar(select(Unit.name).where(Unit.id == c.unit_id)) or ""
    tariff_name = session.scalar(select(Tariff.name).where(Tariff.id == c.tariff_id)) or ""
    return Identity(
        c.id, c.customer_no, c.name, c.category,
        mask_phone(c.phone), mask_id_number(c.id_number),
        c.address, unit_name, c.protected, c.protected_reason, c.status, c.opened_on,
        tariff_name, allowed(actor.role, Permission.REVEAL_PERSONAL_DATA),
    )


def _account(session: Session, c: Customer, today: dt.date) -> AccountState:
    balance = session.execute(
        select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(LedgerEntry.customer_id == c.id)
    ).scalar_one()
    bills = open_bills(session, c.id)
    rule = load_rules(session, today).for_category(c.category)
    everything, fees = total_due(bills, rule, today)
    oldest = min((b.due_date for b in bills), default=None)
    return AccountState(
        Decimal(balance).quantize(Decimal("0.01")), owing.arrears(bills, today), fees, oldest,
        days_overdue(oldest, today) if oldest else 0, c.cost_control_mode, c.control_state,
        everything,
    )


def _meters(session: Session, customer_id: int) -> tuple[MeterRow, ...]:
    result = []
    for m in session.scalars(select(Meter).where(Meter.customer_id == customer_id).order_by(Meter.id)):
        last = session.execute(
            select(Reading.read_at, Reading.energy_total).where(Reading.meter_id == m.id)
            .order_by(Reading.read_at.desc()).limit(1)
        ).first()
        result.append(MeterRow(
            m.id, m.asset_no, m.address, m.model, m.phases, m.multiplier, m.relay_state,
            m.relay_changed_at, m.guarantee, last[0] if last else None, last[1] if last else None,
        ))
    return tuple(result)


def _bills(session: Session, customer_id: int) -> tuple[BillRow, ...]:
    bills = session.scalars(select(Bill).where(Bill.customer_id == customer_id)
                            .order_by(Bill.period.desc()).limit(13))
    return tuple(BillRow(b.id, b.bill_no, b.period, b.kwh, b.amount, b.paid_amount, b.due_date,
                         b.status, b.estimated) for b in bills)


def _payments(session: Session, customer_id: int, actor: Actor) -> tuple[PaymentRow, ...]:
    rows = session.execute(
        select(Payment, User.full_name).outerjoin(User, User.id == Payment.operator_id)
        .where(Payment.customer_id == customer_id)
        .order_by(Payment.received_at.desc()).limit(HISTORY_ROWS)
    )
    return tuple(PaymentRow(p.id, p.receipt_no, p.received_at, p.amount, p.method,
                            operator_name(operator, p.method), p.status, refusal(actor, p))
                 for p, operator in rows)


def _rows(session: Session, dto, model, customer_id: int, newest, *where) -> tuple:
    """Newest rows of a customer-scoped table, mapped onto the DTO's fields by name."""
    names = dto.__dataclass_fields__
    records = session.scalars(select(model).where(model.customer_id == customer_id, *where)
                              .order_by(newest.desc()).limit(HISTORY_ROWS))
    return tuple(dto(**{n: getattr(r, n) for n in names}) for r in records)


def _seals(session: Session, meters: tuple[MeterRow, ...]) -> tuple[SealRow, ...]:
    by_id = {m.id: m.asset_no for m in meters}
    if not by_id:
        return ()
    seals = session.scalars(select(Seal).where(Seal.meter_id.in_(by_id), Seal.state == "installed")
                            .order_by(Seal.meter_id, Seal.position))
    return tuple(SealRow(s.seal_no, by_id[s.meter_id], s.position or "", s.state, s.installed_at)
                 for s in seals if s.meter_id is not None)  # always: selected by meter


def _audit(session: Session, customer_id: int) -> tuple[AuditRow, ...]:
    events = session.execute(
        select(AuditEvent.seq, AuditEvent.at, AuditEvent.actor_name, AuditEvent.workstation,
               AuditEvent.action)
        .where(AuditEvent.entity_type == "customer", AuditEvent.entity_id == str(customer_id),
               AuditEvent.action != VIEWED)  # looks are in the access report, not history
        .order_by(AuditEvent.seq.desc()).limit(50)
    )
    return tuple(AuditRow(*row) for row in events)
