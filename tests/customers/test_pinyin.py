"""Pinyin keys: surnames read as surnames, for every customer however it was created."""

from __future__ import annotations

import pytest

from console.models import Customer
from console.pinyin import pinyin_keys
from console.services.customers.search import find_customers
from tests import factories as f


@pytest.mark.parametrize("name, full, initials", [
    ("曾庆春", "zengqingchun", "zqc"), ("单雄信", "shanxiongxin", "sxx"), ("仇英", "qiuying", "qy"),
    ("解缙", "xiejin", "xj"), ("朴槿惠", "piaojinhui", "pjh"), ("欧阳修", "ouyangxiu", "oyx"),
    ("张伟", "zhangwei", "zw"),
])
def test_a_persons_surname_is_read_as_a_surname(name, full, initials):
    assert pinyin_keys(name) == (full, initials)


@pytest.mark.parametrize("name, full", [
    ("解放路小学", "jiefanglu"), ("单县人民医院", "shanxianrenmin"), ("曾经沧海有限公司", "cengjing"),
])
def test_organisations_are_read_as_written_with_place_names_fixed(name, full):
    assert pinyin_keys(name)[0].startswith(full)


def test_a_customer_added_outside_the_demo_is_found_by_its_surnames_initials(db):
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        for number, name in (("3700000101", "曾庆春"), ("3700000102", "单丽"), ("3700000103", "解红")):
            s.add(Customer(customer_no=number, name=name, category="residential", unit_id=unit.id,
                           tariff_id=tariff.id))
        s.flush()
        clerk = f.actor(s, unit, username="clerk", role="counter")
    found = {text: [r.name for r in find_customers(db, clerk, text).rows]
             for text in ("zqc", "zengqing", "shanli", "xh")}
    assert found == {"zqc": ["曾庆春"], "zengqing": ["曾庆春"], "shanli": ["单丽"], "xh": ["解红"]}
