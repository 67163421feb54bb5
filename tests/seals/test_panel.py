"""The Seals panel by role, the main window's F7, and the inventory count."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.services import seals
from console.services.auth import login
from tests.gui_support import PASSWORD
from tests.seals.gui_fixtures import make_site
from widgets.desk import Desk
from widgets.main_window import MainWindow
from widgets.navigation import visible_panels
from widgets.seals.issue_dialog import MoveSealsDialog
from widgets.seals.seals_panel import SealsPanel
from widgets.seals.verdict import Tone


@pytest.fixture
def site(file_db, make_user):
    return make_site(file_db, make_user)


def tab_titles(panel: SealsPanel) -> list[str]:
    return [panel.tabs.tabText(i) for i in range(panel.tabs.count())]


def test_an_inspector_scans_and_checks_but_does_not_manage(qtbot, file_db, tasks, site):
    panel = SealsPanel(Desk(file_db, tasks, site.installer))
    qtbot.addWidget(panel)
    assert tab_titles(panel) == ["Scan and verify", "Inspection check", "Install and remove"]
    assert panel.batches is None  # no issuing without ISSUE_SEALS


def test_a_counter_clerk_is_not_offered_seals_at_all():
    assert "seals" not in [spec.key for spec in visible_panels("counter")]


def test_a_supervisor_issues_seals_to_an_installer_from_the_panel(qtbot, file_db, tasks, site,
                                                                  make_user):
    """ISSUE_SEALS is a supervisor's right (issue 16): the panel offers issuing and taking
    back, and nothing of an admin's (new batches, labels, scrap, the anomaly list)."""
    make_user("wanghong", "supervisor", full_name="王红")
    boss = login(file_db, "wanghong", PASSWORD)
    batch = seals.create_batch(file_db, site.admin, seal_type="plastic", colour="红", year=2026,
                               manufacturer="厂", unit_id=site.unit_id, quantity=30)
    panel = SealsPanel(Desk(file_db, tasks, boss))
    qtbot.addWidget(panel)
    panel.resize(1300, 600)
    panel.show()
    assert tab_titles(panel) == ["Scan and verify", "Inspection check", "Install and remove",
                                 "Batches", "Installer holdings"]
    batches = panel.batches
    panel.show_tab(batches)
    qtbot.waitUntil(lambda: batches.model.rowCount() == 1 and bool(batches.installers),
                    timeout=10000)
    offered = [b for b in (batches.new_button, batches.issue_unit_button,
                           batches.issue_installer_button, batches.return_button,
                           batches.labels_button, batches.more_button) if b.isVisible()]
    assert offered == [batches.issue_unit_button, batches.issue_installer_button,
                       batches.return_button]
    batches.table.selectRow(0)
    qtbot.mouseClick(batches.issue_installer_button, Qt.MouseButton.LeftButton)
    dialog = batches.findChild(MoveSealsDialog)
    assert dialog.count_label.text() == "30"
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData(site.installer_id))
    with qtbot.waitSignal(batches.sig_batches_loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    model = batches.model
    row = {model.headerData(c, Qt.Orientation.Horizontal): model.index(0, c).data()
           for c in range(model.columnCount())}
    assert row["With installers"] == "30" and row["In stock"] == "0"
    assert "Seals moved: 30" in batches.message_bar.text
    assert seals.seal_history(file_db, site.admin, batch.first_no).holder_id == site.installer_id


def test_an_admin_gets_the_whole_seal_administration(qtbot, file_db, tasks, site):
    panel = SealsPanel(Desk(file_db, tasks, site.admin))
    qtbot.addWidget(panel)
    assert tab_titles(panel) == ["Scan and verify", "Inspection check", "Install and remove",
                                 "Batches", "Anomalies", "Installer holdings", "Inventory count"]


def test_f7_opens_the_panel_with_the_caret_in_the_scan_field(qtbot, file_db, tasks, site,
                                                             settings):
    window = MainWindow(file_db, tasks, site.installer, settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    panel = window.panel("seals")
    assert window.current_panel_key() == "seals" and isinstance(panel, SealsPanel)
    qtbot.waitUntil(lambda: panel.scan.scan_field.hasFocus(), timeout=3000)


def test_inventory_count_shows_what_is_missing_from_the_bag(qtbot, file_db, tasks, site):
    batch = seals.create_batch(file_db, site.admin, seal_type="lead", colour="蓝", year=2026,
                               manufacturer="菏泽铅封厂", unit_id=site.unit_id, quantity=6)
    seals.issue_to_installer(file_db, site.admin, site.installer_id, first_no=batch.first_no,
                             last_no=batch.last_no)
    numbers = [label.seal_no for label in seals.label_data(file_db, site.admin, batch_id=batch.id)]
    panel = SealsPanel(Desk(file_db, tasks, site.admin))
    qtbot.addWidget(panel)
    panel.show()
    inventory = panel.inventory
    panel.show_tab(inventory)
    qtbot.waitUntil(lambda: inventory.scope_combo.count() > 0, timeout=5000)
    combo = inventory.scope_combo
    combo.setCurrentIndex(next(i for i in range(combo.count())
                               if combo.itemData(i) == ("holder", site.installer_id)))
    for number in numbers[:4] + [numbers[0]]:  # one scanned twice counts once
        qtbot.keyClicks(inventory.scan_field, number)
        qtbot.keyClick(inventory.scan_field, Qt.Key.Key_Return)
    assert inventory.count_label.text() == "Scanned: 4"
    assert "scanned already" in inventory.message_bar.text
    with qtbot.waitSignal(inventory.sig_counted, timeout=10000) as counted:
        qtbot.mouseClick(inventory.finish_button, Qt.MouseButton.LeftButton)
    assert sorted(counted.args[0].missing) == numbers[4:]
    assert inventory.banner.tone is Tone.BAD
    assert [inventory.missing_list.item(i).text() for i in range(2)] == numbers[4:]


def test_the_anomaly_list_shows_the_work_order_an_inspection_opened(qtbot, file_db, tasks, site):
    batch = seals.create_batch(file_db, site.admin, seal_type="plastic", colour="红", year=2026,
                               manufacturer="厂", unit_id=site.unit_id, quantity=2)
    result = seals.inspection_check(file_db, site.installer, site.meter_id, [batch.first_no])
    panel = SealsPanel(Desk(file_db, tasks, site.admin))
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.anomalies.sig_loaded, timeout=10000):
        panel.show_tab(panel.anomalies)  # opening the tab loads it afresh
    model = panel.anomalies.model
    row = {model.headerData(c, Qt.Orientation.Horizontal): model.index(0, c).data()
           for c in range(model.columnCount())}
    assert row["Anomaly"] == "Seal from elsewhere" and row["Seal"] == batch.first_no
    assert row["Work order"] == result.work_order_no and row["Order state"] == "Open"


def test_the_holdings_in_view_follow_a_seal_issued_on_the_same_desk(qtbot, file_db, tasks, site):
    """Another panel of this login hands seals to an installer: the holdings list on screen
    shows them without a tab switch or a Refresh."""
    batch = seals.create_batch(file_db, site.admin, seal_type="plastic", colour="红", year=2026,
                               manufacturer="厂", unit_id=site.unit_id, quantity=3)
    desk = Desk(file_db, tasks, site.admin)
    panel = SealsPanel(desk)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.holdings.sig_loaded, timeout=10000):
        panel.show_tab(panel.holdings)
    assert panel.holdings.model.rowCount() == 0

    def issue():
        return seals.issue_to_installer(file_db, site.admin, site.installer_id,
                                        first_no=batch.first_no, last_no=batch.last_no)
    with qtbot.waitSignal(panel.holdings.sig_loaded, timeout=10000) as loaded:
        desk.run(issue, panel.install, lambda _result: None, pytest.fail, write=True)
    assert loaded.args == [1]
    model = panel.holdings.model
    row = {model.headerData(c, Qt.Orientation.Horizontal): model.index(0, c).data()
           for c in range(model.columnCount())}
    assert row["Seals held"] == "3" and row["From"] == batch.first_no
    assert row["To"] == batch.last_no
