"""Unit scope and separation of duties in billing, consumption, reports and notices (issue
16 items 1 and 2), on SQLite and PostgreSQL; and every use case of these packages declared,
each declared object refused out of scope. A refusal writes nothing."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from decimal import Decimal

import pytest

from console.errors import OutOfScope, PeriodAlreadyBilled, PermissionDenied
from console.models import (
    AuditEvent,
    Bill,
    DocumentCounter,
    LedgerEntry,
    Notice,
    ReportDocument,
    Tariff,
)
from console.models.enums import Role
from console.services import acting
from console.services.actor import Actor
from console.services.billing.bill_run import run_bills
from console.services.billing.review import adjust, list_reading_reviews
from console.services.billing.tariffs import TariffSpec, create_tariff
from console.services.consumption import overview, power_series
from console.services.notices.issue import send_reminders
from console.services.notices.outbox import mark_served
from console.services.permissions import ROLE_PERMISSIONS, Permission
from console.services.report_data.cash import aging_data, daily_collection_data
from console.services.report_data.common import statement_data
from console.services.report_data.documents import find_documents, issue_document
from console.services.report_data.notices import notice_data
from console.timeutil import local_today
from tests.security.world_a import count, two_counties, world
from widgets.errors import error_text

__all__ = ["two_counties", "world"]  # the fixtures, imported for pytest
PACKAGES = ("customers", "payments", "billing", "consumption", "report_data", "notices")


def _modules() -> list:
    found = []
    for name in PACKAGES:
        package = importlib.import_module(f"console.services.{name}")
        found.append(package)
        found += [importlib.import_module(f"{package.__name__}.{m.name}")
                  for m in pkgutil.iter_modules(package.__path__)]
    return found


def test_every_use_case_of_these_packages_declares_its_rule():
    rules = acting.use_cases(_modules())
    assert len(rules) >= 40
    assert [name for name, rule in rules.items() if rule is None] == []


def test_each_declared_object_of_another_county_is_refused_before_the_body(db, world):
    """Whatever the use case, an object of 曹县 named by its argument stops supervisor1."""
    theirs = {"customer": world["theirs"], "customer_no": "3702100001",
              "meter": world["their_meter"], "payment": world["their_paid"],
              "payment_key": "world-supervisor2", "notice": world["their_notice"],
              "notice_no": world["their_notice_no"], "command": world["their_command"],
              "user": world["their_user"], "unit": world["caoxian"]}
    checked = 0
    for name, rule in acting.use_cases(_modules()).items():
        for kind, argument in rule.objects:
            with pytest.raises(OutOfScope):
                acting.enter(db, world["supervisor1"], acting.Rule(None, rule.objects, False,
                                                                   False), {argument: theirs[kind]})
            checked += 1
            assert name  # named in the failure report
    assert checked >= 30


def test_reports_of_another_unit_are_refused(db, world):
    boss2, day = world["supervisor2"], local_today()
    before = count(db, ReportDocument, DocumentCounter, AuditEvent)
    for call in (lambda: daily_collection_data(db, boss2, start=day, end=day,
                                               unit_id=world["mudan"]),
                 lambda: aging_data(db, boss2, unit_id=world["station"]),
                 lambda: statement_data(db, boss2, customer_no="3700000001"),
                 lambda: notice_data(db, boss2, doc_no=world["our_notice_no"])):
        with pytest.raises(OutOfScope) as refused:
            call()
    assert "supply unit" in error_text(refused.value)
    ours = daily_collection_data(db, world["supervisor1"], start=day, end=day)
    with pytest.raises(OutOfScope) as refused:
        issue_document(db, boss2, "daily_collection", ours.header, "", lambda _h: b"%PDF")
    assert refused.value.params["entity"] == "unit"
    assert count(db, ReportDocument, DocumentCounter, AuditEvent) == before
    # The same report of their own county; 牡丹区's covers the station below it.
    assert daily_collection_data(db, boss2, start=day, end=day).count == 1
    assert ours.count == 1


def test_the_document_register_shows_only_ones_own_units(db, world):
    day = local_today()
    data = daily_collection_data(db, world["supervisor1"], start=day, end=day)
    issued = issue_document(db, world["supervisor1"], "daily_collection", data.header, "",
                            lambda _h: b"%PDF-1.4 /Type /Page")
    assert [d.doc_no for d in find_documents(db, world["supervisor1"], issued.doc_no)] == [
        issued.doc_no]
    assert find_documents(db, world["supervisor2"], issued.doc_no) == []


def test_consumption_of_another_countys_meter_is_refused(db, world):
    since = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    with pytest.raises(OutOfScope) as refused:
        power_series(db, world["counter1"], world["their_meter"], since=since)
    assert refused.value.params["entity"] == "meter"
    with pytest.raises(OutOfScope):
        overview(db, world["station_clerk"], world["ours"], year=local_today().year)
    assert power_series(db, world["counter1"], world["below_meter"], since=since).meter_id == world["below_meter"]


def test_a_bill_run_bills_the_runners_own_units_only(db, world):
    period = (local_today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    assert run_bills(db, world["supervisor2"], period).accounts == 1
    # 曹县's run left 牡丹区's two accounts (the station's too) to the CLI's, which takes
    # every unit; then 牡丹区 has nothing left to bill.
    assert run_bills(db, Actor.system("cli"), period).accounts == 2
    with pytest.raises(PeriodAlreadyBilled):
        run_bills(db, world["supervisor1"], period)


def test_reviews_and_adjustments_stay_in_ones_units(db, world):
    assert list_reading_reviews(db, world["supervisor2"], status=None) == []
    before = count(db, LedgerEntry, AuditEvent)
    with pytest.raises(OutOfScope):
        adjust(db, world["supervisor2"], world["ours"], "5.00", "meter misread")
    assert count(db, LedgerEntry, AuditEvent) == before


def test_only_an_administrator_changes_tariffs(db, world):
    holders = {role for role, rights in ROLE_PERMISSIONS.items()
               if Permission.MANAGE_TARIFFS in rights}
    assert holders == {Role.ADMIN}
    # Distinct from what takes money or runs bills: nobody holds both.
    assert all(not ({Permission.TAKE_PAYMENT, Permission.RUN_BILLS} & rights)
               for role, rights in ROLE_PERMISSIONS.items() if role in holders)
    spec = TariffSpec(code="RES-2027", name="居民生活用电", kind="flat", category="residential",
                      effective_from=dt.date(2027, 1, 1), price=Decimal("0.5600"))
    before = count(db, Tariff, AuditEvent)
    for who in ("supervisor1", "counter1"):
        with pytest.raises(PermissionDenied):
            create_tariff(db, world[who], spec)
    with pytest.raises(PermissionDenied):
        create_tariff(db, Actor.system("cli"), spec)
    assert count(db, Tariff, AuditEvent) == before
    assert create_tariff(db, world["admin1"], spec).code == "RES-2027"


def test_notices_for_another_countys_customers_are_refused_whole(db, world):
    before = count(db, Notice, AuditEvent, Bill)
    with pytest.raises(OutOfScope):
        send_reminders(db, world["supervisor2"], [world["theirs"], world["ours"]],
                       now=dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
    with pytest.raises(OutOfScope):
        mark_served(db, world["supervisor2"], world["our_notice"])
    assert count(db, Notice, AuditEvent, Bill) == before
    mark_served(db, world["supervisor1"], world["our_notice"])
