"""Addresses and organisation names in Heze's counties, built from tokens.

Each name is a tuple of tokens whose pinyin is cached (names.pinyin_token),
so a million addresses cost string joins, not pypinyin calls.
"""

from __future__ import annotations

import numpy as np

from console.demo import reference as ref
from console.demo.names import SURNAMES, pinyin_of
from console.demo.reference import UnitRow

VILLAGE_SUFFIXES = ("庄", "楼", "集", "屯", "营", "寨", "店", "口", "洼", "庄子")
ESTATES = ("银座花园", "丹阳小区", "牡丹苑", "锦绣华城", "富丽家园", "中央公馆", "水岸名都", "阳光新城")
SHOPS = ("便利店", "超市", "饭店", "理发店", "五金店", "农资店", "药店", "宾馆", "服装店", "建材店",
         "手机店", "烧烤店")
BRANDS = ("鲁西", "恒通", "宏达", "鑫源", "瑞丰", "金盛", "东方", "永兴", "天宇", "福源", "华泰", "振兴")
TRADES = ("木业", "纺织", "机械", "食品", "化工", "板材", "面粉", "建材", "塑料", "包装")
# Public customers by kind (population.public_kind); the first three are protected.
PUBLIC_KINDS = (("人民医院", "医院"), ("卫生院", "医院"), ("自来水加压站", "供水"), ("中心小学", ""),
                ("路灯", ""))


def village(rng: np.random.Generator, n: int) -> list[str]:
    """Village names like 王庄, 李楼, 赵集."""
    s = rng.integers(0, len(SURNAMES), n).tolist()
    v = rng.integers(0, len(VILLAGE_SUFFIXES), n).tolist()
    return [SURNAMES[a] + VILLAGE_SUFFIXES[b] for a, b in zip(s, v, strict=False)]


def addresses(rng: np.random.Generator, units: list[UnitRow], unit_index: np.ndarray) -> list[str]:
    """Rural: 曹县庄寨镇王庄村3排12号; urban: 牡丹区中华路1234号 or an estate flat."""
    n = len(unit_index)
    villages = village(rng, n)
    row, no = rng.integers(1, 16, n).tolist(), rng.integers(1, 40, n).tolist()
    street_pick, number = rng.random(n).tolist(), rng.integers(1, 2400, n).tolist()
    estate, building = rng.integers(0, len(ESTATES), n).tolist(), rng.integers(1, 30, n).tolist()
    flat = (rng.integers(1, 7, n) * 100 + rng.integers(1, 5, n)).tolist()
    in_estate = (rng.random(n) < 0.5).tolist()
    out = []
    for i, ui in enumerate(unit_index.tolist()):
        unit = units[ui]
        county, _share, _towns, streets = ref.COUNTIES[unit.county]
        if unit.town:
            out.append(f"{county}{unit.town}镇{villages[i]}村{row[i]}排{no[i]}号")
            continue
        street = streets[int(street_pick[i] * len(streets))]
        tail = f"{ESTATES[estate[i]]}{building[i]}号楼{flat[i]}室" if in_estate[i] else ""
        out.append(f"{county}{street}{number[i]}号{tail}")
    return out


def org_name(rng: np.random.Generator, unit: UnitRow, category: int, public_kind: int) -> tuple[str, ...]:
    """Tokens of a non-residential customer's name: 曹县刘记饭店, 巨野县鑫源木业有限公司…"""
    county = ref.COUNTIES[unit.county][0]
    place = unit.town + "镇" if unit.town else county
    if category == 1:  # commercial
        return (place, SURNAMES[rng.integers(len(SURNAMES))] + "记", SHOPS[rng.integers(len(SHOPS))])
    if category == 2:  # industrial
        return (county, BRANDS[rng.integers(len(BRANDS))], TRADES[rng.integers(len(TRADES))], "有限公司")
    if category == 3:  # agricultural
        return (place, village(rng, 1)[0], "村机井", f"{rng.integers(1, 30)}号")
    return (place, PUBLIC_KINDS[public_kind][0])


def org_names(rng: np.random.Generator, units: list[UnitRow], unit_index: np.ndarray,
              category: np.ndarray, public_kind: np.ndarray) -> dict[int, tuple[str, str, str]]:
    """Name, pinyin and initials of every non-residential customer, by row."""
    out = {}
    for i in np.flatnonzero(category != 0).tolist():
        tokens = org_name(rng, units[unit_index[i]], int(category[i]), int(public_kind[i]))
        out[i] = ("".join(tokens), *pinyin_of(tokens))
    return out
