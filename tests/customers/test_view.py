"""The customer view's figures and privacy, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from console.errors import NotFound, PermissionDenied
from console.models import AuditEvent, Bill, LedgerEntry, Reading
from console.services.customers.view import customer_detail, reveal_contact
from tests import factories as f

UTC = dt.UTC
TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def farmer(db):
    """One residential customer with a bill 23 days overdue (the 08:05 journey)."""
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        c = f.customer(s, unit, tariff, number="3700000101")
        c.phone, c.id_number = "13800135678", "371702199001011234"
        m = f.meter(s, unit, c)
        for period, amount, paid, due in (("2026-09", "80.00", "80.00", dt.date(2026, 10, 4)),
                                          ("2026-10", "96.40", "0.00", dt.date(2026, 11, 4))):
            s.add(Bill(bill_no=f"B{period}", customer_id=c.id, meter_id=m.id, tariff_id=tariff.id,
                       period=period, kwh=Decimal("176.27"), amount=Decimal(amount),
                       paid_amount=Decimal(paid), due_date=due,
                       status="paid" if paid == amount else "open"))
            s.add(LedgerEntry(customer_id=c.id, kind="charge", amount=-Decimal(amount)))
        s.add(LedgerEntry(customer_id=c.id, kind="payment", amount=Decimal("80.00")))
        s.add(Reading(meter_id=m.id, read_at=dt.datetime(2026, 11, 1, tzinfo=UTC),
                      energy_total=Decimal("1234.56")))
        f.installed_seal(s, unit, m, serial=900, position="terminal_cover")
        clerk = f.actor(s, unit, username="clerk", role="counter")
        boss = f.actor(s, unit, username="boss", role="supervisor")
    return c.id, clerk, boss


def test_arrears_with_late_fee_to_the_fen(db, farmer):
    cid, clerk, _ = farmer
    account = customer_detail(db, clerk, cid, today=TODAY).account
    assert account.arrears == Decimal("96.40")
    assert account.late_fees == Decimal("2.22")  # 96.40 x 1‰ x 23 days
    assert account.amount_due == Decimal("98.62")
    assert (account.days_overdue, account.balance) == (23, Decimal("-96.40"))


def test_meters_bills_and_seals(db, farmer):
    cid, clerk, _ = farmer
    view = customer_detail(db, clerk, cid, today=TODAY)
    assert [b.period for b in view.bills] == ["2026-10", "2026-09"]
    assert view.meters[0].last_energy == Decimal("1234.56")
    assert [(s.position, s.meter_asset_no) for s in view.seals] == [
        ("terminal_cover", view.meters[0].asset_no)]


def test_contact_is_masked_and_only_supervisors_may_reveal(db, farmer):
    cid, clerk, boss = farmer
    for who, can_reveal in ((clerk, False), (boss, True)):
        identity = customer_detail(db, who, cid).identity
        assert (identity.phone, identity.id_number) == ("138****5678", "3717**********1234")
        assert identity.can_reveal is can_reveal


def test_reveal_is_refused_to_clerks_and_audited_for_supervisors(db, farmer):
    cid, clerk, boss = farmer
    with pytest.raises(PermissionDenied):
        reveal_contact(db, clerk, cid, purpose="complaint")
    assert reveal_contact(db, boss, cid, purpose="complaint").phone == "13800135678"
    with db.session() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert (event.action, event.actor_name, event.entity_id) == (
        "customer.contact_revealed", "boss", str(cid))
    trail = customer_detail(db, boss, cid).audit
    assert trail[0].action == "customer.contact_revealed"


def test_unknown_customer(db, farmer):
    _, clerk, _ = farmer
    with pytest.raises(NotFound):
        customer_detail(db, clerk, 999_999)
