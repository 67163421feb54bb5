"""One definition of arrears (overdue, unpaid) and of owed (everything unpaid), shown the
same for one customer in the arrears panel, the customer view and the switch dialog (13.13)."""

from __future__ import annotations

from decimal import Decimal

from console.services.arrears.listing import list_arrears
from console.services.control.queries import control_facts
from console.services.customers.view import customer_detail
from console.timeutil import local_today
from tests import factories as f
from tests.billing_helpers import account, add_bill, days_ago

D = Decimal


def test_arrears_and_owed_agree_everywhere(db):
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        boss = f.actor(s, unit, username="boss", role="supervisor")
        lu, meter = account(s, unit, tariff)
        add_bill(s, lu, meter, period="2026-08", amount="169.97", due=days_ago(40))
        add_bill(s, lu, meter, period="2026-10", amount="63.19", due=days_ago(-5))
        add_bill(s, lu, meter, period="2026-09", amount="10.00", due=local_today())  # on time
        cid = lu.id
    [row] = list_arrears(db, boss).rows
    account_state = customer_detail(db, boss, cid).account
    facts = control_facts(db, boss, cid)
    assert row.arrears == account_state.arrears == facts.arrears == D("169.97")
    assert account_state.owed == D("243.16")
    assert account_state.not_yet_due == facts.not_yet_due == D("73.19")
    assert row.late_fees == account_state.late_fees == facts.late_fees
    assert facts.amount_due == account_state.amount_due == D("243.16") + row.late_fees
