"""Seal labels read back as a scanner would: PDF pages rendered to PNG, every Code 128 and
QR decoded with zxing-cpp, every QR signature checked; ZPL and TSPL have their structure."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader
from sqlalchemy import select

from console import ids, signing
from console.errors import NotFound, PermissionDenied, ValidationError
from console.models import AuditEvent
from console.seals import qr
from console.services import seals
from console.services.seals import batches as seals_batches
from console.services.seals.types import SealLabel
from reports import seal_labels, seal_labels_text
from tests.seals.helpers import build


def pages(pdf: bytes, dpi: int) -> list:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil() for i in range(len(doc))]
    finally:
        doc.close()


def decoded(image) -> dict[str, list[str]]:  # PIL image
    found: dict[str, list[str]] = {}
    for result in zxingcpp.read_barcodes(image):
        found.setdefault(result.format.name, []).append(result.text)
    return found


def offline_labels(count: int, *, reprint: bool = False,
                   signer: signing.Signer | None = None) -> tuple[list[SealLabel], signing.Signer]:
    signer = signer or signing.Signer.generate()
    out = []
    for n in range(1, count + 1):
        no = ids.make_asset_code("37001", "09", n)
        code = qr.make(signer, seal_no=no, batch_no="37001-2026-0001", unit_code="37001")
        out.append(SealLabel(no, "37001-2026-0001", "37001", "牡丹区供电所", "plastic", "红", 2026,
                             signer.key_id, code.text(), reprint))
    return out, signer


@pytest.fixture
def w(db):
    return build(db)


def test_a4_sheet_reads_back_and_every_qr_is_genuine(db, w, tmp_path):
    batch = seals.create_batch(db, w.admin, seal_type="lead", colour="红", year=2026,
                               manufacturer="鲁电", unit_id=w.unit, quantity=32)
    labels = seals.label_data(db, w.admin, batch_id=batch.id)
    pdf = seal_labels.render_sheet(labels)
    images = pages(pdf, 200)
    assert len(images) == 2  # 30 to a page
    images[0].save(tmp_path / "sheet.png")
    codes = {"Code128": [], "QRCode": []}
    for image in images:
        for kind, texts in decoded(image).items():
            codes[kind] += texts
    assert sorted(codes["Code128"]) == [lab.seal_no for lab in labels]
    assert sorted(codes["QRCode"]) == sorted(lab.qr_payload for lab in labels)
    verdicts = {seals.scan(db, w.fitter, text).verdict for text in codes["QRCode"]}
    assert verdicts == {"genuine"}
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert all(lab.seal_no in text for lab in labels)
    assert "牡丹区供电所" in text and "批次" in text and "补打" not in text
    assert "王伟" not in text and w.customer_no not in text


def test_thermal_labels_one_per_page_verify_offline(tmp_path):
    labels, signer = offline_labels(3)
    pdf = seal_labels.render_thermal(labels)
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert len(reader.pages) == 3 and round(float(box.width) / 72 * 25.4) == 40 \
        and round(float(box.height) / 72 * 25.4) == 30
    keys = signing.PublicKeySet({signer.key_id: signer.public_key})
    for label, image in zip(labels, pages(pdf, 300), strict=True):
        found = decoded(image)
        assert found["Code128"] == [label.seal_no]
        [payload] = found["QRCode"]
        assert payload == label.qr_payload and qr.parse(payload).verifies(keys)
    pages(pdf, 300)[0].save(tmp_path / "thermal.png")


def test_a_label_signed_by_another_key_reads_as_forged(db, w):
    batch = seals.create_batch(db, w.admin, seal_type="lead", colour="红", year=2026,
                               manufacturer="鲁电", unit_id=w.unit, quantity=1)
    forged, _ = offline_labels(1)  # same number, batch and unit, a stranger's key
    forged = [SealLabel(batch.first_no, batch.batch_no, *[getattr(forged[0], f) for f in (
        "unit_code", "unit_name", "seal_type", "colour", "year", "key_id")],
        qr.make(signing.Signer.generate(), seal_no=batch.first_no, batch_no=batch.batch_no,
                unit_code="37001").text())]
    [payload] = decoded(pages(seal_labels.render_thermal(forged), 300)[0])["QRCode"]
    assert seals.scan(db, w.fitter, payload).verdict == "forged"


def test_number_under_the_bars_does_not_touch_them():
    labels, _ = offline_labels(1)
    image = np.asarray(pages(seal_labels.render_thermal(labels), 300)[0].convert("L"))
    dots_per_mm = 300 / 25.4
    geo = seal_labels.THERMAL
    bars_bottom = (geo.bar_top + geo.bar_height) / 72 * 25.4 * dots_per_mm
    digits_top = bars_bottom + geo.number_gap / 72 * 25.4 * dots_per_mm
    band = image[int(bars_bottom) + 2:int(digits_top) - 1, :]
    assert band.size and band.min() > 200, "ink between the bars and the number"
    assert image[int(bars_bottom) - 3, :].min() < 50  # the bars do reach down to there


def test_reprint_is_marked_and_audited(db, w):
    batch = seals.create_batch(db, w.admin, seal_type="plastic", colour="黄", year=2026,
                               manufacturer="鲁电", unit_id=w.unit, quantity=3)
    first = seals.label_data(db, w.admin, batch_id=batch.id)
    again = seals.label_data(db, w.admin, seal_nos=[batch.last_no], reprint=True)
    assert not any(lab.reprint for lab in first) and [lab.reprint for lab in again] == [True]
    text = PdfReader(io.BytesIO(seal_labels.render_thermal(again))).pages[0].extract_text()
    assert "补打/REPRINT" in text and batch.last_no in text
    assert b"REPRINT" in seal_labels_text.zpl(again)
    assert "补打/REPRINT" in seal_labels_text.tspl(again).decode("gb18030")
    with db.session() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("seal.labels%"))
                            .order_by(AuditEvent.seq)).all()
    assert actions == ["seal.labels_printed", "seal.labels_reprinted"]


def label_events(db) -> list[tuple[str, dict]]:
    with db.session() as s:
        rows = s.execute(select(AuditEvent.action, AuditEvent.after)
                         .where(AuditEvent.action.like("seal.labels%"))
                         .order_by(AuditEvent.seq)).all()
    return [(action, json.loads(after)) for action, after in rows]


def test_labels_made_for_a_preview_record_nothing_until_printed(db, w):
    batch = seals.create_batch(db, w.admin, seal_type="plastic", colour="黄", year=2026,
                               manufacturer="鲁电", unit_id=w.unit, quantity=4)
    for _ in range(3):  # the dialog opened, the layout changed, Preview pressed
        labels = seals.label_data(db, w.admin, batch_id=batch.id, record=False)
    assert len(labels) == 4 and label_events(db) == []
    assert seals_batches.record_label_print(db, w.admin, batch_id=batch.id, how="print") == 4
    assert seals_batches.record_label_print(db, w.admin, seal_nos=[batch.last_no], how="zpl",
                                            reprint=True) == 1
    [(printed, first), (reprinted, again)] = label_events(db)
    assert (printed, reprinted) == ("seal.labels_printed", "seal.labels_reprinted")
    assert (first["how"], first["count"], first["first_no"]) == ("print", 4, batch.first_no)
    assert (again["how"], again["count"], again["last_no"]) == ("zpl", 1, batch.last_no)


def test_recording_a_printing_refuses_bad_input(db, w):
    batch = seals.create_batch(db, w.admin, seal_type="plastic", colour="黄", year=2026,
                               manufacturer="鲁电", unit_id=w.unit, quantity=2)
    with pytest.raises(ValidationError):
        seals_batches.record_label_print(db, w.admin, batch_id=batch.id, how="fax")
    with pytest.raises(NotFound):
        seals_batches.record_label_print(db, w.admin, batch_id=987654, how="pdf")
    with pytest.raises(PermissionDenied):
        seals_batches.record_label_print(db, w.fitter, batch_id=batch.id, how="pdf")
    assert label_events(db) == []


def test_label_data_bad_input(db, w):
    with pytest.raises(ValidationError):
        seals.label_data(db, w.admin)
    with pytest.raises(ValidationError):
        seals.label_data(db, w.admin, seal_nos=["12345"])
    with pytest.raises(NotFound):
        seals.label_data(db, w.admin, seal_nos=[ids.make_asset_code("37001", "09", 4242)])
    with pytest.raises(NotFound):
        seals.label_data(db, w.admin, batch_id=987654)
    with pytest.raises(PermissionDenied):
        seals.label_data(db, w.fitter, batch_id=1)


def test_zpl_structure_one_format_per_label():
    labels, _ = offline_labels(3)
    job = seal_labels_text.zpl(labels).decode("utf-8")
    formats = job.split("^XZ")[:-1]
    assert len(formats) == 3 and job.count("^XA") == 3
    for label, part in zip(labels, formats, strict=True):
        assert part.strip().startswith("^XA") and part.index("^BC") < part.index("^BQ")
        assert f"^FD{label.seal_no}^FS" in part and f"^FDMA,{label.qr_payload}^FS" in part
    assert "^BY2" in seal_labels_text.zpl(labels, dpi=300).decode()


def test_tspl_structure():
    labels, _ = offline_labels(2)
    job = seal_labels_text.tspl(labels).decode("gb18030").splitlines()
    assert job[0] == "SIZE 40 mm,30 mm"
    assert sum(line.startswith("BARCODE ") and '"128"' in line for line in job) == 2
    assert sum(line.startswith("QRCODE ") for line in job) == 2
    assert [line for line in job if line.startswith("PRINT")] == ["PRINT 1,1"] * 2
    assert f'"{labels[1].qr_payload}"' in job[job.index("PRINT 1,1") + 4]


@pytest.mark.parametrize("render", [seal_labels_text.zpl, seal_labels_text.tspl])
def test_printer_command_characters_in_a_code_are_refused(render):
    """Codes are refused, text fields escaped (tests/security/test_untrusted_text.py)."""
    labels, _ = offline_labels(1)
    for field in ("seal_no", "qr_payload"):
        bad = replace(labels[0], **{field: '37001^XZ"\nPRINT 9'})
        with pytest.raises(ValueError):
            render([bad])
    with pytest.raises(ValueError):
        render(labels, dpi=600)


def test_empty_label_list_is_refused():
    with pytest.raises(ValueError):
        seal_labels.render_sheet([])


@pytest.mark.parametrize("length", [1, 14, 30, 60, 100, 140, 152, 153, 180, 213])
def test_our_qr_encoder_decodes_at_every_version(length):
    from PIL import Image

    from reports.qr_matrix import matrix, version_for

    payload = bytes((65 + (i * 7) % 58) for i in range(length))  # 'A'..'z', '|' and friends
    grid = matrix(payload)
    assert grid.shape[0] == 17 + 4 * version_for(length)
    image = np.kron(np.pad(~grid, 4, constant_values=True).astype(np.uint8) * 255,
                    np.ones((4, 4), dtype=np.uint8))
    [result] = zxingcpp.read_barcodes(Image.fromarray(image))
    assert result.bytes == payload and result.format.name == "QRCode"


def test_payload_too_long_for_our_encoder():
    from reports.qr_matrix import matrix

    with pytest.raises(ValueError):
        matrix(b"x" * 214)
