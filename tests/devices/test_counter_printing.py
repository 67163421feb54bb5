"""The counter's receipt on a thermal printer, end to end on SQLite and PostgreSQL: real
payments, a real fake printer on a loopback socket, the printed record and its audit.

A cash payment's receipt opens the drawer with the job; a WeChat payment's never does; a
printer out of paper prints nothing and records nothing, and the reprint after the paper
is back is marked 补打 and audited. Opening the drawer without a sale is a supervisor's.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.devices.fake_printer import FakePrinter, PrinterState
from console.devices.transport import (
    PrinterConfig,
    PrinterKind,
    PrinterNotReady,
    ReceiptPrinterUnavailable,
    printer_status,
)
from console.errors import OutOfScope, PermissionDenied, ValidationError
from console.models import AuditEvent, Customer, Payment, ReceiptPrint
from console.services.payments.counter import post_payment
from console.services.payments.drawer import open_drawer_without_sale
from console.services.payments.receipt_prints import receipt_print_state
from tests import factories as f
from tests.billing_helpers import service_hall
from widgets.devices.thermal import record_printed, send_receipt


@pytest.fixture
def printer(tmp_path):
    with FakePrinter(tmp_path / "jobs") as p:
        yield p


def config_of(printer: FakePrinter) -> PrinterConfig:
    host, port = printer.address
    return PrinterConfig(kind=PrinterKind.NETWORK, host=host, port=port)


def pay(db, hall, method: str = "cash", key: str = "k1") -> int:
    tendered = Decimal("100.00") if method == "cash" else None
    return post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount=Decimal("98.62"),
                        method=method, idempotency_key=key, tendered=tendered).payment_id


def job(printer: FakePrinter, number: int) -> dict:
    assert printer.wait_for_jobs(number)
    return json.loads(printer.job_path(number, ".json").read_text(encoding="utf-8"))


def audited(db, action: str) -> list[dict]:
    with db.session() as s:
        return [json.loads(a) for a in s.scalars(select(AuditEvent.after)
                                                  .where(AuditEvent.action == action))]


def test_cash_receipt_prints_kicks_the_drawer_and_is_recorded(db, printer):
    hall = service_hall(db)
    pid = pay(db, hall)
    sent = send_receipt(db, hall["clerk"], config_of(printer), pid, open_drawer=True)
    copy = record_printed(db, hall["clerk"], config_of(printer), sent)
    summary = job(printer, 1)
    assert (summary["printed"], summary["drawer_kicks"], summary["cuts"]) == (True, 1, 1)
    text = printer.job_path(1, ".txt").read_text(encoding="utf-8")
    assert "实缴金额：￥98.62" in text and "缴费方式：现金" in text and "补打" not in text
    assert (sent.kicked, copy.copy_no, copy.reprint) == (True, 1, False)
    assert receipt_print_state(db, hall["clerk"], pid).printed
    assert audited(db, "payment.receipt_printed")[0]["copy"] == 1


def test_a_wechat_receipt_never_opens_the_drawer(db, printer):
    hall = service_hall(db)
    pid = pay(db, hall, "wechat")
    sent = send_receipt(db, hall["clerk"], config_of(printer), pid, open_drawer=True)
    assert not sent.kicked
    assert job(printer, 1)["drawer_kicks"] == 0
    assert "缴费方式：微信" in printer.job_path(1, ".txt").read_text(encoding="utf-8")


def test_out_of_paper_prints_nothing_then_the_reprint_is_marked_and_audited(db, printer):
    hall = service_hall(db)
    pid = pay(db, hall)
    printer.state = PrinterState(paper_out=True)
    with pytest.raises(PrinterNotReady) as refused:
        send_receipt(db, hall["clerk"], config_of(printer), pid, open_drawer=True)
    assert refused.value.status.problem == "paper_end"
    assert not receipt_print_state(db, hall["clerk"], pid).printed
    assert printer.wait_for_status_connections(1) and printer.status_connections == 1
    assert not printer.wait_for_jobs(1, timeout=0.2)
    printer.state = PrinterState()  # the clerk loads a roll
    sent = send_receipt(db, hall["clerk"], config_of(printer), pid, open_drawer=True,
                        reprint=True)
    copy = record_printed(db, hall["clerk"], config_of(printer), sent)
    assert job(printer, 1)["drawer_kicks"] == 1  # the drawer had not opened for this cash
    assert "（补打）" in printer.job_path(1, ".txt").read_text(encoding="utf-8")
    assert copy.reprint and audited(db, "payment.receipt_reprinted") == [
        {"receipt_no": copy.receipt_no, "copy": 1, "device": config_of(printer).kind + " "
         + config_of(printer).where}]
    with db.session() as s:
        assert s.scalar(select(func.count(Payment.id))) == 1
        assert s.scalar(select(func.count(ReceiptPrint.id))) == 1


def test_a_printer_that_is_off_is_a_clear_error_within_the_timeout(printer):
    host, port = printer.address
    printer.stop()
    config = PrinterConfig(kind=PrinterKind.NETWORK, host=host, port=port, timeout=0.5)
    with pytest.raises(ReceiptPrinterUnavailable) as failed:
        printer_status(config)
    assert failed.value.params["where"] == f"{host}:{port}"


def test_the_drawer_state_is_read_from_the_printer(printer):
    assert not printer_status(config_of(printer)).drawer_open
    printer.state = PrinterState(drawer_open=True)
    assert printer_status(config_of(printer)).drawer_open


def test_only_a_supervisor_opens_the_drawer_without_sale_and_it_is_audited(db):
    hall = service_hall(db)
    with pytest.raises(PermissionDenied):
        open_drawer_without_sale(db, hall["clerk"], reason="找零")
    with pytest.raises(ValidationError):
        open_drawer_without_sale(db, hall["boss"], reason="  ")
    assert audited(db, "drawer.opened_without_sale") == []
    opening = open_drawer_without_sale(db, hall["boss"], reason="备用金换零钱")
    assert opening.workstation == "test-ws"
    assert audited(db, "drawer.opened_without_sale") == [{"reason": "备用金换零钱"}]


def test_another_units_clerk_may_not_record_or_print_the_receipt(db, printer):
    hall = service_hall(db)
    pid = pay(db, hall)
    with db.session() as s:
        stranger = f.actor(s, f.unit(s, code="37999", name="别的所"), username="x",
                           role="counter")
    with pytest.raises(OutOfScope):
        send_receipt(db, stranger, config_of(printer), pid, open_drawer=True)
    with pytest.raises(OutOfScope):
        receipt_print_state(db, stranger, pid)
    assert printer.status_connections == 0


def test_a_serial_printer_takes_the_receipt_through_pyserial(db, printer):
    """The serial path, end to end: pyserial's socket:// port reaches the fake printer."""
    hall = service_hall(db)
    pid = pay(db, hall)
    host, port = printer.address
    config = PrinterConfig(kind=PrinterKind.SERIAL, device=f"socket://{host}:{port}",
                           baud=19200, paper_mm=58)
    sent = send_receipt(db, hall["clerk"], config, pid, open_drawer=True)
    assert sent.kicked and job(printer, 1)["drawer_kicks"] == 1
    text = printer.job_path(1, ".txt").read_text(encoding="utf-8").splitlines()
    with db.session() as s:
        name = s.get(Customer, hall["farmer"]).name
    assert f"户名：{name}" in text and "实缴金额：￥98.62" in text
    assert all(len(line.encode("gb18030")) <= 32 for line in text)  # 58 mm: 32 columns


def test_a_missing_serial_port_is_a_clear_error():
    config = PrinterConfig(kind=PrinterKind.SERIAL, device="/dev/griddesk-no-such-port")
    with pytest.raises(ReceiptPrinterUnavailable) as failed:
        printer_status(config)
    assert failed.value.params["detail"] == "no_port"
    assert "/dev/griddesk-no-such-port" in failed.value.params["where"]
