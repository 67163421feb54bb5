"""The demo lives in its as-of day: what a clerk or a supervisor sees on that day.

Debts age (most in 0-30 days), last month's bill run is the newest, nobody
paid today yet, a few prepaid meters were switched off this week, tiers
restart every January, and the receipt counters carry on after the demo.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from console.db import Database, make_engine
from console.demo import generate
from console.demo.calendar import DemoCalendar, local
from console.models import Bill, ControlCommand, Customer, LedgerEntry, Meter, Payment, Reading
from console.services.actor import Actor
from console.services.arrears.listing import list_arrears
from console.services.billing.bill_run import run_bills
from console.services.consumption import meter_status
from console.services.cost_control.drawdown import draw_down
from console.services.payments.receipts import next_receipt_no
from tests.demo.test_demo import content_hash, tiered_amount

N = 1000
SUPERVISOR = Actor(None, "supervisor", "supervisor", "supervisor", None)
# Today; the first days of January, when the newest bill run is last year's; a
# leap day; the 18th after a 31-day month (debts one due date old are 31 days old).
DAYS = (dt.date(2026, 12, 7), dt.date(2027, 1, 1), dt.date(2027, 1, 2), dt.date(2027, 1, 10),
        dt.date(2028, 2, 29), dt.date(2026, 8, 18))


def _engine(template: Path, folder: Path) -> Engine:
    path = folder / f"{uuid.uuid4().hex[:8]}.db"
    shutil.copy(template, path)
    return make_engine(f"sqlite:///{path}")


@pytest.fixture(scope="module", params=DAYS, ids=str)
def demo(request, sqlite_template: Path,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dt.date]]:
    engine = _engine(sqlite_template, tmp_path_factory.mktemp("rolling"))
    generate(engine, customers=N, seed=2, as_of=request.param)
    db = Database(engine)
    yield db, request.param
    db.dispose()


def test_debts_age_most_within_30_days_with_a_tail(demo):
    db, day = demo
    arrears = list_arrears(db, SUPERVISOR, today=day)
    buckets = Counter(row.bucket for row in arrears.rows)
    assert set(buckets) == {0, 1, 2, 3}, buckets  # every bucket has debtors
    assert buckets[0] > sum(buckets.values()) / 2, buckets
    fees = sum(row.late_fees for row in arrears.rows)
    assert 0 < fees < sum(row.arrears for row in arrears.rows) / 10  # not a third of the debt


def test_bills_run_to_last_months_bill_run_and_payments_to_yesterday(demo):
    db, day = demo
    this_month = day.replace(day=1)
    last = (this_month - dt.timedelta(days=1)).replace(day=1)
    newest = last if day.day > 3 else (last - dt.timedelta(days=1)).replace(day=1)
    with db.read() as s:
        periods = s.scalars(select(Bill.period).distinct().order_by(Bill.period)).all()
        paid_last = s.scalar(select(func.max(Payment.received_at)))
        read_last = s.scalar(select(func.max(Reading.read_at)))
        stale = s.scalar(select(func.count()).select_from(Meter).where(~Meter.id.in_(
            select(Reading.meter_id).where(Reading.read_at == local(day)))))
    assert periods[0] == f"{day.year - 1}-01" and periods[-1] == f"{newest:%Y-%m}"
    assert len(periods) == len(set(periods)) == (newest.year - day.year + 1) * 12 + newest.month
    assert local(day) - dt.timedelta(days=4) < paid_last < local(day)  # recent, none today
    assert read_last == local(day) and stale == 0  # every meter read at the day's start


def test_a_handful_were_disconnected_this_week_and_a_few_are_under_notice(demo):
    db, day = demo
    week_ago = local(day - dt.timedelta(days=7))
    with db.read() as s:
        done = s.scalars(select(ControlCommand).where(
            ControlCommand.action == "disconnect", ControlCommand.state == "confirmed")).all()
        opened = s.scalars(select(Meter).where(Meter.relay_state == "open")).all()
        states = Counter(s.scalars(select(Customer.control_state)))
    assert done and all(week_ago <= c.finished_at < local(day) for c in done)
    assert all((c.finished_at + dt.timedelta(hours=8)).weekday() < 5 for c in done)  # Mon-Fri
    assert {m.id for m in opened} == {c.meter_id for c in done}
    assert all(week_ago <= m.relay_changed_at < local(day) for m in opened)
    assert 0 < states["notice"] < N * 0.03 and states["disconnected"] == len(done) < N * 0.02


def test_prepaid_balances_are_drawn_down_to_now_and_a_live_run_adds_nothing(demo):
    db, day = demo
    with db.read() as s:
        interim = s.execute(select(LedgerEntry.customer_id, LedgerEntry.posted_at).where(
            LedgerEntry.kind == "charge", LedgerEntry.bill_id.is_(None))).all()
        prepaid = set(s.scalars(select(Customer.id).where(Customer.cost_control_mode == "prepaid")))
    assert interim and {c for c, _at in interim} <= prepaid
    assert all(at == local(day) for _c, at in interim)
    with db.uow() as s:
        again = draw_down(s, local(day) + dt.timedelta(minutes=10))
    assert again.charged == again.credited == 0 and again.amount == 0


def test_receipts_are_in_the_live_form_and_the_counters_carry_on(demo):
    db, day = demo
    with db.read() as s:
        unit_id, code, receipt = s.execute(text(
            "SELECT p.unit_id, u.code, MAX(p.receipt_no) FROM payment p JOIN unit u"
            " ON u.id = p.unit_id WHERE SUBSTR(p.receipt_no, 6, 4) = :y"
            " GROUP BY p.unit_id, u.code ORDER BY COUNT(*) DESC LIMIT 1"),
            {"y": str(day.year - 1)}).one()
        receipts = s.scalars(select(Payment.receipt_no)).all()
    assert len(set(receipts)) == len(receipts)
    assert all(len(r) == 17 and r.isdigit() for r in receipts)
    with db.uow() as s:
        following = next_receipt_no(s, unit_id, day.year - 1)
    assert receipt.startswith(f"{code}{day.year - 1}")
    assert following == f"{code}{day.year - 1}{int(receipt[9:]) + 1:08d}"


def test_the_same_day_gives_the_same_bytes_and_another_day_does_not(sqlite_template, tmp_path):
    first, second, later = (_engine(sqlite_template, tmp_path) for _ in range(3))
    for engine, day in ((first, DAYS[0]), (second, DAYS[0]), (later, DAYS[0] + dt.timedelta(1))):
        generate(engine, customers=150, seed=9, as_of=day)
    assert content_hash(first) == content_hash(second) != content_hash(later)
    for engine in (first, second, later):
        engine.dispose()


def test_tiers_restart_in_january_and_the_bill_run_agrees_across_the_year(sqlite_template,
                                                                          tmp_path):
    """December and January bills repriced by the live bill run come out to the fen."""
    day = dt.date(2026, 2, 10)  # the bill run refuses months that are not over in real life
    engine = _engine(sqlite_template, tmp_path)
    generate(engine, customers=300, seed=3, as_of=day)
    db = Database(engine)
    periods = ("2025-12", "2026-01")
    with db.read() as s:
        demo = {(b.customer_id, b.period): (b.kwh, b.amount)
                for b in s.scalars(select(Bill).where(Bill.period.in_(periods)))}
        residential = set(s.scalars(select(Customer.id).where(Customer.tariff_id == 1)))
    for cid in residential:  # January starts the year's running total again
        kwh, amount = demo[(cid, "2026-01")]
        assert amount == tiered_amount(Decimal(0), kwh)
    _forget_bills(db, periods)
    for period in periods:
        run_bills(db, Actor.system("test"), period)
    with db.read() as s:
        ours = {(b.customer_id, b.period): (b.kwh, b.amount)
                for b in s.scalars(select(Bill).where(Bill.period.in_(periods)))}
    db.dispose()
    assert ours == demo and len(ours) == 600


def _forget_bills(db: Database, periods: tuple[str, ...]) -> None:
    """Delete the bills of `periods`, their charges and allocations, and the postpaid
    payments that settled them (same ids as their bills)."""
    bills = f"(SELECT id FROM bill WHERE period IN ({', '.join(repr(p) for p in periods)}))"
    with db.uow() as s:
        s.execute(text(f"DELETE FROM ledger_entry WHERE bill_id IN {bills}"
                       f" OR payment_id IN {bills}"))
        s.execute(text(f"DELETE FROM payment_allocation WHERE bill_id IN {bills}"))
        s.execute(text(f"DELETE FROM payment WHERE id IN {bills}"))
        s.execute(text(f"DELETE FROM bill WHERE id IN {bills}"))


def test_the_default_day_is_today_and_its_meters_answer_at_once(sqlite_template, tmp_path):
    """Opened right after the load, no meter reads "not responding since midnight"
    while the embedded collector's first round (seconds for 3,000 meters) goes on."""
    engine = _engine(sqlite_template, tmp_path)
    result = generate(engine, customers=20, seed=1)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT value FROM setting WHERE key = 'demo.as_of'")).scalar()
    db = Database(engine)
    states = [meter_status(db, SUPERVISOR, meter_id) for meter_id in range(1, 21)]
    db.dispose()
    assert all(s.reachable for s in states)
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()
    assert result.as_of == today and stored == today.isoformat()
    assert DemoCalendar(today).periods >= 11


def test_cli_demo_takes_an_as_of_day_and_refuses_a_bad_one(sqlite_template, tmp_path, capsys):
    from console.cli import main as cli

    path = tmp_path / "cli.db"
    shutil.copy(sqlite_template, path)
    assert cli(["demo", "--customers", "30", "--as-of", "2027-01-02", "--db",
                f"sqlite:///{path}"]) == 0
    out = capsys.readouterr()
    assert "30 customers as of 2027-01-02" in out.out and "rows/s" in out.err
    with pytest.raises(SystemExit) as exit_:
        cli(["demo", "--customers", "30", "--as-of", "2027-02-30", "--db", f"sqlite:///{path}"])
    assert exit_.value.code == 2 and "must be a date like 2026-12-07" in capsys.readouterr().err
