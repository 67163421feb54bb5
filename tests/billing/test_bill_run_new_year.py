"""A bill across New Year: its kWh split between the years by the time of the previous
reading, each year's tiers priced on that year's own kWh, nothing counted in both years."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from console.models import Bill, Reading
from console.services.billing.bill_run import run_bills
from console.timeutil import LOCAL
from tests.billing.test_bill_run import bill_of, town as town  # the fixture
from tests.billing_helpers import account, add_bill

D = Decimal


def _read(s, meter, at: dt.datetime, total: str) -> Reading:
    row = Reading(meter_id=meter.id, read_at=at.astimezone(dt.UTC), energy_total=D(total))
    s.add(row)
    s.flush()
    return row


def _late_december_account(db, town) -> int:
    """2,515 kWh billed in 2025, the December bill ending on a reading at 23:30 on 31 Dec;
    310 kWh to 1 Feb 00:00, then 2,300 kWh in February."""
    with db.session() as s:
        customer, meter = account(s, town["s_unit"], town["tariff"])
        for month, kwh in ((11, "2300"), (12, "215")):
            bill = add_bill(s, customer, meter, period=f"2025-{month:02d}", amount="1.00",
                            due=dt.date(2026, 1, 15))
            bill.kwh = D(kwh)
        bill.curr_reading_id = _read(s, meter, dt.datetime(2025, 12, 31, 23, 30, tzinfo=LOCAL),
                                     "1000.00").id
        _read(s, meter, dt.datetime(2026, 2, 1, tzinfo=LOCAL), "1310.00")
        _read(s, meter, dt.datetime(2026, 3, 1, tzinfo=LOCAL), "3610.00")
        return customer.id


def test_half_an_hour_of_the_old_year_is_priced_in_it_and_not_again(db, town):
    cid = _late_december_account(db, town)
    run_bills(db, town["boss"], "2026-01")
    january = bill_of(db, cid, "2026-01")
    # 30 min of 31 days 30 min: 0.21 kWh in 2025 (tier 1, 5 kWh below its 2,520 limit),
    # 309.79 kWh in 2026. By the day it was 9.69 kWh in 2025, 4.69 of them in tier 2: 169.77.
    assert (january.kwh, january.amount) == (D("310.00"), D("169.54"))
    run_bills(db, town["boss"], "2026-02")
    february = bill_of(db, cid, "2026-02")
    # 2026 so far is 309.79 kWh, not 310: 2,210.21 kWh to the limit at 0.5469, 89.79 at 0.5969.
    assert (february.kwh, february.amount) == (D("2300.00"), D("1262.36"))


def test_a_reading_at_midnight_keeps_the_year_whole(db, town):
    with db.session() as s:
        customer, meter = account(s, town["s_unit"], town["tariff"])
        bill = add_bill(s, customer, meter, period="2025-12", amount="1.00",
                        due=dt.date(2026, 1, 15))
        bill.kwh = D("2515")
        bill.curr_reading_id = _read(s, meter, dt.datetime(2026, 1, 1, tzinfo=LOCAL), "0.00").id
        _read(s, meter, dt.datetime(2026, 2, 1, tzinfo=LOCAL), "310.00")
        cid = customer.id
    run_bills(db, town["boss"], "2026-01")
    with db.session() as s:
        amount = s.scalar(select(Bill.amount).where(Bill.customer_id == cid,
                                                    Bill.period == "2026-01"))
    assert amount == D("169.54")  # all 310 kWh at the 2026 tier-1 price: 310 x 0.5469
