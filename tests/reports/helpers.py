"""Shared by the report tests: PDF text and pixels, and a hall with a year of history."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pypdfium2 as pdfium
from pypdf import PdfReader
from sqlalchemy import select

from console.models import LedgerEntry
from console.services.payments.counter import post_payment
from console.services.payments.reversals import reverse_payment
from console.timeutil import LOCAL, local_today
from tests import factories as f
from tests.billing_helpers import account, add_bill, days_ago


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def ink_share(pdf: bytes, page: int = 0) -> float:
    """The share of pixels that are not white on a page rendered at 100 dpi."""
    document = pdfium.PdfDocument(pdf)
    image = document[page].render(scale=100 / 72).to_pil().convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[245:]) / sum(histogram)


def months_back(n: int) -> str:
    today = local_today()
    index = today.year * 12 + today.month - 1 - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def history_hall(db) -> dict:
    """A county with a station; a farmer billed for 15 months (three before the statement's
    window), a shop at the station; two clerks took payments today, one was reversed."""
    with db.session() as s:
        county = f.unit(s, code="37010", name="牡丹区供电公司")
        station = f.unit(s, code="37011", name="吕陵供电所")
        station.parent_id = county.id
        tariff = f.tariff(s)
        farmer, meter = account(s, county, tariff)
        farmer.name = "王建国"
        for n in range(15, 0, -1):  # issued early in the next month, due 20 days later
            issued = min(dt.date.fromisoformat(months_back(n - 1) + "-03"), local_today())
            bill = add_bill(s, farmer, meter, period=months_back(n), amount=f"{40 + n * 3}.{n:02d}",
                            due=issued + dt.timedelta(days=20))
            _issued(s, bill, issued)
        shop, shop_meter = account(s, station, tariff, category="commercial")
        shop.name = "吕陵镇便利店"
        for due in (10, 45, 75, 200):
            add_bill(s, shop, shop_meter, period=months_back(due // 30 + 1), amount=f"{due}.50",
                     due=days_ago(due))
        clerk = f.actor(s, county, username="clerk", role="counter")
        clerk2 = f.actor(s, station, username="clerk2", role="counter")
        boss = f.actor(s, county, username="boss", role="supervisor")
        ids = {"county": county.id, "station": station.id, "farmer": farmer.id,
               "farmer_no": farmer.customer_no, "shop": shop.id, "shop_no": shop.customer_no}
    posts = [post_payment(db, who, customer_id=ids[cust], amount=amount, method=method,
                          idempotency_key=f"h{i}", tendered=None)
             for i, (who, cust, amount, method) in enumerate((
                 (clerk, "farmer", "100.00", "cash"), (clerk, "farmer", "33.33", "wechat"),
                 (clerk2, "shop", "10.50", "cash"), (clerk2, "shop", "45.50", "card"),
                 (clerk, "farmer", "7.77", "cash")))]
    reverse_payment(db, boss, posts[4].payment_id, "keyed twice")
    return {**ids, "clerk": clerk, "clerk2": clerk2, "boss": boss, "posts": posts,
            "today": local_today()}


def _issued(s, bill, day: dt.date) -> None:
    """Date the bill and its ledger charge on the day it was issued (noon, local)."""
    moment = dt.datetime.combine(day, dt.time(12), tzinfo=LOCAL)
    bill.issued_at = moment
    for entry in s.scalars(select(LedgerEntry).where(LedgerEntry.bill_id == bill.id)):
        entry.posted_at = moment
    s.flush()


D = Decimal
