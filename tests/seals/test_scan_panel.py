"""Seals › Scan and Inspection check: scanner keystrokes + Enter, verdicts, work orders."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.services import seals
from console.services.admin import site_keys
from tests.seals.gui_fixtures import make_site
from widgets.desk import Desk
from widgets.seals.inspection import InspectionPanel
from widgets.seals.install_panel import InstallPanel
from widgets.seals.scan_panel import SealScanPanel
from widgets.seals.verdict import Tone


@pytest.fixture
def site(file_db, make_user):
    return make_site(file_db, make_user)


@pytest.fixture
def batch(file_db, site):
    """Four seals; the first two installed on the site's meter by the installer."""
    made = seals.create_batch(file_db, site.admin, seal_type="plastic", colour="红", year=2026,
                              manufacturer="山东电力设备厂", unit_id=site.unit_id, quantity=4)
    labels = seals.label_data(file_db, site.admin, batch_id=made.id)
    seals.issue_to_installer(file_db, site.admin, site.installer_id,
                             first_no=made.first_no, last_no=made.last_no)
    for label, position in zip(labels[:2], ("meter_cover", "terminal_cover"), strict=True):
        seals.install(file_db, site.installer, label.seal_no, meter_id=site.meter_id,
                      position=position)
    return labels


def scanner_types(qtbot, field, text: str) -> None:
    """What a USB scanner in keyboard mode does: one key per character, then Enter."""
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.fixture
def scan_panel(qtbot, file_db, tasks, site):
    panel = SealScanPanel(Desk(file_db, tasks, site.installer))
    qtbot.addWidget(panel)
    panel.resize(1100, 700)
    panel.show()
    return panel


def scan(qtbot, panel: SealScanPanel, text: str):
    with qtbot.waitSignal(panel.sig_scan_shown, timeout=10000) as shown:
        scanner_types(qtbot, panel.scan_field, text)
    return shown.args[0]


def test_a_genuine_qr_shows_genuine_where_it_is_and_its_history(qtbot, scan_panel, batch, site):
    result = scan(qtbot, scan_panel, batch[0].qr_payload)
    assert result.verdict == "genuine"
    assert scan_panel.banner.tone is Tone.GOOD
    assert scan_panel.banner.headline.text() == "Genuine seal"
    assert scan_panel.facts.value("state") == "Installed"
    assert scan_panel.facts.value("meter") == site.meter_no
    assert scan_panel.facts.value("position") == "Meter cover"
    assert "3700012345" in scan_panel.facts.value("customer")
    moves = [scan_panel.history_model.index(r, 1).data()
             for r in range(scan_panel.history_model.rowCount())]
    assert "Issued to installer → Installed" in moves
    assert scan_panel.scan_field.text() == "" and scan_panel.scan_field.hasFocus()


def test_a_qr_with_one_byte_changed_shows_forged(qtbot, scan_panel, batch):
    payload = batch[1].qr_payload
    forged = payload[:-3] + ("A" if payload[-3] != "A" else "B") + payload[-2:]
    scan(qtbot, scan_panel, forged)
    assert scan_panel.banner.tone is Tone.BAD
    assert scan_panel.banner.headline.text().startswith("FORGED")


def test_a_qr_of_a_revoked_key_shows_revoked_not_genuine(qtbot, scan_panel, batch, file_db,
                                                          site):
    site_keys.revoke_site_key(file_db, site.admin, batch[0].key_id)
    result = scan(qtbot, scan_panel, batch[0].qr_payload)
    assert result.verdict == "revoked" and scan_panel.banner.tone is Tone.BAD
    assert scan_panel.banner.headline.text().startswith("REVOKED KEY")


@pytest.mark.parametrize("junk", ["hello world", "3700012345", "GDS1|37001090000|x",
                                  "3700109000000000000019"])
def test_junk_says_not_a_seal_code_and_changes_nothing(qtbot, scan_panel, batch, junk):
    result = scan(qtbot, scan_panel, junk)
    assert result.verdict == "not_a_seal"
    assert scan_panel.banner.headline.text() == "Not a seal code"
    assert not scan_panel.facts.isVisible() and not scan_panel.history.isVisible()


def test_a_typed_seal_number_shows_its_record(qtbot, scan_panel, batch):
    scan(qtbot, scan_panel, batch[3].seal_no)
    assert scan_panel.banner.headline.text() == f"Seal {batch[3].seal_no} is on record"
    assert scan_panel.facts.value("state") == "Issued to installer"


@pytest.fixture
def inspection(qtbot, file_db, tasks, site, batch):
    panel = InspectionPanel(Desk(file_db, tasks, site.installer))
    qtbot.addWidget(panel)
    panel.resize(1100, 760)
    panel.show()
    with qtbot.waitSignal(panel.sig_meter_chosen, timeout=10000):
        scanner_types(qtbot, panel.meter_field, site.meter_no)
    return panel


def check(qtbot, panel: InspectionPanel, scans: list[str]):
    for text in scans:
        scanner_types(qtbot, panel.seal_field, text)
    with qtbot.waitSignal(panel.sig_checked, timeout=10000) as checked:
        qtbot.keyClick(panel.seal_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    return checked.args[0]


def test_all_seals_found_is_intact(qtbot, inspection, batch):
    assert inspection.meter_card.value("recorded") == "2"
    result = check(qtbot, inspection, [batch[0].qr_payload, batch[1].qr_payload])
    assert [f.outcome for f in result.findings] == ["intact", "intact"]
    assert inspection.banner.tone is Tone.GOOD and not result.work_order_no


def test_a_foreign_seal_shows_mismatch_and_the_work_order(qtbot, inspection, batch):
    result = check(qtbot, inspection, [batch[0].qr_payload, batch[3].qr_payload])
    outcomes = {inspection.findings_model.index(r, 0).data():
                inspection.findings_model.index(r, 1).data()
                for r in range(inspection.findings_model.rowCount())}
    assert outcomes[batch[3].seal_no].startswith("Mismatch")
    assert outcomes[batch[1].seal_no].startswith("Missing")
    assert result.work_order_no
    assert inspection.banner.tone is Tone.BAD
    assert result.work_order_no in inspection.banner.detail.text()


def test_an_unknown_meter_number_is_said_inline(qtbot, inspection):
    scanner_types(qtbot, inspection.meter_field, "9999999999")
    qtbot.waitUntil(lambda: "No meter" in inspection.message_bar.text, timeout=10000)


@pytest.fixture
def installing(qtbot, file_db, tasks, site, batch):
    panel = InstallPanel(Desk(file_db, tasks, site.installer))
    qtbot.addWidget(panel)
    panel.resize(1100, 760)
    panel.show()
    with qtbot.waitSignal(panel.sig_meter_chosen, timeout=10000):
        scanner_types(qtbot, panel.meter_field, site.meter_no)
    return panel


def seals_on_meter(panel: InstallPanel) -> list[str]:
    model = panel.on_meter_model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_an_installer_scans_a_seal_onto_the_free_position(qtbot, installing, batch):
    assert installing.position_combo.currentData() == "metering_box"  # the first free one
    with qtbot.waitSignal(installing.sig_meter_chosen, timeout=10000):  # reloaded after
        scanner_types(qtbot, installing.seal_field, batch[2].qr_payload)
    assert installing.banner.tone is Tone.GOOD
    assert batch[2].seal_no in seals_on_meter(installing)


def test_a_forged_seal_is_never_installed(qtbot, installing, batch, file_db, site):
    payload = batch[2].qr_payload
    forged = payload[:-3] + ("A" if payload[-3] != "A" else "B") + payload[-2:]
    scanner_types(qtbot, installing.seal_field, forged)
    qtbot.waitUntil(lambda: installing.banner.isVisible(), timeout=10000)
    assert installing.banner.tone is Tone.BAD
    assert seals.find_meter(file_db, site.installer, site.meter_no).recorded == 2


def test_removing_a_seal_needs_a_reason(qtbot, installing, batch):
    installing.on_meter.selectRow(0)
    assert not installing.remove_button.isEnabled()
    qtbot.keyClicks(installing.reason_edit, "meter replaced")
    with qtbot.waitSignal(installing.sig_removed, timeout=10000):
        qtbot.keyClick(installing.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: installing.on_meter_model.rowCount() == 1, timeout=10000)


def test_in_chinese_a_genuine_seal_says_so_in_chinese(qtbot, file_db, tasks, site, batch,
                                                       english):
    english("zh_CN")
    panel = SealScanPanel(Desk(file_db, tasks, site.installer))
    qtbot.addWidget(panel)
    panel.show()
    scan(qtbot, panel, batch[0].qr_payload)
    assert panel.banner.headline.text() == "真品封印"
    assert panel.facts.value("state") == "已装用" and panel.facts.value("position") == "表盖"


def test_delete_removes_the_selected_scan_but_not_text_in_the_fields(qtbot, inspection, batch):
    scanner_types(qtbot, inspection.seal_field, batch[0].qr_payload)
    scanner_types(qtbot, inspection.seal_field, batch[1].qr_payload)
    qtbot.keyClicks(inspection.seal_field, "37")
    qtbot.keyClick(inspection.seal_field, Qt.Key.Key_Backspace)
    assert inspection.scanned_list.count() == 2 and inspection.seal_field.text() == "3"
    inspection.scanned_list.setCurrentRow(0)
    inspection.scanned_list.setFocus()
    qtbot.keyClick(inspection.scanned_list, Qt.Key.Key_Delete)
    assert inspection.scanned() == [batch[1].qr_payload]
