"""The final bill of an account closure: from the last billed reading to the final one.

Priced like the bill run (bill_calc.compute, the tariff version in force,
the year's tiers, true-up of estimates, use on replaced meters carried over)
and due on the day of closure, so no late fee runs on it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.billing.bill_calc import BILL, HELD, AccountInput, MeterRead, compute
from console.errors import ValidationError
from console.models import Bill, Customer, LedgerEntry, Meter, PrepaidDrawdown, Reading
from console.models.enums import LedgerKind
from console.services.billing import run_data as data
from console.services.billing.meter_changes import ChangeBook
from console.services.billing.run_inputs import NO_HISTORY
from console.timeutil import LOCAL, to_local


def final_bill(session: Session, customer: Customer, meter: Meter, final: Reading,
               at: dt.datetime) -> Bill | None:
    """Write the final bill and its charge (None when there is nothing to bill)."""
    local_day = to_local(at).date()
    period = f"{local_day:%Y-%m}"
    if session.scalar(select(Bill.id).where(Bill.customer_id == customer.id,
                                            Bill.period == period)):
        raise ValidationError("this month is billed already", field="period", value=period,
                              reason="final_bill_exists")
    acc = _input(session, customer, meter, final, period, local_day)
    out = compute(acc)
    if out.kind == HELD:
        raise ValidationError("the final reading is held for review", field="final_reading",
                              reason="reading_held", why=out.reason)
    if out.kind != BILL or out.amount <= 0:
        return None
    bill = Bill(bill_no=f"DF{period.replace('-', '')}{customer.id:09d}", customer_id=customer.id,
                meter_id=meter.id, tariff_id=acc.tariff_id, period=period,
                prev_reading_id=acc.base_id, curr_reading_id=final.id, kwh=out.kwh,
                amount=out.amount, paid_amount=Decimal("0.00"), due_date=local_day,
                status="open", estimated=False, issued_at=at, late_fee_charged=Decimal("0.00"),
                late_fee_paid=Decimal("0.00"))
    session.add(bill)
    session.flush()
    session.add(LedgerEntry(customer_id=customer.id, kind=LedgerKind.CHARGE, amount=-out.amount,
                            posted_at=at, bill_id=bill.id, memo=f"{period}销户电费"))
    session.flush()
    return bill


def _input(session: Session, customer: Customer, meter: Meter, final: Reading, period: str,
           day: dt.date) -> AccountInput:
    cid, start = customer.id, dt.date(day.year, day.month, 1)
    start_utc = dt.datetime.combine(start, dt.time(), tzinfo=LOCAL).astimezone(dt.UTC)
    past = data.history(session, [cid], period).get(cid, NO_HISTORY)
    prev = data.readings_by_id(session, [past.base_reading_id]).get(past.base_reading_id) \
        if past.base_reading_id is not None else None
    prev = prev or data.latest_readings(session, [meter.id], start_utc).get(meter.id) \
        or _first_reading(session, meter.id, final.id)
    prev, carry = ChangeBook(session, [cid], final.read_at).bridge(cid, prev, start_utc)
    book = data.TariffBook(session)
    version = book.version_on(customer.tariff_id, day)
    years = {day.year: past.year_to_date}
    since = carry.since if carry else (prev.at if prev else None)
    if since is not None and since < dt.datetime(day.year, 1, 1, tzinfo=LOCAL):
        last_year = data.year_kwh(session, [cid], {day.year - 1}, period)
        years[day.year - 1] = last_year.get((cid, day.year - 1), Decimal("0.00"))
    curr = data.readings_by_id(session, [final.id])[final.id]
    return AccountInput(cid, meter.id, meter.multiplier, version, book.rates[version], start,
                        day + dt.timedelta(days=1), prev, curr, past.estimated_since,
                        past.last_kwh, years, carry)


def _first_reading(session: Session, meter_id: int, final_id: int) -> MeterRead | None:
    """A meter never billed: its use runs from its first reading."""
    first = session.scalar(select(Reading.id).where(Reading.meter_id == meter_id,
                                                    Reading.id != final_id)
                           .order_by(Reading.read_at).limit(1))
    return data.readings_by_id(session, [first]).get(first) if first else None


def credit_interim(session: Session, meter_id: int, at: dt.datetime, memo: str) -> Decimal:
    """Credit back what the prepaid drawdown charged from this meter since its last bill.

    The meter leaves the account (replaced or removed), so the drawdown never rebases it;
    the final or next bill charges that use itself. Returns the amount credited.
    """
    mark = session.get(PrepaidDrawdown, meter_id)
    if mark is None or not mark.drawn:
        return Decimal("0.00")
    credited = mark.drawn
    session.add(LedgerEntry(customer_id=mark.customer_id, kind=LedgerKind.ADJUSTMENT,
                            amount=credited, posted_at=at, memo=memo))
    mark.kwh, mark.drawn, mark.updated_at = Decimal("0.00"), Decimal("0.00"), at
    session.flush()
    return credited
