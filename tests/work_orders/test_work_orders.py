"""Work orders: opening, SLA due times and overdue marking, moves, audit, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from console.errors import AccountClosed, NotFound, PermissionDenied, ValidationError
from console.models import AuditEvent, Customer
from console.models.work import WorkOrder
from console.services.work_orders import (
    create_work_order,
    get_work_order,
    list_work_orders,
    sla,
    transition,
)
from console.timeutil import LOCAL
from tests import factories as f
from tests.billing_helpers import account


@pytest.fixture
def hall(db):
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        customer, meter = account(s, unit, tariff)
        return {"unit": unit.id, "customer": customer.id, "meter": meter.id,
                "clerk": f.actor(s, unit, username="clerk", role="counter"),
                "boss": f.actor(s, unit, username="boss", role="supervisor"),
                "fixer": f.user(s, unit, username="fixer", role="inspector").id,
                "admin": f.actor(s, unit, username="root", role="admin")}


def local(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL).astimezone(dt.UTC)


def audit_actions(db, order_id: int) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(AuditEvent.action).where(
            AuditEvent.entity_type == "work_order", AuditEvent.entity_id == str(order_id))
            .order_by(AuditEvent.seq)))


def test_a_complaint_runs_open_assigned_in_progress_done_and_every_move_is_audited(db, hall):
    order = create_work_order(db, hall["clerk"], kind="complaint", customer_id=hall["customer"],
                              description="电压偏低，晚上灯暗")
    assert (order.state, order.unit_id, order.customer_name) == ("open", hall["unit"], "王伟")
    assert order.order_no.startswith("GD") and len(order.order_no) == 16
    order = transition(db, hall["boss"], order.id, "assign", assignee_id=hall["fixer"])
    assert (order.state, order.assignee_name) == ("assigned", "测试fixer")
    order = transition(db, hall["boss"], order.id, "start")
    assert order.state == "in_progress" and order.started_at is not None
    order = transition(db, hall["boss"], order.id, "complete", resolution="调整变压器分接头")
    assert (order.state, order.resolution) == ("done", "调整变压器分接头")
    assert order.finished_at is not None
    assert audit_actions(db, order.id) == ["work_order.created", "work_order.assigned",
                                           "work_order.started", "work_order.done"]


def test_start_takes_an_unassigned_order_and_cancel_needs_a_reason(db, hall):
    order = create_work_order(db, hall["clerk"], kind="inspection", customer_id=hall["customer"])
    assert order.meter_id == hall["meter"]  # the customer's meter, by default
    started = transition(db, hall["clerk"], order.id, "start")
    assert started.assignee_name == "测试clerk"
    # An inspection is the field's: a counter clerk may not cancel it (issue 16), a
    # supervisor may, with a reason.
    with pytest.raises(PermissionDenied) as denied:
        transition(db, hall["clerk"], order.id, "cancel", resolution="客户撤回")
    assert denied.value.params["permission"] == "cancel_field_orders"
    assert get_work_order(db, hall["boss"], order.id).state == "in_progress"
    with pytest.raises(ValidationError) as err:
        transition(db, hall["boss"], order.id, "cancel", resolution="  ")
    assert err.value.params["reason"] == "required"
    done = transition(db, hall["boss"], order.id, "cancel", resolution="客户撤回")
    assert done.state == "cancelled"
    with pytest.raises(ValidationError) as err:
        transition(db, hall["clerk"], order.id, "start")
    assert err.value.params["reason"] == "bad_state"


def test_due_times_come_from_the_sla_of_the_kind(db, hall):
    morning = local(dt.date(2026, 11, 20), 9)
    replace = create_work_order(db, hall["clerk"], kind="meter_replacement",
                                customer_id=hall["customer"], now=morning)
    assert replace.due_at == local(dt.date(2026, 11, 21), 0)  # the same day
    late = sla.due_at(sla.SlaRule("meter_replacement", 8, True), local(dt.date(2026, 11, 20), 23))
    assert late == local(dt.date(2026, 11, 22), 0)  # opened at 23:00: the next day's end
    complaint = create_work_order(db, hall["clerk"], kind="complaint",
                                  customer_id=hall["customer"], now=morning)
    assert complaint.due_at == morning + dt.timedelta(hours=24)
    sla.set_sla(db, hall["admin"], "complaint", hours=4, same_day=False)
    quick = create_work_order(db, hall["clerk"], kind="complaint", customer_id=hall["customer"],
                              now=morning)
    assert quick.due_at == morning + dt.timedelta(hours=4)
    assert complaint.due_at == get_work_order(db, hall["clerk"], complaint.id).due_at


def test_open_orders_past_due_are_overdue_and_finished_ones_are_not(db, hall):
    then = local(dt.date(2026, 11, 2), 9)
    late = create_work_order(db, hall["clerk"], kind="complaint", customer_id=hall["customer"],
                             now=then)
    fresh = create_work_order(db, hall["clerk"], kind="new_connection", unit_id=hall["unit"])
    finished = create_work_order(db, hall["clerk"], kind="seal_check",
                                 customer_id=hall["customer"], now=then)
    transition(db, hall["boss"], finished.id, "cancel", resolution="重复工单", now=then)
    rows = {o.id: o for o in list_work_orders(db, hall["clerk"])}
    assert rows[late.id].overdue and not rows[fresh.id].overdue
    assert not rows[finished.id].overdue
    assert [o.id for o in list_work_orders(db, hall["clerk"], overdue=True)] == [late.id]
    before = then + dt.timedelta(hours=23)
    assert not get_work_order(db, hall["clerk"], late.id, now=before).overdue
    assert [o.id for o in list_work_orders(db, hall["clerk"], states=["cancelled"])] == \
        [finished.id]
    assert {o.id for o in list_work_orders(db, hall["clerk"], kind="complaint")} == {late.id}


def test_an_engine_retrying_with_its_key_opens_one_order(db, hall):
    from console.services.actor import Actor

    engine = Actor.system("seal_engine")
    first = create_work_order(db, engine, kind="seal_check", customer_id=hall["customer"],
                              source="seal_engine", idempotency_key="seal:42:broken")
    again = create_work_order(db, engine, kind="seal_check", customer_id=hall["customer"],
                              source="seal_engine", idempotency_key="seal:42:broken")
    assert first.id == again.id and first.source == "seal_engine"
    with db.read() as s:
        assert s.scalar(select(func.count(WorkOrder.id))) == 1


def test_bad_input_is_refused_and_writes_nothing(db, hall):
    clerk = hall["clerk"]
    with pytest.raises(NotFound):
        create_work_order(db, clerk, kind="complaint", customer_id=999999)
    with pytest.raises(ValidationError) as err:
        create_work_order(db, clerk, kind="repaint", customer_id=hall["customer"])
    assert err.value.params["reason"] == "unknown_kind"
    with pytest.raises(ValidationError) as err:
        create_work_order(db, clerk, kind="account_closure")
    assert err.value.params["reason"] == "customer_required"
    create_work_order(db, clerk, kind="account_closure", customer_id=hall["customer"])
    with pytest.raises(ValidationError) as err:
        create_work_order(db, clerk, kind="account_closure", customer_id=hall["customer"])
    assert err.value.params["reason"] == "already_open"
    with pytest.raises(PermissionDenied):
        create_work_order(db, hall["admin"], kind="complaint", customer_id=hall["customer"])
    with db.session() as s:
        s.get(Customer, hall["customer"]).status = "closed"
    with pytest.raises(AccountClosed):
        create_work_order(db, clerk, kind="complaint", customer_id=hall["customer"])
    with db.read() as s:
        assert s.scalar(select(func.count(WorkOrder.id))) == 1


def test_replacement_and_closure_do_not_complete_without_their_steps(db, hall):
    order = create_work_order(db, hall["clerk"], kind="meter_replacement",
                              customer_id=hall["customer"])
    transition(db, hall["clerk"], order.id, "start")
    with pytest.raises(ValidationError) as err:
        transition(db, hall["clerk"], order.id, "complete", resolution="换好了")
    assert err.value.params["reason"] == "steps_required"
    assert get_work_order(db, hall["clerk"], order.id).state == "in_progress"
