"""A receipt with Chinese in it, and a fake printer to print it on."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import zxingcpp
from PIL import Image

from console.devices.fake_printer import FakePrinter
from console.services.payments.types import ReceiptData, ReceiptLine
from reports.label_printer import send_raw

RECEIPT = ReceiptData(
    company="国网菏泽供电公司", unit_name="牡丹区营业厅", unit_phone="95598",
    receipt_no="37170101202600000123", customer_no="3701000000123", customer_name="张三",
    phone="138****5678", address="山东省菏泽市牡丹区中华路123号幸福小区5号楼2单元301室",
    amount=Decimal("1234.56"), method="cash", tendered=Decimal("1300.00"),
    change=Decimal("65.44"),
    lines=(ReceiptLine("2026-10", "DF202610000000123", Decimal("600.00"), Decimal("12.34")),
           ReceiptLine("2026-11", "DF202611000000123", Decimal("622.22"), Decimal("0.00"))),
    balance_after=Decimal("0.00"), operator="李收费", workstation="YYT-37170101-01",
    received_at=dt.datetime(2026, 12, 7, 8, 30, tzinfo=dt.UTC))


def receipt(**changes: object) -> ReceiptData:
    return replace(RECEIPT, **changes)


def print_job(printer: FakePrinter, job: bytes, number: int = 1) -> dict:
    """Send `job` over TCP and wait until the printer wrote it; its JSON summary."""
    host, port = printer.address
    send_raw(host, job, port=port)
    assert printer.wait_for_jobs(number)
    return json.loads(printer.job_path(number, ".json").read_text(encoding="utf-8"))


def printed_text(printer: FakePrinter, number: int = 1) -> str:
    return printer.job_path(number, ".txt").read_text(encoding="utf-8")


def decoded_codes(png: Path) -> dict[str, str]:
    """What zxing-cpp reads in the printed picture, by format name."""
    with Image.open(png) as image:
        return {r.format.name: r.text for r in zxingcpp.read_barcodes(image)}
