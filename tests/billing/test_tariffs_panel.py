"""Administration › Tariffs: the versions table, a new version through the dialog, refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from console.services.auth import login
from console.services.billing.tariffs import TariffSpec, TierSpec, create_tariff, list_tariffs
from tests.gui_support import PASSWORD
from widgets.admin.panel import AdminPanel
from widgets.billing.tariff_dialog import NewVersionDialog
from widgets.billing.tariffs_panel import TariffsPanel
from widgets.desk import Desk

D = Decimal
TIERS = (TierSpec(D(2520), D("0.5469")), TierSpec(D(4800), D("0.5969")),
         TierSpec(None, D("0.8469")))


@pytest.fixture
def admin(file_db, make_user):
    actor = login(file_db, make_user("zhaomin", "admin", full_name="赵敏"), PASSWORD)
    create_tariff(file_db, actor, TariffSpec(
        code="RES-T", name="居民阶梯电价", kind="tiered", category="residential",
        effective_from=dt.date(2026, 1, 1), price=D("0.5469"), tiers=TIERS))
    return actor


@pytest.fixture
def panel(qtbot, file_db, tasks, admin):
    widget = AdminPanel(Desk(file_db, tasks, admin))
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    tariffs = widget.tariffs_panel
    assert isinstance(tariffs, TariffsPanel)
    widget.show()
    widget.tabs.setCurrentWidget(tariffs)
    qtbot.waitUntil(lambda: tariffs.model.rowCount() >= 1, timeout=5000)
    yield tariffs  # (yield: `widget`, the owner, stays referenced during the test)


def open_new_version(qtbot, panel: TariffsPanel) -> NewVersionDialog:
    panel.select_version("RES-T")
    qtbot.mouseClick(panel.new_version_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(NewVersionDialog)
    assert dialog is not None
    return dialog


def texts(panel: TariffsPanel, row: int) -> list[str]:
    return [panel.model.index(row, c).data() for c in range(panel.model.columnCount())]


def test_the_table_shows_a_tiered_tariff(panel):
    assert texts(panel, 0) == [
        "RES-T", "居民阶梯电价", "Tiered", "Residential", "2026-01-01", "until replaced",
        "0.5469", "≤2520: 0.5469 / ≤4800: 0.5969 / >4800: 0.8469"]


def test_admin_adds_a_version_and_the_old_one_ends_the_day_before(qtbot, panel, file_db, admin):
    dialog = open_new_version(qtbot, panel)
    assert dialog.name_edit.text() == "居民阶梯电价"
    assert [e.text() for e in dialog.limit_edits] == ["2520", "4800", ""]
    assert [e.text() for e in dialog.tier_price_edits] == ["0.5469", "0.5969", "0.8469"]
    dialog.from_edit.setDate(QDate(2026, 7, 1))
    dialog.name_edit.setText("居民阶梯电价（2026下半年）")
    dialog.limit_edits[0].setText("2600")
    dialog.tier_price_edits[2].setText("0.8500")
    with qtbot.waitSignal(panel.sig_tariffs_loaded, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 2
    assert texts(panel, 0)[4:6] == ["2026-01-01", "2026-06-30"]
    assert texts(panel, 1)[1] == "居民阶梯电价（2026下半年）"
    assert texts(panel, 1)[4:] == ["2026-07-01", "until replaced", "0.5469",
                                   "≤2600: 0.5469 / ≤4800: 0.5969 / >4800: 0.8500"]
    assert "Saved: tariff RES-T from 2026-07-01" in panel.message_bar.text
    stored = list_tariffs(file_db, admin, code="RES-T")
    assert stored[1].tiers[2].price == D("0.8500") and isinstance(stored[1].price, Decimal)


def test_an_overlapping_day_is_refused_inline_and_writes_nothing(qtbot, panel, file_db, admin):
    dialog = open_new_version(qtbot, panel)
    dialog.from_edit.setDate(QDate(2025, 12, 1))  # before the current version starts
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already has a version" in dialog.message_bar.text, timeout=5000)
    assert "2026-01-01" in dialog.message_bar.text
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    stored = list_tariffs(file_db, admin, code="RES-T")
    assert [(t.effective_from, t.effective_to) for t in stored] == [(dt.date(2026, 1, 1), None)]


def test_bad_numbers_are_refused_inline(qtbot, panel, file_db, admin):
    dialog = open_new_version(qtbot, panel)
    dialog.tier_price_edits[1].setText("0,59")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "is not a number" in dialog.message_bar.text  # no task: checked at once
    dialog.tier_price_edits[1].setText("0.59691")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "more than four decimals" in dialog.message_bar.text, timeout=5000)
    dialog.tier_price_edits[1].setText("0.5969")
    dialog.limit_edits[1].setText("2000")  # below tier 1
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "rise from tier to tier" in dialog.message_bar.text, timeout=5000)
    assert len(list_tariffs(file_db, admin, code="RES-T")) == 1


def test_a_role_without_manage_tariffs_sees_no_tariffs_tab(qtbot, file_db, tasks, admin):
    supervisor = admin.__class__(**{**admin.__dict__, "role": "supervisor"})
    widget = AdminPanel(Desk(file_db, tasks, supervisor))
    qtbot.addWidget(widget)
    assert widget.tariffs_panel is None
    assert widget.tabs.count() == 1 and widget.findChild(TariffsPanel) is None
    # AdminPanel's users list is refused to a supervisor: wait for that answer.
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)


def test_chinese(qtbot, panel, english):
    english("zh_CN")
    panel.retranslate_ui()
    panel.window().retranslate_ui()  # the AdminPanel: its tab titles
    assert panel.window().tabs.tabText(1) == "电价"
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) != "Code"
    assert panel.model.index(0, 2).data() != "Tiered"
