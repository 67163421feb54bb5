"""Reports panel: generate off the UI thread, preview, print to a PDF printer, save, cancel;
the statement from the customer view."""

from __future__ import annotations

import threading

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from console.cli import main
from reports import registry
from reports.registry import ReportSpec
from tests.operators import as_service
from tests.reports.helpers import history_hall, pages_text
from tests.reports.test_cli import without_stamps
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk
from widgets.reports.dialog import wire_statement
from widgets.reports.panel import ReportsPanel


@pytest.fixture
def hall(file_db):
    return history_hall(file_db)


@pytest.fixture
def panel(qtbot, file_db, tasks, hall):
    widget = ReportsPanel(Desk(file_db, tasks, hall["boss"]))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    qtbot.waitUntil(lambda: widget.unit_combo.count() > 0, timeout=5000)
    return widget


def generated(qtbot, panel: ReportsPanel) -> int:
    with qtbot.waitSignal(panel.viewer.sig_generated, timeout=20000) as blocker:
        panel.generate_button.click()
    return blocker.args[0]


def test_daily_collection_is_the_document_the_cli_writes(qtbot, panel, file_db, hall, tmp_path):
    panel.choose("daily_collection")
    assert panel.start_edit.isVisibleTo(panel) and not panel.customer_edit.isVisibleTo(panel)
    assert generated(qtbot, panel) == panel.viewer.document.pageCount() >= 1
    assert "189.33" in pages_text(panel.viewer.pdf)[0]
    day = hall["today"].isoformat()
    target = tmp_path / "cli.pdf"
    assert main(["report", "daily_collection", "--from", day, "--to", day, "--unit",
                 str(hall["county"]), "-o", str(target), "--db", file_db.url,
                 *as_service(file_db, "reports")]) == 0
    assert without_stamps(target.read_bytes()) == without_stamps(panel.viewer.pdf)


def test_print_to_a_pdf_printer_and_save_as(qtbot, panel, tmp_path):
    panel.choose("aging")
    pages = generated(qtbot, panel)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    panel.viewer.print_document(printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == pages
    assert panel.viewer.save_to(tmp_path / "saved.pdf")
    assert (tmp_path / "saved.pdf").read_bytes() == panel.viewer.pdf
    assert not panel.viewer.save_to(tmp_path / "missing" / "x.pdf")
    assert "Cannot save" in panel.viewer.message_bar.text
    assert not (tmp_path / "missing").exists()


def test_an_unknown_customer_is_said_inline(qtbot, panel):
    panel.choose("statement")
    assert panel.customer_edit.isVisibleTo(panel) and not panel.start_edit.isVisibleTo(panel)
    panel.customer_edit.setText("3799999999")
    with qtbot.waitSignal(panel.viewer.sig_failed, timeout=10000) as blocker:
        panel.generate_button.click()
    assert blocker.args[0] == "No customer has the number 3799999999."
    assert panel.viewer.message_bar.text == blocker.args[0] and not panel.viewer.pdf


def test_reversed_dates_are_refused(qtbot, panel):
    panel.choose("daily_collection")
    panel.start_edit.setDate(panel.end_edit.date().addDays(1))
    with qtbot.waitSignal(panel.viewer.sig_failed, timeout=10000) as blocker:
        panel.generate_button.click()
    assert blocker.args[0] == "The last day is before the first day."


def test_cancel_stops_a_report_being_made(qtbot, panel, monkeypatch):
    started, release = threading.Event(), threading.Event()
    aging = registry.REPORTS["aging"]

    def slow(db, actor, params):  # holds the worker until cancelled
        started.set()
        release.wait(10)
        return aging.make(db, actor, params)

    monkeypatch.setitem(registry.REPORTS, "aging", ReportSpec("aging", aging.needs,
                                                              aging.permission, False, slow))
    panel.choose("aging")
    panel.generate_button.click()
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert panel.viewer.progress.isVisibleTo(panel) and panel.viewer.cancel_button.isVisibleTo(panel)
    with qtbot.waitSignal(panel.viewer.sig_cancelled, timeout=10000):
        panel.viewer.cancel_button.click()
        release.set()
    assert not panel.viewer.pdf and not panel.viewer.print_button.isEnabled()
    assert "cancelled" in panel.viewer.message_bar.text


def test_statement_from_the_customer_view(qtbot, file_db, tasks, hall):
    desk = Desk(file_db, tasks, hall["clerk"])
    lookup = wire_statement(LookupPanel(desk), desk)
    qtbot.addWidget(lookup)
    with qtbot.waitSignal(lookup.sig_customer_opened, timeout=10000):
        lookup.open_customer(hall["farmer"])
    button = lookup.view.actions["statement"]
    assert button.isEnabled()
    button.click()
    dialog = lookup.statement_dialog
    with qtbot.waitSignal(dialog.viewer.sig_generated, timeout=20000):
        pass
    text = pages_text(dialog.viewer.pdf)[0]
    assert "电费对账单" in text and hall["farmer_no"] in text
    dialog.close()


def test_a_notice_from_the_customer_views_notices_tab(qtbot, file_db, tasks, hall):
    from console.services.notices.issue import serve_disconnect_notices

    [served] = serve_disconnect_notices(file_db, hall["boss"], [hall["farmer"]])
    desk = Desk(file_db, tasks, hall["boss"])
    lookup = wire_statement(LookupPanel(desk), desk)
    qtbot.addWidget(lookup)
    with qtbot.waitSignal(lookup.sig_customer_opened, timeout=10000):
        lookup.open_customer(hall["farmer"])
    lookup.view.tables["notices"].selectRow(0)
    lookup.print_notice_action.trigger()
    dialog = lookup.statement_dialog
    with qtbot.waitSignal(dialog.viewer.sig_generated, timeout=20000):
        pass
    text = pages_text(dialog.viewer.pdf)[0]
    assert "停电通知书" in text and served.doc_no in text
    dialog.close()
