"""Log lines carry masked contacts, whatever field of the record holds them (issue 16)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from console import logsetup
from console.notices import OutgoingNotice
from tests.logs.test_logsetup import log_dir  # noqa: F401 (the fixture)

log = logging.getLogger("griddesk.test.privacy")


def test_a_notice_logged_whole_shows_no_phone(log_dir: Path):  # noqa: F811
    path = logsetup.setup("collector")
    notice = OutgoingNotice(1, "CF1", "k", "reminder", "sms", "3700001234", "欧阳娜娜",
                            "13812345678", "中华路12号", None, None, None)  # type: ignore[arg-type]
    log.warning("could not send %r", notice)
    text = path.read_bytes()
    assert b"13812345678" not in text and b"138****5678" in text
    assert b"3700001234" in text  # the customer number stays readable


def test_other_extra_fields_and_addresses_are_masked_in_json_lines(log_dir: Path):  # noqa: F811
    path = logsetup.setup("gateway", json_lines=True)
    log.info("gateway answered", extra={"reply": "bad number +86 138 1234 5678",
                                        "address": "山东省菏泽市牡丹区中华路12号",
                                        "mobile": "13912345678", "receipt": "SK3701020260000042"})
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    assert line["reply"] == "bad number 138****5678"
    assert (line["address"], line["mobile"]) == ("山东省菏泽市***", "139****5678")
    assert line["receipt"] == "SK3701020260000042"
    assert b"1234 5678" not in path.read_bytes() and "中华路".encode() not in path.read_bytes()
