"""Shared set-up of the seal GUI tests: an admin, an installer, a customer with a meter."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass

from console.models import Unit
from console.services.auth import login
from tests import factories
from tests.gui_support import PASSWORD


@dataclass(frozen=True)
class Site:
    admin: object
    installer: object
    installer_id: int
    unit_id: int
    meter_id: int
    meter_no: str


def make_site(file_db, make_user) -> Site:
    make_user("zhaomin", "admin", full_name="赵敏")
    make_user("liuqiang", "inspector", full_name="刘强")
    with file_db.session() as session:
        unit = session.query(Unit).one()
        tariff = factories.tariff(session)
        customer = factories.customer(session, unit, tariff, number="3700012345")
        meter = factories.meter(session, unit, customer)
        ids = unit.id, meter.id, meter.asset_no
    installer = login(file_db, "liuqiang", PASSWORD)
    return Site(login(file_db, "zhaomin", PASSWORD), installer, installer.user_id, *ids)


class FakeLabelPrinter:
    """A real listening socket on loopback that keeps every byte of each job it takes."""

    def __init__(self, port: int = 0) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.port = self.server.getsockname()[1]
        self.jobs: list[bytes] = []
        self.received = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            connection, _ = self.server.accept()
        except OSError:
            return
        with connection:
            data = bytearray()
            while chunk := connection.recv(65536):
                data += chunk
        self.jobs.append(bytes(data))
        self.received.set()

    def close(self) -> None:
        self.server.close()
        self._thread.join(timeout=5)


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port
