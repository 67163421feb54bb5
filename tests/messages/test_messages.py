"""Messages to customers: consent and binding, payment_received, bill_issued, notices copied
to consenting channels, delivery through the template gateway (issue 18 item 5)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from console.errors import NotFound, OutOfScope, PermissionDenied, ValidationError
from console.models import AuditEvent, Customer, Notice
from console.notices import SendFailed, TemplateGateway, default_senders
from console.notices.senders import FileSender
from console.services.billing.bill_run import run_bills
from console.services.messages.consent import (
    list_bindings,
    list_messages,
    record_consent,
    withdraw_consent,
)
from console.services.notices import issue as notices
from console.services.payments.counter import post_payment
from tests import factories as f
from tests.billing.test_bill_run import new_account, town  # noqa: F401 - the fixture
from tests.billing_helpers import service_hall

D = Decimal
OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"
MOBILE = "13812345678"
NOW = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def hall(db):
    return service_hall(db)


def pay(db, hall, key="k1", amount="96.40"):
    return post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount=amount,
                        method="cash", idempotency_key=key)


def messages(db, **where) -> list[tuple[str, str, str]]:
    with db.session() as s:
        query = select(Notice.kind, Notice.channel, Notice.status).where(
            Notice.dedupe_key.like("msg:%"))
        for key, value in where.items():
            query = query.where(getattr(Notice, key) == value)
        return [tuple(r) for r in s.execute(query.order_by(Notice.id))]


def test_consent_makes_one_payment_received_message_per_channel(db, hall):
    binding = record_consent(db, hall["clerk"], hall["farmer"], "wechat", OPENID)
    assert (binding.channel, binding.address, binding.active) == ("wechat", "oUp****eS6o", True)
    record_consent(db, hall["clerk"], hall["farmer"], "sms", MOBILE)
    posted = pay(db, hall)
    pay(db, hall)  # the same key again: a replay writes nothing
    assert messages(db) == [("payment_received", "wechat", "pending"),
                            ("payment_received", "sms", "pending")]
    listed = list_messages(db, hall["clerk"], hall["farmer"])
    assert {(m.kind, m.amount) for m in listed} == {("payment_received", posted.amount)}
    with db.session() as s:  # the audit trail keeps the address masked
        after = s.scalar(select(AuditEvent.after).where(
            AuditEvent.action == "message.consent_recorded").limit(1))
    assert OPENID not in json.dumps(after) and "oUp****eS6o" in json.dumps(after)


def test_no_consent_no_message_and_withdrawn_none_either(db, hall):
    pay(db, hall, key="a")
    assert messages(db) == []
    record_consent(db, hall["clerk"], hall["farmer"], "alipay", "2088102146225135")
    withdrawn = withdraw_consent(db, hall["clerk"], hall["farmer"], "alipay")
    assert not withdrawn.active
    pay(db, hall, key="b", amount="1.00")
    assert messages(db) == []
    [binding] = list_bindings(db, hall["clerk"], hall["farmer"])
    assert (binding.channel, binding.active, binding.consent_by) == ("alipay", False, "测试clerk")


def test_withdrawing_cancels_messages_still_waiting(db, hall):
    record_consent(db, hall["clerk"], hall["farmer"], "wechat", OPENID)
    pay(db, hall)
    withdraw_consent(db, hall["clerk"], hall["farmer"], "wechat")
    assert messages(db) == [("payment_received", "wechat", "cancelled")]
    with pytest.raises(NotFound):
        withdraw_consent(db, hall["clerk"], hall["farmer"], "wechat")


@pytest.mark.parametrize("channel, address", [("sms", "12345"), ("wechat", "x y"),
                                              ("fax", OPENID), ("sms", "")])
def test_bad_addresses_are_refused_and_nothing_written(db, hall, channel, address):
    with pytest.raises(ValidationError):
        record_consent(db, hall["clerk"], hall["farmer"], channel, address)
    assert list_bindings(db, hall["clerk"], hall["farmer"]) == []


def test_a_clerk_of_another_unit_cannot_record_consent(db, hall):
    with db.session() as s:
        other = f.unit(s, code="37002", name="定陶供电所")
        stranger = f.actor(s, other, username="clerk2", role="counter")
    with pytest.raises(OutOfScope):
        record_consent(db, stranger, hall["farmer"], "wechat", OPENID)
    with db.session() as s:
        inspector = f.actor(s, hall["unit"], username="insp", role="inspector")
    with pytest.raises(PermissionDenied):
        record_consent(db, inspector, hall["farmer"], "wechat", OPENID)
    assert list_bindings(db, hall["clerk"], hall["farmer"]) == []


def test_notices_also_go_to_consenting_channels_and_the_official_one_stays(db, hall):
    record_consent(db, hall["clerk"], hall["farmer"], "wechat", OPENID)
    [reminder] = notices.send_reminders(db, hall["boss"], [hall["farmer"]], channel="paper",
                                        now=NOW)
    assert reminder.channel == "paper"  # what the caller gets is the notice itself
    again = notices.send_reminders(db, hall["boss"], [hall["farmer"]], channel="paper",
                                   now=NOW + dt.timedelta(hours=1))
    assert [n.created for n in again] == [False]
    assert messages(db) == [("reminder", "wechat", "pending")]
    [served] = notices.serve_disconnect_notices(db, hall["boss"], [hall["farmer"]],
                                                channel="paper", now=NOW)
    assert served.channel == "paper"
    # The live disconnect notice is the paper one, never its WeChat copy.
    again = notices.serve_disconnect_notices(db, hall["boss"], [hall["farmer"]], now=NOW)
    assert [n.notice_id for n in again] == [served.notice_id]
    assert messages(db, kind="disconnect") == [("disconnect", "wechat", "pending")]


class Recorder:
    def __init__(self, fail: str = "") -> None:
        self.fail, self.sent = fail, []

    def __call__(self, message):
        if self.fail:
            raise SendFailed(self.fail)
        self.sent.append(message)
        return f"wx-{len(self.sent)}"


def test_delivery_records_sent_and_failed_with_the_reason(db, hall, tmp_path):
    record_consent(db, hall["clerk"], hall["farmer"], "wechat", OPENID)
    record_consent(db, hall["clerk"], hall["farmer"], "alipay", "2088102146225135")
    pay(db, hall)
    wechat, alipay = Recorder(), Recorder("template not approved")
    senders = {"wechat": FileSender(tmp_path / "wechat.jsonl", TemplateGateway("wechat", wechat)),
               "alipay": FileSender(tmp_path / "alipay.jsonl", TemplateGateway("alipay", alipay))}
    result = notices.deliver_pending(db, senders=senders, now=NOW)
    assert (result.sent, result.retrying) == (1, 1)
    [message] = wechat.sent
    payload = message.payload()
    assert payload["touser"] == OPENID and payload["template_id"] == "GD-PAID-01"
    with db.session() as s:
        customer = s.get(Customer, hall["farmer"])
        name = customer.name
    assert payload["data"]["keyword1"]["value"] == name[0] + "*" * (len(name) - 1)
    assert payload["data"]["keyword3"]["value"] == "96.40元"
    listed = {m.channel: m for m in list_messages(db, hall["clerk"], hall["farmer"])}
    assert (listed["wechat"].status, listed["wechat"].external_ref, listed["wechat"].attempts) == (
        "sent", "wx-1", 1)
    assert (listed["alipay"].status, listed["alipay"].attempts) == ("pending", 1)
    assert "template not approved" in listed["alipay"].last_error
    line = (tmp_path / "wechat.jsonl").read_text(encoding="utf-8")
    assert OPENID not in line and "oUp****eS6o" in line


def test_the_demo_senders_deliver_messages_by_template(db, hall, tmp_path):
    record_consent(db, hall["clerk"], hall["farmer"], "alipay", "2088102146225135")
    pay(db, hall)
    assert notices.deliver_pending(db, senders=default_senders(tmp_path), now=NOW).sent == 1
    [message] = list_messages(db, hall["clerk"], hall["farmer"])
    assert message.status == "sent" and message.external_ref.startswith("GD-PAID-01:")


def test_bill_run_writes_bill_issued_for_consenting_customers_only(db, town):  # noqa: F811
    days = (dt.date(2025, 6, 1), dt.date(2025, 7, 1))
    ids = [new_account(db, town, [(days[0], "10.00"), (days[1], f"{20 + i}.00")])[0]
           for i in range(5)]
    record_consent(db, town["clerk"], ids[0], "wechat", OPENID)
    record_consent(db, town["clerk"], ids[0], "sms", MOBILE)
    record_consent(db, town["clerk"], ids[2], "alipay", "2088102146225135")
    record_consent(db, town["clerk"], ids[3], "sms", "13900001111")
    withdraw_consent(db, town["clerk"], ids[3], "sms")
    assert run_bills(db, town["boss"], "2025-06", batch_size=2).billed == 5
    with db.session() as s:
        made = s.execute(text(
            "SELECT count(*) FROM notice n JOIN bill b ON b.customer_id = n.customer_id "
            "AND b.period = '2025-06' AND n.amount = b.amount "
            "WHERE n.kind = 'bill_issued' AND n.status = 'pending'")).scalar()
        expected = s.execute(text(
            "SELECT count(*) FROM channel_binding WHERE withdrawn_at IS NULL")).scalar()
        keys = set(s.scalars(select(Notice.dedupe_key).where(Notice.kind == "bill_issued")))
        per_customer = dict(s.execute(select(Notice.customer_id, func.count())
                                      .where(Notice.kind == "bill_issued")
                                      .group_by(Notice.customer_id)).all())
    assert made == expected == 3
    assert per_customer == {ids[0]: 2, ids[2]: 1}
    assert keys == {f"msg:{c}:bill:2025-06:{cid}" for c, cid in (
        ("wechat", ids[0]), ("sms", ids[0]), ("alipay", ids[2]))}
    with db.session() as s:  # the month's bills written again (as bench.billing does)
        s.execute(text("DELETE FROM ledger_entry WHERE bill_id IN "
                       "(SELECT id FROM bill WHERE period = '2025-06')"))
        s.execute(text("DELETE FROM bill WHERE period = '2025-06'"))
    assert run_bills(db, town["boss"], "2025-06").billed == 5
    assert len(messages(db, kind="bill_issued")) == 3  # no second message

