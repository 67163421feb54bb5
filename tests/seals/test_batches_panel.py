"""Seals › Batches: a new batch through the dialog, issue by range, labels to PDF and printer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from console.services.seals import batches as seals_batches
from reports.label_printer import LabelSpool
from tests.seals.gui_fixtures import FakeLabelPrinter, closed_port, make_site
from widgets.desk import Desk
from widgets.seals.batch_dialog import CreateBatchDialog
from widgets.seals.batches_panel import BatchesPanel
from widgets.seals.issue_dialog import MoveSealsDialog
from widgets.seals.labels_dialog import LabelsDialog


@pytest.fixture
def site(file_db, make_user):
    return make_site(file_db, make_user)


@pytest.fixture
def panel(qtbot, file_db, tasks, site):
    widget = BatchesPanel(Desk(file_db, tasks, site.admin))
    qtbot.addWidget(widget)
    widget.resize(1300, 500)
    widget.show()
    qtbot.waitUntil(lambda: bool(widget.units), timeout=5000)
    return widget


def make_batch(file_db, site, quantity: int = 30):
    return seals_batches.create_batch(file_db, site.admin, seal_type="plastic", colour="红",
                                      year=2026, manufacturer="山东电力设备厂",
                                      unit_id=site.unit_id, quantity=quantity)


def row_texts(panel: BatchesPanel, row: int) -> dict[str, str]:
    model = panel.model
    return {model.headerData(c, Qt.Orientation.Horizontal): model.index(row, c).data()
            for c in range(model.columnCount())}


def test_creating_a_batch_in_the_dialog_adds_a_row_with_its_count(qtbot, panel):
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(CreateBatchDialog)
    dialog.quantity_spin.setValue(250)
    qtbot.keyClicks(dialog.manufacturer_edit, "Shandong Seals Ltd")
    with qtbot.waitSignal(panel.sig_batches_loaded, timeout=10000) as loaded:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert loaded.args == [1]
    texts = row_texts(panel, 0)
    assert texts["Quantity"] == "250" and texts["In stock"] == "250"
    assert texts["Type"] == "Plastic" and texts["Colour"] == "Red"
    assert "created: 250 seals" in panel.message_bar.text


def test_a_range_with_a_wrong_check_digit_is_refused_in_the_dialog(qtbot, panel):
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(CreateBatchDialog)
    dialog.range_radio.setChecked(True)
    qtbot.keyClicks(dialog.first_edit, "3700109000000000000011")
    qtbot.keyClicks(dialog.last_edit, "3700109000000000000099")
    qtbot.keyClicks(dialog.manufacturer_edit, "Shandong Seals Ltd")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "valid check digit" in dialog.message_bar.text
    assert panel.model.rowCount() == 0


def test_an_overlapping_range_is_refused_with_words(qtbot, panel, file_db, site):
    batch = make_batch(file_db, site, 20)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(CreateBatchDialog)
    dialog.range_radio.setChecked(True)
    dialog.first_edit.setText(batch.first_no)
    dialog.last_edit.setText(batch.last_no)
    dialog.manufacturer_edit.setText("x")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "overlap" in dialog.message_bar.text, timeout=5000)
    assert dialog.isVisible()


def _issue_dialog(qtbot, panel, file_db, site):
    """A batch of 30 and the issue-to-installer dialog opened on it."""
    batch = make_batch(file_db, site, 30)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.issue_installer_button, Qt.MouseButton.LeftButton)
    return batch, panel.findChild(MoveSealsDialog)


def test_issue_to_an_installer_by_range_moves_the_counts(qtbot, panel, file_db, site):
    batch, dialog = _issue_dialog(qtbot, panel, file_db, site)
    dialog.last_edit.setText(seals_batches_code(batch.first_no, 9))
    assert dialog.count_label.text() == "10"
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData(site.installer_id))
    with qtbot.waitSignal(panel.sig_batches_loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    texts = row_texts(panel, 0)
    assert texts["With installers"] == "10" and texts["In stock"] == "20"


def test_the_issue_dialog_says_what_is_wrong_with_a_range(qtbot, panel, file_db, site):
    batch, dialog = _issue_dialog(qtbot, panel, file_db, site)
    good = seals_batches_code(batch.first_no, 9)
    wrong = good[:21] + str((int(good[21]) + 1) % 10)
    dialog.last_edit.setText(wrong)
    assert "check digit" in dialog.count_label.text() and wrong in dialog.count_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.first_edit.setText(good)
    dialog.last_edit.setText(batch.first_no)
    assert "before the first" in dialog.count_label.text()
    dialog.last_edit.setText(good)
    assert dialog.count_label.text() == "1" and dialog.ok_button.isEnabled()


def seals_batches_code(first_no: str, offset: int) -> str:
    from widgets.seals.calls import seal_numbers
    last = first_no[:7] + f"{int(first_no[7:21]) + offset:014d}0"
    return seal_numbers(first_no, last)[-1]


@pytest.fixture
def labels(qtbot, file_db, tasks, site, tmp_path, settings):
    batch = make_batch(file_db, site, 12)
    dialog = LabelsDialog(Desk(file_db, tasks, site.admin), first=batch.first_no, last=batch.last_no,
                          spool=LabelSpool(tmp_path / "spool"), settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_preview_renders_the_label_sheet(qtbot, labels):
    with qtbot.waitSignal(labels.sig_preview_shown, timeout=20000) as shown:
        qtbot.mouseClick(labels.preview_button, Qt.MouseButton.LeftButton)
    assert shown.args == [1]  # 12 labels on one A4 sheet of 30
    assert not labels.page_label.pixmap().isNull()
    assert labels.page_of.text() == "Page 1 of 1"


def test_print_goes_through_a_qprinter(qtbot, labels, tmp_path):
    import pypdf
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    labels.layout_combo.setCurrentIndex(labels.layout_combo.findData("thermal"))
    with qtbot.waitSignal(labels.sig_printed, timeout=30000) as printed:
        labels.print_to(printer)
    assert printed.args == [12]  # one thermal label per page
    pages = pypdf.PdfReader(tmp_path / "printed.pdf").pages
    assert len(pages) == 12
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert abs(width - 113.4) < 2 and abs(height - 85.0) < 2  # 40 × 30 mm


def test_send_zpl_to_a_network_label_printer(qtbot, labels):
    printer = FakeLabelPrinter()
    try:
        box = labels.printer_box
        box.host_edit.setText("127.0.0.1")
        box.port_spin.setValue(printer.port)
        with qtbot.waitSignal(box.sig_job_sent, timeout=20000):
            qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
        assert printer.received.wait(5)
    finally:
        printer.close()
    job = printer.jobs[0]
    assert job.startswith(b"^XA") and job.count(b"^XZ") == 12
    assert "sent to 127.0.0.1" in box.message_bar.text
    assert not box.pending


def test_a_printer_that_does_not_answer_shows_an_error_and_keeps_the_job(qtbot, labels):
    box = labels.printer_box
    box.host_edit.setText("127.0.0.1")
    box.port_spin.setValue(closed_port())
    box.language_combo.setCurrentIndex(box.language_combo.findData("tspl"))
    with qtbot.waitSignal(box.sig_job_failed, timeout=8000):
        qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    assert "did not take the job" in box.message_bar.text
    assert len(box.pending) == 1 and box.pending_list.count() == 1
    assert box.retry_button.isVisible()


def test_a_kept_job_goes_out_on_retry_once_the_printer_answers(qtbot, labels):
    box = labels.printer_box
    port = closed_port()
    box.host_edit.setText("127.0.0.1")
    box.port_spin.setValue(port)
    with qtbot.waitSignal(box.sig_job_failed, timeout=8000):
        qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    printer = FakeLabelPrinter(port)
    try:
        with qtbot.waitSignal(box.sig_job_sent, timeout=8000):
            qtbot.mouseClick(box.retry_button, Qt.MouseButton.LeftButton)
        assert printer.received.wait(5)
    finally:
        printer.close()
    assert printer.jobs[0].startswith(b"^XA")
    assert not box.pending and not box.pending_list.isVisible()


def test_save_as_pdf_writes_the_labels(qtbot, labels, tmp_path):
    import pypdf
    target = tmp_path / "labels.pdf"
    labels.save_to(target)
    qtbot.waitUntil(lambda: "Saved labels.pdf" in labels.message_bar.text, timeout=20000)
    text = pypdf.PdfReader(target).pages[0].extract_text()
    assert labels.first_edit.text() in text and labels.last_edit.text() in text


def test_the_preview_renders_codes_a_scanner_reads(labels, file_db, site):
    import numpy as np
    import zxingcpp

    from widgets.seals import calls
    from widgets.seals.pdf_pages import render_pages
    first, last = labels.first_edit.text(), labels.last_edit.text()
    pdf = calls.label_pdf(file_db, site.admin, first, last, layout="thermal", reprint=False)
    image = render_pages(pdf, dpi=300, limit=1)[0].image
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, :image.width() * 3].reshape(
        image.height(), image.width(), 3)
    found = {r.format.name: r.text for r in zxingcpp.read_barcodes(pixels)}
    assert found["Code128"] == first
    assert found["QRCode"].startswith(f"GDS1|{first}|")
    from console.services import seals
    assert seals.scan(file_db, site.admin, found["QRCode"]).verdict == "genuine"


def test_lost_seals_leave_the_stock_with_a_reason(qtbot, panel, file_db, site):
    batch = make_batch(file_db, site, 10)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    panel.exit_actions["lost"].trigger()
    dialog = panel.findChild(MoveSealsDialog)
    assert dialog.windowTitle() == "Record seals as lost"
    dialog.last_edit.setText(seals_batches_code(batch.first_no, 2))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no reason yet
    qtbot.waitUntil(lambda: "reason" in dialog.message_bar.text, timeout=5000)
    qtbot.keyClicks(dialog.reason_edit, "drawer broken into")
    with qtbot.waitSignal(panel.sig_batches_loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    texts = row_texts(panel, 0)
    assert texts["Scrapped, lost, damaged"] == "3" and texts["In stock"] == "7"


def printings(file_db) -> list[dict]:
    import json

    from console.models import AuditEvent
    with file_db.session() as session:
        return [json.loads(after) for (after,) in session.query(AuditEvent.after).filter(
            AuditEvent.action.like("seal.labels%")).order_by(AuditEvent.seq)]


def test_preview_alone_records_no_printing(qtbot, labels, file_db):
    qtbot.waitUntil(lambda: labels.total_pages == 1, timeout=20000)  # shown on opening
    labels.layout_combo.setCurrentIndex(1)  # thermal: another document, previewed again
    qtbot.waitUntil(lambda: labels.total_pages == 12, timeout=20000)
    with qtbot.waitSignal(labels.sig_preview_shown, timeout=20000):
        qtbot.mouseClick(labels.preview_button, Qt.MouseButton.LeftButton)
    assert printings(file_db) == []


def test_saving_records_one_printing_as_pdf(qtbot, labels, file_db, tmp_path):
    qtbot.waitUntil(lambda: labels.total_pages == 1, timeout=20000)
    labels.save_to(tmp_path / "labels.pdf")
    qtbot.waitUntil(lambda: "Saved labels.pdf" in labels.message_bar.text, timeout=20000)
    [after] = printings(file_db)
    assert (after["how"], after["count"]) == ("pdf", 12)


def test_preview_then_print_records_one_printing(qtbot, labels, file_db, tmp_path):
    from console.models import AuditEvent
    qtbot.waitUntil(lambda: labels.total_pages == 1, timeout=20000)  # shown on opening
    assert printings(file_db) == []
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(labels.sig_printed, timeout=30000):
        labels.print_to(printer)
    with file_db.session() as session:
        printed = session.query(AuditEvent).filter(
            AuditEvent.action == "seal.labels_printed").count()
    assert printed == 1


def test_printing_while_the_preview_renders_does_not_crash(qtbot, labels, tmp_path):
    # PDFium is not thread-safe: the opening preview and this print share one lock.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    labels.reprint_check.setChecked(True)  # another document than the one previewing
    with qtbot.waitSignal(labels.sig_printed, timeout=30000):
        labels.print_to(printer)
    qtbot.waitUntil(lambda: labels.total_pages == 1, timeout=20000)


def test_totals_show_whole_beside_the_buttons(qtbot, panel, file_db, site, english):
    """In Chinese the panel fits the width a 1400-pixel main window leaves it (about 1130
    pixels beside the navigation): the main window does not grow for it, so the totals beside
    six buttons were cut off mid-sentence ("81 batches, 13,130 seals, in")."""
    english("zh_CN")
    make_batch(file_db, site, quantity=13130)
    with qtbot.waitSignal(panel.sig_batches_loaded, timeout=10000):
        panel.refresh()
    assert "13,130" in panel.totals_label.text()
    assert panel.minimumSizeHint().width() <= 1130
