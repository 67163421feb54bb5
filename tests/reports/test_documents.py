"""Document numbers of generated reports: two documents never share one, each kind counts
per unit and year without gaps, the number printed is the number recorded; notices keep
their own number; a cancelled document gives its number back."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import uuid
from dataclasses import replace

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from console import migrate
from console.db import Database, make_engine
from console.models import AuditEvent, ReportDocument
from console.services.notices.issue import serve_disconnect_notices
from console.services.report_data import common as report_data
from console.services.report_data.documents import find_documents, issue_document
from console.timeutil import LOCAL
from reports.daily_collection import render_daily_collection
from reports.registry import ReportCancelled, ReportParams, generate_document
from tests.conftest import create_pg_database, drop_pg_database, require_pg
from tests.reports.helpers import history_hall, pages_text
from tests.reports.test_layout import busy_day

FROZEN = dt.datetime(2026, 11, 27, 8, 30, 15, tzinfo=dt.UTC)
YEAR = FROZEN.astimezone(LOCAL).year


@pytest.fixture
def hall(db):
    return history_hall(db)


@pytest.fixture
def same_second(monkeypatch):
    """Every header is taken at one instant, as when two clerks press Generate together."""
    monkeypatch.setattr(report_data, "utcnow", lambda: FROZEN)


def day_params(hall, unit: str = "county") -> ReportParams:
    return ReportParams(start=hall["today"], end=hall["today"], unit_id=hall[unit])


def test_documents_made_in_the_same_second_get_consecutive_numbers(db, hall, same_second):
    made = [generate_document(db, hall["boss"], "daily_collection", day_params(hall))
            for _ in range(3)]
    assert {d.generated_at for d in made} == {FROZEN}
    assert [d.doc_no for d in made] == [f"SF37010{YEAR}{n:06d}" for n in (1, 2, 3)]


def test_each_kind_and_unit_counts_on_its_own(db, hall, same_second):
    boss = hall["boss"]
    daily = generate_document(db, boss, "daily_collection", day_params(hall))
    aging = generate_document(db, boss, "aging", ReportParams(unit_id=hall["county"]))
    station = generate_document(db, boss, "daily_collection", day_params(hall, "station"))
    statement = generate_document(db, hall["clerk"], "statement",
                                  ReportParams(customer_no=hall["farmer_no"]))
    again = generate_document(db, boss, "daily_collection", day_params(hall))
    assert (daily.doc_no, aging.doc_no, station.doc_no, statement.doc_no, again.doc_no) == (
        f"SF37010{YEAR}000001", f"ZL37010{YEAR}000001", f"SF37011{YEAR}000001",
        f"DZ37010{YEAR}000001", f"SF37010{YEAR}000002")


def test_the_printed_number_is_the_recorded_one(db, hall):
    issued = generate_document(db, hall["boss"], "daily_collection", day_params(hall))
    pages = pages_text(issued.pdf)
    assert f"文档编号：{issued.doc_no}" in pages[0]
    assert all(issued.doc_no in page for page in pages)  # the footer of every page
    [record] = find_documents(db, hall["boss"], issued.doc_no)
    assert record.pages == issued.pages == len(PdfReader(io.BytesIO(issued.pdf)).pages)
    assert (record.kind, record.unit_name, record.generated_by) == (
        "daily_collection", "牡丹区供电公司", hall["boss"].full_name)
    assert record.generated_at == issued.generated_at
    assert f"{record.generated_at.astimezone(LOCAL):%Y-%m-%d %H:%M}" in pages[0]
    day = hall["today"].isoformat()
    assert record.params == f"from={day} to={day} unit={hall['county']} lang=zh"
    with db.session() as s:
        [after] = s.scalars(select(AuditEvent.after)
                            .where(AuditEvent.action == "report.generated")).all()
    assert json.loads(after)["doc_no"] == issued.doc_no


def test_a_long_report_records_its_page_count(db, hall):
    data = busy_day(300)  # a day of 300 payments: several pages
    head = replace(data.header, prefix="SF", unit_id=hall["county"], unit_code="37010")
    issued = issue_document(db, hall["boss"], "daily_collection", head, "300 payments",
                            lambda numbered: render_daily_collection(replace(data, header=numbered)))
    texts = pages_text(issued.pdf)
    assert issued.pages == len(texts) >= 5
    assert all(issued.doc_no in text for text in texts)
    assert find_documents(db, hall["boss"], issued.doc_no)[0].pages == issued.pages
    assert find_documents(db, hall["boss"], f"SF37010{YEAR}999999") == []


def test_a_cancelled_document_gives_its_number_back(db, hall, same_second):
    drawn = {"pages": 0}

    def progress(_fraction: float, stage: str) -> None:
        drawn["pages"] += stage == "page"

    with pytest.raises(ReportCancelled):  # cancelled once its last page was drawn
        generate_document(db, hall["boss"], "daily_collection", day_params(hall),
                          progress=progress, cancelled=lambda: drawn["pages"] > 0)
    with db.session() as s:
        assert s.scalars(select(ReportDocument)).all() == []
    after = generate_document(db, hall["boss"], "daily_collection", day_params(hall))
    assert after.doc_no == f"SF37010{YEAR}000001"


def test_a_notice_keeps_its_own_number_each_time_it_is_printed(db, hall):
    [served] = serve_disconnect_notices(db, hall["boss"], [hall["farmer"]])
    params = ReportParams(notice_no=served.doc_no)
    first, second = (generate_document(db, hall["boss"], "notice", params) for _ in range(2))
    assert first.doc_no == second.doc_no == served.doc_no
    assert served.doc_no in pages_text(first.pdf)[0]
    assert [r.kind for r in find_documents(db, hall["boss"], served.doc_no)] == ["notice"] * 2
    daily = generate_document(db, hall["boss"], "daily_collection", day_params(hall))
    assert daily.doc_no.endswith("000001")  # the notices took no number of the counter


# -- workstations at once (real commits on each engine) ------------------------------------

@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_db(request, tmp_path):
    """A database of this test's own where each workstation commits for real."""
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path / 'shared.db'}", None
    else:
        admin, name = require_pg(), f"griddesk_docs_{uuid.uuid4().hex[:8]}"
        url, drop = create_pg_database(admin, name), (admin, name)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    database = Database.open(url)
    yield database
    database.dispose()
    if drop:
        drop_pg_database(*drop)


def test_workstations_generating_at_once_never_share_a_number(shared_db, monkeypatch):
    monkeypatch.setattr(report_data, "utcnow", lambda: FROZEN)
    hall = history_hall(shared_db)
    numbers: list[str] = []
    failures: list[BaseException] = []

    def workstation() -> None:
        try:
            for _ in range(4):
                numbers.append(generate_document(shared_db, hall["boss"], "daily_collection",
                                                 day_params(hall)).doc_no)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=workstation) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert sorted(numbers) == [f"SF37010{YEAR}{n:06d}" for n in range(1, 13)]
