"""Supervisors' reports: switch log, seals, work orders, monthly summary; figures from the tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.errors import ValidationError
from console.models import (
    Bill,
    ControlCommand,
    Customer,
    Meter,
    SealEvent,
    Unit,
    WorkOrder,
    utcnow,
)
from console.services.report_data.monthly import monthly_summary_data
from console.services.report_data.ops import (
    control_log_data,
    seal_inventory_data,
    work_orders_data,
)
from reports.control_log import render_control_log
from reports.layout import money
from reports.monthly_summary import render_monthly_summary
from reports.seal_inventory import render_seal_inventory
from reports.work_orders import render_work_orders
from tests import factories as f
from tests.reports.helpers import history_hall, ink_share, pages_text

D = Decimal
H = dt.timedelta(hours=1)


@pytest.fixture
def hall(db):
    hall = history_hall(db)
    now = utcnow() - 6 * H
    with db.session() as s:
        meter = s.scalar(select(Meter).where(Meter.customer_id == hall["farmer"]))
        for key, action, state, asked, done in (
                ("c1", "disconnect", "confirmed", now, now + dt.timedelta(minutes=2)),
                ("c2", "reconnect", "confirmed", now + 3 * H, now + 3 * H + dt.timedelta(minutes=1)),
                ("c3", "disconnect", "failed", now + 4 * H, now + 4 * H + dt.timedelta(minutes=5))):
            s.add(ControlCommand(meter_id=meter.id, customer_id=hall["farmer"], action=action,
                                 reason="arrears", state=state, idempotency_key=key,
                                 requested_by=hall["boss"].user_id, requested_at=asked,
                                 finished_at=done, error="no answer" if state == "failed" else ""))
        county = s.get(Customer, hall["farmer"]).unit_id
        seal = f.installed_seal(s, s.get(Unit, county), meter, serial=7)
        s.add(SealEvent(seal_id=seal.id, at=now, actor_id=hall["clerk"].user_id,
                        from_state="issued_person", to_state="installed", unit_id=county,
                        meter_id=meter.id, position="meter_cover"))
        for no, kind, state, created, due, done, score in (
                ("GD1", "complaint", "done", now - 5 * H, now + 19 * H, now - 1 * H, 5),
                ("GD2", "complaint", "done", now - 5 * H, now - 4 * H, now - 2 * H, 3),
                ("GD3", "inspection", "open", now - 5 * H, now - 1 * H, None, None)):
            s.add(WorkOrder(order_no=no, kind=kind, state=state, unit_id=county,
                            assignee_id=hall["clerk"].user_id, created_at=created, due_at=due,
                            finished_at=done, satisfaction=score))
        s.flush()
    return {**hall, "meter": meter.asset_no}


def day_range(hall) -> dict:
    return {"start": hall["today"] - dt.timedelta(days=1), "end": hall["today"]}


def test_control_log_outcomes_and_durations(db, hall):
    data = control_log_data(db, hall["boss"], **day_range(hall))
    assert [r.action for r in data.rows] == ["disconnect", "reconnect", "disconnect"]
    assert data.success_rate == D("66.7") and data.outages == 1
    assert data.mean_outage_hours == D("3.0")  # cut at +2 min, back at 3 h 1 min
    assert data.mean_minutes == D("1.5")
    text = "\n".join(pages_text(render_control_log(data)))
    for expected in ("停复电操作记录", "66.7%", hall["farmer_no"], hall["meter"], "失败", "no answer",
                     "测试boss"):
        assert expected in text, expected


def test_seal_inventory_counts_the_table(db, hall):
    data = seal_inventory_data(db, hall["boss"], **day_range(hall))
    stock = dict(data.stock)
    installed = data.states.index("installed")
    assert stock["牡丹区供电公司"][installed] == 1
    assert data.installers == (("测试clerk", 1, 0),)
    with db.read() as s:
        assert len(data.moves) == s.scalar(select(func.count()).select_from(SealEvent))
    text = "\n".join(pages_text(render_seal_inventory(data)))
    assert "封印库存与流转报表" in text and "已安装" in text and "测试clerk" in text


def test_work_orders_service_times(db, hall):
    data = work_orders_data(db, hall["boss"], **day_range(hall))
    by_kind = {g.name: g for g in data.by_kind}
    complaint = by_kind["complaint"]
    assert (complaint.count, complaint.done, complaint.overdue) == (2, 2, 1)
    assert complaint.mean_hours == D("3.5") and complaint.satisfaction == D("4.00")
    assert (by_kind["inspection"].overdue, data.totals.count) == (1, 3)
    text = "\n".join(pages_text(render_work_orders(data)))
    assert "工单与服务时长报表" in text and "GD3" in text and "投诉" in text and "3.5" in text


def test_monthly_summary_agrees_with_bills_and_payments(db, hall):
    data = monthly_summary_data(db, hall["boss"], month=hall["today"])
    with db.read() as s:
        billed = dict(s.execute(select(Bill.period, func.sum(Bill.amount)).group_by(Bill.period)).all())
    for p in data.periods:
        assert p.billed == D(billed.get(p.period, 0)), p.period
    assert (data.payments, data.received) == (4, D("189.33"))
    assert data.commands == (("disconnect", 1, 1), ("reconnect", 1, 0))
    assert data.debtors[0].amount >= data.debtors[-1].amount
    pdf = render_monthly_summary(data)
    text = "\n".join(pages_text(pdf))
    for expected in ("月度经营分析报告", "189.33", "66.7%", money(data.overdue_total),
                     data.debtors[0].customer_no):
        assert expected in text, expected
    assert ink_share(pdf) > 0.05  # the trend chart


def test_a_month_not_begun_is_refused(db, hall):
    with pytest.raises(ValidationError):
        monthly_summary_data(db, hall["boss"], month=hall["today"] + dt.timedelta(days=40))
