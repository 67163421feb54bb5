"""Statement, daily collection and aging: the figures in the PDF are the database's own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.errors import NotFound, PermissionDenied, ValidationError
from console.models import Bill, Customer, LedgerEntry, Payment, User
from console.services.arrears.listing import list_arrears
from console.services.arrears.types import bucket_of
from console.services.payments.cashup import close_day, day_bounds
from console.services.report_data.cash import aging_data, daily_collection_data
from console.services.report_data.common import statement_data, statement_periods
from reports.aging import render_aging
from reports.daily_collection import render_daily_collection
from reports.layout import money
from reports.statement import render_statement
from tests.reports.helpers import history_hall, ink_share, pages_text

D = Decimal


@pytest.fixture
def hall(db):
    return history_hall(db)


def test_statement_covers_thirteen_months_and_agrees_with_the_ledger(db, hall):
    data = statement_data(db, hall["clerk"], customer_no=hall["farmer_no"])
    with db.read() as s:
        start = day_bounds(dt.date.fromisoformat(data.periods[0] + "-01"))[0]
        # Bills issued in the window: the 12 of its months plus the month before it, billed
        # on the 3rd of the window's first month — the ledger's charges count all 13.
        in_window = s.execute(select(Bill.bill_no, Bill.amount).where(
            Bill.customer_id == hall["farmer"], Bill.issued_at >= start)).all()
        balance = s.scalar(select(func.sum(LedgerEntry.amount))
                           .where(LedgerEntry.customer_id == hall["farmer"]))
        older = s.scalar(select(func.sum(LedgerEntry.amount)).where(
            LedgerEntry.customer_id == hall["farmer"], LedgerEntry.posted_at < start))
        charged = s.scalar(select(func.sum(LedgerEntry.amount)).where(
            LedgerEntry.customer_id == hall["farmer"], LedgerEntry.posted_at >= start,
            LedgerEntry.kind == "charge"))
    # This month's bill is not issued yet; the table's bills add up to what was charged.
    assert len(data.periods) == 13 and len(data.bills) == len(in_window) == 13
    assert sum(b.amount for b in data.bills) == data.charged
    assert data.closing_balance == D(balance)
    assert data.opening_balance == D(older) < 0  # charged before the window, nothing paid then
    assert data.charged == -D(charged)
    assert data.paid == D("133.33")  # 100 + 33.33; the 7.77 was reversed
    text = "\n".join(pages_text(render_statement(data)))
    assert "电费对账单" in text and "王建国" in text and "第 1 页 共" in text
    for bill_no, amount in in_window:
        assert bill_no in text and money(amount) in text
    for figure in (data.opening_balance, data.closing_balance, data.charged, D("133.33"),
                   data.arrears + data.accrued_fees):
        assert money(figure) in text, figure
    assert "已冲正" in text  # the reversed payment is listed as such


def test_statement_periods_run_to_this_month():
    assert statement_periods(dt.date(2026, 11, 27)) == tuple(
        [f"2025-{m:02d}" for m in (11, 12)] + [f"2026-{m:02d}" for m in range(1, 12)])


def test_statement_chart_and_page_have_ink_and_english_option(db, hall):
    data = statement_data(db, hall["clerk"], customer_id=hall["farmer"])
    pdf = render_statement(data, lang="en")
    assert "Electricity account statement" in pages_text(pdf)[0]
    assert ink_share(render_statement(data)) > 0.03


def test_daily_collection_by_operator_and_method_to_the_fen(db, hall):
    today = hall["today"]
    close_day(db, hall["boss"], hall["clerk"].user_id, today, {"cash": "100.00", "wechat": "33.30"})
    data = daily_collection_data(db, hall["boss"], start=today, end=today)
    first, last = day_bounds(today)
    with db.read() as s:
        sums = s.execute(select(User.full_name, Payment.method, func.count(), func.sum(Payment.amount))
                         .join(User, User.id == Payment.operator_id)
                         .where(Payment.status == "posted", Payment.received_at >= first,
                                Payment.received_at < last)
                         .group_by(User.full_name, Payment.method)).all()
    assert {(x.operator, x.method, x.count, x.amount) for x in data.lines} == {
        (who, method, n, D(total)) for who, method, n, total in sums}
    assert (data.count, data.total) == (4, D("189.33"))
    assert (data.reversed_count, data.reversed_total) == (1, D("7.77"))
    assert data.open_operators == ((today, "测试clerk2"),)
    text = "\n".join(pages_text(render_daily_collection(data)))
    for figure in ("189.33", "7.77", "133.33", "56.00", "-0.03", "33.30", "测试clerk2", "银行卡",
                   "日收费报表", "尚未日结"):
        assert figure in text, figure


def test_daily_collection_of_one_station_leaves_the_county_out(db, hall):
    data = daily_collection_data(db, hall["boss"], start=hall["today"], end=hall["today"],
                                 unit_id=hall["station"])
    assert (data.count, data.total) == (2, D("56.00"))
    assert {p.customer_no for p in data.payments} == {hall["shop_no"]}


def test_aging_agrees_with_the_arrears_list_by_bucket(db, hall):
    data = aging_data(db, hall["boss"])
    arrears = list_arrears(db, hall["boss"])
    assert data.totals.total == sum((r.arrears for r in arrears.rows), D(0))
    shop = next(r for r in data.rows if r.unit_name == "吕陵供电所")
    with db.read() as s:
        owed = s.scalar(select(func.sum(Bill.amount - Bill.paid_amount))
                        .where(Bill.status != "paid", Bill.due_date < hall["today"]))
        bills = s.execute(select(Bill.due_date, Bill.amount - Bill.paid_amount)
                          .where(Bill.customer_id == hall["shop"], Bill.status != "paid")).all()
    by_bucket = [D("0.00")] * 4
    for due, left in bills:
        by_bucket[bucket_of((hall["today"] - due).days)] += left
    # Bills 10, 45, 75 and 200 days overdue; payments reached the oldest one's late fee first.
    assert shop.amounts == tuple(by_bucket)
    assert shop.amounts[:3] == (D("10.50"), D("45.50"), D("75.50"))
    assert shop.customers == 1 and data.totals.customers == 2
    assert data.totals.total == D(owed)
    text = "\n".join(pages_text(render_aging(data)))
    for figure in ("欠费账龄分析表", "吕陵供电所", "牡丹区供电公司", money(data.totals.total),
                   money(shop.amounts[3]), "90天以上", "吕陵镇便利店"):
        assert figure in text, figure


def test_a_unit_above_ones_own_is_refused(db, hall):
    with pytest.raises(PermissionDenied):
        daily_collection_data(db, hall["clerk2"], start=hall["today"], end=hall["today"],
                              unit_id=hall["county"])


@pytest.mark.parametrize("start, end, reason", [
    (None, None, "empty"), (dt.date(2026, 5, 2), dt.date(2026, 5, 1), "reversed"),
    (dt.date(2025, 1, 1), dt.date(2026, 5, 1), "too_long")])
def test_bad_ranges_are_refused(db, hall, start, end, reason):
    with pytest.raises(ValidationError) as err:
        daily_collection_data(db, hall["boss"], start=start, end=end)
    assert err.value.params["reason"] == reason


def test_unknown_unit_and_customer(db, hall):
    with pytest.raises(NotFound):
        aging_data(db, hall["boss"], unit_id=999_999)
    with pytest.raises(NotFound):
        statement_data(db, hall["boss"], customer_no="3799999999")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 2
