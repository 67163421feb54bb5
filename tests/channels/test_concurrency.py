"""The same trade notified by several connections at once is posted once, on a database with
real commits (the gateway's worker threads race on it): a SQLite file, and a scratch
PostgreSQL database where the twins meet at the unique indexes and the loser retries."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from console import migrate
from console.channels.keys import load_keys
from console.channels.server import Gateway, serve_in_thread
from console.channels.simulator import send
from console.db import Database
from console.models import ChannelNonce, ChannelNotification, Payment
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
