"""The gateway and a simulated phone customer inside the GUI process, for the embedded demo.

    channels = EmbeddedChannels(db, keys_folder(db))
    channels.start()   # returns at once; test keys are made on the first start
    ...
    channels.stop()    # from any thread

Every `every` seconds the simulated customer pays on the phone what one disconnected demo
customer owes, through the real gateway over loopback, so a newcomer sees a phone payment
arrive and the reconnect go out (the collector closes the relay). And the customer standing
at the counter pays the scan-to-pay QR a few seconds after it appears (`scan_delay`).
Nothing here touches Qt.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from console.channels.keys import ensure_test_keys, load_keys
from console.channels.orders import open_orders
from console.channels.server import Gateway, serve_in_thread
from console.channels.simulator import WechatSigner, pay_order, send
from console.db import Database
from console.errors import ConsoleError
from console.models import Customer, Unit
from console.models.enums import ControlState, CustomerStatus
from console.services.payments.counter import due_in
from console.timeutil import local_today

__all__ = ["EmbeddedChannels"]

log = logging.getLogger(__name__)

SCAN_DELAY = 6.0  # seconds from the QR on the counter's screen to the phone's payment


class EmbeddedChannels:
    """A gateway on a free loopback port and a phone customer paying now and then."""

    def __init__(self, db: Database, folder: Path, *, every: float = 120.0,
                 scan_delay: float = SCAN_DELAY,
                 on_paid: Callable[[str], None] | None = None) -> None:
        self.db, self.folder, self.every, self.on_paid = db, folder, every, on_paid
        self.scan_delay = scan_delay  # how long the customer takes to scan a counter QR
        self.url = ""
        self.error: BaseException | None = None  # why the thread ended early, if it did
        self.ready = threading.Event()  # set once the gateway listens (or start failed)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="embedded-channels", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop paying and serving; False when the thread did not end in time."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _run(self) -> None:
        try:
            with self.db.read() as session:
                top = session.scalar(select(Unit.code).where(Unit.parent_id.is_(None))
                                     .order_by(Unit.id))
            ensure_test_keys(self.folder, unit_code=top or "")
            signer = WechatSigner.from_folder(self.folder)
            with serve_in_thread(Gateway(self.db, load_keys(self.folder))) as url:
                self.url = url
                self.ready.set()
                due = time.monotonic() + self.every
                while not self._stop.wait(min(1.0, self.every)):
                    self.pay_scanned()
                    if time.monotonic() >= due:
                        due = time.monotonic() + self.every
                        self.pay_one(signer)
        except Exception as exc:  # the demo goes on without phone payments; the log says why
            self.error = exc
            log.exception("embedded payment channels stopped")
        finally:
            self.ready.set()

    def pay_one(self, signer: WechatSigner) -> str:
        """One disconnected customer pays exactly what is due by WeChat; their number, or ""
        when nobody is cut off for money owed."""
        customer_no, fen = self._debtor()
        if not customer_no:
            return ""
        status, _body = send(f"{self.url}/wechat/notify", signer.notification(
            "4200" + secrets.token_hex(14), customer_no, fen))
        log.info("simulated phone payment of %s fen by %s: HTTP %s", fen, customer_no, status)
        if status < 300 and self.on_paid is not None:
            self.on_paid(customer_no)
        return customer_no if status < 300 else ""

    def pay_scanned(self) -> int:
        """The customer at the counter scans the QR of each open order and pays it a few
        seconds later (counter QR pay); how many were paid."""
        now = dt.datetime.now(dt.UTC)
        paid = 0
        try:
            for ticket in open_orders(self.db, now - dt.timedelta(seconds=self.scan_delay)):
                status, txn = pay_order(self.url, self.folder, ticket)
                log.info("simulated phone paid order %s (%s): HTTP %s", ticket.out_trade_no,
                         txn, status)
                if status < 300:
                    paid += 1
                    if self.on_paid is not None:
                        self.on_paid(ticket.customer_no)
        except ConsoleError as exc:  # the database is busy or gone: the next tick tries again
            log.warning("simulated phone could not pay: %s", exc.message)
        return paid

    def _debtor(self) -> tuple[str, int]:
        with self.db.read() as session:
            cut = session.scalars(select(Customer).where(
                Customer.control_state == ControlState.DISCONNECTED,
                Customer.status == CustomerStatus.ACTIVE).order_by(Customer.id).limit(20))
            for customer in cut:
                due = due_in(session, customer, local_today()).total
                if due > 0:
                    return customer.customer_no, int(due * 100)
        return "", 0
