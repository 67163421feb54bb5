"""Late fees (电费违约金, 《供电营业规则》 Art. 98) against worked examples.

Each row: arrears, category rule, due date, payment day -> fee, with the
working in the comment. Days run from the day after the due date to the day
of payment, both counted; the total is rounded half up to the fen once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from console.billing.allocation import OpenBill, allocate
from console.billing.late_fees import (
    OTHER,
    RESIDENTIAL,
    LateFeeRule,
    days_overdue,
    late_fee,
)
from console.models import LateFeeRule as LateFeeRuleRow
from console.services.billing.reads import load_rules

D, d = Decimal, dt.date

RESIDENTIAL_TABLE = [
    # arrears, due, paid, fee           working
    ("96.40", d(2026, 11, 4), d(2026, 11, 27), "2.22"),  # 96.40 x 1‰ x 23 = 2.2172 (the journey)
    ("250.00", d(2026, 3, 18), d(2026, 5, 17), "15.00"),  # 250 x 1‰ x 60 = 15.00
    ("1234.56", d(2025, 12, 18), d(2026, 1, 17), "37.04"),  # 1‰ either year: x 30 = 37.0368
    ("30.00", d(2026, 11, 4), d(2026, 11, 9), "1.00"),  # 30 x 1‰ x 5 = 0.15 -> the 1-yuan minimum
    ("96.40", d(2026, 11, 4), d(2026, 11, 4), "0.00"),  # paid on the due date: no fee, no minimum
    ("96.40", d(2026, 11, 4), d(2026, 11, 1), "0.00"),  # paid early
]

OTHER_TABLE = [
    # current year only: 2‰
    ("1000.00", d(2026, 3, 18), d(2026, 4, 17), "60.00"),  # 1000 x 2‰ x 30
    ("123.45", d(2026, 6, 18), d(2026, 6, 25), "1.73"),  # 123.45 x 2‰ x 7 = 1.7283
    # crossing into the next year: Dec 19..31 = 13 days at 2‰, Jan 1..10 = 10 days at 3‰
    ("1000.00", d(2025, 12, 18), d(2026, 1, 10), "56.00"),  # 26.00 + 30.00
    # carried over two years: 2024-11-19..12-31 = 43 d at 2‰; 2025 (365 d) + 5 d of 2026 at 3‰
    ("500.00", d(2024, 11, 18), d(2026, 1, 5), "598.00"),  # 43.00 + 555.00
    # the minimum: 100 x 2‰ x 3 = 0.60 -> 1.00
    ("100.00", d(2026, 6, 18), d(2026, 6, 21), "1.00"),
]


@pytest.mark.parametrize("arrears, due, paid, fee", RESIDENTIAL_TABLE)
def test_residential(arrears, due, paid, fee):
    assert late_fee(D(arrears), RESIDENTIAL, due, paid) == D(fee)


@pytest.mark.parametrize("arrears, due, paid, fee", OTHER_TABLE)
def test_non_residential(arrears, due, paid, fee):
    assert late_fee(D(arrears), OTHER, due, paid) == D(fee)


def test_days_are_counted_from_the_day_after_due():
    assert days_overdue(d(2026, 11, 4), d(2026, 11, 27)) == 23
    assert days_overdue(d(2026, 11, 4), d(2026, 11, 4)) == 0


def test_minimum_applies_to_the_bill_total_not_each_settlement():
    # 0.15 first (raised to 1.00); later days are charged as they accrue, no second minimum.
    first = late_fee(D("30.00"), RESIDENTIAL, d(2026, 11, 4), d(2026, 11, 9))
    later = late_fee(D("10.00"), RESIDENTIAL, d(2026, 11, 4), d(2026, 11, 19),
                     charged_through=d(2026, 11, 9), already_charged=first)
    assert (first, later) == (D("1.00"), D("0.10"))  # 10 x 1‰ x 10 days


def test_allocation_posts_fee_then_principal_oldest_first():
    bills = [OpenBill(2, d(2026, 10, 18), D("50.00"), D("0"), D("0"), D("0"), None),
             OpenBill(1, d(2026, 9, 18), D("80.00"), D("0"), D("0"), D("0"), None)]
    shares = allocate(bills, D("100.00"), RESIDENTIAL, d(2026, 10, 28))
    # bill 1: 80 x 1‰ x 40 = 3.20 fee + 80.00; bill 2: 50 x 1‰ x 10 = 0.50 -> 1.00, then 15.80
    assert [(s.bill_id, s.fee_charged, s.late_fee, s.principal, s.settled) for s in shares] == [
        (1, D("3.20"), D("3.20"), D("80.00"), True), (2, D("1.00"), D("1.00"), D("15.80"), False)]


def test_rules_are_data(db):
    today = d(2026, 11, 27)
    with db.session() as s:
        book = load_rules(s, today)
        assert book.for_category("residential") == LateFeeRule(D("0.0010"), D("0.0010"), D("1.00"))
        assert book.for_category("industrial") == LateFeeRule(D("0.0020"), D("0.0030"), D("1.00"))
        # A revision of the rules is a new row from its date on.
        s.add(LateFeeRuleRow(category="industrial", effective_from=d(2026, 12, 1),
                             current_year_rate=D("0.0015"), carried_over_rate=D("0.0025"),
                             minimum_fee=D("0.00")))
        s.flush()
        assert load_rules(s, today).for_category("industrial").current_year_rate == D("0.0020")
        later = load_rules(s, d(2026, 12, 1)).for_category("industrial")
        assert later.current_year_rate == D("0.0015")
        assert s.scalar(select(LateFeeRuleRow.id).where(LateFeeRuleRow.category.is_(None)))
