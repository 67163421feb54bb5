"""Notices: one per dedupe key, batch actions of the arrears panel, the outbox and its senders."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.errors import PermissionDenied, ValidationError
from console.models import ControlCommand, Customer, Notice
from console.notices import FileSender, PrintSender
from console.services.notices import issue as notices
from console.services.notices.issue import NoticeSpec, write_notices
from tests.billing_helpers import account, add_bill, days_ago, service_hall

D = Decimal
NOW = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)  # Tuesday 10:00 in Shanghai


@pytest.fixture
def hall(db):
    h = service_hall(db)
    with db.session() as s:
        quiet, meter = account(s, h["unit"], h["tariff"])  # owes nothing
        hospital, meter = account(s, h["unit"], h["tariff"], category="public")
        hospital.protected = True
        add_bill(s, hospital, meter, period="2026-09", amount="1000.00", due=days_ago(40))
        h.update(quiet=quiet.id, hospital=hospital.id)
    return h


def count(db, model, **where) -> int:
    with db.session() as s:
        query = select(func.count()).select_from(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return s.scalar(query)


class FlakySender:
    """Fails the first `failures` sends, then records what it delivered."""

    def __init__(self, failures: int) -> None:
        self.failures, self.delivered = failures, []

    def send(self, notice):
        if self.failures:
            self.failures -= 1
            raise ConnectionError("gateway down")
        self.delivered.append(notice.dedupe_key)
        return f"msg-{notice.notice_id}"


def test_a_dedupe_key_is_written_once(db, hall):
    spec = NoticeSpec(hall["farmer"], "reminder", "sms", "reminder:x:1", "manual", D("96.40"))
    with db.session() as s:  # a notice from before the keys: its number stays
        s.add(Notice(doc_no="CF202611240000000001", customer_id=hall["farmer"], kind="reminder",
                     channel="paper", status="sent", created_at=NOW))
        first = write_notices(s, [spec, spec], actor=None, now=NOW)
        again = write_notices(s, [spec], actor=None, now=NOW)
    assert [n.created for n in first] == [True] and [n.created for n in again] == [False]
    assert first[0].notice_id == again[0].notice_id
    assert first[0].doc_no == f"TZ202611{first[0].notice_id:08d}"
    assert count(db, Notice, dedupe_key="reminder:x:1") == 1
    assert count(db, Notice, doc_no="CF202611240000000001") == 1


def test_reminders_go_to_those_who_owe_once_a_day(db, hall):
    ids = [hall["farmer"], hall["quiet"]]
    sent = notices.send_reminders(db, hall["boss"], ids, now=NOW)
    assert [(n.customer_id, n.kind, n.amount, n.created) for n in sent] == [
        (hall["farmer"], "reminder", D("96.40"), True)]
    again = notices.send_reminders(db, hall["boss"], ids, now=NOW + dt.timedelta(hours=3))
    assert [(n.notice_id, n.created) for n in again] == [(sent[0].notice_id, False)]
    tomorrow = notices.send_reminders(db, hall["boss"], ids, now=NOW + dt.timedelta(days=1))
    assert tomorrow[0].created and count(db, Notice, customer_id=hall["farmer"]) == 2


def test_a_clerk_may_not_send_reminders(db, hall):
    with pytest.raises(PermissionDenied):
        notices.send_reminders(db, hall["clerk"], [hall["farmer"]])


def test_disconnect_notice_skips_protected_and_is_returned_while_live(db, hall):
    served = notices.serve_disconnect_notices(db, hall["boss"], [hall["farmer"], hall["hospital"]],
                                              notice_days=5, now=NOW)
    assert [(n.customer_id, n.kind, n.deadline) for n in served] == [
        (hall["farmer"], "disconnect", NOW + dt.timedelta(days=5))]
    with db.session() as s:
        assert s.get(Customer, hall["farmer"]).control_state == "notice"
        assert s.get(Customer, hall["hospital"]).control_state == "normal"
    later = notices.serve_disconnect_notices(db, hall["boss"], [hall["farmer"]],
                                             now=NOW + dt.timedelta(days=2))
    assert [(n.notice_id, n.created) for n in later] == [(served[0].notice_id, False)]


@pytest.mark.parametrize("days", [2, 8])
def test_notice_period_outside_3_to_7_days_is_refused(db, hall, days):
    with pytest.raises(ValidationError):
        notices.serve_disconnect_notices(db, hall["boss"], [hall["farmer"]], notice_days=days)


def test_disconnect_request_once_per_customer(db, hall):
    first = notices.request_disconnections(db, hall["boss"], [hall["farmer"]], now=NOW)
    again = notices.request_disconnections(db, hall["boss"], [hall["farmer"]],
                                           now=NOW + dt.timedelta(days=1))
    assert [(c.state, c.reason, c.rule, c.created) for c in first] == [
        ("requested", "arrears", "manual", True)]
    assert [(c.command_id, c.created) for c in again] == [(first[0].command_id, False)]
    assert count(db, ControlCommand, customer_id=hall["farmer"]) == 1


def test_outbox_retries_a_failing_sender_then_sends_once(db, hall):
    [notice] = notices.send_reminders(db, hall["boss"], [hall["farmer"]], channel="sms", now=NOW)
    sender = FlakySender(failures=1)
    first = notices.deliver_pending(db, senders={"sms": sender}, now=NOW)
    assert (first.claimed, first.sent, first.retrying) == (1, 0, 1)
    soon = notices.deliver_pending(db, senders={"sms": sender}, now=NOW + dt.timedelta(seconds=10))
    assert soon.claimed == 0  # backing off
    later = notices.deliver_pending(db, senders={"sms": sender}, now=NOW + dt.timedelta(minutes=2))
    assert (later.sent, sender.delivered) == (1, [notice.dedupe_key])
    with db.session() as s:
        row = s.get(Notice, notice.notice_id)
        assert (row.status, row.attempts, row.external_ref, row.last_error) == (
            "sent", 2, f"msg-{notice.notice_id}", "")
    assert notices.deliver_pending(db, senders={"sms": sender},
                                   now=NOW + dt.timedelta(hours=1)).claimed == 0


def test_a_claim_that_was_never_marked_is_sent_again_after_its_lease(db, hall):
    [notice] = notices.send_reminders(db, hall["boss"], [hall["farmer"]], channel="sms", now=NOW)

    class Crash(Exception):
        pass

    class CrashingSender:  # delivers, then the process "dies" before the mark
        def send(self, n):
            raise Crash

    with db.session() as s:
        from console.services.notices.outbox import _claim
        claimed = _claim(s, ["sms"], "deadbeef", NOW, 10)
    assert [c.notice_id for c in claimed] == [notice.notice_id]
    sender = FlakySender(failures=0)
    assert notices.deliver_pending(db, senders={"sms": sender}, now=NOW).claimed == 0  # leased
    result = notices.deliver_pending(db, senders={"sms": sender}, now=NOW + dt.timedelta(minutes=6))
    assert (result.sent, sender.delivered) == (1, [notice.dedupe_key])


def test_gives_up_after_five_attempts(db, hall):
    notices.send_reminders(db, hall["boss"], [hall["farmer"]], channel="sms", now=NOW)
    sender, at = FlakySender(failures=99), NOW
    for _ in range(5):
        notices.deliver_pending(db, senders={"sms": sender}, now=at)
        at += dt.timedelta(hours=1)
    assert count(db, Notice, status="failed") == 1


def test_disconnect_period_counts_from_delivery(db, hall, tmp_path):
    [notice] = notices.serve_disconnect_notices(db, hall["boss"], [hall["farmer"]], notice_days=7,
                                                channel="paper", now=NOW)
    delivered = NOW + dt.timedelta(days=1)
    result = notices.deliver_pending(db, senders={"paper": PrintSender()}, now=delivered)
    assert result.sent == 1
    with db.session() as s:
        row = s.get(Notice, notice.notice_id)
        assert (row.status, row.external_ref, row.deadline) == (
            "sent", notice.doc_no, delivered + dt.timedelta(days=7))


def test_file_sender_writes_one_json_line_per_notice(db, hall, tmp_path):
    path = tmp_path / "out" / "sms.jsonl"
    [notice] = notices.send_reminders(db, hall["boss"], [hall["farmer"]], channel="sms", now=NOW)
    notices.deliver_pending(db, senders={"sms": FileSender(path)}, now=NOW)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1
    assert {k: lines[0][k] for k in ("dedupe_key", "doc_no", "kind", "amount")} == {
        "dedupe_key": notice.dedupe_key, "doc_no": notice.doc_no, "kind": "reminder",
        "amount": "96.40"}


def test_unknown_channel_waits_for_its_sender(db, hall):
    notices.send_reminders(db, hall["boss"], [hall["farmer"]], channel="wechat", now=NOW)
    assert notices.deliver_pending(db, senders={"sms": FlakySender(0)}, now=NOW).claimed == 0
    assert count(db, Notice, status="pending", channel="wechat") == 1


def test_reconnect_notice_once_per_command(db, hall):
    first = notices.send_reconnect_notices(db, hall["boss"], [hall["farmer"]], command_ids=[7],
                                           now=NOW)
    again = notices.send_reconnect_notices(db, hall["boss"], [hall["farmer"]], command_ids=[7],
                                           now=NOW)
    assert [n.kind for n in first] == ["reconnect"] and not again[0].created
