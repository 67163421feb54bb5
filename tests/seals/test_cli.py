"""`python -m console seals keys|rotate-key|export-keys|check`, headless."""

from __future__ import annotations

import json

from console import signing
from console.cli import main
from console.seals import qr
from console.services import seals
from tests.operators import as_user
from tests.seals.helpers import build


def test_keys_rotation_export_and_check(file_db, tmp_path, capsys, monkeypatch):
    url = file_db.url
    w = build(file_db)
    assert main(["seals", "keys", "--db", url]) == 0
    assert "no key yet" in capsys.readouterr().out
    batch = seals.create_batch(file_db, w.admin, seal_type="lead", colour="红", year=2026,
                               manufacturer="鲁电", unit_id=w.unit, quantity=1)
    [label] = seals.label_data(file_db, w.admin, batch_id=batch.id)
    assert main(["seals", "rotate-key", "--db", url, *as_user(monkeypatch, "admin")]) == 0
    new_id = capsys.readouterr().out.split()[-1]
    assert main(["seals", "keys", "--db", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(label.key_id) and "retired" in lines[0]
    assert lines[1].startswith(new_id) and lines[1].endswith("active")
    out = tmp_path / "keys.json"
    assert main(["seals", "export-keys", "--out", str(out), "--db", url]) == 0
    keys = signing.PublicKeySet.from_export(json.loads(out.read_text()))
    assert set(keys.keys) == {label.key_id, new_id} and qr.parse(label.qr_payload).verifies(keys)
    assert main(["seals", "check", label.qr_payload, "--db", url]) == 0
    assert capsys.readouterr().out.startswith(f"genuine: {label.seal_no}")
    assert main(["seals", "check", label.qr_payload[:-3] + "AAA", "--db", url]) == 1
    assert capsys.readouterr().out.startswith("forged")
    assert main(["seals", "check", "3700000101", "--db", url]) == 1
    assert "not a seal code" in capsys.readouterr().out
    assert main(["seals", "export-keys", "--out", str(tmp_path / "no" / "such" / "dir.json"),
                 "--db", url]) == 1


def test_revoke_key_makes_its_labels_report_revoked(file_db, capsys, monkeypatch):
    url = file_db.url
    w = build(file_db)
    batch = seals.create_batch(file_db, w.admin, seal_type="lead", colour="红", year=2026,
                               manufacturer="鲁电", unit_id=w.unit, quantity=1)
    [label] = seals.label_data(file_db, w.admin, batch_id=batch.id)
    admin = as_user(monkeypatch, "admin")
    assert main(["seals", "revoke-key", label.key_id, "--db", url, *admin]) == 0
    assert f"revoked key {label.key_id}" in capsys.readouterr().out
    assert main(["seals", "keys", "--db", url]) == 0
    assert "REVOKED" in capsys.readouterr().out
    assert main(["seals", "check", label.qr_payload, "--db", url]) == 1
    assert capsys.readouterr().out.startswith(f"revoked: {label.seal_no}")
    assert main(["seals", "revoke-key", "deadbeef", "--db", url, *admin]) == 1
    assert "no such signing key" in capsys.readouterr().err
