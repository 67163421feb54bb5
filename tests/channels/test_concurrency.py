"""The same trade notified by several connections at once (or one bank file imported several
times at once) is posted once, on a database with
real commits (the gateway's worker threads race on it): a SQLite file, and a scratch
PostgreSQL database where the twins meet at the unique indexes and the loser retries."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console import migrate
from console.channels.bank import parse_batch, read_signed
from console.channels.bank_import import post_bank_batch
from console.channels.keys import load_bank_key, load_keys
from console.channels.server import Gateway, serve_in_thread
from console.channels.simulator import BankSigner, send
from console.db import Database
from console.models import ChannelNonce, ChannelNotification, Payment, Unit
from console.services.actor import Actor
from console.timeutil import local_today
from tests.channels.conftest import seed
from tests.conftest import create_pg_database, drop_pg_database, require_pg


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def committed(request, file_db):
    if request.param == "sqlite":
        seed(file_db)
        yield file_db
        return
    admin = require_pg()
    name = f"griddesk_chan_{uuid.uuid4().hex[:8]}"
    db = Database.open(create_pg_database(admin, name))
    try:
        migrate.upgrade(db.engine)
        seed(db)
        yield db
    finally:
        db.dispose()
        drop_pg_database(admin, name)


def test_one_trade_sent_eight_times_at_once_posts_once(committed, keys_dir, wechat):
    sent = [wechat.notification("4200000301", "3700100001", 5000) for _ in range(8)]
    with serve_in_thread(Gateway(committed, load_keys(keys_dir))) as url, \
            ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda one: send(f"{url}/wechat/notify", one)[0], sent))
    assert answers == [204] * 8
    with committed.session() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
        assert s.scalar(select(func.count()).select_from(ChannelNotification)) == 1
        assert s.scalar(select(func.count()).select_from(ChannelNonce)) == 1


def test_one_bank_file_imported_four_times_at_once_posts_once(committed, keys_dir, tmp_path):
    """Two operators import the same day's file at the same moment: one payment, one record."""
    signer, day = BankSigner.from_folder(keys_dir), local_today()
    path, _sig = signer.write(tmp_path, day, signer.records(
        day, [("3700100001", Decimal("50.00")), ("9999999999", Decimal("5.00"))]))
    batch = parse_batch(read_signed(path, load_bank_key(keys_dir).public))
    with committed.session() as s:
        unit_id = s.scalar(select(Unit.id).where(Unit.code == "37001"))

    def run(_n: int) -> tuple[int, int, int]:
        done = post_bank_batch(committed, batch, unit_id=unit_id,
                               operator=Actor.system("gateway-svc"))
        return done.posted, done.already, len(done.held)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, range(4)))
    assert sum(posted for posted, _a, _h in results) == 1
    assert sum(held for _p, _a, held in results) == 1  # the unknown customer, held once
    with committed.session() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
        assert s.scalar(select(func.count()).select_from(ChannelNotification)) == 2
