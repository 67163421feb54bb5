"""Looks at personal data are audited with their purpose, and an administrator (or the
customer's supervisor) can list who looked (issue 16 item 4), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from console.errors import NotFound, OutOfScope, PermissionDenied, ValidationError
from console.models import AuditEvent
from console.services.admin.access_trail import access_trail_data
from console.services.customers.access import record_export
from console.services.customers.view import customer_detail, reveal_contact
from console.services.payments.counter import post_payment
from console.services.payments.receipts import receipt_data
from reports.registry import ReportParams, generate_document
from tests import factories as f


@pytest.fixture
def world(db):
    """牡丹区 (clerk, supervisor) and 曹县 (supervisor) with a customer in 牡丹区; an admin."""
    with db.session() as s:
        mudan = f.unit(s, code="37001", name="牡丹区城区营业厅")
        caoxian = f.unit(s, code="37021", name="曹县营业厅")
        tariff = f.tariff(s)
        ours = f.customer(s, mudan, tariff, number="3700000001")
        ours.phone, ours.id_number = "13800135678", "371702199001011234"
        return {
            "ours": ours.id, "no": ours.customer_no,
            "counter1": f.actor(s, mudan, username="counter1", role="counter"),
            "supervisor1": f.actor(s, mudan, username="supervisor1", role="supervisor"),
            "supervisor2": f.actor(s, caoxian, username="supervisor2", role="supervisor"),
            "admin1": f.actor(s, caoxian, username="admin1", role="admin"),
        }


def events(db) -> list[AuditEvent]:
    with db.session() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def new_events(db, before: int) -> list[tuple[str, str, str, str]]:
    """(action, actor, customer id, purpose) of the events after the first `before`."""
    return [(e.action, e.actor_name, e.entity_id, json.loads(e.after or "{}").get("purpose", ""))
            for e in events(db)[before:]]


def test_opening_the_view_is_one_event_and_a_reload_of_the_visit_is_none(db, world):
    w, before = world, count(db)
    customer_detail(db, w["counter1"], w["ours"])
    assert new_events(db, before) == [
        ("customer.viewed", "counter1", str(w["ours"]), "counter_service")]
    customer_detail(db, w["counter1"], w["ours"])  # reloaded after a payment
    assert count(db) == before + 1
    customer_detail(db, w["counter1"], w["ours"], purpose="complaint")  # another purpose
    assert new_events(db, before)[-1][3] == "complaint" and count(db) == before + 2
    # The customer view's history shows changes, not the looks at it.
    assert [a.action for a in customer_detail(db, w["supervisor1"], w["ours"]).audit] == []


def test_each_reveal_is_one_event_with_its_purpose(db, world):
    w, before = world, count(db)
    for purpose in ("complaint", "legal"):
        assert reveal_contact(db, w["supervisor1"], w["ours"], purpose=purpose).phone == \
            "13800135678"
    assert new_events(db, before) == [
        ("customer.contact_revealed", "supervisor1", str(w["ours"]), "complaint"),
        ("customer.contact_revealed", "supervisor1", str(w["ours"]), "legal")]


@pytest.mark.parametrize("refused", ["clerk", "other county", "no purpose", "unknown purpose",
                                     "nobody"])
def test_a_refused_look_writes_nothing(db, world, refused):
    w, before = world, count(db)
    call, error = {
        "clerk": (lambda: reveal_contact(db, w["counter1"], w["ours"], purpose="complaint"),
                  PermissionDenied),
        "other county": (lambda: customer_detail(db, w["supervisor2"], w["ours"]), OutOfScope),
        "no purpose": (lambda: reveal_contact(db, w["supervisor1"], w["ours"], purpose=""),
                       ValidationError),
        "unknown purpose": (lambda: customer_detail(db, w["counter1"], w["ours"],
                                                    purpose="curiosity"), ValidationError),
        "nobody": (lambda: customer_detail(db, w["counter1"], 999_999), NotFound),
    }[refused]
    with pytest.raises(error):
        call()
    assert count(db) == before


def test_a_statement_is_one_print_event_on_the_customer(db, world):
    w, before = world, count(db)
    made = generate_document(db, w["counter1"], "statement",
                             ReportParams(customer_no=w["no"], purpose="complaint"))
    [event] = events(db)[before:]
    facts = json.loads(event.after)
    assert (event.action, event.entity_type, event.entity_id) == (
        "customer.printed", "customer", str(w["ours"]))
    assert (facts["purpose"], facts["doc_no"], facts["kind"]) == ("complaint", made.doc_no,
                                                                  "statement")


def test_a_management_report_records_its_purpose(db, world):
    w, before = world, count(db)
    generate_document(db, w["supervisor1"], "aging", ReportParams(end=dt.date.today()))
    [event] = events(db)[before:]
    assert (event.action, json.loads(event.after)["purpose"]) == ("report.generated", "reporting")


def test_a_receipt_and_an_export_are_one_event_each(db, world):
    w = world
    paid = post_payment(db, w["counter1"], customer_id=w["ours"], amount=Decimal("50.00"),
                        method="cash", idempotency_key="k-1")
    before = count(db)
    receipt_data(db, w["counter1"], paid.payment_id)
    record_export(db, w["counter1"], w["ours"], what="consumption CSV", purpose="complaint")
    assert new_events(db, before) == [
        ("customer.printed", "counter1", str(w["ours"]), "payment"),
        ("customer.exported", "counter1", str(w["ours"]), "complaint")]
    with pytest.raises(ValidationError):
        record_export(db, w["counter1"], w["ours"], what="x", purpose="gossip")
    assert count(db) == before + 2


def test_the_trail_lists_every_look_with_who_where_and_why(db, world):
    w = world
    customer_detail(db, w["counter1"], w["ours"])
    reveal_contact(db, w["supervisor1"], w["ours"], purpose="arrears")
    made = generate_document(db, w["counter1"], "statement", ReportParams(customer_no=w["no"]))
    trail = access_trail_data(db, w["supervisor1"], customer_no=w["no"])
    assert [(r.username, r.unit_name, r.workstation, r.action, r.purpose, r.document)
            for r in trail.rows] == [
        ("counter1", "牡丹区城区营业厅", "test-ws", "customer.viewed", "counter_service", ""),
        ("supervisor1", "牡丹区城区营业厅", "test-ws", "customer.contact_revealed", "arrears", ""),
        ("counter1", "牡丹区城区营业厅", "test-ws", "customer.printed", "counter_service",
         made.doc_no)]
    assert trail.name == "王*" and not trail.cut


def test_the_trail_pdf_for_an_admin_and_nobody_else(db, world):
    w = world
    customer_detail(db, w["counter1"], w["ours"], purpose="complaint")
    pdf = generate_document(db, w["admin1"], "access_trail", ReportParams(customer_no=w["no"])).pdf
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "客户信息查阅记录" in text and "3700000001" in text
    assert "counter1" in text and "查看客户视图" in text and "投诉处理" in text
    before = count(db)
    with pytest.raises(PermissionDenied):
        generate_document(db, w["counter1"], "access_trail", ReportParams(customer_no=w["no"]))
    with pytest.raises(OutOfScope):  # a supervisor of another county
        access_trail_data(db, w["supervisor2"], customer_no=w["no"])
    assert count(db) == before
