"""Reference rows: the unit tree, staff logins, tariffs and cost-control policies.

These are a few hundred rows, written through SQLAlchemy Core so every column
type converts itself per engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, insert

from console.models import CostControlPolicy, Tariff, TariffTier, TouPeriod, Unit

COMPANY = ("37401", "国网菏泽供电公司", "菏泽市牡丹区中华路1166号")
# County, share of customers, its 供电所 (towns) and its urban streets.
COUNTIES: tuple[tuple[str, float, tuple[str, ...], tuple[str, ...]], ...] = (
    ("牡丹区", 0.15, ("吕陵", "皇镇", "沙土", "王浩屯"), ("中华路", "人民路", "长江路", "和平路")),
    ("定陶区", 0.07, ("陈集", "仿山", "黄店"), ("兴华路", "广济路", "定陶大道")),
    ("曹县", 0.15, ("庄寨", "韩集", "普连集", "青岗集"), ("青菏路", "珠江路", "磐石路")),
    ("单县", 0.12, ("终兴", "黄岗", "郭村"), ("胜利路", "湖西路", "舜师路")),
    ("成武县", 0.08, ("汶上集", "伯乐集", "苟村集"), ("永昌路", "伯乐大街", "文亭街")),
    ("巨野县", 0.11, ("龙堌", "独山", "田庄", "麒麟"), ("永丰街", "青年路", "凤凰路")),
    ("郓城县", 0.13, ("黄安", "杨庄集", "侯咽集", "张营"), ("胜利街", "金河路", "唐塔路")),
    ("鄄城县", 0.08, ("红船", "旧城", "董口"), ("古泉路", "箕山路", "府前街")),
    ("东明县", 0.11, ("沙窝", "刘楼", "菜园集"), ("五四路", "黄河路", "东明大道")),
)
REGION_CODES = ("371702", "371703", "371721", "371722", "371723", "371724", "371725", "371726", "371728")


@dataclass(frozen=True)
class UnitRow:
    """A unit as the generators need it: where customers live and whom they pay."""

    id: int
    code: str
    name: str
    kind: str
    county: int  # index into COUNTIES, -1 for the company
    town: str  # station town, or "" for a county or hall


def build_units() -> list[UnitRow]:
    """The company, nine counties, each with its stations and a service hall."""
    units = [UnitRow(1, COMPANY[0], COMPANY[1], "company", -1, "")]
    for ci, (county, _share, towns, _streets) in enumerate(COUNTIES):
        base = f"374{ci + 1}"
        units.append(UnitRow(len(units) + 1, base + "0", f"{county}供电公司", "county", ci, ""))
        for ti, town in enumerate(towns):
            units.append(UnitRow(len(units) + 1, f"{base}{ti + 1}", f"{town}供电所", "station", ci, town))
        units.append(UnitRow(len(units) + 1, base + "9", f"{county}城区营业厅", "hall", ci, ""))
    return units


def insert_units(conn: Connection, units: list[UnitRow]) -> None:
    county_id = {u.county: u.id for u in units if u.kind == "county"}
    rows = []
    for u in units:
        parent = None if u.kind == "company" else (1 if u.kind == "county" else county_id[u.county])
        county = COUNTIES[u.county][0] if u.county >= 0 else ""
        address = COMPANY[2] if u.county < 0 else f"菏泽市{county}{u.town + '镇' if u.town else '城区'}"
        phone = f"0530-{5000000 + u.id * 1117:07d}"
        rows.append({"id": u.id, "code": u.code, "name": u.name, "kind": u.kind, "parent_id": parent,
                         "address": address, "phone": phone})
    conn.execute(insert(Unit), rows)


# Tariff ids are fixed: the SQL generators refer to them by number.
TARIFF_RESIDENTIAL, TARIFF_COMMERCIAL, TARIFF_INDUSTRIAL = 1, 2, 3
TARIFF_AGRICULTURAL, TARIFF_PUBLIC, TARIFF_TOU = 4, 5, 6
# Shandong residential annual tiers: kWh of the year up to the limit, price (yuan/kWh).
RESIDENTIAL_TIERS = ((Decimal(2520), Decimal("0.5469")), (Decimal(4800), Decimal("0.5969")),
                     (None, Decimal("0.8469")))
FLAT_PRICES = {
    TARIFF_COMMERCIAL: ("commercial", "一般工商业电价", Decimal("0.7000"), Decimal("0.0020")),
    TARIFF_INDUSTRIAL: ("industrial", "大工业单一制电价", Decimal("0.6500"), Decimal("0.0030")),
    TARIFF_AGRICULTURAL: ("agricultural", "农业生产电价", Decimal("0.5000"), Decimal("0.0020")),
    TARIFF_PUBLIC: ("public", "公共服务电价", Decimal("0.5669"), Decimal("0.0020")),
}
# 尖峰平谷 windows (local time) and prices of the time-of-use tariff.
TOU_PERIODS = (
    ("sharp", dt.time(19), dt.time(21), Decimal("1.0725"), "1,7,8,12"),
    ("peak", dt.time(8), dt.time(11), Decimal("0.8943"), ""),
    ("peak", dt.time(16), dt.time(19), Decimal("0.8943"), ""),
    ("flat", dt.time(11), dt.time(16), Decimal("0.6500"), ""),
    ("flat", dt.time(21), dt.time(23), Decimal("0.6500"), ""),
    ("valley", dt.time(23), dt.time(8), Decimal("0.3557"), ""),
)
TOU_PRICE = {r: p for r, _s, _e, p, _m in TOU_PERIODS}
EFFECTIVE_FROM = dt.date(2024, 1, 1)


def insert_tariffs(conn: Connection) -> None:
    rows = [{"id": TARIFF_RESIDENTIAL, "code": "RES-TIER", "name": "居民阶梯电价", "kind": "tiered",
                 "category": "residential", "price": RESIDENTIAL_TIERS[0][1], "late_fee_rate": Decimal("0.0010")}]
    for tid, (category, name, price, rate) in FLAT_PRICES.items():
        rows.append({"id": tid, "code": f"{category[:3].upper()}-FLAT", "name": name, "kind": "flat",
                         "category": category, "price": price, "late_fee_rate": rate})
    rows.append({"id": TARIFF_TOU, "code": "IND-TOU", "name": "大工业分时电价", "kind": "tou",
                     "category": "industrial", "price": TOU_PRICE["flat"], "late_fee_rate": Decimal("0.0030")})
    for row in rows:
        row.update(effective_from=EFFECTIVE_FROM, effective_to=None, version=1)
    conn.execute(insert(Tariff), rows)
    conn.execute(insert(TariffTier), [
        {"id": i + 1, "tariff_id": TARIFF_RESIDENTIAL, "seq": i + 1, "upper_kwh": upper, "price": price}
        for i, (upper, price) in enumerate(RESIDENTIAL_TIERS)])
    conn.execute(insert(TouPeriod), [
        {"id": i + 1, "tariff_id": TARIFF_TOU, "register": r, "start_time": s, "end_time": e, "price": p, "months": m}
        for i, (r, s, e, p, m) in enumerate(TOU_PERIODS)])


def insert_policies(conn: Connection, units: list[UnitRow]) -> None:
    """Default, per-category and one unit-specific smart cost-control policy."""
    base = {"notice_days": 7, "reminder_minutes": 30, "quiet_start": dt.time(18), "quiet_end": dt.time(8),
                "no_weekends": True, "no_holidays": True, "protected_categories": "public",
                "max_disconnects_per_hour": 50, "active": True, "version": 1, "unit_id": None, "category": None,
                "auto_approve": False}
    specs = [
        ("默认费控策略", None, None, "20.00", "0.00", False),
        # No policy approves a household's cut on its own: a second supervisor does (issue 13.2).
        ("居民费控策略", None, "residential", "10.00", "-5.00", False),
        ("一般工商业费控策略", None, "commercial", "200.00", "0.00", False),
        ("大工业费控策略", None, "industrial", "5000.00", "-1000.00", False),
        ("曹县城区居民策略", next(u.id for u in units if u.code == "37439"), "residential", "30.00", "0.00", False),
    ]
    rows = []
    for i, (name, unit_id, category, alert, cut, auto) in enumerate(specs):
        rows.append({**base, "id": i + 1, "name": name, "unit_id": unit_id, "category": category,
                     "alert_balance": Decimal(alert), "disconnect_balance": Decimal(cut),
                     "auto_approve": auto})
    conn.execute(insert(CostControlPolicy), rows)
