"""Documents the user saves: the dialog starts in Documents (then where that kind was saved
last) with a name that says which document it is; every file is written owner-only. And
choosing another report leaves nothing of the previous one to print or save."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from console.timeutil import local_today
from tests.consumption.test_chart import household as household, load, make_chart
from tests.reports.test_panel import (  # the labels dialog fixture
    generated,
    hall as hall,
    panel as panel,
)
from tests.seals.test_batches_panel import labels as labels, site as site  # fixtures
from widgets.consumption.chart import Page
from widgets.save_files import documents_folder


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: notes what was proposed, answers `answer`."""

    def __init__(self, monkeypatch, answer: Path) -> None:
        self.proposed: list[Path] = []
        self.answer = answer
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self)

    def __call__(self, _parent, _title, proposed, _filters):
        self.proposed.append(Path(proposed))
        return str(self.answer), ""


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_statement_is_proposed_in_documents_under_its_customer_day_and_number(
        qtbot, panel, hall, tmp_path, monkeypatch):
    panel.choose("statement")
    panel.customer_edit.setText(hall["farmer_no"])
    generated(qtbot, panel)
    folder = tmp_path / "statements"
    folder.mkdir()
    dialog = SaveDialog(monkeypatch, folder / "mine.pdf")
    panel.viewer.save_button.click()
    proposed = dialog.proposed[0]
    assert proposed.parent == documents_folder()
    today = panel.end_edit.date().toPython().isoformat()
    assert proposed.name == f"{hall['farmer_no']}_statement_{today}_{panel.viewer.doc_no}.pdf"
    assert panel.viewer.doc_no and private(folder / "mine.pdf")
    panel.viewer.save_button.click()  # the next statement starts where this one went
    assert dialog.proposed[1].parent == folder


def test_choosing_another_report_clears_the_preview_and_its_buttons(qtbot, panel):
    panel.choose("aging")
    generated(qtbot, panel)
    viewer = panel.viewer
    assert viewer.save_button.isEnabled() and viewer.document.pageCount() >= 1
    panel.choose("daily_collection")
    assert not viewer.save_button.isEnabled() and not viewer.print_button.isEnabled()
    assert viewer.document.pageCount() == 0 and not viewer.pdf
    assert viewer.pages_label.text() == ""


def test_label_sheets_are_private_and_named_after_their_numbers(qtbot, labels, tmp_path,
                                                                monkeypatch):
    dialog = SaveDialog(monkeypatch, tmp_path / "sheet.pdf")
    labels.save_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "sheet.pdf").exists(), timeout=30000)
    qtbot.waitUntil(lambda: "Saved" in labels.message_bar.text, timeout=30000)
    first = labels.first_edit.text()
    assert dialog.proposed[0].parent == documents_folder()
    assert dialog.proposed[0].name.startswith(f"seal-labels_{first}_")
    assert local_today().isoformat() in dialog.proposed[0].name
    assert private(tmp_path / "sheet.pdf")


def test_chart_exports_are_private_and_named_after_the_customer(
        qtbot, tasks, file_db, household, tmp_path, monkeypatch):
    cid, _mid, clerk = household
    chart = make_chart(qtbot, tasks, file_db, clerk)
    load(qtbot, chart, cid)
    chart.tabs.setCurrentIndex(int(Page.DAILY))
    dialog = SaveDialog(monkeypatch, tmp_path / "daily.csv")
    with qtbot.waitSignal(chart.sig_exported):
        chart.export_csv_button.click()
    assert dialog.proposed[0].name == f"3700001234_consumption_daily_2026_{local_today()}.csv"
    png = chart.export_png(tmp_path / "daily.png", Page.DAILY)
    assert private(tmp_path / "daily.csv") and private(png)
