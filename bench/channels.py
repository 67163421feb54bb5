"""Payment-channel gateway throughput: a storm of WeChat notifications over loopback.

    python -m bench.channels [--notifications 2000] [--clients 4] [--admin-url URL]

Makes a scratch PostgreSQL database (on the server of --admin-url, default
$GRIDDESK_TEST_PG), one prepaid customer per payment owing what it pays, and starts
`python -m console channels serve` as its own process with fresh test keys. Client threads
then send pre-signed notifications (20 % duplicates of earlier trades with a new nonce,
2 % forged with another key) and it counts what was posted. Then the reconnect: `--reconnects`
customers cut off for arrears (relay open) pay on the phone, one notification every
`--spacing` seconds, while this process runs the meter simulator and a collector with its
default command interval (console.metering.embedded); each one's time from the gateway's
answer (the payment and its reconnect committed) to the command confirmed closed is
measured. Prints one JSON object on its last stdout line. Not measured yet (issue 18):
reconciliation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from bench.machine import machine
from bench.reconnect import wait_confirmed
from console import ids, migrate
from console.channels.keys import ensure_test_keys
from console.channels.simulator import Sent, WechatSigner, send
from console.db import Database
from console.metering.collector import CollectorConfig
from console.metering.embedded import EmbeddedMetering
from console.models import (
    ChannelRejection,
    CostControlPolicy,
    Customer,
    LedgerEntry,
    Meter,
    Payment,
    Tariff,
    Unit,
)
from console.services.actor import Actor
from console.services.admin.service_accounts import install_token

DEFAULT_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def scratch(admin_url: str, statement: str, name: str) -> str:
    """Run a CREATE/DROP DATABASE on the admin connection; the scratch database's URL."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(statement))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def seed(db: Database, count: int) -> list[str]:
    """`count` prepaid customers owing 50.00 each; their numbers."""
    with db.session() as s:
        unit = Unit(code="37001", name="牡丹区供电所", kind="station")
        tariff = Tariff(code="RES", name="居民生活用电", kind="flat", category="residential",
                        effective_from=dt.date(2026, 1, 1),
                        price=Decimal("0.5469"))
        s.add_all([unit, tariff])
        s.flush()
        s.add(CostControlPolicy(name="bench", unit_id=unit.id, alert_balance=Decimal("20"),
                                disconnect_balance=Decimal("0")))
        customers = [Customer(customer_no=f"37{n:08d}", name="王伟", category="residential",
                              unit_id=unit.id, tariff_id=tariff.id, cost_control_mode="prepaid")
                     for n in range(count)]
        s.add_all(customers)
        s.flush()
        s.add_all(LedgerEntry(customer_id=c.id, kind="charge", amount=Decimal("-50.00"),
                              memo="电费") for c in customers)
        return [c.customer_no for c in customers]


def seed_cut_off(db: Database, count: int) -> dict[str, int]:
    """`count` prepaid customers of the seeded unit, cut off (relay open) owing 50.00 each,
    with a meter the simulator answers for; customer number -> customer id."""
    with db.session() as s:
        unit = s.scalars(select(Unit)).one()
        tariff = s.scalars(select(Tariff)).one()
        found: dict[str, int] = {}
        for n in range(1, count + 1):
            customer = Customer(customer_no=f"38{n:08d}", name="李娜", category="residential",
                                unit_id=unit.id, tariff_id=tariff.id, cost_control_mode="prepaid",
                                control_state="disconnected")
            s.add(customer)
            s.flush()
            s.add(Meter(asset_no=ids.make_asset_code(unit.code, ids.ASSET_TYPE_METER, n),
                        address=f"{n:012d}", customer_id=customer.id, relay_state="open"))
            s.add(LedgerEntry(customer_id=customer.id, kind="charge", amount=Decimal("-50.00"),
                              memo="电费"))
            found[customer.customer_no] = customer.id
        return found


def reconnects(db: Database, base: str, signer: WechatSigner, cut_off: dict[str, int],
               spacing: float) -> list[float]:
    """Seconds from each phone payment's answer to its relay confirmed closed, sorted."""
    metering = EmbeddedMetering(db, interval=3600.0, config=CollectorConfig(timeout=1.0))
    metering.start()
    metering.ready.wait(10)
    try:
        answered: dict[int, float] = {}
        for n, (number, customer_id) in enumerate(cut_off.items()):
            status, _body = send(f"{base}/wechat/notify",
                                 signer.notification(f"4300{n:012d}", number, 5000))
            if status == 204:
                answered[customer_id] = time.time()
            time.sleep(spacing)
        return sorted(wait_confirmed(db, answered, timeout=60.0).values())
    finally:
        metering.stop()


def storm(signer: WechatSigner, numbers: list[str], total: int,
          rng: random.Random) -> tuple[list[Sent], int]:
    """The notifications in the order sent, and how many distinct genuine trades they hold.
    Forged ones carry transaction ids starting 42F."""
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    out: list[Sent] = []
    trades: list[tuple[str, str]] = []
    for i in range(total):
        roll = rng.random()
        if roll < 0.02:
            out.append(signer.notification(f"42F{i:012d}", numbers[0], 5000, key=forger))
        elif roll < 0.22 and trades:
            txn, number = rng.choice(trades)
            out.append(signer.notification(txn, number, 5000))
        else:
            txn, number = f"4200{i:012d}", numbers[len(trades)]
            trades.append((txn, number))
            out.append(signer.notification(txn, number, 5000))
    return out, len(trades)


def gateway(db: Database, url: str, keys: Path) -> tuple[subprocess.Popen[str], str]:
    token = keys / "gateway.token"  # the gateway signs in as its service account
    with db.uow() as session:
        issued = install_token(session, Actor.system("bench set-up"), "gateway-bench", "gateway")
    token.write_text(issued.text, encoding="ascii")
    token.chmod(0o600)
    process = subprocess.Popen(
        [sys.executable, "-m", "console", "--log-level", "WARNING", "channels", "serve", "--db",
         url, "--listen", "127.0.0.1:0", "--keys", str(keys), "--token-file", str(token)],
        stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("channel gateway on "):
            threading.Thread(target=process.stderr.read, daemon=True).start()
            return process, line.split()[-1]
    raise SystemExit("the gateway did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--reconnects", type=int, default=50,
                        help="cut-off customers who then pay on the phone (0: none)")
    parser.add_argument("--spacing", type=float, default=0.2,
                        help="seconds between their notifications")
    parser.add_argument("--admin-url", default=os.environ.get("GRIDDESK_TEST_PG", DEFAULT_ADMIN))
    args = parser.parse_args()
    name = f"griddesk_bench_channels_{uuid.uuid4().hex[:8]}"
    url = scratch(args.admin_url, f'CREATE DATABASE "{name}" ENCODING \'UTF8\'', name)
    db = Database.open(url)
    try:
        migrate.upgrade(db.engine)
        numbers = seed(db, args.notifications)
        cut_off = seed_cut_off(db, args.reconnects)
        keys = Path(tempfile.mkdtemp(prefix="griddesk-bench-keys-"))
        ensure_test_keys(keys, unit_code="37001")
        print("signing the storm…", file=sys.stderr)
        signer = WechatSigner.from_folder(keys)
        sent, trades = storm(signer, numbers, args.notifications, random.Random(1))
        process, base = gateway(db, url, keys)
        try:
            load_before = os.getloadavg()
            started = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                codes = list(pool.map(lambda one: send(f"{base}/wechat/notify", one)[0], sent))
            elapsed = time.perf_counter() - started
            print("reconnects…", file=sys.stderr)
            latency = reconnects(db, base, signer, cut_off, args.spacing)
        finally:
            process.terminate()
            process.wait(20)
        with db.session() as s:
            payments = s.scalar(select(func.count()).select_from(Payment).where(
                Payment.idempotency_key.like("wechat:4200%")))  # the storm's, not the reconnects'
            refused = s.scalar(select(func.count()).select_from(ChannelRejection))
            forged = s.scalar(select(func.count()).select_from(Payment).where(
                Payment.idempotency_key.like("wechat:42F%")))
        result = {"notifications": len(sent), "clients": args.clients,
                  "notifications_per_s": round(len(sent) / elapsed, 1),
                  "trades": trades, "payments": payments, "refused": refused,
                  "answers_not_204": sum(1 for c in codes if c != 204),
                  "forged_accepted": forged,
                  "reconnect_p95_s": _p95(latency), "reconnects": len(cut_off),
                  "reconnects_confirmed": len(latency), "reconcile_100k_s": None,
                  "load_before": [round(x, 2) for x in load_before],
                  "load_after": [round(x, 2) for x in os.getloadavg()], **machine()}
        print(json.dumps(result, ensure_ascii=False))
    finally:
        db.dispose()
        scratch(args.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', name)


def _p95(values: list[float]) -> float | None:
    return round(values[max(0, round(0.95 * len(values)) - 1)], 3) if values else None


if __name__ == "__main__":
    main()
