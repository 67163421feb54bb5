"""Prepaid (智能费控) accounts: top-ups, first-in-first-out settlement, balances.

Prepaid customers top up round sums a few days after a bill leaves their
balance under the alert line (never on or after the as-of day); a tenth of
them made no top-up after the last two bills and end near or under zero. Bills are settled from the top-ups in order: allocation rows are
the overlaps of the cumulative-charge and cumulative-payment intervals, found
for all customers at once with one sort and two binary searches.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from console.demo import drawdown
from console.demo.bulk import BulkWriter
from console.demo.calendar import DemoCalendar, local
from console.demo.codes import serials_within
from console.demo.dialect import Dialect
from console.demo.population import PREPAID, Population

ALERT_FEN = 2000  # top up under 20 yuan
TOPUP_STEPS_FEN = np.array([50, 100, 200, 300, 500, 1000, 2000, 5000]) * 100
STOPPED_BILLS = 2  # stoppers made no top-up after this many last bills
SPAN = 10**11  # keeps one customer's cumulative fen apart from the next one's


@dataclass(frozen=True)
class Settlement:
    """Where prepaid customers stand at the end: customer ids and balances (fen)."""

    customer_ids: np.ndarray
    balance: np.ndarray


@dataclass(frozen=True)
class TopUps:
    row: np.ndarray  # prepaid customer row (0..k-1)
    period: np.ndarray  # -1 for the opening top-up, else the bill it followed
    amount: np.ndarray  # fen
    at: np.ndarray  # datetime64[s], UTC


def _bills(bulk: BulkWriter, d: Dialect, cal: DemoCalendar, ids: np.ndarray) -> np.ndarray:
    """Bill amounts (fen) of the given customers, shape (customers, periods)."""
    if not len(ids):
        return np.zeros((0, cal.periods), dtype=np.int64)
    rows = bulk.fetch(f"""
        SELECT b.id, {d.fen('b.amount')} FROM demo_meter m CROSS JOIN demo_k k CROSS JOIN bill b
        WHERE m.behaviour = {PREPAID} AND k.k < {cal.periods}
          AND b.id = (m.mid - 1) * {cal.periods} + k.k + 1 ORDER BY b.id""")
    return np.array([r[1] for r in rows], dtype=np.int64).reshape(len(ids), cal.periods)


def _moments(rng: np.random.Generator, cal: DemoCalendar, p: int, k: int) -> np.ndarray:
    """When k customers would top up after bill p (-1: the opening top-up): a few
    days later, in office hours (UTC datetime64[s])."""
    if p < 0:
        base = local(dt.date(cal.year - 1, 12, 20), 9)
    elif p < cal.periods:
        base = cal.issued_at(p)
    else:
        base = local(cal.as_of - dt.timedelta(days=3), 9)
    offset = rng.integers(0, 6 if p < cal.periods else 3, k) * 86400 + rng.integers(0, 9 * 3600, k)
    return np.datetime64(base.replace(tzinfo=None), "s") + offset.astype("timedelta64[s]")


def _simulate(rng: np.random.Generator, cal: DemoCalendar, amounts: np.ndarray,
              stopper: np.ndarray, drawn: np.ndarray) -> TopUps:
    """Month by month: charge the bill, then top up if under the alert line (before now).

    Last, the use since the last bill (`drawn`, see drawdown) is charged, and
    whoever it leaves under the line topped up in the last three days.
    """
    step = TOPUP_STEPS_FEN[np.minimum(np.searchsorted(TOPUP_STEPS_FEN, amounts.mean(axis=1) * 2),
                                      len(TOPUP_STEPS_FEN) - 1)] if len(amounts) else np.zeros(0)
    k, now = len(step), np.datetime64(cal.now.replace(tzinfo=None), "s")
    balance = step * 2
    rows, periods, sums, moments = ([np.arange(k)], [np.full(k, -1)], [balance.copy()],
                                    [_moments(rng, cal, -1, k)])
    for p in range(cal.periods + 1):
        balance = balance - (amounts[:, p] if p < cal.periods else drawn)
        at = _moments(rng, cal, p, k)
        stopped = stopper & (p >= cal.periods - STOPPED_BILLS)
        need = (balance < ALERT_FEN) & ~stopped & (at < now)
        times = np.maximum(np.ceil((ALERT_FEN - balance) / step), 1).astype(np.int64)
        # Some people top up a little more than they must.
        times += (rng.random(k) < 0.3).astype(np.int64)
        topup = np.where(need, times * step, 0)
        balance = balance + topup
        rows.append(np.flatnonzero(need))
        periods.append(np.full(int(need.sum()), p))
        sums.append(topup[need])
        moments.append(at[need])
    row, period, amount, at = (np.concatenate(x) for x in (rows, periods, sums, moments))
    order = np.lexsort((period, row))
    return TopUps(row[order], period[order], amount[order].astype(np.int64), at[order])


def _allocate(amounts: np.ndarray, topups: TopUps) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(flat bill index, top-up index, fen) for every overlap of charges and payments."""
    k = len(amounts)
    a_cum = np.cumsum(amounts, axis=1)
    a_keys = (np.arange(k)[:, None] * SPAN + a_cum).ravel()
    starts = np.flatnonzero(np.r_[True, topups.row[1:] != topups.row[:-1]])
    q_total = np.add.reduceat(topups.amount, starts)
    running = np.cumsum(topups.amount)
    before = np.repeat(running[starts] - topups.amount[starts], np.diff(np.r_[starts, len(running)]))
    q_keys = topups.row * SPAN + (running - before)
    cap = np.minimum(a_cum[:, -1], q_total)
    rows = np.concatenate([np.repeat(np.arange(k), amounts.shape[1]), topups.row, np.arange(k)])
    points = np.concatenate([a_keys, q_keys, np.arange(k) * SPAN])
    points = np.unique(points[points - rows * SPAN <= cap[rows]])
    start, end = points[:-1], points[1:]
    keep = (start // SPAN == end // SPAN) & (end > start)
    start, end = start[keep], end[keep]
    return np.searchsorted(a_keys, start, "right"), np.searchsorted(q_keys, start, "right"), end - start


def settle(rng: np.random.Generator, bulk: BulkWriter, d: Dialect, cal: DemoCalendar,
           pop: Population, where: dict[str, np.ndarray]) -> Settlement:
    """Draw down the use since the last bill; write top-ups, their allocations and ledger
    entries; settle the prepaid bills.

    `where` holds per-customer arrays: unit_id, unit_code, operator (0 = none).
    """
    ids = np.flatnonzero(pop.behaviour == PREPAID) + 1
    amounts = _bills(bulk, d, cal, ids)
    drawn = drawdown.draw(bulk, cal, ids)
    topups = _simulate(rng, cal, amounts, pop.stopper[ids - 1], drawn)
    bill_index, pay_index, fen = _allocate(amounts, topups)
    first = cal.periods * pop.n + 1
    pay_ids = first + np.arange(len(topups.row))
    _insert_topups(rng, bulk, cal, pop, ids[topups.row], topups, pay_ids, where)
    per = cal.periods
    bill_ids = (ids[bill_index // per] - 1) * per + bill_index % per + 1
    bulk.rows("payment_allocation", ("id", "payment_id", "bill_id", "principal", "late_fee"),
              zip(range(first, first + len(fen)), pay_ids[pay_index].tolist(),
                  bill_ids.tolist(), fen.tolist(), [0] * len(fen), strict=False))
    paid = np.bincount(bill_index, weights=fen, minlength=amounts.size).round().astype(np.int64)
    _update_bills(bulk, d, per, ids, amounts.ravel(), paid)
    balance = topups_total(topups, len(ids)) - amounts.sum(axis=1) - drawn
    return Settlement(ids, balance)


def topups_total(topups: TopUps, k: int) -> np.ndarray:
    return np.bincount(topups.row, weights=topups.amount, minlength=k).round().astype(np.int64)


def _receipts(cal: DemoCalendar, pop: Population, index: np.ndarray, codes: list[str],
              at: list[str]) -> list[str]:
    """Live-form receipt numbers after the unit's bill payments (see payments.receipt_no)."""
    unit = pop.unit_index[index]
    seq = np.bincount(pop.unit_index)[unit] * cal.periods + serials_within(unit)
    return [f"{c}{t[:4]}{s:08d}" for c, t, s in zip(codes, at, seq.tolist(), strict=False)]


def _insert_topups(rng: np.random.Generator, bulk: BulkWriter, cal: DemoCalendar, pop: Population,
                   customer_ids: np.ndarray, topups: TopUps, pay_ids: np.ndarray,
                   where: dict[str, np.ndarray]) -> None:
    at = [s.replace("T", " ") for s in np.datetime_as_string(topups.at, unit="us").tolist()]
    at_counter = rng.random(len(at)) < 0.25
    index = customer_ids - 1
    operator = np.where(at_counter, where["operator"][index], 0)
    codes = where["unit_code"][index].tolist()
    rows = zip(
        pay_ids.tolist(), customer_ids.tolist(), where["unit_id"][index].tolist(),
        topups.amount.tolist(),
        np.where(operator > 0, "cash", np.where(rng.random(len(at)) < 0.6, "wechat", "alipay")).tolist(),
        at, [o or None for o in operator.tolist()],
        [f"YYT-{c}-01" if o else "" for c, o in zip(codes, operator.tolist(), strict=False)],
        _receipts(cal, pop, index, codes, at),
        [f"demo-pay-{i:012d}" for i in pay_ids.tolist()], ["posted"] * len(at), [""] * len(at), strict=False)
    bulk.rows("payment", ("id", "customer_id", "unit_id", "amount", "method", "received_at",
                          "operator_id", "workstation", "receipt_no", "idempotency_key", "status",
                          "reversal_reason"), rows)
    first = int(bulk.scalar("SELECT COALESCE(MAX(id), 0) FROM ledger_entry")) + 1  # after draw-downs
    bulk.rows("ledger_entry", ("id", "customer_id", "kind", "amount", "posted_at", "payment_id", "memo"),
              zip(range(first, first + len(at)), customer_ids.tolist(), ["payment"] * len(at),
                  topups.amount.tolist(), at, pay_ids.tolist(), ["预购电费"] * len(at), strict=False))


def _update_bills(bulk: BulkWriter, d: Dialect, periods: int, ids: np.ndarray, amount: np.ndarray,
                  paid: np.ndarray) -> None:
    bill_ids = ((ids[:, None] - 1) * periods + np.arange(periods) + 1).ravel()
    status = np.where(paid >= amount, "paid", np.where(paid > 0, "partial", "open"))
    touched = paid > 0  # bills were written open and unpaid
    bulk.temp_table("demo_paid", "id BIGINT PRIMARY KEY, paid BIGINT, status TEXT")
    bulk.work_rows("demo_paid", ("id", "paid", "status"),
                   zip(bill_ids[touched].tolist(), paid[touched].tolist(), status[touched].tolist(), strict=False))
    update_from(bulk, "bill", "demo_paid", {"paid_amount": d.money("w.paid"), "status": "w.status"})
    bulk.sql("DROP TABLE demo_paid")


def update_from(bulk: BulkWriter, table: str, work: str, values: dict[str, str]) -> None:
    """UPDATE the rows of `table` whose id is in `work`, with values from `work` (alias w).

    Spelt with `id IN (...)` and correlated subqueries rather than UPDATE ...
    FROM: SQLite would otherwise walk all of `table` and probe `work` per row.
    """
    sets = ", ".join(f"{column} = (SELECT {expr} FROM {work} w WHERE w.id = {table}.id)"
                     for column, expr in values.items())
    bulk.sql(f"UPDATE {table} SET {sets} WHERE id IN (SELECT id FROM {work})")
