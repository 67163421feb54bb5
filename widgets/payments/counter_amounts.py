"""What the payment dialog shows the clerk in figures, for the customer's screen too.

The dialog emits one of these whenever a figure changes (widgets.payments.dialog,
`sig_amounts_changed`); the customer display (widgets.devices) shows it as it is, so
the two can never disagree on a fen.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from console.models.enums import PaymentMethod


@dataclass(frozen=True)
class CounterAmounts:
    due: Decimal  # clears the account today, late fees included
    late_fees: Decimal
    amount: Decimal | None  # what this payment pays (None: not a valid amount yet)
    tendered: Decimal | None  # cash handed over; the amount itself when paid exactly
    change: Decimal | None
    method: str
    paid: bool = False  # the payment is recorded

    @property
    def scan_to_pay(self) -> bool:
        """A method the customer pays by scanning a code with their phone."""
        return self.method in (PaymentMethod.WECHAT, PaymentMethod.ALIPAY)


def counter_amounts(due: Decimal, late_fees: Decimal, amount: Decimal | None,
                    tendered: Decimal | None, method: str, *, paid: bool = False
                    ) -> CounterAmounts:
    """The figures as the dialog computes them: change is tendered − amount, cash only."""
    cash = method == PaymentMethod.CASH
    shown_tendered = (tendered if tendered is not None else amount) if cash else amount
    change = (shown_tendered - amount if cash and amount is not None
              and shown_tendered is not None else None)
    return CounterAmounts(due, late_fees, amount, shown_tendered, change, method, paid)
