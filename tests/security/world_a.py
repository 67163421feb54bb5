"""The two-county world of tests/security/test_acting.py (its fixture), furnished for the
counter, billing, consumption, report and notice use cases (issue 16, scopeA): meters, a bill on each side,
counter1's payment, a reminder notice per county, a second 牡丹区 supervisor.

    牡丹区城区营业厅 (counter1, supervisor1, supervisor3, admin1)
      └ 牡丹区王浩屯供电所 (station1)
    曹县营业厅 (supervisor2)
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.models import ControlCommand, Customer, Meter, Notice, Payment, Unit
from console.models.enums import CommandAction, CommandReason
from console.services.actor import Actor
from console.services.notices.issue import send_reminders
from console.services.payments.counter import post_payment
from tests import factories as f
from tests.billing_helpers import add_bill, days_ago
from tests.security.test_acting import two_counties

__all__ = ["count", "two_counties", "world"]


def count(db, *models) -> tuple[int, ...]:
    """Rows of each model: what 'nothing written' is checked against."""
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in models)


def _furnish(s, customer_id: int, amount: str) -> Meter:
    customer = s.get(Customer, customer_id)
    customer.phone = "13800001234"
    meter = f.meter(s, s.get(Unit, customer.unit_id), customer)
    add_bill(s, customer, meter, period="2026-09", amount=amount, due=days_ago(20))
    return meter


@pytest.fixture
def world(db, two_counties):
    """Ids and actors of both counties; counter1 has taken 50.00 from 'ours'."""
    w = dict(two_counties)
    with db.session() as s:
        units = dict(s.execute(select(Unit.code, Unit.id)).all())
        w.update(mudan=units["37001"], station=units["37011"], caoxian=units["37021"])
        w.update(our_meter=_furnish(s, w["ours"], "98.62").id,
                 below_meter=_furnish(s, w["below"], "20.00").id,
                 their_meter=_furnish(s, w["theirs"], "77.00").id)
        command = ControlCommand(meter_id=w["their_meter"], customer_id=w["theirs"],
                                 action=CommandAction.DISCONNECT, reason=CommandReason.ARREARS,
                                 idempotency_key="world-command")
        s.add(command)
        s.flush()
        w["their_command"] = command.id
        w["supervisor3"] = f.actor(s, s.get(Unit, w["mudan"]), username="supervisor3",
                                   role="supervisor")
    w["paid"] = post_payment(db, w["counter1"], customer_id=w["ours"], amount=Decimal("50.00"),
                             method="cash", idempotency_key="world-counter1").payment_id
    w["their_paid"] = post_payment(db, w["supervisor2"], customer_id=w["theirs"],
                                   amount=Decimal("7.00"), method="cash",
                                   idempotency_key="world-supervisor2").payment_id
    send_reminders(db, Actor.system("test"), [w["ours"], w["theirs"]], channel="paper")
    with db.session() as s:
        notices = dict(s.execute(select(Notice.customer_id, Notice.id)).all())
        numbers = dict(s.execute(select(Notice.customer_id, Notice.doc_no)).all())
        w["our_notice"], w["their_notice"] = notices[w["ours"]], notices[w["theirs"]]
        w["our_notice_no"], w["their_notice_no"] = numbers[w["ours"]], numbers[w["theirs"]]
        w["their_user"] = w["supervisor2"].user_id
        assert s.get(Payment, w["paid"]).unit_id == w["mudan"]
    return w
