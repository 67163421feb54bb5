"""Postpaid payments, their allocations and the ledger, by INSERT ... SELECT.

A paid postpaid bill has exactly one payment with the same id. Most customers
pay within the fortnight before the due date; late payers pay some bills up to
30 days late and are charged the late fee (电费违约金) of their tariff per day:
fee = amount * rate * days, rounded half up to the fen. The payment covers
principal and fee, and its allocation says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from console.demo import calendar as calendar_module
from console.demo.bulk import BulkWriter
from console.demo.calendar import DemoCalendar
from console.demo.dialect import Dialect, weyl
from console.demo.population import ARREARS, LATE, PREPAID
from console.timeutil import LOCAL_ZONE

DAY = 86400
WORKDAY_SECONDS = 9 * 3600  # payments come in between 09:00 and 18:00 local
DUE_AFTER_ISSUE_DAYS = calendar_module.DUE_DAY - calendar_module.ISSUE_DAY
LATE_SHARE = 35  # percent of a late payer's bills paid after the due date


@dataclass(frozen=True)
class Decisions:
    """Per-bill pseudo-random choices, as SQL over a bill id and a work row.

    `row` names the alias holding the customer's behaviour, arrears_n, route,
    k_over and rate (demo_meter's columns); `k` is the bill's period index and
    `cut` the days from its issue to the as-of day.
    """

    seed: int
    bill: str
    row: str
    k: str
    cut: str = "z.cut"

    def _h(self, i: int) -> str:
        return weyl(self.bill, self.seed * 100 + i)

    @property
    def late(self) -> str:
        return f"({self.row}.behaviour = {LATE} AND {self._h(1)} % 100 < {LATE_SHARE})"

    @property
    def late_days(self) -> str:
        return f"(1 + {self._h(2)} % 30)"

    @property
    def days(self) -> str:
        """Days after the issue day: within the fortnight, or late_days after the due date."""
        return (f"(CASE WHEN {self.late} THEN {DUE_AFTER_ISSUE_DAYS} + {self.row}.route"
                f" + {self.late_days} ELSE {self._h(2)} % 15 END)")

    @property
    def seconds(self) -> str:
        return f"({self._h(3)} % {WORKDAY_SECONDS})"

    @property
    def method(self) -> str:
        return f"({self._h(4)} % 100)"

    @property
    def never(self) -> str:
        """A debtor's last `arrears_n` overdue bills, and every bill after them, stay unpaid."""
        r = self.row
        return f"({r}.behaviour = {ARREARS} AND {self.k} >= {r}.k_over - {r}.arrears_n)"


def paid_by_now(x: Decisions) -> str:
    """Whether a postpaid bill's payment came before the as-of day."""
    return f"(NOT {x.never} AND {x.days} < {x.cut})"


def insert_payments(bulk: BulkWriter, d: Dialect, cal: DemoCalendar, seed: int) -> int:
    """A payment for every paid postpaid bill, with the same id."""
    x = Decisions(seed, "b.id", "m", "kk.k", "kk.cut")
    amount = d.fen("b.amount")
    fee = f"(CASE WHEN {x.late} THEN ({amount} * m.rate * {x.late_days} + 5000) / 10000 ELSE 0 END)"
    method = (f"CASE WHEN {x.method} < 35 THEN 'wechat' WHEN {x.method} < 60 THEN 'alipay'"
              f" WHEN {x.method} < 80 THEN 'cash' WHEN {x.method} < 90 THEN 'card'"
              " ELSE 'transfer' END")
    # Whether the bill was paid, from the work rows: a condition on bill.status
    # would let SQLite walk the status index and insert payments out of id order.
    paid = f"(m.behaviour <> {PREPAID} AND {paid_by_now(x)})"
    counter = f"({x.method} >= 60 AND {x.method} < 90 AND m.operator IS NOT NULL)"
    received, clock, on_clock = _received_at(d, cal, x.days, x.seconds)
    return bulk.sql(f"""
        INSERT INTO payment (id, customer_id, unit_id, amount, method, received_at, operator_id,
                             workstation, receipt_no, idempotency_key, status, reversal_reason)
        SELECT b.id, b.customer_id, m.unit_id, {d.money(f'{amount} + {fee}')}, {method},
               {received}, CASE WHEN {counter} THEN m.operator END,
               CASE WHEN {counter} THEN 'YYT-' || m.unit_code || '-01' ELSE '' END,
               {receipt_no(d, 'm', 'b.id', cal.periods, received)},
               'demo-pay-' || {d.lpad('b.id', 12)}, 'posted', ''
        FROM bill b CROSS JOIN demo_meter m CROSS JOIN demo_k kk {clock}
        WHERE m.mid = b.customer_id AND kk.k = (b.id - 1) % {cal.periods} AND {paid} {on_clock}""")


def receipt_no(d: Dialect, m: str, payment_id: str, periods: int, received: str) -> str:
    """The live form, unit code + year + 8 digits (console.services.payments.receipts).

    The sequence is the payment's place among its unit's bills (customers are
    numbered unit by unit): unique in the unit, and below the top-ups'
    numbers, which follow at m.first * periods (see prepaid)."""
    seq = f"({payment_id} - ({m}.first - 1) * {periods})"
    # The year in Heze (payments come in office hours: the same as UTC's on SQLite's text).
    year = (f"CAST(EXTRACT(YEAR FROM ({received}) AT TIME ZONE '{LOCAL_ZONE}') AS INTEGER)"
            if d.pg else f"SUBSTR({received}, 1, 4)")
    return f"({m}.unit_code || {d.text(year)} || {d.lpad(seq, 8)})"


def _received_at(d: Dialect, cal: DemoCalendar, days: str, seconds: str) -> tuple[str, str, str]:
    """(expression, extra FROM, extra WHERE) for when a payment came in.

    PostgreSQL adds an interval. On SQLite, STRFTIME per row would cost more
    than the rest of the row: the day and the time of day are looked up in two
    small tables and glued together in storage form instead.
    """
    if d.pg:
        return d.ts_plus("b.issued_at", f"{days} * {DAY} + {seconds}"), "", ""
    return ("dd.day || tt.hms", "CROSS JOIN demo_day dd CROSS JOIN demo_tod tt",
            f"AND dd.id = kk.k * 64 + {days} AND tt.s = {seconds}")


def create_clock(bulk: BulkWriter, d: Dialect, cal: DemoCalendar) -> None:
    """SQLite only: demo_day (bill period * 64 + days after issue) and demo_tod (seconds)."""
    if d.pg:
        return
    bulk.temp_table("demo_day", "id INTEGER PRIMARY KEY, day TEXT")
    bulk.work_rows("demo_day", ("id", "day"), [
        (p * 64 + n, f"{cal.issued_at(p) + dt.timedelta(days=n):%Y-%m-%d}")
        for p in range(cal.periods) for n in range(64)])
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
