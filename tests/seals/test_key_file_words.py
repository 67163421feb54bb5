"""A workstation whose key file is wrong or missing is told so in words, in its language,
when it prints labels; the command line says the same in one line, never a traceback."""

from __future__ import annotations

import base64
import os

import pytest

from console import keywrap
from console.cli import main
from console.services import seals
from tests.seals.helpers import build
from widgets.errors import error_text


@pytest.fixture
def made_batch(file_db):
    w = build(file_db)
    batch = seals.create_batch(file_db, w.admin, seal_type="lead", colour="红", year=2026,
                               manufacturer="鲁电", unit_id=w.unit, quantity=1)
    seals.label_data(file_db, w.admin, batch_id=batch.id)  # the site's first key is made
    return w, batch


def _refusal(file_db, w, batch) -> keywrap.KeyProtectionError:
    with pytest.raises(keywrap.KeyProtectionError) as caught:
        seals.label_data(file_db, w.admin, batch_id=batch.id)
    return caught.value


def test_labels_with_another_sites_key_file_say_so(file_db, made_batch, tmp_path, monkeypatch,
                                                   english):
    w, batch = made_batch
    other = tmp_path / "other.kek"
    other.write_text(base64.b64encode(os.urandom(32)).decode())
    monkeypatch.setenv(keywrap.KEK_ENV, str(other))
    refusal = _refusal(file_db, w, batch)
    assert error_text(refusal).startswith(f"The key file {other} does not unlock")
    english("zh_CN")
    assert error_text(refusal).startswith(f"密钥文件 {other} 无法解锁")


def test_labels_without_the_key_file_say_so_and_the_cli_too(file_db, made_batch, tmp_path,
                                                            monkeypatch, capsys, english):
    from tests.operators import as_user
    w, batch = made_batch
    missing = tmp_path / "absent.kek"
    monkeypatch.setenv(keywrap.KEK_ENV, str(missing))
    assert "is missing or damaged" in error_text(_refusal(file_db, w, batch))
    assert main(["seals", "rotate-key", "--db", file_db.url,
                 *as_user(monkeypatch, w.admin.username)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: key file {missing} is missing") and "Traceback" not in err
    assert not missing.exists()


def test_an_inspection_finding_of_a_revoked_key_says_revoked(english):
    from widgets.seals.texts import finding_detail
    assert finding_detail("forged", "signed with a revoked key").startswith(
        "Signed with a revoked key")
    assert finding_detail("forged", "signature does not verify") == (
        "The QR signature does not verify")
