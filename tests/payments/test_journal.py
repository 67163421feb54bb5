"""The workstation's journal of payments in doubt: bounded, atomic, never fatal."""

from __future__ import annotations

import json

from console.payment_journal import MAX_BYTES, PaymentJournal, PendingPayment


def entry(n: int, customer: int = 7) -> PendingPayment:
    return PendingPayment(f"key{n}", "db", customer, "96.40", "cash", f"2026-12-07T0{n % 10}:00:00+00:00")


def test_a_key_stays_until_resolved_and_survives_a_new_process(tmp_path):
    PaymentJournal(tmp_path).add(entry(1))
    again = PaymentJournal(tmp_path)  # the console restarted
    assert [e.key for e in again.pending("db", 7)] == ["key1"]
    assert again.pending("other db", 7) == [] and again.pending("db", 8) == []
    again.resolve("key1")
    assert PaymentJournal(tmp_path).pending("db") == []


def test_the_journal_is_bounded(tmp_path):
    journal = PaymentJournal(tmp_path, max_entries=3)
    for n in range(5):
        journal.add(entry(n))
    assert [e.key for e in journal.pending("db")] == ["key2", "key3", "key4"]


def test_a_damaged_or_oversized_file_is_set_aside_not_fatal(tmp_path):
    journal = PaymentJournal(tmp_path)
    journal.path.write_text("{not json", "utf-8")
    assert journal.pending("db") == []
    assert journal.path.with_suffix(".bad").exists()
    journal.path.write_text(json.dumps(["x" * MAX_BYTES]), "utf-8")
    assert journal.pending("db") == []
    journal.add(entry(1))  # and it works again
    assert [e.key for e in journal.pending("db")] == ["key1"]


def test_writes_leave_no_temporary_files(tmp_path):
    journal = PaymentJournal(tmp_path)
    for n in range(3):
        journal.add(entry(n))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pending_payments.json"]
