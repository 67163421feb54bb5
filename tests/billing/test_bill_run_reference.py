"""The set-based bill run against a plain reference: each account read one at a time through
the ORM, the way the run read them before it was made fast, priced by the same `compute`."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import select

from console.billing.bill_calc import (
    BILL,
    ESTIMATED,
    HELD,
    SKIPPED,
    AccountInput,
    MeterRead,
    compute,
)
from console.models import (
    Bill,
    Customer,
    LedgerEntry,
    Meter,
    Reading,
    ReadingReview,
    Tariff,
    TouPeriod,
)
from console.services.billing.bill_run import run_bills
from console.services.billing.run_data import READ_WINDOW, REGISTER_COLUMNS, TariffBook
from console.services.billing.run_inputs import Period
from console.timeutil import LOCAL
from tests.billing.test_bill_run import town as town  # the fixture
from tests.billing_helpers import account

D = Decimal
P = Period("2025-05", dt.date(2025, 5, 1), dt.date(2025, 6, 1))
REGISTERS = tuple(REGISTER_COLUMNS)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=LOCAL).astimezone(dt.UTC)


def _tou(s) -> Tariff:
    tou = Tariff(code="IND-TOU", name="分时", kind="tou", category="industrial",
                 effective_from=dt.date(2024, 1, 1), price=D("0.6500"))
    tou.tou_periods = [TouPeriod(register=r, start_time=dt.time(h), end_time=dt.time(h + 1),
                                 price=D(p)) for r, h, p in (
        ("sharp", 19, "1.0725"), ("peak", 8, "0.8943"), ("flat", 11, "0.6500"),
        ("valley", 20, "0.3557"))]
    s.add(tou)
    s.flush()
    return tou


def _customer(s, unit, tariff, rng: random.Random, i: int) -> None:
    """Monthly readings Jan..Jun 2025 and bills Jan..Apr; every 7th missing its June reading
    (estimated), every 11th reading lower in June (held), every 5th's April bill estimated
    (a true-up), every 13th never billed, every 3rd behind a x5 CT."""
    customer, meter = account(s, unit, tariff)
    meter.ct_ratio = 5 if i % 3 == 0 else 1
    total, regs = D(rng.randint(0, 90000)), {r: D(rng.randint(0, 9000)) for r in REGISTERS}
    readings = []
    for month in range(1, 7):
        if month == 6 and i % 7 == 0:
            break
        if month > 1:
            step = {r: D(rng.randint(0, 12000)) / 100 for r in REGISTERS}
            regs = {r: regs[r] + step[r] for r in REGISTERS}
            total += sum(step.values()) - (D("500") if month == 6 and i % 11 == 0 else 0)
        row = Reading(meter_id=meter.id, read_at=_at(dt.date(2025, month, 1)), energy_total=total,
                      **{f"energy_{r}": v for r, v in regs.items()})
        s.add(row)
        readings.append(row)
    s.flush()
    for month in range(1, 5) if i % 13 else ():
        estimated = month == 4 and i % 5 == 0
        s.add(Bill(bill_no=f"DF2025{month:02d}{customer.id:09d}", customer_id=customer.id,
                   meter_id=meter.id, tariff_id=tariff.id, period=f"2025-{month:02d}",
                   prev_reading_id=readings[month - 1].id,
                   curr_reading_id=None if estimated else readings[month].id,
                   kwh=D(rng.randint(5000, 90000)) / 100, amount=D("1.00"), estimated=estimated,
                   due_date=dt.date(2025, month + 1, 15), status="open"))


def _read(row: Reading) -> MeterRead:
    return MeterRead(row.id, row.read_at, row.energy_total,
                     {r: getattr(row, f"energy_{r}") for r in REGISTERS})


def _latest(s, meter_id: int, upto: dt.datetime, after: dt.datetime | None = None):
    q = select(Reading).where(Reading.meter_id == meter_id, Reading.read_at <= upto)
    if after is not None:
        q = q.where(Reading.read_at > after)
    row = s.scalars(q.order_by(Reading.read_at.desc()).limit(1)).first()
    return _read(row) if row else None


def reference_input(s, book: TariffBook, customer_id: int) -> AccountInput:
    meter = s.scalars(select(Meter).where(Meter.customer_id == customer_id)
                      .order_by(Meter.id)).first()
    bills = s.scalars(select(Bill).where(Bill.customer_id == customer_id, Bill.period < P.name)
                      .order_by(Bill.period)).all()
    base = [b for b in bills if b.curr_reading_id is not None]
    prev = _read(s.get(Reading, base[-1].curr_reading_id)) if base else None
    if prev is None or prev.at > P.end_utc:
        prev = _latest(s, meter.id, P.start_utc)
    base_period = base[-1].period if base else ""
    tariff = book.version_on(s.get(Customer, customer_id).tariff_id, P.end - dt.timedelta(days=1))
    return AccountInput(
        customer_id, meter.id, meter.ct_ratio * meter.pt_ratio, tariff, book.rates[tariff],
        P.start, P.end, prev, _latest(s, meter.id, P.end_utc, P.end_utc - READ_WINDOW),
        sum((b.kwh for b in bills if b.estimated and b.period > base_period), D(0)),
        bills[-1].kwh if bills else None,
        {2025: sum((b.kwh for b in bills if b.period >= "2025-01"), D("0.00"))})


def test_a_run_in_batches_bills_exactly_what_one_account_at_a_time_would(db, town):
    rng = random.Random(14)
    with db.session() as s:
        tariffs = [town["tariff"], _tou(s)]
        for i in range(240):
            _customer(s, town["s_unit"], tariffs[i % 4 == 0], rng, i)
    with db.read() as s:
        book = TariffBook(s)
        ids = sorted(s.scalars(select(Meter.customer_id)).all())
        expected = {cid: compute(reference_input(s, book, cid)) for cid in ids}
    result = run_bills(db, town["boss"], P.name, batch_size=37)  # batches of odd sizes
    with db.read() as s:
        bills = {b.customer_id: b for b in s.scalars(select(Bill).where(Bill.period == P.name))}
        held = set(s.scalars(select(ReadingReview.customer_id)
                             .where(ReadingReview.period == P.name)))
    kinds = {out.kind for out in expected.values()}
    assert kinds == {BILL, ESTIMATED, HELD, SKIPPED} and result.billed == len(bills) > 150
    for cid, out in expected.items():
        if out.kind in (BILL, ESTIMATED):
            bill = bills[cid]
            assert (bill.kwh, bill.amount, bill.estimated) == (out.kwh, out.amount,
                                                                out.kind == ESTIMATED), cid
        else:
            assert cid not in bills
        assert (cid in held) == (out.kind == HELD), cid
    assert result.amount == sum((b.amount for b in bills.values()), D("0.00"))
    _assert_one_charge_per_bill(db, bills.values())


def _assert_one_charge_per_bill(db, bills) -> None:
    """Each bill with something to pay is charged once on its customer's ledger, to the fen
    (PostgreSQL writes the charges by COPY, SQLite from the bill rows: the same entries)."""
    with db.read() as s:
        charges = s.execute(select(LedgerEntry.bill_id, LedgerEntry.customer_id,
                                   LedgerEntry.amount, LedgerEntry.posted_at, LedgerEntry.memo,
                                   LedgerEntry.payment_id)
                            .where(LedgerEntry.kind == "charge",
                                   LedgerEntry.memo == P.name + "电费")).all()
    assert sorted(charges) == sorted((b.id, b.customer_id, -b.amount, b.issued_at,
                                      "2025-05电费", None) for b in bills if b.amount > 0)
