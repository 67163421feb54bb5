"""Every use case, found by walking console/services (not listed by hand): it declares its
rule, and an object of another county named by one of its arguments is refused before
anything is written — on SQLite and PostgreSQL. A new use case without a rule fails here."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from decimal import Decimal

import pytest
from sqlalchemy import func, select

import console.services
from console.errors import OutOfScope
from console.models import (
    Base,
    CalendarBlock,
    ChannelNotification,
    ChannelOrder,
    ControlCommand,
    CostControlPolicy,
    FieldItem,
    FieldPackage,
    HeldNotification,
    Notice,
    Payment,
    ReportDocument,
    WorkOrder,
)
from console.models.enums import Role
from console.services.acting import Rule, use_cases
from console.services.permissions import Permission, allowed
from tests import factories as f


def service_modules() -> list:
    found = []
    for info in pkgutil.walk_packages(console.services.__path__, "console.services."):
        if info.name != "console.services.acting":  # the door itself, not a use case
            found.append(importlib.import_module(info.name))
    return found


USE_CASES: dict[str, Rule | None] = use_cases(service_modules())
SCOPED_ROLES = [r for r in Role if not allowed(r, Permission.ALL_UNITS)]


def caller_role(rule: Rule) -> Role | None:
    """A role bound to its unit that holds the use case's permission."""
    return next((r for r in SCOPED_ROLES if rule.permission is None
                 or allowed(r, rule.permission)), None)


CHECKED = sorted(name for name, rule in USE_CASES.items()
                 if rule is not None and rule.objects and caller_role(rule) is not None)


def test_the_walk_finds_the_use_cases():
    assert len(USE_CASES) > 40
    assert "console.services.payments.counter.post_payment" in USE_CASES


def test_every_use_case_declares_its_rule():
    assert sorted(name for name, rule in USE_CASES.items() if rule is None) == []


def test_a_rule_only_an_all_units_role_may_use_needs_no_scope_check():
    """Where no role bound to a unit holds the permission, the scope check would be moot:
    say so explicitly rather than silently testing nothing."""
    moot = sorted(name for name, rule in USE_CASES.items()
                  if rule is not None and rule.objects and caller_role(rule) is None)
    for name in moot:
        rule = USE_CASES[name]
        assert rule is not None and rule.permission is not None
        assert [r for r in Role if allowed(r, rule.permission)] == [
            r for r in Role if allowed(r, rule.permission) and allowed(r, Permission.ALL_UNITS)]


@pytest.fixture
def elsewhere(db):
    """One object of every kind in 曹县; the callers sit in 牡丹区."""
    now = dt.datetime.now(dt.UTC)
    with db.session() as s:
        mudan = f.unit(s, code="37001", name="牡丹区城区营业厅")
        caoxian = f.unit(s, code="37021", name="曹县营业厅")
        tariff = f.tariff(s)
        customer = f.customer(s, caoxian, tariff, number="3702100001")
        meter = f.meter(s, caoxian, customer)
        seal = f.installed_seal(s, caoxian, meter, serial=77)
        stranger = f.user(s, caoxian, username="supervisor2", role="supervisor")
        rows = {
            "payment": Payment(customer_id=customer.id, unit_id=caoxian.id, amount=Decimal("5.00"),
                               method="cash", receipt_no="370212026000001", idempotency_key="p1"),
            "command": ControlCommand(meter_id=meter.id, customer_id=customer.id,
                                      action="disconnect", reason="arrears", idempotency_key="c1"),
            "notice": Notice(doc_no="N1", customer_id=customer.id, kind="reminder",
                             channel="paper"),
            "work_order": WorkOrder(order_no="W1", kind="complaint", unit_id=caoxian.id,
                                    customer_id=customer.id, due_at=now),
            "document": ReportDocument(doc_no="D1", kind="statement", unit_id=caoxian.id,
                                       year=2026, generated_by="supervisor2", generated_at=now),
            "package": FieldPackage(package_no="F1", direction="export", key_id="k",
                                    sha256="0" * 64, unit_id=caoxian.id),
            "calendar_block": CalendarBlock(kind="blackout", starts_on=now.date(),
                                            ends_on=now.date(), unit_id=caoxian.id),
            "policy": CostControlPolicy(name="曹县策略", unit_id=caoxian.id,
                                        alert_balance=Decimal("20"),
                                        disconnect_balance=Decimal("0")),
            "scan_order": ChannelOrder(out_trade_no="QR1", channel="wechat",
                                       customer_id=customer.id, unit_id=caoxian.id,
                                       amount=Decimal("5.00"), code_url="weixin://x",
                                       state="created", expires_at=now, transaction_id=""),
        }
        s.add_all(rows.values())
        s.flush()
        rows["field_item"] = FieldItem(item_key="F1:1", package_id=rows["package"].id,
                                       item_type="reading", customer_id=customer.id,
                                       observed_at=now, outcome="applied")
        s.add(rows["field_item"])
        notification = ChannelNotification(channel="wechat", transaction_id="T1",
                                           customer_no="9999999999", amount=Decimal("5.00"),
                                           trade_status="SUCCESS", outcome="held")
        s.add(notification)
        s.flush()
        rows["held_payment"] = HeldNotification(notification_id=notification.id,
                                                unit_id=caoxian.id, reason="unknown_customer")
        s.add(rows["held_payment"])
        s.flush()
        keys = {kind: row.id for kind, row in rows.items()}
        keys |= {"payment_key": "p1", "notice_no": "N1",
                 "customer": customer.id, "customer_no": customer.customer_no,
                 "meter": meter.id, "seal": seal.seal_no, "batch": seal.batch_id,
                 "user": stranger.id, "unit": caoxian.id}
        callers = {role: f.actor(s, mudan, username=f"near-{role.value}", role=role.value)
                   for role in SCOPED_ROLES}
    return keys, callers


def row_counts(db) -> dict[str, int]:
    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t))
                for t in Base.metadata.sorted_tables}


def call(name: str, db, actor, objects: dict[str, object]):
    module, _dot, attr = name.rpartition(".")
    use_case = getattr(importlib.import_module(module), attr)
    params = inspect.signature(use_case).parameters
    args = {p: None for p, spec in params.items()
            if spec.default is inspect.Parameter.empty
            and spec.kind not in (spec.VAR_POSITIONAL, spec.VAR_KEYWORD)}
    return use_case(**{**args, "db": db, "actor": actor, **objects})


@pytest.mark.parametrize("name", CHECKED)
def test_an_object_of_another_unit_is_refused_and_nothing_is_written(db, elsewhere, name):
    keys, callers = elsewhere
    rule = USE_CASES[name]
    assert rule is not None
    actor = callers[caller_role(rule)]
    before = row_counts(db)
    for kind, argument in rule.objects:
        with pytest.raises(OutOfScope):
            call(name, db, actor, {argument: keys[kind]})
    assert row_counts(db) == before
