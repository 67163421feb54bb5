"""What pure billing decides from, read from the database: a customer's open bills and the
late-fee rules in force on a day (console.billing stays free of queries)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from console.billing.allocation import OPEN_STATES, OpenBill
from console.billing.late_fees import OTHER, RESIDENTIAL, LateFeeRule
from console.billing.rulebook import RuleBook
from console.models import Bill, LateFeeRule as LateFeeRuleRow

# Built once: every payment and every "amount due" sends both, and building a select costs
# more Python than SQLite spends running it.
_OPEN_BILLS = (select(Bill.id, Bill.due_date, Bill.amount, Bill.paid_amount, Bill.late_fee_charged,
                      Bill.late_fee_paid, Bill.fee_through)
               .where(Bill.customer_id == bindparam("customer_id"), Bill.status.in_(OPEN_STATES))
               .order_by(Bill.due_date, Bill.id))
_RULES = (select(LateFeeRuleRow.category, LateFeeRuleRow.current_year_rate,
                 LateFeeRuleRow.carried_over_rate, LateFeeRuleRow.minimum_fee)
          .where(LateFeeRuleRow.effective_from <= bindparam("on"))
          .order_by(LateFeeRuleRow.effective_from))


def open_bills(session: Session, customer_id: int) -> list[OpenBill]:
    """Open and partly paid bills of one customer, oldest due first."""
    rows = session.execute(_OPEN_BILLS, {"customer_id": customer_id})
    return [OpenBill(*row) for row in rows]


def load_rules(session: Session, on: dt.date) -> RuleBook:
    """The newest rule of each category that is in force on `on`.

    An empty table (a database that skipped the seed) falls back to Art. 98's
    own figures, so a fee is never silently zero.
    """
    rows = session.execute(_RULES, {"on": on})
    newest: dict[str | None, LateFeeRule] = {}
    for row in rows:  # later rows overwrite earlier ones
        newest[row.category] = LateFeeRule(row.current_year_rate, row.carried_over_rate,
                                           row.minimum_fee)
    default = newest.pop(None, OTHER)
    newest.setdefault("residential", RESIDENTIAL)
    return RuleBook({k: v for k, v in newest.items() if k is not None}, default)
