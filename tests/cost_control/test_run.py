"""The cost-control run end to end, on both engines: notices, alarms, requests, states,
no duplicates on a second run, and prepaid draw-down exact to the fen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.errors import PermissionDenied
from console.models import (
    AuditEvent,
    Bill,
    ControlCommand,
    CostControlPolicy,
    Customer,
    LedgerEntry,
    Notice,
    Reading,
    Tariff,
)
from console.services.actor import Actor
from console.services.cost_control.calendar_blocks import declare_block
from console.services.cost_control.run import run_cost_control
from console.timeutil import LOCAL
from tests import factories as f
from tests.billing_helpers import account, add_bill, ledger_sum

D = Decimal
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=LOCAL).astimezone(dt.UTC)  # a Tuesday morning
SYSTEM = Actor.system("cost-control")


def ago(days: int) -> dt.date:
    return (NOW.astimezone(LOCAL) - dt.timedelta(days=days)).date()


def read(s, meter, at: dt.datetime, total: str) -> Reading:
    row = Reading(meter_id=meter.id, read_at=at, energy_total=D(total))
    s.add(row)
    s.flush()
    return row


def pay(s, customer_id: int, amount: str) -> None:
    s.add(LedgerEntry(customer_id=customer_id, kind="payment", amount=D(amount), memo="缴费"))
    s.flush()


@pytest.fixture
def town(db):
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        s.add(CostControlPolicy(name="默认", alert_balance=D("20.00"), disconnect_balance=D("0.00"),
                                notice_days=7, protected_categories="public"))
        boss = f.actor(s, unit, username="boss", role="supervisor")
        clerk = f.actor(s, unit, username="clerk", role="counter")
        t = {"unit": unit.id, "boss": boss, "clerk": clerk}
        farmer, meter = account(s, unit, tariff)  # postpaid, 40 days overdue
        add_bill(s, farmer, meter, period="2026-09", amount="96.40", due=ago(40))
        fresh, meter = account(s, unit, tariff)  # a bill not due yet: no arrears
        add_bill(s, fresh, meter, period="2026-10", amount="55.00", due=ago(-5))
        low, meter = account(s, unit, tariff)  # prepaid, 15 yuan left
        low.cost_control_mode = "prepaid"
        pay(s, low.id, "15.00")
        hospital, meter = account(s, unit, tariff, category="public")
        add_bill(s, hospital, meter, period="2026-08", amount="5000.00", due=ago(70))
        t.update(farmer=farmer.id, fresh=fresh.id, low=low.id,
                 hospital=hospital.id)
    return t


def notices_of(db, customer_id: int) -> list[tuple[str, str, str]]:
    with db.session() as s:
        return [tuple(r) for r in s.execute(select(Notice.kind, Notice.status, Notice.rule)
                                            .where(Notice.customer_id == customer_id)
                                            .order_by(Notice.id))]


def state_of(db, customer_id: int) -> str:
    with db.session() as s:
        return s.get(Customer, customer_id).control_state


def counts(db) -> tuple[int, int, int]:
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Notice, ControlCommand, LedgerEntry))


def test_a_run_writes_the_right_notices_and_states(db, town):
    result = run_cost_control(db, SYSTEM, now=NOW)
    assert notices_of(db, town["farmer"]) == [("reminder", "pending", "overdue"),
                                              ("disconnect", "pending", "below_disconnect_balance")]
    assert state_of(db, town["farmer"]) == "notice"
    assert notices_of(db, town["fresh"]) == []
    assert notices_of(db, town["low"]) == [("alert", "pending", "low_balance")]
    assert state_of(db, town["low"]) == "alert"
    assert notices_of(db, town["hospital"]) == [("reminder", "pending", "overdue")]
    assert state_of(db, town["hospital"]) == "normal"
    held = {(d.customer_id, d.rule.value) for d in result.decisions if d.action == "hold"}
    assert held == {(town["hospital"], "protected_category")}
    with db.session() as s:
        alarm = s.scalars(select(ControlCommand)).one()
    assert (alarm.customer_id, alarm.action, alarm.state, alarm.rule) == (
        town["low"], "alarm_on", "queued", "low_balance")
    assert (result.notices, result.alarms, result.requests) == (4, 1, 0)


def test_a_second_run_writes_nothing_new(db, town):
    run_cost_control(db, SYSTEM, now=NOW)
    before = counts(db)
    again = run_cost_control(db, SYSTEM, now=NOW + dt.timedelta(minutes=15))
    assert counts(db) == before
    assert (again.notices, again.alarms, again.requests) == (0, 0, 0)


def served_notice(db, customer_id: int, days_ago: int) -> None:
    with db.session() as s:
        s.get(Customer, customer_id).control_state = "notice"
        at = NOW - dt.timedelta(days=days_ago)
        s.add(Notice(doc_no=f"TD{customer_id:08d}", customer_id=customer_id, kind="disconnect",
                     channel="paper", status="served", created_at=at, served_at=at,
                     deadline=at + dt.timedelta(days=7)))


def test_final_reminder_then_a_request_with_its_rule_then_nothing(db, town):
    served_notice(db, town["farmer"], days_ago=8)
    first = run_cost_control(db, SYSTEM, now=NOW)
    assert notices_of(db, town["farmer"])[-1] == ("disconnect_reminder", "pending",
                                                  "below_disconnect_balance")
    assert first.requests == 0
    second = run_cost_control(db, SYSTEM, now=NOW + dt.timedelta(minutes=31))
    assert second.requests == 1
    with db.session() as s:
        command = s.scalars(select(ControlCommand).where(ControlCommand.action == "disconnect")).one()
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "command.requested")).one()
    assert (command.customer_id, command.state, command.reason, command.rule, command.refused_rule) \
        == (town["farmer"], "requested", "arrears", "below_disconnect_balance", "")
    assert '"rule":"below_disconnect_balance"' in event.after
    third = run_cost_control(db, SYSTEM, now=NOW + dt.timedelta(minutes=45))
    assert third.requests == 0 and len(notices_of(db, town["farmer"])) == 3


def test_quiet_hours_and_blackouts_hold_the_cut(db, town):
    served_notice(db, town["farmer"], days_ago=8)
    evening = NOW + dt.timedelta(hours=9)  # 19:00
    result = run_cost_control(db, SYSTEM, now=evening)
    assert ("hold", "quiet_hours") in {(d.action.value, d.rule.value) for d in result.decisions}
    declare_block(db, town["boss"], kind="blackout", starts_on=ago(0), ends_on=ago(0),
                  unit_id=town["unit"], reason="高温")
    result = run_cost_control(db, SYSTEM, now=NOW)
    assert ("hold", "blackout") in {(d.action.value, d.rule.value) for d in result.decisions}
    assert notices_of(db, town["farmer"])[-1][0] == "reminder"  # no final reminder


def test_a_payment_clears_alert_notice_and_open_request(db, town):
    served_notice(db, town["farmer"], days_ago=8)
    run_cost_control(db, SYSTEM, now=NOW)
    run_cost_control(db, SYSTEM, now=NOW + dt.timedelta(minutes=31))
    with db.session() as s:
        pay(s, town["farmer"], "96.40")
        s.execute(Bill.__table__.update().where(Bill.customer_id == town["farmer"])
                  .values(status="paid", paid_amount=Bill.amount))
        pay(s, town["low"], "100.00")
    result = run_cost_control(db, SYSTEM, now=NOW + dt.timedelta(hours=1))
    assert result.cleared == 2
    assert (state_of(db, town["farmer"]), state_of(db, town["low"])) == ("normal", "normal")
    with db.session() as s:
        assert s.scalar(select(ControlCommand.state).where(
            ControlCommand.action == "disconnect")) == "cancelled"


def test_only_supervisors_run_cost_control(db, town):
    with pytest.raises(PermissionDenied):
        run_cost_control(db, town["clerk"], now=NOW)
    assert run_cost_control(db, town["boss"], now=NOW).accounts == 3  # not the fresh bill


# -- prepaid draw-down ---------------------------------------------------------------------------

@pytest.fixture
def prepaid(db, town):
    """A prepaid account whose October bill ended at 1000.00 kWh (tariff 0.5469 yuan/kWh)."""
    with db.session() as s:
        low = s.get(Customer, town["low"])
        customer, meter = account(s, low.unit, s.get(Tariff, low.tariff_id))
        customer.cost_control_mode = "prepaid"
        pay(s, customer.id, "100.00")
        start = read(s, meter, NOW - dt.timedelta(days=60), "900.00")
        end = read(s, meter, NOW - dt.timedelta(days=24), "1000.00")
        bill = add_bill(s, customer, meter, period="2026-10", amount="54.69", due=ago(10))
        bill.prev_reading_id, bill.curr_reading_id = start.id, end.id
        bill.status, bill.paid_amount = "paid", D("54.69")
        return {"id": customer.id, "meter": meter}


def interim(db, customer_id: int) -> list[tuple[str, Decimal]]:
    with db.session() as s:
        return [tuple(r) for r in s.execute(
            select(LedgerEntry.kind, LedgerEntry.amount).where(
                LedgerEntry.customer_id == customer_id, LedgerEntry.bill_id.is_(None),
                LedgerEntry.kind != "payment").order_by(LedgerEntry.id))]


def test_prepaid_draw_down_is_exact_to_the_fen_and_idempotent(db, prepaid):
    with db.session() as s:
        read(s, prepaid["meter"], NOW - dt.timedelta(days=3), "1012.34")
    run_cost_control(db, SYSTEM, now=NOW)  # 12.34 kWh x 0.5469 = 6.748746 -> 6.75
    assert interim(db, prepaid["id"]) == [("charge", D("-6.75"))]
    run_cost_control(db, SYSTEM, now=NOW + dt.timedelta(minutes=15))
    assert len(interim(db, prepaid["id"])) == 1  # no new reading, nothing new
    with db.session() as s:
        read(s, prepaid["meter"], NOW - dt.timedelta(days=1), "1020.00")
    run_cost_control(db, SYSTEM, now=NOW + dt.timedelta(minutes=30))
    # 20.00 kWh x 0.5469 = 10.938 -> 10.94 in all: 4.19 more, never rounded twice.
    assert interim(db, prepaid["id"]) == [("charge", D("-6.75")), ("charge", D("-4.19"))]
    with db.session() as s:
        assert ledger_sum(s, prepaid["id"]) == D("100.00") - D("54.69") - D("10.94")


def test_a_new_bill_takes_over_the_interim_charges(db, prepaid):
    with db.session() as s:
        mid = read(s, prepaid["meter"], NOW - dt.timedelta(days=3), "1012.34")
    run_cost_control(db, SYSTEM, now=NOW)
    with db.session() as s:  # November's bill, on the same reading, charges 6.75 itself
        bill = add_bill(s, s.get(Customer, prepaid["id"]), prepaid["meter"], period="2026-11",
                        amount="6.75", due=ago(-10))
        bill.prev_reading_id, bill.curr_reading_id = mid.id - 1, mid.id
    run_cost_control(db, SYSTEM, now=NOW + dt.timedelta(minutes=15))
    assert interim(db, prepaid["id"]) == [("charge", D("-6.75")), ("adjustment", D("6.75"))]
    with db.session() as s:
        assert ledger_sum(s, prepaid["id"]) == D("100.00") - D("54.69") - D("6.75")


def test_the_collector_runs_cost_control_on_its_schedule(file_db, monkeypatch):
    import asyncio

    from console.metering.collector import Collector, CollectorConfig
    from console.services.cost_control import run as cost_control

    ran = []

    async def main() -> None:
        loop, stop = asyncio.get_running_loop(), asyncio.Event()

        def scheduled(db, actor):  # on the collector's database thread
            ran.append(db)
            assert actor.username == "collector"  # no service account: the built-in one
            loop.call_soon_threadsafe(stop.set)

        monkeypatch.setattr(cost_control, "run_scheduled", scheduled)
        collector = Collector(file_db, interval=3600,
                              config=CollectorConfig(cost_control_interval=0.01))
        await asyncio.wait_for(collector.run(stop), 10)

    asyncio.run(main())
    assert ran == [file_db]


def test_cli_runs_cost_control_then_delivers_the_notices(file_db, tmp_path, capsys):
    from console.cli import main
    from tests.operators import token_file

    service_hall_in(file_db)
    collector = ["--token-file", str(token_file(file_db, tmp_path / "collector.token"))]
    assert main(["cost-control", "run", "--db", file_db.url, *collector]) == 0
    assert "2 notices" in capsys.readouterr().out  # the farmer's reminder and disconnect notice
    assert main(["cost-control", "deliver", "--db", file_db.url, "--folder", str(tmp_path),
                 *collector]) == 0
    assert "2 sent" in capsys.readouterr().out
    with file_db.session() as s:
        assert s.scalar(select(func.count()).where(Notice.status == "sent")) == 2


def service_hall_in(db) -> None:
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        farmer, meter = account(s, unit, tariff)
        add_bill(s, farmer, meter, period="2026-09", amount="96.40",
                 due=dt.date.today() - dt.timedelta(days=40))
