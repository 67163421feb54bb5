"""Scanning seals, inspection checks and their work orders, holdings and inventory counts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from console import ids, signing
from console.errors import PermissionDenied, ValidationError
from console.models import AuditEvent, Seal, SealAnomaly, SealEvent, SealScan, WorkOrder
from console.seals import qr
from console.services import seals
from console.services.admin import site_keys
from console.services.seals import SealRefused
from tests.seals.helpers import World, build


@pytest.fixture
def w(db) -> World:
    return build(db)


@pytest.fixture
def labels(db, w) -> list[seals.SealLabel]:
    batch = seals.create_batch(db, w.admin, seal_type="electronic", colour="蓝", year=2026,
                               manufacturer="鲁电", unit_id=w.unit, quantity=4)
    return seals.label_data(db, w.admin, batch_id=batch.id)


def _installed(db, w, labels, n=2) -> list[str]:
    numbers = [lab.seal_no for lab in labels]
    seals.issue_to_installer(db, w.admin, w.fitter.user_id, seal_nos=numbers)
    positions = ("meter_cover", "terminal_cover", "metering_box")
    for no, pos in zip(numbers[:n], positions, strict=False):
        seals.install(db, w.fitter, no, meter_id=w.meter, position=pos)
    return numbers


def _counts(db) -> tuple[int, int, int]:
    with db.session() as s:
        return (s.scalar(select(func.count()).select_from(SealEvent)),
                s.scalar(select(func.count()).select_from(SealScan)),
                s.scalar(select(func.count()).select_from(AuditEvent)))


def test_label_qr_scans_genuine_with_where_it_is_and_its_history(db, w, labels):
    numbers = _installed(db, w, labels)
    result = seals.scan(db, w.fitter2, labels[0].qr_payload)
    assert (result.verdict, result.seal_no, result.known) == ("genuine", numbers[0], True)
    assert (result.state, result.meter_no, result.position) == ("installed", w.meter_no, "meter_cover")
    assert result.customer_no == w.customer_no and result.customer_name == "王伟"
    assert [h.to_state for h in result.history] == ["installed", "issued_person", "in_stock"]
    assert result.history[0].actor == "测试zhang" and result.history[1].holder == "测试zhang"


def test_label_payload_has_no_personal_data(db, w, labels):
    _installed(db, w, labels)
    payload = seals.label_data(db, w.admin, seal_nos=[labels[0].seal_no])[0].qr_payload
    assert "王伟" not in payload and w.customer_no not in payload
    assert payload.split("|")[:4] == ["GDS1", labels[0].seal_no, labels[0].batch_no, "37001"]


def _flip(text: str, index: int) -> str:
    """Change one character to another of the same kind, so the QR keeps its shape."""
    ch = text[index]
    swap = "1" if ch == "0" else "0" if ch.isdigit() else ("B" if ch == "A" else "A")
    return text[:index] + swap + text[index + 1:]


@pytest.mark.parametrize("where", ["seal_no", "batch", "signature"])
def test_one_changed_byte_is_forged(db, w, labels, where):
    payload = labels[0].qr_payload
    index = {"seal_no": 10, "batch": payload.index("|", 6) + 2, "signature": len(payload) - 20}[where]
    result = seals.scan(db, w.fitter, _flip(payload, index))
    assert result.verdict == "forged"


def test_qr_signed_by_another_key_is_forged(db, w, labels):
    stranger = signing.Signer.generate()
    fake = qr.make(stranger, seal_no=labels[0].seal_no, batch_no=labels[0].batch_no, unit_code="37001")
    assert seals.scan(db, w.fitter, fake.text()).verdict == "forged"


def test_qr_of_a_retired_key_still_verifies(db, w, labels):
    site_keys.rotate_site_key(db, w.admin)
    assert seals.scan(db, w.fitter, labels[0].qr_payload).verdict == "genuine"


def test_qr_verifies_offline_with_exported_keys(db, w, labels):
    with db.session() as s:
        keys = signing.PublicKeySet.from_export(site_keys.export_public_keys(s))
    assert qr.parse(labels[1].qr_payload).verifies(keys)
    assert not qr.parse(_flip(labels[1].qr_payload, 12)).verifies(keys)


def test_barcode_scan_shows_the_seal_without_a_signature(db, w, labels):
    result = seals.scan(db, w.fitter, " " + labels[2].seal_no + "\n")
    assert (result.verdict, result.known, result.state) == ("barcode", True, "in_stock")
    unknown = seals.scan(db, w.fitter, ids.make_asset_code("37009", "09", 5))
    assert (unknown.verdict, unknown.known) == ("barcode", False)


@pytest.mark.parametrize("text", ["hello world", "3700000101", "", "   ",
                                  "3700109000000000000012",  # wrong check digit
                                  "TRUNCATED", "x" * 5000, "中文扫描", "GDS1|"])
def test_not_a_seal_is_logged_and_changes_nothing(db, w, labels, text):
    if text == "TRUNCATED":
        text = labels[0].qr_payload[:60]
    before = _counts(db)
    result = seals.scan(db, w.fitter, text)
    assert result.verdict == "not_a_seal" and result.message.startswith("not a seal code")
    events, scans, audits = _counts(db)
    assert (events, scans, audits) == (before[0], before[1] + 1, before[2] + 1)
    with db.session() as s:
        assert s.scalar(select(SealScan.verdict).order_by(SealScan.id.desc()).limit(1)) == "not_a_seal"


def test_meter_number_is_not_a_seal(db, w, labels):
    assert seals.scan(db, w.fitter, w.meter_no).verdict == "not_a_seal"


def test_scan_with_the_same_key_logs_once(db, w, labels):
    seals.scan(db, w.fitter, labels[0].qr_payload, idempotency_key="s1")
    seals.scan(db, w.fitter, labels[0].qr_payload, idempotency_key="s1")
    assert _counts(db)[1] == 1


def test_scanning_needs_use_seals(db, w, labels):
    with pytest.raises(PermissionDenied):
        seals.scan(db, w.clerk, labels[0].qr_payload)


# -- inspection check --------------------------------------------------------


def test_a_seal_of_a_revoked_key_on_a_meter_is_an_anomaly_not_intact(db, w, labels):
    numbers = _installed(db, w, labels)
    site_keys.revoke_site_key(db, w.admin, labels[0].key_id)
    result = seals.inspection_check(db, w.fitter2, w.meter, [labels[0].qr_payload, numbers[1]])
    assert [(f.seal_no, f.outcome, f.detail) for f in result.findings][0] == (
        numbers[0], "forged", "signed with a revoked key")
    assert result.anomalies == 1 and result.work_order_no


def test_intact_meter_opens_nothing(db, w, labels):
    numbers = _installed(db, w, labels)
    result = seals.inspection_check(db, w.fitter2, w.meter, [labels[1].qr_payload, numbers[0]])
    assert [(f.seal_no, f.outcome) for f in result.findings] == [(numbers[1], "intact"),
                                                                  (numbers[0], "intact")]
    assert result.anomalies == 0 and result.work_order_id is None
    assert seals.anomalies(db, w.admin) == []


def test_each_anomaly_kind_and_the_work_order(db, w, labels):
    numbers = _installed(db, w, labels)
    forged = _flip(labels[3].qr_payload, len(labels[3].qr_payload) - 5)
    stranger = ids.make_asset_code("37009", "09", 77)
    scanned = [numbers[0], numbers[2], stranger, forged, "junk", numbers[0]]
    result = seals.inspection_check(db, w.fitter2, w.meter, scanned, idempotency_key="insp-1")
    outcomes = {f.outcome: f.seal_no for f in result.findings}
    assert outcomes == {"intact": numbers[0], "mismatch": numbers[2], "unknown": stranger,
                        "forged": numbers[3], "not_a_seal": "junk", "missing": numbers[1]}
    assert result.anomalies == 5 and result.work_order_no.startswith("GD")
    with db.session() as s:
        order = s.get(WorkOrder, result.work_order_id)
        assert (order.kind, order.unit_id, order.meter_id, order.source) == (
            "seal_check", w.unit, w.meter, "seal_engine")
        assert s.scalar(select(func.count()).select_from(SealAnomaly)) == 4
    listed = seals.anomalies(db, w.admin)
    assert {a.kind for a in listed} == {"mismatch", "unknown", "forged", "missing"}
    assert all(a.work_order_no == result.work_order_no and a.meter_no == w.meter_no for a in listed)
    assert listed[0].reported_by == "测试li" and listed[0].work_order_state == "open"
    again = seals.inspection_check(db, w.fitter2, w.meter, scanned, idempotency_key="insp-1")
    assert again.replayed and again.work_order_id == result.work_order_id
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(WorkOrder)) == 1
        assert s.scalar(select(func.count()).select_from(SealAnomaly)) == 4


def test_admin_inspection_opens_an_order_too(db, w, labels):
    _installed(db, w, labels)
    result = seals.inspection_check(db, w.admin, w.meter, [])
    assert result.anomalies == 2 and result.work_order_id is not None


def test_inspection_of_a_meter_that_does_not_exist(db, w):
    with pytest.raises(SealRefused):
        seals.inspection_check(db, w.fitter, 999_999, [])
    with pytest.raises(ValidationError):
        seals.inspection_check(db, w.fitter, w.meter, ["x"] * 51)


def test_find_meter_by_asset_no_address_or_customer(db, w, labels):
    _installed(db, w, labels)
    by_no = seals.find_meter(db, w.fitter, w.meter_no)
    assert by_no.id == w.meter and by_no.recorded == 2 and by_no.customer_no == w.customer_no
    assert seals.find_meter(db, w.fitter, w.customer_no).id == w.meter
    with pytest.raises(SealRefused):
        seals.find_meter(db, w.fitter, "nonsense")


def test_anomaly_list_is_for_admins(db, w):
    with pytest.raises(PermissionDenied):
        seals.anomalies(db, w.fitter)


# -- holdings and counts -----------------------------------------------------


def test_holdings_per_installer_and_drawer(db, w, labels):
    numbers = [lab.seal_no for lab in labels]
    seals.issue_to_installer(db, w.admin, w.fitter.user_id, seal_nos=numbers[:3])
    seals.issue_to_unit(db, w.admin, w.other_unit, seal_nos=numbers[3:])
    rows = {(h.holder, h.unit): h for h in seals.holdings(db, w.admin)}
    assert rows[("测试zhang", "牡丹区供电所")].count == 3
    assert rows[("测试zhang", "牡丹区供电所")].first_no == numbers[0]
    assert rows[("", "单县供电所")].count == 1 and rows[("", "单县供电所")].oldest is not None


def test_inventory_count_finds_missing_and_unexpected(db, w, labels):
    numbers = [lab.seal_no for lab in labels]
    seals.issue_to_installer(db, w.admin, w.fitter.user_id, seal_nos=numbers[:3])
    stranger = ids.make_asset_code("37001", "09", 999)
    result = seals.inventory_count(db, w.fitter, [labels[0].qr_payload, numbers[1], stranger, "x"],
                                   holder_id=w.fitter.user_id)
    assert result.expected == 3 and result.found == tuple(sorted(numbers[:2]))
    assert result.missing == (numbers[2],) and result.unexpected == (stranger,)
    assert result.not_seals == ("x",)
    drawer = seals.inventory_count(db, w.admin, [numbers[3]], unit_id=w.unit)
    assert (drawer.expected, drawer.found, drawer.missing) == (1, (numbers[3],), ())
    with pytest.raises(PermissionDenied):
        seals.inventory_count(db, w.fitter, [], holder_id=w.fitter2.user_id)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Seal).where(Seal.state == "in_stock")) == 1


def test_qr_of_a_revoked_key_reports_revoked_and_the_revocation_is_audited(db, w, labels):
    key_id = labels[0].key_id
    info = site_keys.revoke_site_key(db, w.admin, key_id)
    assert info.revoked_at is not None and not info.active
    result = seals.scan(db, w.fitter, labels[0].qr_payload)
    assert (result.verdict, result.key_id) == ("revoked", key_id)
    with db.session() as s:
        assert not site_keys.verify_token(s, b"x", "") and site_keys.active_signer(s).key_id != key_id
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "site_key.revoked")).all()
    assert [(e.entity_id, e.actor_id) for e in events] == [(key_id, w.admin.user_id)]
    with pytest.raises(PermissionDenied):
        site_keys.revoke_site_key(db, w.fitter, key_id)
