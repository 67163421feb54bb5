"""Untrusted text in every document (issue 16 item 5): customer, unit and staff names,
addresses and errors carrying ReportLab markup, control characters, spreadsheet
formulas and printer commands print as what they are, in every report of the
registry (so a new kind is checked without being listed here), the receipt, the
seal labels as PDF, ZPL and TSPL sent to a printer on loopback, and CSV files."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from console.models import ControlCommand, Customer, Meter, SealEvent, Unit, User, WorkOrder, utcnow
from console.services.customers.view import customer_detail
from console.services.notices.issue import send_reminders
from console.services.payments.counter import post_payment
from console.services.payments.receipts import receipt_data
from reports import seal_labels, seal_labels_text
from reports.label_printer import LabelSpool
from reports.notices import render_notice
from reports.receipt import render_receipt
from reports.registry import REPORTS, ReportParams, generate
from reports.safe_csv import csv_bytes
from reports.safe_text import plain
from reports.words import LANGUAGES
from tests import factories as f
from tests.reports.helpers import history_hall
from tests.seals.test_label_printer import FakePrinter
from tests.seals.test_labels import offline_labels
from tests.security.untrusted_helpers import (
    ADDRESS,
    BIG,
    NAME,
    NOTE,
    UNIT,
    USER,
    WORDS,
    printed_as_text,
    read_pdf,
    shown,
)

ROOT = Path(__file__).resolve().parents[2]
H = dt.timedelta(hours=1)


@pytest.fixture
def hall(db):
    """The report hall, with hostile names on its customers, station and clerks, and a
    switch command, a seal move and a work order to show them in the other reports."""
    hall = history_hall(db)
    now = utcnow() - 6 * H
    with db.session() as s:
        for customer_id in (hall["farmer"], hall["shop"]):
            customer = s.get(Customer, customer_id)
            customer.name, customer.address = NAME, ADDRESS
        s.get(Unit, hall["station"]).name = UNIT
        for clerk in (hall["clerk"], hall["clerk2"]):
            s.get(User, clerk.user_id).full_name = USER
        county = s.get(Unit, hall["county"])
        meter = s.scalar(select(Meter).where(Meter.customer_id == hall["farmer"]))
        s.add(ControlCommand(meter_id=meter.id, customer_id=hall["farmer"], action="disconnect",
                             reason="arrears", state="failed", idempotency_key="hostile",
                             requested_by=hall["clerk"].user_id, requested_at=now,
                             finished_at=now + H, error=NOTE))
        seal = f.installed_seal(s, county, meter, serial=7)
        s.add(SealEvent(seal_id=seal.id, at=now, actor_id=hall["clerk"].user_id,
                        from_state="issued_person", to_state="installed", unit_id=county.id,
                        meter_id=meter.id, position="meter_cover"))
        s.add(WorkOrder(order_no="GD1", kind="complaint", state="open", unit_id=county.id,
                        assignee_id=hall["clerk"].user_id, created_at=now, due_at=now + H))
        s.flush()
    return hall


def params(hall: dict, needs: frozenset[str], notice_no: str) -> ReportParams:
    """What each need of a report asks for; a need this test does not know fails it."""
    today = hall["today"]
    by_need = {"range": {"start": today - dt.timedelta(days=1), "end": today},
               "as_of": {"end": today}, "month": {"start": today.replace(day=1)},
               "customer": {"customer_no": hall["farmer_no"]}, "notice": {"notice_no": notice_no},
               "unit": {"unit_id": hall["county"]}, "operator": {}}
    values: dict = {}
    for need in sorted(needs):
        values.update(by_need[need])
    return ReportParams(**values)


def test_every_report_prints_hostile_values_as_text(db, hall):
    [reminder] = send_reminders(db, hall["boss"], [hall["farmer"]])
    customer_detail(db, hall["clerk"], hall["farmer"])  # a look the access trail lists
    seen: set[str] = set()
    for name, spec in sorted(REPORTS.items()):
        for lang in LANGUAGES:
            asked = replace(params(hall, spec.needs, reminder.doc_no), lang=lang)
            pdf = generate(db, hall["boss"], name, asked)
            assert printed_as_text(pdf) == [], (name, lang)
            assert shown(pdf), f"{name}: the hall should put a hostile value in it"
            seen |= shown(pdf)
    # Customer name and address, unit and staff names all reached a page (the command's
    # error is cut to 12 characters in the switch log: the notice test prints it whole).
    assert seen == set(WORDS) - {"丙丁错"}


def test_payment_reminder_prints_a_markup_name_as_its_letters(db, hall):
    """The finding: 李<font size="60" color="red">已缴清</font> printed a huge red "paid"."""
    [reminder] = send_reminders(db, hall["boss"], [hall["farmer"]])
    params_ = ReportParams(notice_no=reminder.doc_no)
    for lang in ("zh", "en"):
        pdf = generate(db, hall["boss"], "notice", replace(params_, lang=lang))
        page = read_pdf(pdf)
        assert printed_as_text(pdf) == [] and max(page.sizes) <= 17
        assert f'李{BIG}已缴清</font>[31m' in page.text  # on one line, the controls gone
        assert {"已缴清", "南京路"} <= shown(pdf)


def test_notice_body_values_are_text(db, hall):
    """The body and signature fields, not only the name, go in as text."""
    from console.services.report_data.notices import notice_data

    [reminder] = send_reminders(db, hall["boss"], [hall["farmer"]])
    data = notice_data(db, hall["boss"], doc_no=reminder.doc_no)
    hostile = replace(data, header=replace(data.header, unit_name=UNIT), key_id=NOTE)
    pdf = render_notice(hostile)
    assert printed_as_text(pdf) == []
    assert {"已缴清", "甲乙所", "丙丁错"} <= shown(pdf)


def test_receipt_prints_hostile_values_on_one_line(db, hall):
    posted = post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount="5.00",
                          method="cash", idempotency_key="hostile-receipt")
    pdf = render_receipt(receipt_data(db, hall["clerk"], posted.payment_id))
    assert printed_as_text(pdf) == []
    assert {"已缴清", "戊己庚"} <= shown(pdf)


def hostile_labels(count: int) -> list:
    labels, _ = offline_labels(count)
    return [replace(label, batch_no=ADDRESS, unit_code=UNIT, key_id=NOTE, colour=NOTE,
                    unit_name=NAME) for label in labels]


@pytest.mark.parametrize("render", [seal_labels.render_sheet, seal_labels.render_thermal])
def test_seal_label_pdfs_print_hostile_values_as_text(render):
    pdf = render(hostile_labels(2))
    assert printed_as_text(pdf) == [] and "丙丁错" in shown(pdf)


def sent(job: bytes, tmp_path) -> bytes:
    """The job as a printer listening on loopback received it."""
    printer = FakePrinter()
    try:
        outcome = LabelSpool(tmp_path).submit("127.0.0.1", job, port=printer.port)
        assert outcome.sent and printer.done.wait(5)
    finally:
        printer.close()
    [received] = printer.jobs
    return received


def label_lines(label) -> list[str]:
    """The text lines a label prints, as a person reads them."""
    return [label.seal_no, f"{label.seal_type.upper()} {label.year}", plain(label.batch_no),
            f"UNIT {plain(label.unit_code)}", f"KEY {plain(label.key_id)}"]


def test_zpl_fields_are_hex_escaped_and_each_label_ends_once(tmp_path):
    labels = hostile_labels(3)
    job = sent(seal_labels_text.zpl(labels), tmp_path).decode("utf-8")
    assert job.count("^XA") == job.count("^XZ") == 3 and "~" not in job
    for label, part in zip(labels, job.split("^XZ")[:-1], strict=True):
        fields = re.findall(r"\^FH_\^FD(.*?)\^FS", part)
        assert all(re.fullmatch(r"[0-9A-Za-z _\-./:,+#()]*", data) for data in fields)
        assert [_unhex(data) for data in fields] == label_lines(label)


def _unhex(data: str) -> str:
    raw = re.sub(rb"_([0-9A-F]{2})", lambda m: bytes([int(m.group(1), 16)]), data.encode())
    return raw.decode("utf-8")


TSPL_COMMANDS = {"SIZE", "GAP", "DIRECTION", "REFERENCE", "CLS", "BARCODE", "TEXT", "QRCODE",
                 "PRINT"}


def test_tspl_strings_stay_in_their_quotes_and_lines(tmp_path):
    labels = hostile_labels(3)
    lines = sent(seal_labels_text.tspl(labels), tmp_path).decode("gb18030").splitlines()
    assert {line.split(" ")[0] for line in lines} <= TSPL_COMMANDS
    assert lines.count("PRINT 1,1") == 3
    texts = [line for line in lines if line.startswith("TEXT ")]
    strings = [re.fullmatch(r'TEXT \d+,\d+,"\d",0,1,1,"((?:[^"\\]|\\\["\])*)"', t) for t in texts]
    assert all(strings), texts
    read = [m.group(1).replace('\\["]', '"') for m in strings if m]
    assert read == [line for label in labels for line in label_lines(label)]


def test_csv_cells_are_data_not_formulas():
    header = ["户名", "地址", "功率 (kW)"]
    rows = [[NAME, ADDRESS, "-1.250"], [USER, NOTE, "+2"], ["@x", "\tx", "-"], ["\rx", "a", "=1"]]
    read = list(csv.reader(io.StringIO(csv_bytes(header, rows).decode("utf-8-sig"), newline="")))
    assert read[0] == header
    assert read[1] == [NAME, "'" + ADDRESS, "-1.250"]  # "-1.250" is a plain number
    assert read[2] == ["'" + USER, "'" + NOTE, "+2"]
    assert read[3] == ["'@x", "'\tx", "'-"] and read[4] == ["'\rx", "a", "'=1"]


def _calls(names: set[str]) -> list[str]:
    """file:line of every call to one of `names` (a function or module.attribute) in the
    program's own code."""
    found = []
    for folder in ("console", "reports", "widgets", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and ast.unparse(node.func) in names:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_markup_and_csv_are_made_in_one_place_each():
    """A new report or export that builds a Paragraph or writes CSV itself fails here."""
    markup = _calls({"Paragraph", "XPreformatted", "platypus.Paragraph"})
    assert {spot.split(":")[0] for spot in markup} == {"reports/safe_text.py"}, markup
    writers = _calls({"csv.writer", "csv.DictWriter", "writer", "DictWriter"})
    assert {spot.split(":")[0] for spot in writers} == {"reports/safe_csv.py"}, writers
