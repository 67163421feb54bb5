"""The monthly summary of a past month is that month's last moment, not today's bill status:
a payment or a reversal after the month's end does not change it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select

from console.models import Bill, Payment, PaymentAllocation
from console.services.payments.counter import amount_due, post_payment
from console.services.payments.reversals import reverse_payment
from console.services.report_data.cash import aging_data
from console.services.report_data.monthly import month_span, monthly_summary_data
from console.timeutil import LOCAL, local_today
from reports.layout import money
from reports.monthly_summary import render_monthly_summary
from tests import factories as f
from tests.billing_helpers import account, add_bill
from tests.reports.helpers import pages_text

D = Decimal


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL)


def _last_month_hall(db) -> dict:
    """A farmer whose 96.40 bill was issued on the 1st of last month, due on the 11th;
    30.00 and 7.77 were paid on the 15th and 16th of last month."""
    first, _last = month_span(local_today().replace(day=1) - dt.timedelta(days=1))
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        farmer, meter = account(s, unit, tariff)
        bill = add_bill(s, farmer, meter, period=f"{first - dt.timedelta(days=1):%Y-%m}",
                        amount="96.40", due=first + dt.timedelta(days=10))
        bill.issued_at = _at(first)
        clerk = f.actor(s, unit, username="clerk", role="counter")
        boss = f.actor(s, unit, username="boss", role="supervisor")
    hall = {"farmer": farmer.id, "clerk": clerk, "boss": boss, "first": first}
    hall["paid"] = [_paid_on(db, hall, amount, first + dt.timedelta(days=day), key)
                    for amount, day, key in (("30.00", 14, "m1"), ("7.77", 15, "m2"))]
    return hall


def _paid_on(db, hall: dict, amount: str, day: dt.date, key: str) -> int:
    posted = post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount=amount,
                          method="cash", idempotency_key=key)
    with db.session() as s:
        s.get(Payment, posted.payment_id).received_at = _at(day)
    return posted.payment_id


def test_last_month_is_not_changed_by_a_payment_or_reversal_after_it(db):
    hall = _last_month_hall(db)
    with db.read() as s:
        principal = D(s.scalar(select(func.sum(PaymentAllocation.principal))
                               .where(PaymentAllocation.payment_id.in_(hall["paid"]))))
    before = monthly_summary_data(db, hall["boss"], month=hall["first"])
    assert D("0") < principal <= D("37.77")
    assert before.overdue_total == D("96.40") - principal
    assert (before.payments, before.received) == (2, D("37.77"))

    # Today the 7.77 is reversed and the farmer pays off everything.
    reverse_payment(db, hall["boss"], hall["paid"][1], "keyed twice")
    rest = amount_due(db, hall["clerk"], hall["farmer"]).total
    post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount=rest, method="cash",
                 idempotency_key="m3")
    assert aging_data(db, hall["boss"]).totals.total == D("0.00")
    with db.read() as s:
        assert s.scalar(select(Bill.status)) == "paid"

    after = monthly_summary_data(db, hall["boss"], month=hall["first"])
    assert after.overdue_total == before.overdue_total
    assert [(d.customer_no, d.amount, d.days) for d in after.debtors] == \
        [(d.customer_no, d.amount, d.days) for d in before.debtors]
    assert after.periods == before.periods
    assert (after.payments, after.received) == (2, D("37.77"))
    last = month_span(hall["first"])[1]
    assert after.as_at == last
    for lang, label in (("zh", f"以上数据截至 {last.isoformat()} 24:00"),
                        ("en", f"Figures as at the end of {last.isoformat()}")):
        text = " ".join(" ".join(pages_text(render_monthly_summary(after, lang=lang))).split())
        assert label in text, lang
        assert money(after.overdue_total) in text, lang


def test_this_month_is_live_and_labelled_so(db):
    hall = _last_month_hall(db)
    post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount="10.00", method="cash",
                 idempotency_key="m3")
    data = monthly_summary_data(db, hall["boss"], month=local_today())
    assert data.as_at is None
    assert (data.payments, data.received) == (1, D("10.00"))
    text = " ".join(pages_text(render_monthly_summary(data, lang="en")))
    assert "The month is not over" in " ".join(text.split())
