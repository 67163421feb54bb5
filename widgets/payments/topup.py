"""What the payment dialog says to a prepaid (智能费控) customer about her balance.

Paying exactly what is owed leaves 0.00, which is under the policy's alert
line: the low-balance alert and the meter's pre-trip alarm follow within
minutes. The dialog proposes the policy's top-up instead and says where the
balance will stand.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from console.services.payments.types import AmountDue
from widgets.domain_labels import money

translate = QCoreApplication.translate


def first_amount(due: AmountDue) -> Decimal:
    """What the amount field starts with: the top-up suggested, else what is owed."""
    return due.prepaid.suggested if due.prepaid is not None else due.total


def prepaid_note(due: AmountDue, amount: Decimal) -> str:
    """Where a prepaid balance ends after `amount`, and what happens under the lines."""
    terms = due.prepaid
    assert terms is not None
    after = due.balance_after(amount)
    values = {"after": money(after), "alert": money(terms.alert_balance),
              "cut": money(terms.disconnect_balance), "suggested": money(terms.suggested),
              "owed": money(max(due.owed, Decimal("0.00")))}
    if after >= terms.alert_balance:
        return translate(
            "PaymentTopUp", "Prepaid: the balance will be {after} yuan ({owed} yuan clears what "
            "is owed). Under {alert} yuan — at 0.00, say — the customer is alerted and the meter "
            "sounds its pre-trip alarm; under {cut} yuan the supply is cut after a notice."
        ).format(**values)
    return translate(
        "PaymentTopUp", "Prepaid: this leaves {after} yuan, under the alert line of {alert} "
        "yuan — the customer is alerted and the meter sounds its pre-trip alarm within minutes; "
        "under {cut} yuan the supply is cut after a notice. Suggested: {suggested} yuan."
    ).format(**values)
