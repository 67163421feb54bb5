"""Everything `bill_calc.compute` needs for each account of a bill-run batch, read set-wise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from console.billing.bill_calc import AccountInput, MeterRead
from console.services.billing import run_data as data
from console.services.billing.meter_changes import ChangeBook
from console.timeutil import LOCAL

NO_HISTORY = data.History("", None, Decimal("0.00"), Decimal("0.00"), None)


@dataclass(frozen=True)
class Period:
    name: str
    start: dt.date  # local first day
    end: dt.date  # local first day of the next period

    @property
    def end_utc(self) -> dt.datetime:
        return dt.datetime.combine(self.end, dt.time(), tzinfo=LOCAL).astimezone(dt.UTC)

    @property
    def start_utc(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(), tzinfo=LOCAL).astimezone(dt.UTC)


def batch_inputs(session: Session, book: data.TariffBook, p: Period,
                 ids: Sequence[int]) -> tuple[list[AccountInput], int]:
    """The inputs of the batch's accounts; and how many of `ids` have no meter in service."""
    accounts = data.accounts(session, ids)
    past = data.history(session, list(accounts), p.name)
    prev = _previous(session, p, accounts, past)
    meters = [m for _t, m, _x in accounts.values()]
    curr = data.latest_readings(session, meters, p.end_utc, p.end_utc - data.READ_WINDOW)
    changes = ChangeBook(session, ids, p.end_utc)
    bridged = {cid: changes.bridge(cid, prev.get(cid), p.start_utc) for cid in accounts}
    last_year = _last_year(session, p, bridged)
    last_day = p.end - dt.timedelta(days=1)
    result = []
    for cid, (tariff_id, meter_id, mult) in accounts.items():
        start, carry = bridged[cid]
        version = book.version_on(tariff_id, last_day)
        h = past.get(cid, NO_HISTORY)
        years = {p.start.year: h.year_to_date}
        if cid in last_year:
            years[p.start.year - 1] = last_year[cid]
        result.append(AccountInput(cid, meter_id, mult, version, book.rates[version], p.start,
                                   p.end, start, curr.get(meter_id), h.estimated_since,
                                   h.last_kwh, years, carry))
    return result, len(ids) - len(accounts)


def _previous(session: Session, p: Period, accounts: dict[int, tuple[int, int, int]],
              past: dict[int, data.History]) -> dict[int, MeterRead | None]:
    """customer id -> the reading its latest bill ended at, else its meter's latest before
    the period (read only for the accounts that need it)."""
    by_id = data.readings_by_id(session, [h.base_reading_id for h in past.values()
                                          if h.base_reading_id is not None])
    prev = {cid: by_id.get(ref) if (ref := past.get(cid, NO_HISTORY).base_reading_id)
             is not None else None for cid in accounts}
    end = p.end_utc
    prev = {cid: r if r is not None and r.at <= end else None for cid, r in prev.items()}
    missing = {accounts[cid][1]: cid for cid, r in prev.items() if r is None}
    for meter_id, read in data.latest_readings(session, list(missing), p.start_utc).items():
        prev[missing[meter_id]] = read
    return prev


def _last_year(session: Session, p: Period, bridged: dict) -> dict[int, Decimal]:
    """Last year's kWh of the accounts whose use began before New Year (a bill across it)."""
    new_year = dt.datetime(p.start.year, 1, 1, tzinfo=LOCAL)
    spanning = [cid for cid, (start, carry) in bridged.items()
                if (since := carry.since if carry else (start.at if start else None)) is not None
                and since < new_year]
    year = p.start.year - 1
    totals = data.year_kwh(session, spanning, {year}, p.name)
    return {cid: totals.get((cid, year), Decimal("0.00")) for cid in spanning}
