"""Customer lookup through the service, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from console.errors import PermissionDenied
from console.models import Customer
from console.services.customers import find_customers
from tests import factories as f

PEOPLE = [
    ("3700000001", "王伟", "13800135678", "曹县青菏街道王庄村3排12号"),
    ("3700000002", "王伟明", "13912345678", "牡丹区中华路1234号"),
    ("3700000003", "张秀兰", "15066667777", "定陶区滨河街道李庄村5排3号"),
    ("3700000004", "张伟", "18654321000", "单县北园路88号"),
    ("3700000005", "李娜", "13700001234", "巨野县永丰街道和平路17号"),
    ("3700000006", "赵薇", "13612340000", "郓城县东关村2排8号"),
]


@pytest.fixture
def people(db):
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        made = {}
        for number, name, phone, address in PEOPLE:
            c = Customer(customer_no=number, name=name, phone=phone, address=address,
                         category="residential", unit_id=unit.id, tariff_id=tariff.id)
            s.add(c)
            s.flush()
            made[number] = (c, f.meter(s, unit, c))
        seal_no = f.installed_seal(s, unit, made["3700000003"][1], serial=77).seal_no
        clerk = f.actor(s, unit, username="clerk", role="counter")
        boss = f.actor(s, unit, username="boss", role="supervisor")
        meters = {no: (m.asset_no, m.address) for no, (_c, m) in made.items()}
    return {"clerk": clerk, "boss": boss, "meters": meters, "seal": seal_no}


def numbers(db, actor, text):
    return [r.customer_no for r in find_customers(db, actor, text).rows]


def test_customer_number_exact_and_fullwidth(db, people):
    assert numbers(db, people["clerk"], "3700000003") == ["3700000003"]
    assert numbers(db, people["clerk"], "３７０００００００３") == ["3700000003"]


def test_meter_asset_number_address_and_seal_find_the_customer(db, people):
    asset, address = people["meters"]["3700000004"]
    assert numbers(db, people["clerk"], asset) == ["3700000004"]
    assert numbers(db, people["clerk"], address) == ["3700000004"]
    assert numbers(db, people["clerk"], people["seal"]) == ["3700000003"]


def test_phone_whole_and_last_digits(db, people):
    assert numbers(db, people["clerk"], "15066667777") == ["3700000003"]
    assert numbers(db, people["clerk"], "5678") == ["3700000001", "3700000002"]
    assert numbers(db, people["clerk"], "1234") == ["3700000005"]


def test_two_character_name_exact_ranks_before_longer_names(db, people):
    assert numbers(db, people["clerk"], "王伟") == ["3700000001", "3700000002"]


def test_name_parts(db, people):
    assert numbers(db, people["clerk"], "秀兰") == ["3700000003"]
    assert numbers(db, people["clerk"], "张") == ["3700000003", "3700000004"]


def test_pinyin_initials_and_full(db, people):
    assert numbers(db, people["clerk"], "zxl") == ["3700000003"]
    assert numbers(db, people["clerk"], "zw") == ["3700000004", "3700000006"]  # 张伟, 赵薇
    assert numbers(db, people["clerk"], "ZhangWei") == ["3700000004"]
    assert numbers(db, people["clerk"], "wangw")[:2] == ["3700000001", "3700000002"]


def test_address_fragments(db, people):
    assert numbers(db, people["clerk"], "王庄村") == ["3700000001"]
    assert numbers(db, people["clerk"], "中华路") == ["3700000002"]
    assert set(numbers(db, people["clerk"], "村")) == {"3700000001", "3700000003", "3700000006"}
    assert numbers(db, people["clerk"], "5排3号") == ["3700000003"]


def test_phones_in_results_are_masked_for_every_role(db, people):
    for who in ("clerk", "boss"):
        assert find_customers(db, people[who], "3700000001").rows[0].phone == "138****5678"


@pytest.mark.parametrize("junk", ["", "   ", "%", "_", "'", '"', "\\", "' OR 1=1 --",
                                  "🙂", "\x00", "王" * 10_000, 'a"b'])
def test_junk_is_harmless(db, people, junk):
    result = find_customers(db, people["clerk"], junk)
    assert result.total == len(result.rows) <= 50


def test_lookup_needs_a_login():
    with pytest.raises(PermissionDenied):
        find_customers(None, None, "3700000001")  # type: ignore[arg-type]


def test_renamed_customer_is_found_by_the_new_name(db, people):
    with db.session() as s:
        c = s.query(Customer).filter_by(customer_no="3700000006").one()
        c.name = "赵敏"
    assert numbers(db, people["clerk"], "赵敏") == ["3700000006"]
    assert numbers(db, people["clerk"], "zm") == ["3700000006"]
    assert numbers(db, people["clerk"], "赵薇") == []


