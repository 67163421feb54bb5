"""The drill: back up while clerks post payments, restore, and find the moment of the backup.

"The moment" is the backup's own read snapshot; the ledger, the payments and
the audit chain are read inside it (backup(look=...)) and the restored copy
must hold exactly that — not what was committed before the backup started,
not what the storm added afterwards.
"""

from __future__ import annotations

import random
import threading
import uuid
from pathlib import Path

from sqlalchemy import func, select

from console.backup import backup, restore
from console.db import Database, make_engine
from console.errors import ConcurrentUpdate, DatabaseUnavailable
from console.models import Payment
from console.services.payments.counter import post_payment
from tests import factories as f
from tests.backup.fixtures import Pair, ledger_and_audit, pair as pair, pg_template as pg_template
from tests.billing_helpers import account, add_bill, days_ago


class Storm:
    """Clerks in threads posting 1.00-yuan payments until told to stop."""

    def __init__(self, url: str, customers: list[int]) -> None:
        self.db, self.customers = Database.open(url), customers
        self.stop, self.posted = threading.Event(), 0
        self._progress = threading.Condition()
        self.errors: list[BaseException] = []

    def clerk(self, actor, seed: int) -> None:  # an Actor
        rng = random.Random(seed)
        while not self.stop.is_set():
            try:
                post_payment(self.db, actor, customer_id=rng.choice(self.customers),
                             amount="1.00", method="cash", idempotency_key=uuid.uuid4().hex)
            except (ConcurrentUpdate, DatabaseUnavailable):
                continue  # busy: the clerk presses again
            except BaseException as exc:  # reported by the test
                self.errors.append(exc)
                return
            with self._progress:
                self.posted += 1
                self._progress.notify_all()

    def wait_for(self, posted: int) -> None:
        with self._progress:
            assert self._progress.wait_for(
                lambda: self.posted >= posted or bool(self.errors), timeout=120)
        assert not self.errors, self.errors


def _seed(url: str) -> tuple[list[int], list]:
    db = Database.open(url)
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        customers = []
        for _ in range(6):
            customer, meter = account(s, unit, tariff)
            add_bill(s, customer, meter, period="2026-09", amount="500.00", due=days_ago(40))
            customers.append(customer.id)
        clerks = [f.actor(s, unit, username=f"clerk{i}", role="counter") for i in range(3)]
    db.dispose()
    return customers, clerks


def test_backup_in_a_payment_storm_restores_the_moment_of_the_backup(pair: Pair, tmp_path: Path):
    customers, clerks = _seed(pair.source)
    storm = Storm(pair.source, customers)
    threads = [threading.Thread(target=storm.clerk, args=(actor, i)) for i, actor in
               enumerate(clerks)]
    for thread in threads:
        thread.start()
    try:
        storm.wait_for(15)
        before = storm.posted
        done = backup(pair.source, tmp_path / "drill.backup", look=ledger_and_audit)
        storm.wait_for(storm.posted + 15)  # the storm goes on after the backup
    finally:
        storm.stop.set()
        for thread in threads:
            thread.join()
        storm.db.dispose()
    moment = done.seen
    assert len(moment["payments"]) >= before
    assert (done.audit_seq, done.audit_hash) == moment["head"][0][1:3]

    restored = restore(tmp_path / "drill.backup", pair.target)

    assert restored.audit.ok and restored.audit.checked == done.audit_seq
    engines = make_engine(pair.target), make_engine(pair.source)
    with engines[0].connect() as copy, engines[1].connect() as live:
        assert ledger_and_audit(copy) == moment
        assert live.scalar(select(func.count()).select_from(Payment)) > len(moment["payments"])
    for engine in engines:
        engine.dispose()
