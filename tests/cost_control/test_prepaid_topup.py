"""The counter's top-up suggestion for prepaid accounts comes from the cost-control policy."""

from __future__ import annotations

from decimal import Decimal as D

from console.models import CostControlPolicy, Customer, LedgerEntry
from console.services.payments.counter import amount_due
from tests import factories as f
from tests.billing_helpers import account


def hall(db, *, mode: str = "prepaid", topup: str | None = None, owes: str = "98.62"):
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        s.add(CostControlPolicy(name="默认", alert_balance=D("20.00"), disconnect_balance=D("0.00")))
        if topup is not None:
            s.add(CostControlPolicy(name="本所", unit_id=unit.id, alert_balance=D("30.00"),
                                    disconnect_balance=D("-10.00"), topup_amount=D(topup)))
        customer, _meter = account(s, unit, tariff)
        customer.cost_control_mode = mode
        s.add(LedgerEntry(customer_id=customer.id, kind="charge", amount=-D(owes), memo="预付费扣费"))
        clerk = f.actor(s, unit, username="clerk", role="counter")
        return clerk, customer.id


def test_paying_exactly_the_arrears_would_leave_a_prepaid_account_at_zero(db):
    clerk, customer = hall(db)
    due = amount_due(db, clerk, customer)
    assert due.total == D("98.62") and due.balance_after(due.total) == D("0.00")
    assert due.prepaid is not None
    assert due.prepaid.alert_balance == D("20.00")  # 0.00 is under it: the meter alarms
    assert due.prepaid.suggested == D("200.00")  # owed + the policy's 100.00, whole tens


def test_the_unit_policy_sets_the_top_up(db):
    clerk, customer = hall(db, topup="50.00")
    prepaid = amount_due(db, clerk, customer).prepaid
    assert (prepaid.suggested, prepaid.alert_balance, prepaid.disconnect_balance) == (
        D("150.00"), D("30.00"), D("-10.00"))


def test_a_zero_top_up_still_ends_above_the_alert_line(db):
    clerk, customer = hall(db, topup="0.00", owes="12.30")
    due = amount_due(db, clerk, customer)
    assert due.prepaid.suggested == D("50.00")  # 12.30 + the alert line 30.00, whole tens
    assert due.balance_after(due.prepaid.suggested) >= due.prepaid.alert_balance


def test_postpaid_accounts_get_no_suggestion(db):
    clerk, customer = hall(db, mode="postpaid")
    assert amount_due(db, clerk, customer).prepaid is None


def test_an_admin_sets_the_top_up_per_policy(db):
    import pytest

    from console.errors import InvalidAmount
    from console.services.cost_control.policy_admin import list_policies, update_policy

    clerk, customer = hall(db, topup="50.00")
    with db.session() as s:
        admin = f.actor(s, s.get(Customer, customer).unit, username="root", role="admin")
    mine = next(p for p in list_policies(db, admin) if p.unit_id is not None)
    assert mine.topup_amount == D("50.00")
    update_policy(db, admin, mine.id, expected_version=mine.version, topup_amount="200.00")
    assert amount_due(db, clerk, customer).prepaid.suggested == D("300.00")
    with pytest.raises(InvalidAmount):
        update_policy(db, admin, mine.id, expected_version=mine.version + 1, topup_amount="-5")
