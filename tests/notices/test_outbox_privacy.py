"""The outbox's files carry masked contacts; the whole number goes only to the gateway
that sends the SMS (issue 16 item 4)."""

from __future__ import annotations

import datetime as dt
import json
import stat

from console.models import Customer, Notice
from console.notices import default_senders
from console.services.notices import issue as notices
from tests.billing_helpers import service_hall

NOW = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)
PHONE, ADDRESS = "13812345678", "山东省菏泽市牡丹区中华路12号3单元401"


class FakeSmsGateway:
    """Keeps what it was handed, as an SMS gateway would send it."""

    def __init__(self, fail: str = "") -> None:
        self.fail, self.handed = fail, []

    def send(self, notice) -> str:
        if self.fail:
            raise ConnectionError(self.fail)
        self.handed.append((notice.phone, notice.address, notice.customer_name))
        return f"sms-{notice.notice_id}"


def hall_with_contact(db) -> dict:
    hall = service_hall(db)
    with db.session() as s:
        farmer = s.get(Customer, hall["farmer"])
        farmer.phone, farmer.address, farmer.name = PHONE, ADDRESS, "欧阳娜娜"
    return hall


def test_the_file_has_no_whole_number_while_the_gateway_got_it(db, tmp_path):
    hall = hall_with_contact(db)
    [notice] = notices.send_reminders(db, hall["boss"], [hall["farmer"]], channel="sms", now=NOW)
    gateway = FakeSmsGateway()
    senders = default_senders(tmp_path, {"sms": gateway})
    assert notices.deliver_pending(db, senders=senders, now=NOW).sent == 1
    assert gateway.handed == [(PHONE, ADDRESS, "欧阳娜娜")]
    raw = (tmp_path / "sms.jsonl").read_bytes()
    for personal in (PHONE, PHONE[3:7], "中华路", "12号", "娜娜"):
        assert personal.encode() not in raw
    [line] = [json.loads(x) for x in raw.decode().splitlines()]
    assert (line["phone"], line["address"], line["customer_name"]) == (
        "138****5678", "山东省菏泽市***", "欧***")
    assert (line["doc_no"], line["ref"]) == (notice.doc_no, f"sms-{notice.notice_id}")
    assert stat.S_IMODE((tmp_path / "sms.jsonl").stat().st_mode) == 0o600


def test_a_gateway_error_quoting_the_number_is_kept_masked(db, tmp_path):
    hall = hall_with_contact(db)
    notices.send_reminders(db, hall["boss"], [hall["farmer"]], channel="sms", now=NOW)
    senders = default_senders(tmp_path, {"sms": FakeSmsGateway(f"number {PHONE} is barred")})
    assert notices.deliver_pending(db, senders=senders, now=NOW).retrying == 1
    with db.session() as s:
        error = s.query(Notice.last_error).scalar()
    assert error == "ConnectionError: number 138****5678 is barred"
    assert not (tmp_path / "sms.jsonl").exists()  # nothing went out, nothing recorded


def test_cost_control_deliver_writes_masked_files(file_db, tmp_path, capsys):
    from console.cli import main

    hall = hall_with_contact(file_db)
    notices.send_reminders(file_db, hall["boss"], [hall["farmer"]], channel="sms", now=NOW)
    notices.send_reminders(file_db, hall["boss"], [hall["farmer"]], channel="wechat",
                           now=NOW + dt.timedelta(days=1))
    from tests.operators import as_service
    assert main(["cost-control", "deliver", "--db", file_db.url, "--folder", str(tmp_path),
                 *as_service(file_db)]) == 0
    assert "2 sent" in capsys.readouterr().out
    for name in ("sms.jsonl", "wechat.jsonl"):
        raw = (tmp_path / name).read_bytes()
        assert b"138****5678" in raw and PHONE.encode() not in raw
        assert "中华路".encode() not in raw
