"""Demo data: deterministic, refuses to overwrite, realistic, and internally consistent."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from console import ids, migrate
from console.db import make_engine
from console.demo import DEMO_ACCOUNTS, generate
from console.demo.names import id_check_char
from console.errors import DatabaseNotEmpty
from console.models import (
    AuditEvent,
    Base,
    Bill,
    Customer,
    LedgerEntry,
    Meter,
    Payment,
    PaymentAllocation,
    Reading,
    Seal,
    SealEvent,
    Tariff,
    User,
)
from console.pinyin import pinyin_keys
from console.security import verify_password
from console.services import audit
from tests.conftest import create_pg_database, drop_pg_database, require_pg

N = 2000
AS_OF = dt.date(2026, 1, 20)  # the frozen demo's old day: a year of bills, December's just out
CENT = Decimal("0.01")
HASHED_TABLES = [t for t in Base.metadata.sorted_tables if t.name not in ("audit_event", "audit_head")]


def _sqlite_engine(template: Path, folder: Path) -> Engine:
    path = folder / f"{uuid.uuid4().hex[:8]}.db"
    shutil.copy(template, path)
    return make_engine(f"sqlite:///{path}")


@pytest.fixture(scope="module")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One 2000-customer SQLite database shared by the read-only checks."""
    engine = _sqlite_engine(sqlite_template, tmp_path_factory.mktemp("demo"))
    generate(engine, customers=N, seed=1, as_of=AS_OF)
    yield engine
    engine.dispose()


@pytest.fixture
def fresh(sqlite_template: Path, tmp_path: Path) -> Iterator[Callable]:
    engines: list[Engine] = []

    def make() -> Engine:
        engines.append(_sqlite_engine(sqlite_template, tmp_path))
        return engines[-1]

    yield make
    for engine in engines:
        engine.dispose()


def content_hash(engine: Engine) -> str:
    """SHA-256 of every domain row, read through the model types, in id order."""
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table in HASHED_TABLES:
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


# --- determinism, refusal, force ---------------------------------------------------------


def test_same_seed_gives_identical_rows_and_another_seed_does_not(fresh: Callable) -> None:
    first, second, other = fresh(), fresh(), fresh()
    generate(first, customers=300, seed=7, as_of=AS_OF)
    generate(second, customers=300, seed=7, as_of=AS_OF)
    generate(other, customers=300, seed=8, as_of=AS_OF)
    assert content_hash(first) == content_hash(second)
    assert content_hash(first) != content_hash(other)


def test_refuses_a_database_with_customers_and_writes_nothing(demo: Engine) -> None:
    before = {model: count(demo, model) for model in (Customer, Bill, AuditEvent)}
    with pytest.raises(DatabaseNotEmpty):
        generate(demo, customers=10, seed=3, as_of=AS_OF)
    assert {model: count(demo, model) for model in before} == before


def test_refuses_a_database_with_only_users(fresh: Callable) -> None:
    engine = fresh()
    generate(engine, customers=20, seed=1, as_of=AS_OF)
    with engine.begin() as conn:
        for table in ("ledger_entry", "payment_allocation", "payment", "receipt_counter",
                      "prepaid_drawdown", "bill", "reading",
                      "seal_event", "seal", "notice", "channel_binding", "control_command", "work_order", "meter",
                      "customer"):
            conn.execute(text(f"DELETE FROM {table}"))
    with pytest.raises(DatabaseNotEmpty):
        generate(engine, customers=20, seed=1, as_of=AS_OF)


def test_force_replaces_everything_and_restarts_the_audit_chain(fresh: Callable) -> None:
    engine = fresh()
    generate(engine, customers=300, seed=1, as_of=AS_OF)
    result = generate(engine, customers=120, seed=2, force=True, as_of=AS_OF)
    assert result.customers == 120 and result.rows["customer"] == 120
    assert count(engine, Customer) == 120 and count(engine, Meter) == 120
    with Session(engine) as session:
        assert audit.verify(session).ok
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1
    _assert_foreign_keys_hold(engine)


def test_result_counts_rows_and_lists_accounts(fresh: Callable) -> None:
    steps: list[tuple[str, float]] = []
    engine = fresh()
    result = generate(engine, customers=100, seed=1, as_of=AS_OF,
                      progress=lambda s, f: steps.append((s, f)))
    # 13 month starts (2025-01-01 .. 2026-01-01) and the as-of midnight; a bill a month of 2025.
    assert result.rows["customer"] == 100 and result.rows["reading"] == 100 * 14
    issued = count_where(engine, "seal", "state IN ('issued_person', 'issued_unit')")
    assert result.rows["bill"] == 100 * 12 and result.rows["seal_event"] == 200 + issued
    assert result.rows == {t: count_table(engine, t) for t in result.rows}
    assert result.accounts == DEMO_ACCOUNTS
    with engine.connect() as conn:  # left as a normal shared database, with bigger pages
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == 16384
    assert steps[-1] == ("done", 1.0) and [f for _s, f in steps] == sorted(f for _s, f in steps)


def count_where(engine: Engine, table: str, condition: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table} WHERE {condition}")).scalar_one()


def count_table(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


# --- integrity -----------------------------------------------------------------------------


def _assert_foreign_keys_hold(engine: Engine) -> None:
    """Foreign keys, and CHECK and NOT NULL constraints: the load evaluates none of
    them per row, integrity_check reads every row against them."""
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]


def test_constraints_and_audit_chain_hold(demo: Engine) -> None:
    _assert_foreign_keys_hold(demo)
    with Session(demo) as session:
        assert audit.verify(session).ok
        event = session.scalars(select(AuditEvent)).one()
    assert event.action == "demo.generated" and '"customers":2000' in event.after


def test_demo_accounts_log_in_with_the_documented_password(demo: Engine) -> None:
    roles = {a.role for a in DEMO_ACCOUNTS}
    assert roles == {"counter", "supervisor", "admin", "inspector"}
    with Session(demo) as session:
        for account in DEMO_ACCOUNTS:
            user = session.scalars(select(User).where(User.username == account.username)).one()
            assert (user.role, user.full_name, user.unit.name) == (
                account.role, account.full_name, account.unit_name)
            assert verify_password(user.password_hash, account.password)


# --- realism -------------------------------------------------------------------------------


def test_proportions_are_realistic(demo: Engine) -> None:
    with Session(demo) as session:
        categories = dict(session.execute(
            select(Customer.category, func.count()).group_by(Customer.category)).all())
        in_arrears = session.scalar(select(func.count(func.distinct(Bill.customer_id)))
                                    .where(Bill.status != "paid", Bill.due_date < AS_OF))
        prepaid = session.scalar(select(func.count()).where(Customer.cost_control_mode == "prepaid"))
        protected = session.scalars(select(Customer).where(Customer.protected)).all()
        disconnected = session.scalars(select(Meter).where(Meter.relay_state == "open")).all()
    assert abs(categories["residential"] / N - 0.88) <= 0.02
    assert set(categories) == {"residential", "commercial", "industrial", "agricultural", "public"}
    assert 0.03 <= in_arrears / N <= 0.07  # debtors, and late payers who have not paid yet
    assert 0.05 <= prepaid / N <= 0.10
    assert protected and all(c.protected_reason for c in protected)
    assert disconnected, "some prepaid customers under zero are switched off"


def test_people_look_real(demo: Engine) -> None:
    with Session(demo) as session:
        people = session.scalars(select(Customer).where(Customer.category == "residential")).all()
    for c in people:
        assert 2 <= len(c.name) <= 4 and c.name_pinyin.isascii() and c.name_pinyin.islower()
        assert len(c.name_initials) == len(c.name) and c.name_pinyin.startswith(c.name_initials[0])
        assert len(c.phone) == 11 and c.phone[:2] in ("13", "15", "18", "19")
        assert len(c.id_number) == 18 and c.id_number.startswith("3717")
        assert id_check_char(c.id_number[:17]) == c.id_number[17]
        assert 1940 <= int(c.id_number[6:10]) <= 2010 and 1 <= int(c.id_number[10:12]) <= 12
    names = {c.name for c in people}
    assert any(len(n) == 2 for n in names) and any(len(n) == 3 for n in names)
    # The demo reads names as the console does for a customer typed in (曾 is zeng).
    assert all((c.name_pinyin, c.name_initials) == pinyin_keys(c.name) for c in people)
    assert any(c.name.startswith("曾") and c.name_pinyin.startswith("zeng") for c in people)
    assert len({c.customer_no for c in people}) == len(people)


def test_meters_and_seals_have_valid_codes(demo: Engine) -> None:
    with Session(demo) as session:
        meters = session.scalars(select(Meter)).all()
        seals = session.scalars(select(Seal)).all()
        installs = session.scalar(select(func.count()).select_from(SealEvent)
                                  .where(SealEvent.to_state == "installed"))
    assert all(ids.is_valid_asset_code(m.asset_no) and m.asset_no[5:7] == "01" for m in meters)
    assert len({m.address for m in meters}) == len(meters)
    assert any(m.ct_ratio > 1 and m.phases == 3 for m in meters)
    positions = defaultdict(set)
    for seal in seals:
        assert ids.is_valid_asset_code(seal.seal_no) and seal.seal_no[5:7] == "09"
        if seal.state == "installed":
            positions[seal.meter_id].add(seal.position)
    assert all(positions[m.id] == {"meter_cover", "terminal_cover"} for m in meters)
    assert installs == 2 * len(meters) and any(s.state == "in_stock" for s in seals)


def test_seals_lie_inside_their_batch(demo: Engine) -> None:
    with demo.connect() as conn:
        outside = conn.execute(text(
            "SELECT COUNT(*) FROM seal s JOIN seal_batch b ON b.id = s.batch_id"
            " WHERE s.seal_no < b.first_no OR s.seal_no > b.last_no OR s.unit_id <> b.unit_id")).scalar()
        sizes = conn.execute(text(
            "SELECT b.quantity, COUNT(s.id) FROM seal_batch b JOIN seal s ON s.batch_id = b.id"
            " GROUP BY b.id, b.quantity")).all()
    assert outside == 0 and all(q == n for q, n in sizes)


# --- billing -------------------------------------------------------------------------------

TIERS = ((Decimal(2520), Decimal("0.5469")), (Decimal(4800), Decimal("0.5969")),
         (None, Decimal("0.8469")))


def tiered_amount(year_before: Decimal, kwh: Decimal) -> Decimal:
    """Price kWh that follow `year_before` kWh of the year, tier by tier (written afresh here)."""
    total, low = Decimal(0), Decimal(0)
    for upper, price in TIERS:
        high = upper if upper is not None else Decimal("1e12")
        part = max(Decimal(0), min(year_before + kwh, high) - max(year_before, low))
        total += part * price
        low = high
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def _bills_by_customer(session: Session, category: str, limit: int) -> dict[int, list[Bill]]:
    ids_ = session.scalars(select(Customer.id).where(Customer.category == category)
                           .order_by(Customer.id).limit(limit)).all()
    out: dict[int, list[Bill]] = defaultdict(list)
    for bill in session.scalars(select(Bill).where(Bill.customer_id.in_(ids_)).order_by(Bill.period)):
        out[bill.customer_id].append(bill)
    return out


def test_residential_bills_follow_the_annual_tiers(demo: Engine) -> None:
    crossed = 0
    with Session(demo) as session:
        for bills in _bills_by_customer(session, "residential", 300).values():
            year = Decimal(0)
            for bill in bills:
                assert isinstance(bill.amount, Decimal) and bill.amount == tiered_amount(year, bill.kwh)
                crossed += year < 2520 <= year + bill.kwh
                year += bill.kwh
    assert crossed > 0, "the sample should cross a tier limit"


def test_kwh_comes_from_the_readings_and_registers_add_up(demo: Engine) -> None:
    with Session(demo) as session:
        tariffs = {t.id: t for t in session.scalars(select(Tariff))}
        for category in ("industrial", "commercial"):
            for bills in _bills_by_customer(session, category, 20).values():
                for bill in bills:
                    prev, curr = session.get(Reading, bill.prev_reading_id), session.get(Reading, bill.curr_reading_id)
                    meter = session.get(Meter, bill.meter_id)
                    assert curr.energy_total > prev.energy_total
                    assert bill.kwh == (curr.energy_total - prev.energy_total) * meter.ct_ratio
                    for r in (prev, curr):
                        assert r.energy_sharp + r.energy_peak + r.energy_flat + r.energy_valley == r.energy_total
                    assert bill.amount == _priced(tariffs[bill.tariff_id], prev, curr, meter.ct_ratio)


def _priced(tariff: Tariff, prev: Reading, curr: Reading, ct: int) -> Decimal:
    if tariff.kind == "flat":
        return ((curr.energy_total - prev.energy_total) * ct * tariff.price).quantize(CENT, ROUND_HALF_UP)
    price = {p.register: p.price for p in tariff.tou_periods}
    total = sum((getattr(curr, f"energy_{r}") - getattr(prev, f"energy_{r}")) * ct * price[r]
                for r in ("sharp", "peak", "flat", "valley"))
    return Decimal(total).quantize(CENT, ROUND_HALF_UP)


def test_bills_payments_allocations_and_ledger_agree(demo: Engine) -> None:
    with Session(demo) as session:
        bills = {b.id: b for b in session.scalars(select(Bill))}
        payments = {p.id: p for p in session.scalars(select(Payment))}
        allocations = session.scalars(select(PaymentAllocation)).all()
        ledger = session.scalars(select(LedgerEntry)).all()
        prepaid = set(session.scalars(select(Customer.id)
                                      .where(Customer.cost_control_mode == "prepaid")))
    settled: dict[int, Decimal] = defaultdict(Decimal)
    by_payment: dict[int, Decimal] = defaultdict(Decimal)
    for a in allocations:
        settled[a.bill_id] += a.principal
        by_payment[a.payment_id] += a.principal + a.late_fee
    for bill in bills.values():
        assert bill.paid_amount == settled[bill.id] <= bill.amount
        expected = "paid" if bill.paid_amount == bill.amount else ("partial" if bill.paid_amount else "open")
        assert bill.status == expected
    assert all(by_payment[p.id] <= p.amount for p in payments.values())
    assert len({p.receipt_no for p in payments.values()}) == len(payments)
    balance: dict[int, Decimal] = defaultdict(Decimal)
    kinds: dict[str, int] = defaultdict(int)
    for entry in ledger:
        balance[entry.customer_id] += entry.amount
        kinds[entry.kind] += 1
    # Prepaid use since the last bill is drawn down as charges without a bill.
    interim = [e for e in ledger if e.kind == "charge" and e.bill_id is None]
    assert interim and all(e.customer_id in prepaid for e in interim)
    assert kinds["charge"] == len(bills) + len(interim) and kinds["payment"] == len(payments)
    assert kinds["late_fee"] > 0
    paid_in = defaultdict(Decimal)
    for p in payments.values():
        paid_in[p.customer_id] += p.amount
    owed = defaultdict(Decimal)
    for b in bills.values():
        owed[b.customer_id] += b.amount
    fees = {e.customer_id: 0 for e in ledger}
    for e in ledger:
        if e.kind == "late_fee":
            fees[e.customer_id] += e.amount
    for e in interim:
        owed[e.customer_id] -= e.amount
    for customer_id, total in balance.items():
        assert total == paid_in[customer_id] - owed[customer_id] + fees[customer_id]


def test_late_fees_charge_the_tariff_rate_per_day(demo: Engine) -> None:
    with Session(demo) as session:
        rows = session.execute(
            select(PaymentAllocation, Bill, Payment, Tariff)
            .join(Bill, Bill.id == PaymentAllocation.bill_id)
            .join(Payment, Payment.id == PaymentAllocation.payment_id)
            .join(Tariff, Tariff.id == Bill.tariff_id).where(PaymentAllocation.late_fee > 0)).all()
    assert rows
    for allocation, bill, payment, tariff in rows:
        local_day = (payment.received_at + timedelta(hours=8)).date()
        days = (local_day - bill.due_date).days
        fee = (allocation.principal * tariff.late_fee_rate * days).quantize(CENT, ROUND_HALF_UP)
        assert days > 0 and allocation.late_fee == fee


# --- PostgreSQL ----------------------------------------------------------------------------


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    admin = require_pg()
    name = f"griddesk_demo_{uuid.uuid4().hex[:8]}"
    engine = make_engine(create_pg_database(admin, name))
    migrate.upgrade(engine)
    yield engine
    engine.dispose()
    drop_pg_database(admin, name)


def _pg_schema(engine: Engine) -> set[tuple]:
    """Every constraint and index of the public schema, with its definition and validity."""
    with engine.connect() as conn:
        return {*conn.execute(text(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated"
            " FROM pg_constraint WHERE connamespace = 'public'::regnamespace")),
                *conn.execute(text("SELECT tablename, indexname, indexdef, true FROM pg_indexes"
                                   " WHERE schemaname = 'public'"))}


def _assert_pg_foreign_keys_hold(engine: Engine) -> None:
    """Every foreign key checked by PostgreSQL itself: each added once more under
    another name (which checks every row), then rolled back. The load may skip
    the checks while it writes, as SQLite's does."""
    with engine.connect() as conn, conn.begin():
        keys = conn.execute(text(
            "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE connamespace = 'public'::regnamespace AND contype = 'f'")).all()
        assert keys
        for number, (table, definition) in enumerate(keys):
            conn.execute(text(f'ALTER TABLE "{table}" ADD CONSTRAINT recheck_{number} {definition}'))
        conn.rollback()


@pytest.mark.postgres
@pytest.mark.parametrize("as_of", [AS_OF, dt.date(2027, 1, 2)], ids=str)
def test_postgresql_gets_the_same_rows_as_sqlite(pg_engine: Engine, fresh: Callable,
                                                 as_of: dt.date) -> None:
    sqlite = fresh()
    on_sqlite = generate(sqlite, customers=300, seed=5, as_of=as_of)
    schema = _pg_schema(pg_engine)
    on_postgresql = generate(pg_engine, customers=300, seed=5, as_of=as_of)
    # The load drops keys and indexes and builds them again: all of them, as they were.
    assert _pg_schema(pg_engine) == schema
    _assert_pg_foreign_keys_hold(pg_engine)
    assert content_hash(pg_engine) == content_hash(sqlite)
    assert on_postgresql.rows == on_sqlite.rows == {t: count_table(pg_engine, t) for t in on_sqlite.rows}
    with Session(pg_engine) as session:
        assert audit.verify(session).ok
        with pytest.raises(DatabaseNotEmpty):
            generate(pg_engine, customers=10)
    generate(pg_engine, customers=50, seed=5, force=True, as_of=AS_OF)
    assert count(pg_engine, Customer) == 50
    with pg_engine.begin() as conn:  # the sequences moved past the generated ids
        conn.execute(text("INSERT INTO unit (code, name, kind, address, phone)"
                          " VALUES ('38000', 'x', 'hall', '', '')"))


@pytest.mark.postgres
def test_a_postgresql_load_that_fails_leaves_the_database_as_it_was(
        pg_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from console.demo import payments

    def broken(_bulk) -> None:
        raise RuntimeError("disk full")

    schema = _pg_schema(pg_engine)
    monkeypatch.setattr(payments, "insert_allocations", broken)
    with pytest.raises(RuntimeError):
        generate(pg_engine, customers=50, seed=5, as_of=AS_OF)
    assert _pg_schema(pg_engine) == schema
    assert count(pg_engine, Customer) == 0
    with pg_engine.connect() as conn:  # the pooled connection checks foreign keys again
        assert conn.exec_driver_sql("SHOW session_replication_role").scalar() == "origin"


def test_vectorised_asset_codes_match_console_ids() -> None:
    import numpy as np

    from console.demo.codes import asset_codes

    units = np.array([37411, 37499, 37401] * 50)
    serials = np.random.default_rng(3).integers(0, 10**14, len(units))
    for asset_type in (ids.ASSET_TYPE_METER, ids.ASSET_TYPE_SEAL):
        expected = [ids.make_asset_code(str(u), asset_type, int(s))
                    for u, s in zip(units, serials, strict=True)]
        assert asset_codes(units, asset_type, serials) == expected


def test_a_batch_made_in_the_console_is_numbered_as_the_demo_batches(fresh: Callable) -> None:
    import re

    from console.db import Database
    from console.models import SealBatch, Unit
    from console.services.auth import login
    from console.services.seals import batches as seals_batches

    engine = fresh()
    generate(engine, customers=100, seed=1, as_of=AS_OF)
    db = Database(engine)
    with db.session() as session:
        demo_nos = session.scalars(select(SealBatch.batch_no)).all()
        unit = session.scalars(select(Unit).join(SealBatch, SealBatch.unit_id == Unit.id)
                               .where(SealBatch.year > 2020).limit(1)).one()
        unit_id, code = unit.id, unit.code
        year = session.scalars(select(SealBatch.year).where(SealBatch.unit_id == unit_id,
                                                           SealBatch.year > 2020)).first()
    admin = login(db, "admin1", "Griddesk2026")
    made = seals_batches.create_batch(db, admin, seal_type="plastic", colour="红", year=year,
                                      manufacturer="山东电力设备厂", unit_id=unit_id, quantity=5)
    style = re.compile(r"^\d{5}-\d{4}-\d{4}$")
    assert all(style.match(no) for no in demo_nos), demo_nos[:3]
    assert made.batch_no == f"{code}-{year}-0002"  # the demo's batch of that year was the first


def test_a_terminal_load_shows_stage_rows_per_second_and_an_eta(fresh: Callable) -> None:
    from console.demo.progress import ProgressMeter

    lines: list[str] = []
    generate(fresh(), customers=60, seed=1, as_of=AS_OF, progress=ProgressMeter(lines.append))
    middle = next(line for line in lines if " bills " in line)
    assert "rows/s" in middle and "ETA " in middle and "ETA -" not in middle
    assert lines[-1].split()[2] == "done" and int(lines[-1].split()[3].replace(",", "")) > 60 * 30
