"""Seals › Batches after a new batch: the new batch is the one selected (its labels open),
and the message saying so neither pushes the table down nor pulls it up when it goes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.seals.gui_fixtures import make_site
from tests.seals.test_batches_panel import make_batch
from widgets.desk import Desk
from widgets.seals.batch_dialog import CreateBatchDialog
from widgets.seals.batches_panel import BatchesPanel


@pytest.fixture
def panel(qtbot, file_db, tasks, make_user):
    site = make_site(file_db, make_user)
    make_batch(file_db, site, 54)  # an older batch, selected when the panel opens
    widget = BatchesPanel(Desk(file_db, tasks, site.admin))
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show()
    qtbot.waitUntil(lambda: widget.selected_batch() is not None, timeout=5000)
    return widget


def create_in_dialog(qtbot, panel: BatchesPanel, quantity: int) -> None:
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(CreateBatchDialog)
    dialog.quantity_spin.setValue(quantity)
    qtbot.keyClicks(dialog.manufacturer_edit, "Shandong Seals Ltd")
    with qtbot.waitSignal(panel.sig_batches_loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_the_new_batch_is_selected_and_its_labels_open(qtbot, panel):
    old = panel.selected_batch()
    create_in_dialog(qtbot, panel, 30)
    chosen = panel.selected_batch()
    assert chosen.id != old.id and chosen.quantity == 30
    assert panel.units_title.text() == f"Batch {chosen.batch_no} by unit"
    qtbot.mouseClick(panel.labels_button, Qt.MouseButton.LeftButton)
    labels = panel.last_dialog
    assert (labels.first_edit.text(), labels.last_edit.text()) == (chosen.first_no, chosen.last_no)
    labels.close()


def test_the_success_message_does_not_move_the_table(qtbot, panel):
    top = panel.table.geometry().top()
    create_in_dialog(qtbot, panel, 30)
    assert "created: 30 seals" in panel.message_bar.text
    qtbot.waitUntil(lambda: panel.table.geometry().top() == top, timeout=2000)  # laid out
    panel.message_bar.clear()  # what its timeout does
    assert panel.table.geometry().top() == top


def test_the_manufacturer_is_marked_as_required(qtbot, panel):
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(CreateBatchDialog)
    caption = dialog.form.labelForField(dialog.manufacturer_edit).text()
    assert caption.endswith("*")
    assert "required" in dialog.required_note.text()
