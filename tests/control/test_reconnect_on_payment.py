"""A payment cancels pending arrears disconnects and queues the reconnect in its own transaction."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from console.errors import ControlRefused
from console.models import ControlCommand, Customer, Meter
from console.services.control.commands import approve_command, cancel_command
from console.services.payments import counter as payments
from console.services.payments.counter import post_payment
from tests.control.test_commands import T, audits, disconnect, hall as hall  # fixture

D = Decimal


def pay(db, hall, amount, key="pay-1"):
    return post_payment(db, hall["clerk"], customer_id=hall["customer"], amount=amount,
                        method="cash", idempotency_key=key)


def cut(db, hall, *, reason="arrears", state="confirmed"):
    """The customer as the collector leaves it after a confirmed trip."""
    with db.session() as s:
        s.add(ControlCommand(meter_id=hall["meter"], customer_id=hall["customer"],
                             action="disconnect", reason=reason, state=state,
                             idempotency_key=f"cut-{reason}-{state}", rule="manual"))
        if state == "confirmed":
            s.get(Customer, hall["customer"]).control_state = "disconnected"
            s.get(Meter, hall["meter"]).relay_state = "open"


def commands(db, hall, action):
    with db.session() as s:
        return list(s.scalars(select(ControlCommand).where(
            ControlCommand.customer_id == hall["customer"], ControlCommand.action == action)
            .order_by(ControlCommand.id)))


def test_a_payment_that_clears_the_arrears_queues_the_reconnect(db, hall):
    cut(db, hall)
    posted = pay(db, hall, "50.00")
    [reconnect] = commands(db, hall, "reconnect")
    assert (reconnect.state, reconnect.reason, reconnect.meter_id) == ("queued", "payment",
                                                                       hall["meter"])
    assert reconnect.requested_by == hall["clerk"].user_id and reconnect.approved_at
    assert reconnect.idempotency_key == f"reconnect:payment:{posted.payment_id}:{hall['meter']}"
    assert audits(db, reconnect.id) == ["command.requested", "command.approved", "command.queued"]
    pay(db, hall, "50.00")  # the same key again: replayed, nothing more
    assert len(commands(db, hall, "reconnect")) == 1
    with pytest.raises(ControlRefused) as refused:
        cancel_command(db, hall["boss"], reconnect.id)
    assert refused.value.params["rule"] == "reconnect_after_payment"


def test_a_partial_payment_reconnects_nobody(db, hall):
    cut(db, hall)
    pay(db, hall, "20.00")
    assert commands(db, hall, "reconnect") == []


def test_reconnect_and_payment_commit_or_fail_together(db, hall, monkeypatch):
    cut(db, hall)
    original = payments.audit.record

    def fail_on_posting(session, actor, action, **kw):
        if action == "payment.posted":
            raise RuntimeError("printer on fire")
        return original(session, actor, action, **kw)

    monkeypatch.setattr(payments.audit, "record", fail_on_posting)
    with pytest.raises(RuntimeError):
        pay(db, hall, "50.00")
    monkeypatch.undo()
    assert commands(db, hall, "reconnect") == []
    pay(db, hall, "50.00")
    assert [c.state for c in commands(db, hall, "reconnect")] == ["queued"]


def test_a_payment_cancels_a_disconnect_not_yet_sent(db, hall):
    requested = disconnect(db, hall)
    pay(db, hall, "10.00")  # any payment stops the cut; the cost-control run may ask again
    [command] = commands(db, hall, "disconnect")
    assert (command.id, command.state, command.error) == (requested.command_id, "cancelled", "paid")
    assert audits(db, command.id)[-1] == "command.cancelled"
    assert commands(db, hall, "reconnect") == []  # never cut, nothing to reconnect


def test_a_payment_cancels_an_approved_and_queued_disconnect(db, hall):
    view = disconnect(db, hall)
    approve_command(db, hall["boss2"], view.command_id, now=T)
    pay(db, hall, "50.00")
    assert [c.state for c in commands(db, hall, "disconnect")] == ["cancelled"]


def test_a_clearing_payment_during_a_trip_on_the_wire_queues_the_reconnect(db, hall):
    cut(db, hall, state="sent")
    pay(db, hall, "50.00")
    assert [c.state for c in commands(db, hall, "disconnect")] == ["sent"]
    assert [c.state for c in commands(db, hall, "reconnect")] == ["queued"]


def test_a_safety_disconnect_is_not_undone_by_a_payment(db, hall):
    cut(db, hall, reason="safety")
    pay(db, hall, "50.00")
    assert commands(db, hall, "reconnect") == []
