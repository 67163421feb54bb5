"""The bill run: pricing from readings, idempotence, estimates, held readings, cancel, adjustments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from console.billing.bill_calc import compute
from console.errors import (
    InvalidAmount,
    PeriodAlreadyBilled,
    PermissionDenied,
    ValidationError,
)
from console.models import (
    AuditEvent,
    Bill,
    LedgerEntry,
    Reading,
    Tariff,
    TariffTier,
    TouPeriod,
)
from console.services.billing import bill_run
from console.services.billing.bill_run import run_bills
from console.services.billing.review import adjust, list_reading_reviews
from console.timeutil import LOCAL
from tests import factories as f
from tests.billing_helpers import account, add_bill, ledger_sum

D = Decimal


def read(s, meter, day: dt.date, total: str, **registers) -> Reading:
    """A reading at local midnight of `day` (how monthly readings are frozen)."""
    at = dt.datetime.combine(day, dt.time(), tzinfo=LOCAL).astimezone(dt.UTC)
    row = Reading(meter_id=meter.id, read_at=at, energy_total=D(total),
                  **{f"energy_{k}": D(v) for k, v in registers.items()})
    s.add(row)
    s.flush()
    return row


def tiered_tariff(s) -> Tariff:
    t = Tariff(code="RES-TIER", name="居民阶梯电价", kind="tiered", category="residential",
               effective_from=dt.date(2024, 1, 1), price=D("0.5469"))
    t.tiers = [TariffTier(seq=1, upper_kwh=D("2520"), price=D("0.5469")),
               TariffTier(seq=2, upper_kwh=D("4800"), price=D("0.5969")),
               TariffTier(seq=3, upper_kwh=None, price=D("0.8469"))]
    s.add(t)
    s.flush()
    return t


@pytest.fixture
def town(db):
    with db.session() as s:
        unit, tariff = f.unit(s), tiered_tariff(s)
        boss = f.actor(s, unit, username="boss", role="supervisor")
        clerk = f.actor(s, unit, username="clerk", role="counter")
        return {"s_unit": unit, "tariff": tariff, "boss": boss, "clerk": clerk}


def new_account(db, town, readings, *, earlier_kwh=()):
    """A customer, its meter's readings [(day, total)], and earlier 2025 bills of `earlier_kwh`."""
    with db.session() as s:
        customer, meter = account(s, town["s_unit"], town["tariff"])
        for i, kwh in enumerate(earlier_kwh):
            bill = add_bill(s, customer, meter, period=f"2025-{i + 1:02d}", amount="1.00",
                            due=dt.date(2025, i + 2, 18))
            bill.kwh = D(kwh)
        for day, total in readings:
            read(s, meter, day, total)
        return customer.id, meter.id


def bill_of(db, cid, period):
    with db.session() as s:
        return s.scalar(select(Bill).where(Bill.customer_id == cid, Bill.period == period))


def test_tiered_bill_split_at_the_limit_and_charged_on_the_ledger(db, town):
    cid, _ = new_account(db, town, [(dt.date(2025, 6, 1), "1000.00"), (dt.date(2025, 7, 1), "1300.00")],
                         earlier_kwh=["500"] * 4 + ["400"])  # 2,400 kWh Jan..May
    result = run_bills(db, town["boss"], "2025-06")
    assert (result.accounts, result.billed, result.estimated, result.held) == (1, 1, 0, 0)
    bill = bill_of(db, cid, "2025-06")
    # 120 kWh to the 2,520 limit at 0.5469, 180 above it at 0.5969: 65.628 + 107.442
    assert (bill.kwh, bill.amount, bill.estimated, bill.status) == (D("300.00"), D("173.07"), False, "open")
    assert result.amount == D("173.07")
    with db.session() as s:
        assert ledger_sum(s, cid) == D("-5.00") - D("173.07")  # five earlier 1.00 bills
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert (event.action, event.entity_id) == ("bill_run.batch", "2025-06")


def test_a_month_without_use_is_billed_paid_and_charges_nothing(db, town):
    idle, _ = new_account(db, town, [(dt.date(2025, 6, 1), "10.00"), (dt.date(2025, 7, 1), "10.00")])
    busy, _ = new_account(db, town, [(dt.date(2025, 6, 1), "10.00"), (dt.date(2025, 7, 1), "20.00")])
    assert run_bills(db, town["boss"], "2025-06").billed == 2
    bill = bill_of(db, idle, "2025-06")
    assert (bill.kwh, bill.amount, bill.status) == (D("0.00"), D("0.00"), "paid")
    with db.session() as s:
        assert (ledger_sum(s, idle), ledger_sum(s, busy)) == (D("0.00"), D("-5.47"))
        assert s.scalar(select(func.count(LedgerEntry.id))
                        .where(LedgerEntry.customer_id == idle)) == 0


def test_a_batch_that_fails_while_pricing_writes_nothing(db, town, monkeypatch):
    """Bills stream to the database as they are priced: a failure on the third account of
    the batch must still leave no bill, charge or audit event of the batch behind."""
    ids = [new_account(db, town, [(dt.date(2025, 6, 1), "10.00"),
                                  (dt.date(2025, 7, 1), f"{20 + i}.00")])[0] for i in range(4)]
    priced = []

    def failing(acc):
        priced.append(acc.customer_id)
        if len(priced) == 3:
            raise RuntimeError("pricing failed")
        return compute(acc)

    monkeypatch.setattr(bill_run, "compute", failing)
    with pytest.raises(RuntimeError):
        run_bills(db, town["boss"], "2025-06")
    with db.session() as s:
        assert s.scalar(select(func.count(Bill.id)).where(Bill.period == "2025-06")) == 0
        assert s.scalar(select(func.count(LedgerEntry.id))
                        .where(LedgerEntry.customer_id.in_(ids))) == 0
        assert s.scalar(select(func.count(AuditEvent.id))
                        .where(AuditEvent.action == "bill_run.batch")) == 0
    monkeypatch.undo()
    assert run_bills(db, town["boss"], "2025-06").billed == 4


def test_rerun_bills_nothing_twice(db, town):
    cid, _ = new_account(db, town, [(dt.date(2025, 6, 1), "10.00"), (dt.date(2025, 7, 1), "110.00")])
    new_account(db, town, [(dt.date(2025, 6, 1), "10.00")])  # no current reading, no history
    first = run_bills(db, town["boss"], "2025-06")
    assert (first.billed, first.skipped) == (1, 1)
    again = run_bills(db, town["boss"], "2025-06")  # the skipped one is still pending
    assert (again.accounts, again.billed) == (1, 0)
    with db.session() as s:
        charges = s.scalar(select(func.count(LedgerEntry.id)).where(LedgerEntry.customer_id == cid))
    assert charges == 1


def test_a_fully_billed_period_is_refused(db, town):
    new_account(db, town, [(dt.date(2025, 6, 1), "10.00"), (dt.date(2025, 7, 1), "110.00")])
    run_bills(db, town["boss"], "2025-06")
    with pytest.raises(PeriodAlreadyBilled) as err:
        run_bills(db, town["boss"], "2025-06")
    assert err.value.params == {"period": "2025-06", "bills": 1}


def test_missing_reading_is_estimated_then_trued_up(db, town):
    cid, _ = new_account(db, town, [(dt.date(2025, 5, 1), "100.00"), (dt.date(2025, 6, 1), "250.00"),
                                    (dt.date(2025, 8, 1), "500.00")])
    run_bills(db, town["boss"], "2025-05")  # 150 kWh, actual
    july = run_bills(db, town["boss"], "2025-06")  # no reading on 07-01: estimated at 150
    assert (july.billed, july.estimated) == (1, 1)
    estimate = bill_of(db, cid, "2025-06")
    assert (estimate.kwh, estimate.estimated, estimate.curr_reading_id) == (D("150.00"), True, None)
    run_bills(db, town["boss"], "2025-07")  # 08-01 reads 500: 250 since 06-01, less 150 estimated
    assert bill_of(db, cid, "2025-07").kwh == D("100.00")


def test_lower_reading_is_held_for_review_never_negative(db, town):
    cid, _ = new_account(db, town, [(dt.date(2025, 6, 1), "900.00"), (dt.date(2025, 7, 1), "12.00")])
    result = run_bills(db, town["boss"], "2025-06")
    assert (result.billed, result.held) == (0, 1)
    assert bill_of(db, cid, "2025-06") is None
    again = run_bills(db, town["boss"], "2025-06")
    assert again.held == 1
    reviews = list_reading_reviews(db, town["boss"])
    assert [(r.customer_id, r.period, r.prev_energy, r.curr_energy, r.reason) for r in reviews] == [
        (cid, "2025-06", D("900.00"), D("12.00"), "lower_than_previous")]
    with db.session() as s:
        qualities = s.scalars(select(Reading.quality).order_by(Reading.read_at)).all()
    assert qualities == ["good", "suspect"]


def test_time_of_use_bill_prices_each_register(db, town):
    with db.session() as s:
        tou = Tariff(code="IND-TOU", name="分时", kind="tou", category="industrial",
                     effective_from=dt.date(2024, 1, 1), price=D("0.6500"))
        tou.tou_periods = [TouPeriod(register=r, start_time=dt.time(h), end_time=dt.time((h + 1) % 24),
                                     price=D(p)) for r, h, p in (
            ("sharp", 19, "1.0725"), ("peak", 8, "0.8943"), ("flat", 11, "0.6500"),
            ("valley", 23, "0.3557"))]
        s.add(tou)
        s.flush()
        customer, meter = account(s, town["s_unit"], tou, category="industrial")
        meter.ct_ratio = 10
        read(s, meter, dt.date(2025, 6, 1), "0.00", sharp="0", peak="0", flat="0", valley="0")
        read(s, meter, dt.date(2025, 7, 1), "100.00", sharp="10", peak="30", flat="25", valley="35")
    run_bills(db, town["boss"], "2025-06")
    bill = bill_of(db, customer.id, "2025-06")
    # x10 (CT): 100 x 1.0725 + 300 x 0.8943 + 250 x 0.65 + 350 x 0.3557 = 662.535
    assert (bill.kwh, bill.amount) == (D("1000.00"), D("662.54"))


def test_the_version_in_force_prices_the_period(db, town):
    with db.session() as s:
        old = s.get(Tariff, town["tariff"].id)
        old.effective_to = dt.date(2025, 5, 31)
        s.add(Tariff(code="RES-TIER", name="flat 2025", kind="flat", category="residential",
                     effective_from=dt.date(2025, 6, 1), price=D("0.6000")))
    cid, _ = new_account(db, town, [(dt.date(2025, 6, 1), "0.00"), (dt.date(2025, 7, 1), "100.00")])
    run_bills(db, town["boss"], "2025-06")
    assert bill_of(db, cid, "2025-06").amount == D("60.00")


def test_progress_and_cancel_then_resume(db, town):
    for _ in range(3):
        new_account(db, town, [(dt.date(2025, 6, 1), "0.00"), (dt.date(2025, 7, 1), "10.00")])
    seen = []
    result = run_bills(db, town["boss"], "2025-06", batch_size=1,
                       progress=lambda done, total: seen.append((done, total)),
                       cancel=lambda: len(seen) >= 1)
    assert (result.cancelled, result.billed, seen) == (True, 1, [(1, 3)])
    rest = run_bills(db, town["boss"], "2025-06", batch_size=2)
    assert (rest.accounts, rest.billed, rest.cancelled) == (2, 2, False)


@pytest.mark.parametrize("period, reason", [("2025-13", "format"), ("25-06", "format"),
                                            ("2999-01", "not_over"), ("", "format")])
def test_bad_periods(db, town, period, reason):
    with pytest.raises(ValidationError) as err:
        run_bills(db, town["boss"], period)
    assert err.value.params["reason"] == reason


def test_only_supervisors_run_bills(db, town):
    with pytest.raises(PermissionDenied):
        run_bills(db, town["clerk"], "2025-06")


def test_adjustment_is_a_ledger_entry_with_a_reason(db, town):
    cid, _ = new_account(db, town, [])
    done = adjust(db, town["boss"], cid, "-12.50", "meter test fee")
    assert (done.amount, done.balance_after) == (D("-12.50"), D("-12.50"))
    with pytest.raises(ValidationError):
        adjust(db, town["boss"], cid, "5", " ")
    with pytest.raises(InvalidAmount):
        adjust(db, town["boss"], cid, "0", "nothing")
    with pytest.raises(PermissionDenied):
        adjust(db, town["clerk"], cid, "5", "goodwill")
    with db.session() as s:
        kinds = s.execute(select(LedgerEntry.kind, LedgerEntry.memo)
                          .where(LedgerEntry.customer_id == cid)).all()
        assert kinds == [("adjustment", "meter test fee")]
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert event.action == "ledger.adjusted"


def test_the_run_prices_the_demo_readings_exactly_as_the_demo_billed_them(file_db):
    """The demo generator prices in SQL with integers; our Decimal run must agree to the fen."""
    from console.demo import generate
    from console.services.actor import Actor

    generate(file_db.engine, customers=120, seed=3, as_of=dt.date(2026, 1, 20))
    with file_db.session() as s:
        demo = {cid: (kwh, amount) for cid, kwh, amount in s.execute(
            select(Bill.customer_id, Bill.kwh, Bill.amount).where(Bill.period == "2025-12"))}
        for table in ("ledger_entry", "payment_allocation"):
            s.execute(text(f"DELETE FROM {table} WHERE bill_id IN "
                           "(SELECT id FROM bill WHERE period = '2025-12')"))
        s.execute(text("DELETE FROM ledger_entry WHERE payment_id IN "
                       "(SELECT id FROM bill WHERE period = '2025-12')"))
        s.execute(text("DELETE FROM payment WHERE id IN (SELECT id FROM bill WHERE period = '2025-12')"))
        s.execute(text("DELETE FROM bill WHERE period = '2025-12'"))
    result = run_bills(file_db, Actor.system("test"), "2025-12")
    with file_db.session() as s:
        ours = {cid: (kwh, amount) for cid, kwh, amount in s.execute(
            select(Bill.customer_id, Bill.kwh, Bill.amount).where(Bill.period == "2025-12"))}
    assert result.billed == len(ours) > 100 and result.estimated == 0
    assert ours == {cid: demo[cid] for cid in ours}


def test_cli_bill_run_then_refuses_the_same_period(file_db, capsys, monkeypatch):
    from console.cli import main as cli
    from tests.operators import as_user

    with file_db.session() as s:
        unit = f.unit(s)
        f.user(s, unit, username="supervisor1", role="supervisor")
        _customer, meter = account(s, unit, tiered_tariff(s))
        read(s, meter, dt.date(2025, 6, 1), "0.00")
        read(s, meter, dt.date(2025, 7, 1), "100.00")
    url, operator = file_db.url, as_user(monkeypatch, "supervisor1")
    assert cli(["bill-run", "--period", "2025-06", "--db", url, *operator]) == 0
    assert "2025-06: 1 bills (0 estimated), 54.69 yuan" in capsys.readouterr().out
    assert cli(["bill-run", "--period", "2025-06", "--db", url, *operator]) == 1
    assert "2025-06 is billed already" in capsys.readouterr().err
