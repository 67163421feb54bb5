"""A customer's name is shown as the characters it holds, in the customer view and in the
payment dialog — never applied as markup (the finding: a huge red "已缴清" across the screen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from console.models import Customer
from tests.payments.test_dialog import (
    Receipts,
    hall as hall,  # the fixture
    open_dialog,
    open_panel,
)
from widgets.plain_text import rich

HOSTILE = '李<font size="60" color="red">已缴清</font>'


@pytest.fixture
def receipts():
    return Receipts()


@pytest.fixture
def hostile_hall(file_db, hall):
    with file_db.session() as s:
        s.get(Customer, hall["farmer"]).name = HOSTILE
    return hall


def test_the_name_shows_as_written_in_the_view_and_the_payment_dialog(qtbot, file_db, tasks,
                                                                     hostile_hall, receipts):
    panel = open_panel(qtbot, file_db, tasks, hostile_hall["clerk"], receipts,
                       hostile_hall["farmer_no"])
    name = panel.view.name_label
    assert HOSTILE in name.text() and name.textFormat() == Qt.TextFormat.PlainText
    assert name.sizeHint().height() < 50  # a 60-point "已缴清" would be taller
    dialog = open_dialog(qtbot, panel)
    heading = dialog.customer_label
    assert HOSTILE in heading.text() and heading.textFormat() == Qt.TextFormat.PlainText
    assert heading.sizeHint().height() < 50
    assert dialog.summary_label.textFormat() == Qt.TextFormat.RichText  # our own <b> words


def test_a_label_that_asks_for_rich_text_keeps_it(qtbot):
    plain, bold = QLabel(HOSTILE), rich(QLabel("<b>98.62</b>"))
    for label in (plain, bold):
        qtbot.addWidget(label)
        label.show()
    assert plain.textFormat() == Qt.TextFormat.PlainText
    assert bold.textFormat() == Qt.TextFormat.RichText
