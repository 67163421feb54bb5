"""Model constraints and exact types, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from console import ids
from console.errors import ConcurrentUpdate, ValidationError
from console.models import Customer, LedgerEntry, Meter, Seal, SealBatch
from tests import factories as f


def test_customer_numbers_are_unique(db):
    with pytest.raises(IntegrityError), db.session() as s:
        u, t = f.unit(s), f.tariff(s)
        f.customer(s, u, t, number="3700000001")
        f.customer(s, u, t, number="3700000001")


def test_database_refuses_a_malformed_customer_number(db):
    # Bulk loads bypass the ORM validators: the CHECK constraint still holds.
    with pytest.raises(IntegrityError), db.session() as s:
        u, t = f.unit(s), f.tariff(s)
        s.execute(insert(Customer.__table__).values(
            customer_no="37000A0001", name="x", name_pinyin="", name_initials="",
            category="residential", phone="", id_number="", address="", unit_id=u.id,
            protected=False, protected_reason="", status="active", tariff_id=t.id,
            cost_control_mode="postpaid", control_state="normal", version=1,
            created_at=dt.datetime.now(dt.UTC)))


def test_orm_refuses_a_wrong_check_digit():
    good = ids.make_asset_code("37001", ids.ASSET_TYPE_METER, 42)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(ValidationError):
        Meter(asset_no=bad, address="000000000042")
    with pytest.raises(ValidationError):
        Seal(seal_no=good)  # a meter's code is not a seal's


def test_seal_numbers_are_unique(db):
    with pytest.raises(IntegrityError), db.session() as s:
        u = f.unit(s)
        no = ids.make_asset_code(u.code, ids.ASSET_TYPE_SEAL, 1)
        batch = SealBatch(batch_no="B1", seal_type="plastic", colour="red", year=2026,
                          manufacturer="m", unit_id=u.id, first_no=no, last_no=no, quantity=1)
        s.add(batch)
        s.flush()
        s.add_all([Seal(seal_no=no, batch_id=batch.id, unit_id=u.id),
                   Seal(seal_no=no, batch_id=batch.id, unit_id=u.id)])


def test_two_seals_cannot_be_installed_at_one_position(db):
    with pytest.raises(IntegrityError), db.session() as s:
        u = f.unit(s)
        m = f.meter(s, u)
        first = ids.make_asset_code(u.code, ids.ASSET_TYPE_SEAL, 10)
        batch = SealBatch(batch_no="B2", seal_type="lead", colour="blue", year=2026,
                          manufacturer="m", unit_id=u.id, first_no=first, last_no=first, quantity=2)
        s.add(batch)
        s.flush()
        for serial in (10, 11):
            s.add(Seal(seal_no=ids.make_asset_code(u.code, ids.ASSET_TYPE_SEAL, serial),
                       batch_id=batch.id, unit_id=u.id, state="installed", meter_id=m.id,
                       position="meter_cover"))
        s.flush()


def test_money_is_exact_to_the_fen_and_sums_exactly(db):
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("96.40"), Decimal("-2.22")] * 250
    with db.session() as s:
        u, t = f.unit(s), f.tariff(s)
        c = f.customer(s, u, t, number="3700000002")
        s.add_all(LedgerEntry(customer_id=c.id, kind="payment", amount=a) for a in amounts)
        s.flush()
        total = s.scalar(select(func.sum(LedgerEntry.amount)).where(LedgerEntry.customer_id == c.id))
        first = s.scalar(select(LedgerEntry.amount).where(LedgerEntry.customer_id == c.id).limit(1))
    assert total == sum(amounts) and isinstance(total, Decimal)
    assert isinstance(first, Decimal) and first == Decimal("0.10")


def test_money_refuses_floats(db):
    with pytest.raises(StatementError, match="never float"), db.session() as s:
        u, t = f.unit(s), f.tariff(s)
        c = f.customer(s, u, t, number="3700000003")
        s.add(LedgerEntry(customer_id=c.id, kind="payment", amount=0.1))
        s.flush()


def test_timestamps_come_back_aware_utc(db):
    shanghai = dt.timezone(dt.timedelta(hours=8))
    local = dt.datetime(2026, 7, 1, 8, 30, 15, 123456, tzinfo=shanghai)
    with db.session() as s:
        u, t = f.unit(s), f.tariff(s)
        c = f.customer(s, u, t, number="3700000004")
        s.add(LedgerEntry(customer_id=c.id, kind="payment", amount=Decimal("1"), posted_at=local))
    with db.session() as s:
        back = s.scalar(select(LedgerEntry.posted_at).where(LedgerEntry.customer_id == c.id))
    assert back == local and back.utcoffset() == dt.timedelta(0)


def test_naive_timestamps_are_refused(db):
    with pytest.raises(StatementError, match="naive datetime"), db.session() as s:
        u, t = f.unit(s), f.tariff(s)
        c = f.customer(s, u, t, number="3700000005")
        s.add(LedgerEntry(customer_id=c.id, kind="payment", amount=Decimal("1"),
                          posted_at=dt.datetime(2026, 1, 1)))
        s.flush()


def test_a_stale_edit_is_refused_as_concurrent_update(db):
    with db.session() as s:
        u, t = f.unit(s), f.tariff(s)
        cid = f.customer(s, u, t, number="3700000006").id
    with db.session() as s:
        stale = s.get(Customer, cid)
    with db.session() as s:  # the other workstation saves first
        s.get(Customer, cid).phone = "13800000000"
    with pytest.raises(ConcurrentUpdate), db.session() as s:
        stale = s.merge(stale, load=False)
        stale.phone = "13900000000"
    with db.session() as s:
        assert s.get(Customer, cid).phone == "13800000000"


def test_sqlite_stores_money_as_integer_fen(file_db):
    with file_db.session() as s:
        u, t = f.unit(s), f.tariff(s)
        c = f.customer(s, u, t, number="3700000007")
        s.add(LedgerEntry(customer_id=c.id, kind="payment", amount=Decimal("98.62")))
        s.flush()
        raw = s.execute(text("SELECT amount, typeof(amount) FROM ledger_entry")).one()
    assert tuple(raw) == (9862, "integer")


def test_sqlite_reads_do_not_wait_for_a_writer(file_db):
    # The collector holds the write lock; a chart's read must still answer.
    with file_db.uow() as writer:
        f.unit(writer)
        with file_db.read() as reader:
            assert reader.execute(text("SELECT count(*) FROM unit")).scalar() == 0
