"""After the bills: prepaid use since the last bill drawn down, and the receipt counters.

The draw-down is the cost-control run's own (console.services.cost_control.drawdown),
run once as of the demo's now: prepaid balances show the use since the last
bill, priced the way the live runs price it, and the next live run only adds
the use after it.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy.orm import Session

from console.demo.bulk import BulkWriter
from console.demo.calendar import DemoCalendar
from console.demo.dialect import Dialect
from console.demo.storage import reset_sequences
from console.services.cost_control.drawdown import draw_down


def draw(bulk: BulkWriter, cal: DemoCalendar, customer_ids: np.ndarray) -> np.ndarray:
    """Post the interim charges as of `cal.now`; what each of `customer_ids` was charged (fen)."""
    reset_sequences(bulk.conn)  # PostgreSQL: new ledger ids come after the generated ones
    session = Session(bind=bulk.conn)
    draw_down(session, cal.now)
    session.close()
    fen = Dialect(bulk.conn.dialect.name).fen("amount")
    rows = bulk.fetch(f"""
        SELECT customer_id, SUM({fen}), COUNT(*) FROM ledger_entry
        WHERE bill_id IS NULL AND payment_id IS NULL GROUP BY customer_id""")
    bulk.counts["ledger_entry"] += sum(n for _c, _f, n in rows)
    drawn = {c: f for c, f, _n in rows}
    return np.array([-int(drawn.get(c, 0)) for c in customer_ids.tolist()], dtype=np.int64)


def set_receipt_counters(bulk: BulkWriter, d: Dialect) -> None:
    """Each unit's and year's receipt counter continues after the demo's highest number.

    Receipt numbers are unit code (5) + year (4) + sequence (8), see payments.receipt_no.
    """
    seq = f"CAST(SUBSTR(receipt_no, 10) AS {'BIGINT' if d.pg else 'INTEGER'})"
    year = f"CAST(SUBSTR(receipt_no, 6, 4) AS {'BIGINT' if d.pg else 'INTEGER'})"
    bulk.sql(f"""
        INSERT INTO receipt_counter (unit_id, year, next_no)
        SELECT unit_id, {year}, MAX({seq}) + 1 FROM payment GROUP BY unit_id, {year}""")
