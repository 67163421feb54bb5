"""The real gateway on loopback over each engine's test database, with the simulator's keys."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from console.channels.keys import ensure_test_keys, load_keys
from console.channels.server import Gateway, serve_in_thread
from console.channels.simulator import AlipaySigner, WechatSigner
from console.db import Database
from console.models import (
    AuditEvent,
    ChannelNonce,
    ChannelNotification,
    ChannelRejection,
    ControlCommand,
    HeldNotification,
    LedgerEntry,
    Payment,
)
from tests import factories as f
from tests.control.test_commands import T, hall as hall, owe_with_notices, policy

TABLES = (Payment, LedgerEntry, AuditEvent, ControlCommand, ChannelNotification, ChannelNonce,
          HeldNotification, ChannelRejection)


@pytest.fixture
def keys_dir(tmp_path):
    ensure_test_keys(tmp_path / "channels", unit_code="37001")  # the hall fixture's unit
    return tmp_path / "channels"


@pytest.fixture
def gateway(db, hall, keys_dir):
    """The base URL of a running gateway."""
    with serve_in_thread(Gateway(db, load_keys(keys_dir))) as url:
        yield url


@pytest.fixture
def wechat(keys_dir):
    return WechatSigner.from_folder(keys_dir)


@pytest.fixture
def alipay(keys_dir):
    return AlipaySigner.from_folder(keys_dir)


def counts(db) -> dict[str, int]:
    with db.session() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in TABLES}


def rejections(db) -> list[tuple[str, str]]:
    with db.session() as s:
        return [tuple(r) for r in s.execute(select(ChannelRejection.channel,
                                                   ChannelRejection.reason)
                                            .order_by(ChannelRejection.id))]


def seed(db: Database) -> None:
    """Customer 3700100001 of unit 37001, prepaid, owing 50.00 (for committed databases)."""
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        policy(s, unit)
        customer = f.customer(s, unit, tariff, number="3700100001")
        f.meter(s, unit, customer)
        owe_with_notices(s, customer, at=T, owed="50.00")
