"""The bank agency's (代收) signed daily batch file on SQLite and PostgreSQL: posted once like a
phone payment, held where it would be; a changed byte, another key, the wrong encoding, a
broken summary or an oversized file refused whole with nothing written."""

from __future__ import annotations

import base64
import os
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519
from sqlalchemy import func, select

from console.channels.bank import BatchRefused, parse_batch, read_signed
from console.channels.bank_import import SliceRefused, post_bank_batch
from console.channels.keys import ensure_bank_test_key, ensure_test_keys, load_bank_key
from console.channels.simulator import BankSigner
from console.errors import OutOfScope, PermissionDenied
from console.models import (
    AuditEvent,
    ChannelNotification,
    Customer,
    LedgerEntry,
    Payment,
    Setting,
)
from console.services.actor import Actor
from console.services.channels.bank_access import bank_import_unit
from console.services.channels.held import held_payments
from console.timeutil import local_today
from tests import factories as f
from tests.channels.conftest import counts
from tests.control.test_reconnect_on_payment import commands, cut

DAY = local_today()


def number(db, hall) -> str:
    with db.session() as s:
        return s.get(Customer, hall["customer"]).customer_no


def signed(keys_dir, folder, payments, *, day=DAY):
    """The simulated bank's batch file for `payments` [(customer, "yuan")] and its .sig."""
    signer = BankSigner.from_folder(keys_dir)
    return signer.write(folder, day, signer.records(
        day, [(c, Decimal(y)) for c, y in payments]))


def resign(keys_dir, path, data: bytes) -> None:
    """`data` as the file, signed with the test bank's key (a well-signed bad file)."""
    signer = BankSigner.from_folder(keys_dir)
    path.write_bytes(data)
    path.with_name(path.name + ".sig").write_bytes(
        base64.b64encode(signer.key.sign(data)) + b"\n")


def run(db, actor, keys_dir, path, **kw):
    key = load_bank_key(keys_dir)
    batch = parse_batch(read_signed(path, key.public, **kw), file_name=path.name)
    unit_id = bank_import_unit(db, actor, key.unit_code)
    return post_bank_batch(db, batch, unit_id=unit_id, operator=actor)


def refused(db, actor, keys_dir, path, **kw) -> BatchRefused:
    before = counts(db)
    with pytest.raises(BatchRefused) as info:
        run(db, actor, keys_dir, path, **kw)
    assert counts(db) == before  # nothing written, not even an audit row
    return info.value


def test_a_signed_batch_posts_once_holds_the_unknown_and_queues_the_reconnect(
        db, hall, keys_dir, tmp_path):
    cut(db, hall)
    path, _sig = signed(keys_dir, tmp_path, [(number(db, hall), "50.00"),
                                             ("9999999999", "20.00")])
    result = run(db, hall["boss"], keys_dir, path)
    assert (result.records, result.total, result.posted, result.posted_total,
            result.already) == (2, Decimal("70.00"), 1, Decimal("50.00"), 0)
    assert [(h.line, h.customer_no, h.reason) for h in result.held] == [
        (3, "9999999999", "unknown_customer")]
    with db.session() as s:
        [payment] = s.scalars(select(Payment))
        assert (payment.amount, payment.method, payment.idempotency_key, payment.operator_id) == (
            Decimal("50.00"), "transfer", f"bank:SIMBANK{DAY:%Y%m%d}000001", None)
        assert payment.receipt_no  # numbered like any other payment
        # The ledger: the 50.00 owed and the 50.00 paid leave the account at zero.
        assert s.scalar(select(func.sum(LedgerEntry.amount)).where(
            LedgerEntry.customer_id == hall["customer"])) == 0
        actions = {a: n for a, n in s.execute(select(AuditEvent.action, AuditEvent.actor_name))}
        assert actions["payment.posted"] == "channel-bank"
        assert actions["channel.payment_held"] == "channel-bank"
        assert actions["channel.bank_imported"] == "boss"  # who ran the import
        assert sorted(s.scalars(select(ChannelNotification.outcome))) == ["held", "posted"]
    [reconnect] = commands(db, hall, "reconnect")
    assert (reconnect.state, reconnect.reason) == ("queued", "payment")
    assert [(h.channel, h.customer_no, h.reason) for h in held_payments(db, hall["boss"])] == [
        ("bank", "9999999999", "unknown_customer")]
    # The same file again: nothing new but the import's own audit row.
    before = counts(db)
    again = run(db, hall["boss"], keys_dir, path)
    assert again.nothing_new and (again.posted, again.already, again.held) == (0, 2, ())
    after = counts(db)
    assert after.pop("audit_event") == before.pop("audit_event") + 1 and after == before


def test_an_amount_not_due_is_held_for_a_supervisor(db, hall, keys_dir, tmp_path):
    path, _sig = signed(keys_dir, tmp_path, [(number(db, hall), "49.99")])
    result = run(db, hall["boss"], keys_dir, path)
    assert result.posted == 0 and [h.reason for h in result.held] == ["amount_mismatch"]
    [held] = held_payments(db, hall["boss"])
    assert (held.amount, held.due) == (Decimal("49.99"), Decimal("50.00"))


def test_one_changed_byte_is_refused_by_its_signature(db, hall, keys_dir, tmp_path):
    path, _sig = signed(keys_dir, tmp_path, [(number(db, hall), "50.00")])
    path.write_bytes(path.read_bytes().replace(b"50.00", b"80.00"))
    error = refused(db, hall["boss"], keys_dir, path)
    assert error.reason == "bad_signature" and "does not match" in error.problems[0]


def test_a_file_signed_with_another_key_is_refused(db, hall, keys_dir, tmp_path):
    path, sig = signed(keys_dir, tmp_path, [(number(db, hall), "50.00")])
    stranger = BankSigner(ed25519.Ed25519PrivateKey.generate())
    stranger.write(tmp_path, DAY, stranger.records(DAY, [(number(db, hall), Decimal("50.00"))]))
    assert refused(db, hall["boss"], keys_dir, path).reason == "bad_signature"
    sig.write_bytes(b"not base64 at all!")
    assert refused(db, hall["boss"], keys_dir, path).reason == "bad_signature"


def test_a_gbk_file_is_refused_with_its_line(db, hall, keys_dir, tmp_path):
    path, _sig = signed(keys_dir, tmp_path, [(number(db, hall), "50.00")])
    lines = path.read_bytes().split(b"\r\n")
    lines[0] = lines[0].replace(b"SIMBANK", "工行".encode("gbk"))
    resign(keys_dir, path, b"\r\n".join(lines))
    error = refused(db, hall["boss"], keys_dir, path)
    assert error.reason == "encoding"
    assert error.problems[0].startswith("line 1:") and "not UTF-8" in error.problems[0]


def test_counts_and_totals_that_do_not_add_up_are_refused(db, hall, keys_dir, tmp_path):
    path, _sig = signed(keys_dir, tmp_path, [(number(db, hall), "50.00"), ("3", "1.00")])
    data = path.read_bytes()
    resign(keys_dir, path, data.replace(b"T,2,51.00", b"T,3,51.00"))
    error = refused(db, hall["boss"], keys_dir, path)
    assert error.problems == ("line 4: the trailer says 3 records, the file has 2",)
    resign(keys_dir, path, data.replace(b",2,51.00\r\n", b",2,52.00\r\n", 1))
    assert refused(db, hall["boss"], keys_dir, path).problems == (
        "line 1: the header says 52.00 yuan, the records add up to 51.00",)
    resign(keys_dir, path, data.replace(b",1.00,", b",1.0,").replace(b"T,2,51.00\r\n", b""))
    problems = refused(db, hall["boss"], keys_dir, path).problems
    assert problems[0].startswith("line 3: bad amount '1.0'")
    assert problems[1] == "line 3: the file ends without its trailer T,COUNT,TOTAL (cut short?)"


def test_an_oversized_file_is_refused_before_it_is_read(db, hall, keys_dir, tmp_path):
    path = tmp_path / f"bank_batch_{DAY:%Y%m%d}.csv"
    with path.open("wb") as handle:  # sparse: 51 MB that take no disk and no time
        handle.truncate(51 * 1024 * 1024)
    error = refused(db, hall["boss"], keys_dir, path)
    assert error.reason == "oversized" and "more than 52428800" in error.problems[0]


def test_only_a_supervisor_of_the_merchant_unit_or_the_gateway_imports(db, hall, keys_dir,
                                                                        tmp_path):
    path, _sig = signed(keys_dir, tmp_path, [(number(db, hall), "50.00")])
    with pytest.raises(PermissionDenied):
        run(db, hall["clerk"], keys_dir, path)
    with db.session() as s:
        other = f.actor(s, f.unit(s, code="37021", name="曹县营业厅"), username="caoxian",
                        role="supervisor")
    with pytest.raises(OutOfScope):
        run(db, other, keys_dir, path)
    assert run(db, Actor.system("gateway-svc"), keys_dir, path).posted == 1


def test_no_file_at_all_is_a_clear_refusal(db, hall, keys_dir, tmp_path):
    error = refused(db, hall["boss"], keys_dir, tmp_path / "bank_batch_20261207.csv")
    assert error.reason == "unreadable" and "cannot read" in error.problems[0]


def test_a_pipe_in_the_files_place_is_refused_without_waiting(db, hall, keys_dir, tmp_path):
    path = tmp_path / f"bank_batch_{DAY:%Y%m%d}.csv"
    os.mkfifo(path)
    error = refused(db, hall["boss"], keys_dir, path)
    assert error.reason == "unreadable" and "not a regular file" in error.problems[0]


def test_a_record_the_payment_service_refuses_names_its_lines(db, hall, keys_dir, tmp_path):
    """A prepaid top-up above the site's payment ceiling: the service's refusal, with the
    slice's lines, and nothing of that slice posted."""
    with db.session() as s:
        s.add(Setting(key="payment.max_amount", value="100.00"))
    path, _sig = signed(keys_dir, tmp_path, [("9999999999", "1.00"),
                                             (number(db, hall), "500.00")])
    before = counts(db)
    with pytest.raises(SliceRefused) as info:
        run(db, hall["boss"], keys_dir, path)
    assert info.value.message.startswith("lines 2-3: ")
    assert "the lines before 2 are posted, none from it on" in info.value.message
    assert counts(db) == before


def test_a_test_keys_folder_from_before_gets_a_bank_key_and_a_real_one_does_not(tmp_path):
    folder = tmp_path / "old"
    ensure_test_keys(folder, unit_code="37001")
    (folder / "bank_public.pem").unlink()
    (folder / "simulator" / "bank_private.pem").unlink()
    assert ensure_bank_test_key(folder, unit_code="") is True
    assert load_bank_key(folder).unit_code == "37001"
    assert BankSigner.from_folder(folder).key is not None
    real = tmp_path / "real"
    real.mkdir()
    (real / "channels.json").write_text('{"unit": "37001"}')
    assert ensure_bank_test_key(real, unit_code="37001") is False
    assert not (real / "bank_public.pem").exists()
