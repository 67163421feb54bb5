"""Postpaid payments, their allocations and the ledger, by INSERT ... SELECT.

A paid postpaid bill has exactly one payment with the same id. Most customers
pay within the fortnight before the due date; late payers pay some bills up to
30 days late and are charged the late fee (电费违约金) of their tariff per day:
fee = amount * rate * days, rounded half up to the fen. The payment covers
principal and fee, and its allocation says so.
"""

from __future__ import annotations

import datetime as dt

from console.demo import calendar as cal
from console.demo.bulk import BulkWriter
from console.demo.dialect import Dialect, weyl

DAY = 86400
WORKDAY_SECONDS = 9 * 3600  # payments come in between 09:00 and 18:00 local
DUE_AFTER_ISSUE_DAYS = cal.DUE_DAY - cal.ISSUE_DAY


def _decisions(d: Dialect, seed: int) -> dict[str, str]:
    """Per-bill pseudo-random choices, as SQL over the bill row `b` and work row `m`."""
    h = {i: weyl("b.id", seed * 100 + i) for i in range(1, 5)}
    late = (f"(m.behaviour = 1 AND (b.id - 1) % {cal.PERIODS} <= {cal.LATE_LAST_PERIOD}"
            f" AND {h[1]} % 100 < 35)")
    late_days = f"(1 + {h[2]} % 30)"
    days = f"(CASE WHEN {late} THEN {DUE_AFTER_ISSUE_DAYS} + {late_days} ELSE {h[2]} % 15 END)"
    return {
        "late": late,
        "late_days": late_days,
        "days": days,
        "seconds": f"({h[3]} % {WORKDAY_SECONDS})",
        "method": f"({h[4]} % 100)",
    }


def insert_payments(bulk: BulkWriter, d: Dialect, seed: int) -> int:
    x = _decisions(d, seed)
    amount = d.fen("b.amount")
    fee = f"(CASE WHEN {x['late']} THEN ({amount} * m.rate * {x['late_days']} + 5000) / 10000 ELSE 0 END)"
    method = (f"CASE WHEN {x['method']} < 35 THEN 'wechat' WHEN {x['method']} < 60 THEN 'alipay'"
              f" WHEN {x['method']} < 80 THEN 'cash' WHEN {x['method']} < 90 THEN 'card'"
              " ELSE 'transfer' END")
    # Whether the bill was paid, from the work row: a condition on bill.status
    # would let SQLite walk the status index and insert payments out of id order.
    paid = (f"(m.behaviour IN (0, 1) OR (m.behaviour = 2"
            f" AND (b.id - 1) % {cal.PERIODS} < {cal.PERIODS} - m.arrears_n))")
    counter = f"({x['method']} >= 60 AND {x['method']} < 90 AND m.operator IS NOT NULL)"
    received, clock, on_clock = _received_at(d, x["days"], x["seconds"])
    return bulk.sql(f"""
        INSERT INTO payment (id, customer_id, unit_id, amount, method, received_at, operator_id,
                             workstation, receipt_no, idempotency_key, status, reversal_reason)
        SELECT b.id, b.customer_id, m.unit_id, {d.money(f'{amount} + {fee}')}, {method},
               {received}, CASE WHEN {counter} THEN m.operator END,
               CASE WHEN {counter} THEN 'YYT-' || m.unit_code || '-01' ELSE '' END,
               'SF' || m.unit_code || {d.lpad('b.id', 12)}, 'demo-pay-' || {d.lpad('b.id', 12)},
               'posted', ''
        FROM bill b CROSS JOIN demo_meter m {clock}
        WHERE m.mid = b.customer_id AND {paid} {on_clock}""")


def _received_at(d: Dialect, days: str, seconds: str) -> tuple[str, str, str]:
    """(expression, extra FROM, extra WHERE) for when a payment came in.

    PostgreSQL adds an interval. On SQLite, STRFTIME per row would cost more
    than the rest of the row: the day and the time of day are looked up in two
    small tables and glued together in storage form instead.
    """
    if d.pg:
        return d.ts_plus("b.issued_at", f"{days} * {DAY} + {seconds}"), "", ""
    return ("dd.day || tt.hms", "CROSS JOIN demo_day dd CROSS JOIN demo_tod tt",
            f"AND dd.id = ((b.id - 1) % {cal.PERIODS}) * 64 + {days} AND tt.s = {seconds}")


def create_clock(bulk: BulkWriter, d: Dialect) -> None:
    """SQLite only: demo_day (bill period * 64 + days after issue) and demo_tod (seconds)."""
    if d.pg:
        return
    bulk.temp_table("demo_day", "id INTEGER PRIMARY KEY, day TEXT")
    bulk.work_rows("demo_day", ("id", "day"), [
        (p * 64 + n, f"{cal.issued_at(p) + dt.timedelta(days=n):%Y-%m-%d}")
        for p in range(cal.PERIODS) for n in range(64)])
    start = cal.issued_at(0)
    bulk.temp_table("demo_tod", "s INTEGER PRIMARY KEY, hms TEXT")
    bulk.work_rows("demo_tod", ("s", "hms"), [
        (s, f" {start + dt.timedelta(seconds=s):%H:%M:%S}.000000") for s in range(WORKDAY_SECONDS)])


def insert_allocations(bulk: BulkWriter) -> int:
    """Each postpaid payment settles its own bill: principal and late fee."""
    return bulk.sql("""
        INSERT INTO payment_allocation (id, payment_id, bill_id, principal, late_fee)
        SELECT p.id, p.id, b.id, b.amount, p.amount - b.amount
        FROM payment p JOIN bill b ON b.id = p.id""")


def insert_ledger(bulk: BulkWriter, d: Dialect) -> int:
    """Charge, late fee and payment entries; ids 3*(bill id - 1) + 1..3 keep them in order.

    Prepaid top-ups are not bills' twins and are posted by the prepaid module.
    """
    kind = "CASE j.j WHEN 1 THEN 'charge' WHEN 2 THEN 'late_fee' ELSE 'payment' END"
    amount = "CASE j.j WHEN 1 THEN 0 - b.amount WHEN 2 THEN b.amount - p.amount ELSE p.amount END"
    return bulk.sql(f"""
        INSERT INTO ledger_entry (id, customer_id, kind, amount, posted_at, bill_id, payment_id, memo)
        SELECT (b.id - 1) * 3 + j.j, b.customer_id, {kind}, {amount},
               CASE j.j WHEN 1 THEN b.issued_at ELSE p.received_at END,
               CASE WHEN j.j < 3 THEN b.id END, CASE WHEN j.j = 3 THEN p.id END,
               CASE j.j WHEN 1 THEN b.period || '电费' WHEN 2 THEN b.period || '电费违约金'
                        ELSE '缴费' END
        FROM bill b LEFT JOIN payment p ON p.id = b.id CROSS JOIN demo_j j
        WHERE j.j <= CASE WHEN p.id IS NULL THEN 1 ELSE 3 END
          AND (j.j <> 2 OR p.amount > b.amount)""")
