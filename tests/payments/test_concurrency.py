"""Several workstations (OS processes) posting at once, with duplicate submissions and retries.

Afterwards: every idempotency key is one payment, whoever sent it and however
often; each account's ledger is exact to the fen and agrees with its bills and
allocations; no account has credit beside an open bill; receipt numbers are
unique and gapless per unit and year.
"""

from __future__ import annotations

import multiprocessing
import random
import uuid
from collections import defaultdict
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console import migrate
from console.db import Database, make_engine
from console.errors import ConcurrentUpdate, DatabaseUnavailable
from console.models import Bill, LedgerEntry, Payment, PaymentAllocation, User
from console.services.auth import actor_for
from console.services.payments.counter import post_payment
from tests import factories as f
from tests.billing_helpers import account, add_bill, days_ago
from tests.conftest import create_pg_database, drop_pg_database, require_pg

D = Decimal
AMOUNTS = ("10.00", "33.33", "50.00", "96.40", "120.55", "0.01", "250.00")


def post_all(job: tuple[str, int, list[tuple[str, int, str]], int]) -> list[tuple[str, int, str]]:
    """One workstation: post each (key, customer, amount), sometimes twice; retry when busy."""
    url, user_id, plan, seed = job
    rng, db = random.Random(seed), Database.open(url)
    with db.session() as s:
        actor = actor_for(s.get(User, user_id), f"ws-{user_id}")
    seen = []
    for key, customer_id, amount in plan:
        for _ in range(2 if rng.random() < 0.25 else 1):  # a double click / a resend
            posted = _with_retries(db, actor, key, customer_id, amount)
            seen.append((key, posted.payment_id, posted.receipt_no))
    db.dispose()
    return seen


def _with_retries(db, actor, key, customer_id, amount):
    for attempt in range(20):
        try:
            return post_payment(db, actor, customer_id=customer_id, amount=amount,
                                method="cash", idempotency_key=key)
        except (ConcurrentUpdate, DatabaseUnavailable):  # busy: the clerk presses again
            if attempt == 19:
                raise
    raise AssertionError("unreachable")


def _seed(db: Database, clerks: int, customers: int) -> tuple[list[int], list[int]]:
    with db.session() as s:
        county, tariff = f.unit(s), f.tariff(s)
        # The customers' station lies below the county: both units' clerks may take their
        # payments, number receipts apart, and only the customer lock keeps the two units
        # from settling the same bill at once.
        unit = f.unit(s, code="37002", name="定陶供电所")
        unit.parent_id = county.id
        ids = []
        for _ in range(customers):
            customer, meter = account(s, unit, tariff)
            for month, amount, age in ((8, "80.00", 70), (9, "96.40", 40), (10, "55.55", 5)):
                add_bill(s, customer, meter, period=f"2026-{month:02d}", amount=amount,
                         due=days_ago(age))
            ids.append(customer.id)
        units = (county, unit)
        users = [f.user(s, units[i % 2], username=f"clerk{i}", role="counter").id
                 for i in range(clerks)]
    return users, ids


def _plans(users: list[int], customers: list[int], per_clerk: int, seed: int) -> list[list]:
    """Each clerk's payments; a quarter of them also sent by a second clerk (a race)."""
    rng = random.Random(seed)
    plans: list[list] = [[] for _ in users]
    for i in range(per_clerk * len(users)):
        item = (uuid.UUID(int=rng.getrandbits(128)).hex, rng.choice(customers), rng.choice(AMOUNTS))
        owner = i % len(users)
        plans[owner].append(item)
        if rng.random() < 0.25:
            plans[(owner + 1 + rng.randrange(len(users) - 1)) % len(users)].append(item)
    for plan in plans:
        rng.shuffle(plan)
    return plans


def _run(url: str, clerks: int, per_clerk: int) -> None:
    db = Database.open(url)
    users, customers = _seed(db, clerks, customers=6)
    plans = _plans(users, customers, per_clerk, seed=clerks)
    jobs = [(url, u, plan, i) for i, (u, plan) in enumerate(zip(users, plans, strict=True))]
    with multiprocessing.get_context("spawn").Pool(clerks) as pool:
        seen = [row for rows in pool.map(post_all, jobs) for row in rows]
    planned = {key: (cid, D(amount)) for plan in plans for key, cid, amount in plan}
    try:
        _check_once_each(db, planned, seen)
        _check_accounts(db, planned)
        _check_receipts(db)
    finally:
        db.dispose()


def _check_once_each(db: Database, planned: dict, seen: list) -> None:
    by_key = defaultdict(set)
    for key, payment_id, receipt_no in seen:
        by_key[key].add((payment_id, receipt_no))
    assert set(by_key) == set(planned) and all(len(v) == 1 for v in by_key.values())
    with db.session() as s:
        rows = s.execute(select(Payment.idempotency_key, Payment.customer_id, Payment.amount)).all()
    assert {k: (c, a) for k, c, a in rows} == planned and len(rows) == len(planned)


def _check_accounts(db: Database, planned: dict) -> None:
    paid = defaultdict(Decimal)
    for cid, amount in planned.values():
        paid[cid] += amount
    with db.session() as s:
        for cid, total in paid.items():
            _check_account(s, cid, total)


def _check_account(s, cid: int, paid: Decimal) -> None:
    bills = s.scalars(select(Bill).where(Bill.customer_id == cid)).all()
    ledger = s.scalar(select(func.sum(LedgerEntry.amount)).where(LedgerEntry.customer_id == cid))
    charged = sum((b.amount + b.late_fee_charged for b in bills), D(0))
    assert ledger == paid - charged  # exact to the fen: payments less charges and fees
    for b in bills:
        shares = s.execute(select(func.sum(PaymentAllocation.principal),
                                  func.sum(PaymentAllocation.late_fee),
                                  func.sum(PaymentAllocation.fee_charged))
                           .where(PaymentAllocation.bill_id == b.id)).one()
        fee_entries = s.scalar(select(func.sum(LedgerEntry.amount)).where(
            LedgerEntry.bill_id == b.id, LedgerEntry.kind == "late_fee"))
        assert (b.paid_amount, b.late_fee_paid, b.late_fee_charged) == tuple(
            x if x is not None else D("0.00") for x in shares)
        assert -(fee_entries or D(0)) == b.late_fee_charged and b.paid_amount <= b.amount
    still_open = [b for b in bills if b.status != "paid"]
    owed = sum((b.amount - b.paid_amount + b.late_fee_charged - b.late_fee_paid
                for b in still_open), D(0))
    # Money never waits as credit while a bill is open: it was allocated.
    assert ledger + owed == 0 if still_open else ledger >= 0


def _check_receipts(db: Database) -> None:
    with db.session() as s:
        numbers = s.scalars(select(Payment.receipt_no)).all()
    by_unit_year = defaultdict(list)
    for no in numbers:
        by_unit_year[no[:9]].append(int(no[9:]))
    assert len(by_unit_year) == 2
    for seqs in by_unit_year.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))  # unique and gapless


@pytest.mark.postgres
def test_eight_workstations_on_postgresql():
    admin = require_pg()
    name = f"griddesk_conc_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(admin, name)
    try:
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        _run(url, clerks=8, per_clerk=25)
    finally:
        drop_pg_database(admin, name)


def test_four_workstations_on_sqlite(file_db):
    _run(file_db.url, clerks=4, per_clerk=20)
