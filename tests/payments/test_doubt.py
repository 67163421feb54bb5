"""A payment in doubt (issue 14 item 11): the reply is lost, the key is not.

The connection "drops" between the commit and its reply (a session hook raises
the driver's OperationalError after COMMIT went through), on SQLite and on
PostgreSQL, with real commits and the task runner's threads. The clerk closes
the dialog, opens it again for the same customer, and is told what happened
before anything new can be charged.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from console import migrate
from console.db import Database, make_engine
from console.models import Payment
from console.payment_journal import PaymentJournal
from tests import factories as f
from tests.billing_helpers import account, add_bill, days_ago
from tests.conftest import create_pg_database, drop_pg_database, require_pg
from tests.payments.test_dialog import Receipts
from widgets.desk import Desk
from widgets.payments.dialog import PaymentDialog


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def real_db(request, file_db) -> Iterator[Database]:
    """A database with real commits on each engine (threads share no connection)."""
    if request.param == "sqlite":
        yield file_db
        return
    admin = require_pg()
    name = f"griddesk_doubt_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(admin, name)
    migrate.upgrade(make_engine(url))
    database = Database.open(url)
    yield database
    database.dispose()
    drop_pg_database(admin, name)


@pytest.fixture
def counter(real_db):
    with real_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        customer, meter = account(s, unit, tariff)
        add_bill(s, customer, meter, period="2026-09", amount="96.40", due=days_ago(-5))
        clerk = f.actor(s, unit, username="clerk", role="counter")
    return clerk, customer.id


class DroppedReply:
    """Once armed, the next COMMIT (or the one before it) loses its connection."""

    def __init__(self, when: str) -> None:
        self.when, self.armed = when, False
        event.listen(Session, when, self._fire)

    def _fire(self, _session) -> None:
        if self.armed:
            self.armed = False
            raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

    def remove(self) -> None:
        event.remove(Session, self.when, self._fire)


@pytest.fixture
def drop_after_commit() -> Iterator[DroppedReply]:
    hook = DroppedReply("after_commit")
    yield hook
    hook.remove()


@pytest.fixture
def drop_before_commit() -> Iterator[DroppedReply]:
    hook = DroppedReply("before_commit")
    yield hook
    hook.remove()


def open_dialog(qtbot, real_db, tasks, counter, journal, receipts) -> PaymentDialog:
    clerk, customer_id = counter
    dialog = PaymentDialog(Desk(real_db, tasks, clerk), customer_id, print_receipt=receipts,
                           journal=journal)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def payments(db: Database) -> list[Decimal]:
    with db.session() as s:
        return list(s.scalars(select(Payment.amount)))


def send_and_lose_the_reply(qtbot, dialog: PaymentDialog, hook: DroppedReply) -> None:
    qtbot.waitUntil(dialog.post_button.isEnabled, timeout=5000)
    hook.armed = True
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "may or may not be recorded" in dialog.message_bar.text, timeout=5000)
    assert "Cannot reach the database" in dialog.message_bar.text
    assert dialog.posted is None
    dialog.reject()  # the clerk gives up on this dialog


def test_recorded_payment_in_doubt_is_found_not_charged_again(
        qtbot, real_db, tasks, counter, tmp_path, drop_after_commit):
    journal, receipts = PaymentJournal(tmp_path), Receipts()
    first = open_dialog(qtbot, real_db, tasks, counter, journal, receipts)
    send_and_lose_the_reply(qtbot, first, drop_after_commit)
    assert payments(real_db) == [Decimal("96.40")]  # committed: only the reply was lost
    assert len(journal.pending(real_db.description)) == 1  # the key outlived the dialog
    again = open_dialog(qtbot, real_db, tasks, counter, journal, receipts)
    qtbot.waitUntil(lambda: again.outcome is not None and not again.isVisible(), timeout=5000)
    text, printed = again.outcome
    assert printed and "Recorded before, not charged again" in text
    assert receipts.printed[0][1] in text  # its receipt, printed at last
    assert journal.pending(real_db.description) == []
    third = open_dialog(qtbot, real_db, tasks, counter, journal, receipts)  # "pay again"
    qtbot.waitUntil(third.post_button.isEnabled, timeout=5000)
    assert third.amount_edit.text() == ""  # nothing is owed any more
    assert "Nothing is owed" in third.summary_label.text()
    assert payments(real_db) == [Decimal("96.40")]


def test_payment_in_doubt_that_never_landed_is_said_and_taken_once(
        qtbot, real_db, tasks, counter, tmp_path, drop_before_commit):
    journal, receipts = PaymentJournal(tmp_path), Receipts()
    first = open_dialog(qtbot, real_db, tasks, counter, journal, receipts)
    send_and_lose_the_reply(qtbot, first, drop_before_commit)
    assert payments(real_db) == []
    again = open_dialog(qtbot, real_db, tasks, counter, journal, receipts)
    qtbot.waitUntil(lambda: "was not recorded" in again.message_bar.text, timeout=5000)
    assert journal.pending(real_db.description) == []
    qtbot.waitUntil(again.post_button.isEnabled, timeout=5000)
    qtbot.keyClick(again.amount_edit, Qt.Key.Key_Return)  # pay again
    qtbot.waitUntil(lambda: len(receipts.printed) == 1, timeout=5000)
    assert payments(real_db) == [Decimal("96.40")]


def test_the_database_still_away_blocks_a_second_charge(
        qtbot, real_db, tasks, counter, tmp_path, drop_after_commit, monkeypatch):
    journal, receipts = PaymentJournal(tmp_path), Receipts()
    first = open_dialog(qtbot, real_db, tasks, counter, journal, receipts)
    send_and_lose_the_reply(qtbot, first, drop_after_commit)
    from console.errors import DatabaseUnavailable
    from widgets.payments import doubt as payment_doubt

    def away(*_args):
        raise DatabaseUnavailable("server: gone", where="server", detail="gone")

    monkeypatch.setattr(payment_doubt, "payment_by_key", away)
    again = open_dialog(qtbot, real_db, tasks, counter, journal, receipts)
    qtbot.waitUntil(again.post_button.isEnabled, timeout=5000)
    assert again.post_button.text() == "Check the earlier payment (Enter)"
    qtbot.keyClick(again.amount_edit, Qt.Key.Key_Return)  # asks again, charges nothing
    qtbot.waitUntil(again.post_button.isEnabled, timeout=5000)
    assert payments(real_db) == [Decimal("96.40")] and again.posted is None
    with real_db.session() as s:
        assert s.scalar(select(func.count(Payment.id))) == 1


def test_the_status_line_settles_old_doubts_when_the_database_answers(
        qtbot, real_db, tasks, counter, drop_after_commit):
    from PySide6.QtCore import QObject, Signal

    from console.payment_journal import PendingPayment
    from widgets.payments.doubt import watch_doubts

    class Status(QObject):
        sig_connection_checked = Signal(bool)

    clerk, customer_id = counter
    journal = PaymentJournal.for_database(real_db)
    dialog = PaymentDialog(Desk(real_db, tasks, clerk), customer_id, print_receipt=Receipts(),
                           journal=journal)
    qtbot.addWidget(dialog)
    dialog.show()
    send_and_lose_the_reply(qtbot, dialog, drop_after_commit)
    entry = journal.pending(real_db.description)[0]
    journal.add(PendingPayment(entry.key, entry.database, entry.customer_id, entry.amount,
                               entry.method, "2026-01-01T00:00:00+00:00"))  # long ago
    status, said = Status(), []
    watch_doubts(status.sig_connection_checked, Desk(real_db, tasks, clerk), said.append)
    status.sig_connection_checked.emit(False)
    assert said == []  # still away: nothing to say yet
    status.sig_connection_checked.emit(True)
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert "was recorded: receipt no." in said[0]
    assert journal.pending(real_db.description) == []


def test_enter_in_the_same_dialog_asks_before_it_charges(qtbot, real_db, tasks, counter,
                                                         tmp_path, drop_after_commit):
    journal, receipts = PaymentJournal(tmp_path), Receipts()
    dialog = open_dialog(qtbot, real_db, tasks, counter, journal, receipts)
    qtbot.waitUntil(dialog.post_button.isEnabled, timeout=5000)
    drop_after_commit.armed = True
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "may or may not be recorded" in dialog.message_bar.text, timeout=5000)
    assert dialog.post_button.text() == "Check the earlier payment (Enter)"
    qtbot.keyClick(dialog.post_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(receipts.printed) == 1, timeout=5000)
    assert payments(real_db) == [Decimal("96.40")]
