"""Payments in doubt: sent, but the database's answer never came back.

`PaymentDoubt` keeps one dialog's keys in the workstation's journal
(console.payment_journal) from the moment a payment is sent until the answer
is known, and asks the database by key for a payment left in doubt — by this
dialog, or by an earlier one for the same customer. `watch_doubts` asks for
every key in doubt as soon as the status bar sees the database again, and says
the answer on the status line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject, Signal

from console.errors import ConsoleError, DatabaseUnavailable
from console.payment_journal import PaymentJournal, PendingPayment, now_iso
from console.services.payments.counter import payment_by_key
from console.services.payments.types import PostedPayment
from console.timeutil import local_time
from widgets.desk import Desk
from widgets.domain_labels import method_name, money
from widgets.errors import MessageBar

translate = QCoreApplication.translate
SETTLE_AFTER = dt.timedelta(seconds=60)


def outcome_unknown(exc: BaseException) -> bool:
    """A failure after which the payment may or may not have been committed."""
    return isinstance(exc, DatabaseUnavailable) or not isinstance(exc, ConsoleError)


def doubt_text(entry: PendingPayment) -> str:
    return translate(
        "PaymentDoubt", "A payment of {amount} yuan by {method} sent at {time} got no answer "
        "from the database: it may or may not be recorded. It is checked first, so the "
        "customer cannot be charged twice.").format(
            amount=money(entry.value), method=method_name(entry.method),
            time=local_time(entry.sent))


def answer_text(entry: PendingPayment, posted: PostedPayment | None) -> str:
    if posted is not None:
        return translate("PaymentDoubt", "The payment of {amount} yuan sent at {time} was "
                         "recorded: receipt no. {receipt}.").format(
            amount=money(posted.amount), time=local_time(entry.sent), receipt=posted.receipt_no)
    return translate("PaymentDoubt", "The payment of {amount} yuan sent at {time} was not "
                     "recorded. Take it again.").format(amount=money(entry.value),
                                                       time=local_time(entry.sent))


class PaymentDoubt(QObject):
    """One payment dialog's view of the journal for its customer."""

    sig_answered = Signal(object, object)
    """(PendingPayment, PostedPayment or None): the database said whether it was recorded."""

    sig_still_unknown = Signal(object, object)
    """(PendingPayment, exception): the database still does not answer."""

    def __init__(self, desk: Desk, customer_id: int, *,
                 journal: PaymentJournal, parent: QObject) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._customer_id, self.journal = customer_id, journal

    @property
    def entry(self) -> PendingPayment | None:
        """The oldest payment of this customer still in doubt on this workstation."""
        pending = self.journal.pending(self._db.description, self._customer_id)
        return pending[0] if pending else None

    def sending(self, key: str, amount: Decimal, method: str) -> None:
        """Write-ahead: the key is on disk before the payment leaves."""
        self.journal.add(PendingPayment(key, self._db.description, self._customer_id,
                                        str(amount), method, now_iso()))

    def answered(self, key: str) -> None:
        self.journal.resolve(key)

    def check(self) -> None:
        """Ask the database by key; sig_answered or sig_still_unknown follows."""
        entry = self.entry
        if entry is None:
            return
        db, actor = self._db, self._actor
        self._desk.run(lambda: payment_by_key(db, actor, entry.key), self,
                       lambda posted: self._on_found(entry, posted),
                       lambda exc: self.sig_still_unknown.emit(entry, exc))

    def _on_found(self, entry: PendingPayment, posted: PostedPayment | None) -> None:
        self.journal.resolve(entry.key)
        self.sig_answered.emit(entry, posted)


class DoubtSteps:
    """The payment dialog's part: ask about an earlier payment in doubt before a new one.

    Mixed into PaymentDialog; uses its doubt, message bar, post button and posting steps.
    """

    @property
    def _in_doubt(self) -> bool:
        return self.posted is None and not self._posting and self.doubt.entry is not None

    def _check_doubt(self) -> None:
        """An earlier payment of this customer got no answer: ask about it before a new one."""
        entry = self.doubt.entry
        if entry is None:
            return
        self.message_bar.show_message(doubt_text(entry), MessageBar.Kind.INFO)
        self.retranslate_ui()
        self.post_button.setEnabled(False)
        self.post_button.setFocus()
        self.doubt.check()

    def _on_doubt_answered(self, entry, posted: PostedPayment | None) -> None:
        self.retranslate_ui()
        if posted is not None and posted.customer_id == self._customer_id:
            self.message_bar.show_message(answer_text(entry, posted), MessageBar.Kind.SUCCESS)
            self.idempotency_key = entry.key
            self._on_posted(posted)  # its receipt is printed now
            return
        self.message_bar.show_message(answer_text(entry, posted), MessageBar.Kind.INFO)
        self.post_button.setEnabled(True)
        self._focus_first_field()
        self._check_doubt()  # an older one still waiting, if any

    def _on_doubt_still_unknown(self, _entry, exc: BaseException) -> None:
        self.message_bar.show_error(exc)
        self.post_button.setEnabled(True)  # Enter asks again
        self.post_button.setFocus()


def watch_doubts(sig_connection_checked, desk: Desk, say: Callable[[str], None]) -> None:
    """Whenever the database answers, settle this workstation's payments in doubt.

    Keys younger than SETTLE_AFTER may belong to a payment on its way right now.
    """
    db, actor = desk.db, desk.actor
    journal = PaymentJournal.for_database(db)

    def on_checked(connected: bool) -> None:
        if not connected:
            return
        settled_before = dt.datetime.now(dt.UTC) - SETTLE_AFTER
        for entry in journal.pending(db.description):
            if entry.sent > settled_before:
                continue
            # No widget waits for this answer: the desk's task runner, unguarded.
            desk.tasks.run(lambda e=entry: payment_by_key(db, actor, e.key),
                           lambda posted, e=entry: (journal.resolve(e.key),
                                                    say(answer_text(e, posted))),
                           lambda _exc: None)  # still away: the next check asks again

    sig_connection_checked.connect(on_checked)
