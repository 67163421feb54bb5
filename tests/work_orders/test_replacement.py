"""Meter replacement: billing runs on across the change to the fen; bad readings refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console import ids
from console.errors import ValidationError
from console.models import AuditEvent, Bill, Meter, Reading, Seal, SealEvent
from console.models.work import MeterChange
from console.services.billing.bill_run import run_bills
from console.services.consumption import monthly_comparison
from console.services.work_orders import create_work_order, get_work_order
from console.services.work_orders.replacement import NewMeter, meter_side, replace_meter
from console.timeutil import LOCAL
from tests import factories as f
from tests.billing_helpers import account

D = Decimal
NEW_ASSET = ids.make_asset_code("37001", ids.ASSET_TYPE_METER, 880001)


def local(day: dt.date, hour: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL).astimezone(dt.UTC)


def read(s, meter_id: int, at: dt.datetime, total: str) -> None:
    s.add(Reading(meter_id=meter_id, read_at=at, energy_total=D(total)))
    s.flush()


def stock_seal(s, unit, serial: int) -> str:
    seal = f.installed_seal(s, unit, f.meter(s, unit), serial=serial)
    seal.state, seal.meter_id, seal.position = "issued_unit", None, None
    s.flush()
    return seal.seal_no


@pytest.fixture
def home(db):
    """A flat-rate customer read 900 on 08-01 and 1000 on 09-01, one seal on the meter."""
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        customer, meter = account(s, unit, tariff)
        read(s, meter.id, local(dt.date(2026, 8, 1)), "900.00")
        read(s, meter.id, local(dt.date(2026, 9, 1)), "1000.00")
        old_seal = f.installed_seal(s, unit, meter, serial=770001).seal_no
        return {"customer": customer.id, "meter": meter.id, "old_seal": old_seal,
                "new_seal": stock_seal(s, unit, 770002),
                "clerk": f.actor(s, unit, username="clerk", role="counter"),
                # The clerk opens the order; the fitter (an inspector) swaps the meter.
                "fitter": f.actor(s, unit, username="fitter", role="inspector"),
                "system": None}


def replace(db, home, *, final="1123.45", first="0.50", **kw):
    order = create_work_order(db, home["clerk"], kind="meter_replacement",
                              customer_id=home["customer"])
    return replace_meter(db, home["fitter"], order.id, final_reading=final, first_reading=first,
                         new_meter=NewMeter(NEW_ASSET, "000000880001", "DDZY666"),
                         seals=[(home["new_seal"], "meter_cover")],
                         at=kw.pop("at", local(dt.date(2026, 9, 15), 12)), **kw)


def bill(db, cid: int, period: str) -> Bill:
    with db.read() as s:
        return s.scalar(select(Bill).where(Bill.customer_id == cid, Bill.period == period))


def test_a_period_spanning_the_replacement_bills_old_plus_new_use_to_the_fen(db, home):
    from console.services.actor import Actor

    cli = Actor.system("cli")
    run_bills(db, cli, "2026-08")
    done = replace(db, home)
    new_id = done.new.meter_id
    with db.session() as s:
        read(s, new_id, local(dt.date(2026, 10, 1)), "200.17")
        read(s, new_id, local(dt.date(2026, 11, 1)), "350.17")
    run_bills(db, cli, "2026-09")
    run_bills(db, cli, "2026-10")
    aug, sep, oct_ = (bill(db, home["customer"], p) for p in ("2026-08", "2026-09", "2026-10"))
    assert aug.kwh == D("100.00")
    # Old meter 1000.00 -> 1123.45 (123.45) plus new meter 0.50 -> 200.17 (199.67).
    assert (sep.kwh, sep.amount) == (D("323.12"), D("176.71"))  # 323.12 x 0.5469 = 176.714
    assert sep.meter_id == new_id
    assert oct_.kwh == D("150.00")  # from the new meter's reading: nothing counted twice
    # The chart books the same use across the two meters (no jump from 1123.45 to 0.50).
    months = monthly_comparison(db, home["clerk"], home["customer"], 2026)
    booked = sum((m.this_year or D(0) for m in months), D(0))
    assert booked == D("100.00") + D("323.12") + D("150.00")


def test_replacement_moves_meters_readings_seals_and_completes_its_order(db, home):
    done = replace(db, home)
    assert done.order.state == "done" and done.order.meter_asset_no == NEW_ASSET
    assert (done.final_reading, done.first_reading) == (D("1123.45"), D("0.50"))
    assert done.seals_removed == (home["old_seal"],)
    assert done.new.seals == ((home["new_seal"], "meter_cover"),)
    with db.read() as s:
        old, new = s.get(Meter, home["meter"]), s.get(Meter, done.new.meter_id)
        assert (old.status, new.status, new.customer_id) == ("removed", "in_service",
                                                             home["customer"])
        assert s.scalar(select(Seal.state).where(Seal.seal_no == home["old_seal"])) == "removed"
        events = s.scalars(select(SealEvent.to_state).where(
            SealEvent.work_order_id == done.order.id).order_by(SealEvent.id)).all()
        assert events == ["removed", "installed"]
        assert s.scalar(select(func.count(MeterChange.id))) == 1
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert actions[-5:] == ["work_order.started", "seal.remove", "seal.install", "meter.replaced",
                            "work_order.done"]
    side = meter_side(db, home["clerk"], done.order.id)
    assert (side.asset_no, side.last_reading) == (NEW_ASSET, D("0.50"))


def counts(db) -> tuple:
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t))
                     for t in (Reading, Meter, SealEvent, MeterChange, AuditEvent))


@pytest.mark.parametrize("change, reason", [
    ({"final": "999.99"}, "lower_than_last"),
    ({"final": "12,3"}, "not_a_reading"),
    ({"first": "-1"}, "not_a_reading"),
    ({"at": local(dt.date(2026, 8, 20))}, "not_after_last"),
])
def test_bad_readings_are_refused_and_nothing_is_written(db, home, change, reason):
    order_count = counts(db)
    with pytest.raises(ValidationError) as err:
        replace(db, home, **change)
    assert err.value.params["reason"] == reason
    if reason == "lower_than_last":
        assert err.value.params["last"] == "1000.00"
    after = counts(db)
    assert after[:4] == order_count[:4]  # only the order's creation was audited
    with db.read() as s:
        assert s.get(Meter, home["meter"]).status == "in_service"


def test_a_seal_that_is_not_available_stops_the_whole_replacement(db, home):
    order = create_work_order(db, home["clerk"], kind="meter_replacement",
                              customer_id=home["customer"])
    with pytest.raises(ValidationError) as err:
        replace_meter(db, home["fitter"], order.id, final_reading="1100", first_reading="0",
                      new_meter=NewMeter(NEW_ASSET, "000000880001"),
                      seals=[(home["old_seal"], "meter_cover")], at=local(dt.date(2026, 9, 15)))
    assert err.value.params["reason"] == "seal_not_available"
    assert get_work_order(db, home["clerk"], order.id).state == "open"
    with db.read() as s:
        assert s.get(Meter, home["meter"]).status == "in_service"
        assert s.scalar(select(Seal.state).where(Seal.seal_no == home["old_seal"])) == "installed"


def test_a_replacement_on_the_last_day_bills_the_old_meter_without_an_estimate(db, home):
    from console.services.actor import Actor

    cli = Actor.system("cli")
    run_bills(db, cli, "2026-08")
    # Replaced on 09-30 at 12:00: the new meter has only its first reading when September ends.
    replace(db, home, final="1050.00", first="3.00", at=local(dt.date(2026, 9, 30), 12))
    run_bills(db, cli, "2026-09")
    sep = bill(db, home["customer"], "2026-09")
    assert (sep.kwh, sep.estimated) == (D("50.00"), False)


def test_time_of_use_registers_carry_across_meters_with_their_own_multipliers(db, home):
    from console.models import Tariff, TouPeriod
    from console.services.actor import Actor

    with db.session() as s:
        tou = Tariff(code="IND-TOU", name="分时", kind="tou", category="industrial",
                     effective_from=dt.date(2024, 1, 1), price=D("0.6500"))
        tou.tou_periods = [TouPeriod(register=r, start_time=dt.time(h),
                                     end_time=dt.time((h + 1) % 24), price=D(p))
                           for r, h, p in (("sharp", 19, "1.0725"), ("peak", 8, "0.8943"),
                                           ("flat", 11, "0.6500"), ("valley", 23, "0.3557"))]
        s.add(tou)
        s.flush()
        unit = s.scalar(select(Meter).where(Meter.id == home["meter"])).customer.unit
        customer, meter = account(s, unit, tou, category="industrial")
        meter.ct_ratio = 10
        s.add(Reading(meter_id=meter.id, read_at=local(dt.date(2025, 6, 1)),
                      energy_total=D("0"), energy_sharp=D("0"), energy_peak=D("0"),
                      energy_flat=D("0"), energy_valley=D("0")))
        cid, old_id = customer.id, meter.id
    order = create_work_order(db, home["clerk"], kind="meter_replacement", customer_id=cid)
    done = replace_meter(
        db, home["fitter"], order.id, final_reading="50.00", first_reading="1.00",
        final_registers={"sharp": "5", "peak": "15", "flat": "10", "valley": "20"},
        first_registers={"sharp": "0.10", "peak": "0.30", "flat": "0.20", "valley": "0.40"},
        new_meter=NewMeter(NEW_ASSET, "000000880001", ct_ratio=20),
        at=local(dt.date(2025, 6, 15), 10))
    with db.session() as s:
        s.add(Reading(meter_id=done.new.meter_id, read_at=local(dt.date(2025, 7, 1)),
                      energy_total=D("26.00"), energy_sharp=D("2.60"), energy_peak=D("7.80"),
                      energy_flat=D("6.20"), energy_valley=D("9.40")))
    run_bills(db, Actor.system("cli"), "2025-06")
    june = bill(db, cid, "2025-06")
    # Old x10: 50/150/100/200; new x20: 50/150/120/180 -> 100 x 1.0725 + 300 x 0.8943
    # + 220 x 0.65 + 380 x 0.3557 = 653.706
    assert (june.kwh, june.amount) == (D("1000.00"), D("653.71"))
    assert old_id != done.new.meter_id
