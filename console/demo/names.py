"""Chinese names, phone numbers, ID numbers and pinyin, vectorised over numpy indices.

Everything is picked by index from fixed vocabularies, so pinyin is looked up
once per surname, given-name character or name token and never per customer
(pypinyin costs tens of microseconds a call).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from console.pinyin import person_keys, pinyin_keys, syllables

# Surnames with rough weights (Shandong: 王 张 李 刘 lead, 孔 孟 more common than elsewhere).
SURNAMES = (
    "王张李刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔"
)
_TOP = {"王": 90, "张": 85, "李": 85, "刘": 70, "陈": 35, "杨": 35, "赵": 30, "孙": 30, "徐": 25, "马": 25}
SURNAME_WEIGHTS = np.array([_TOP.get(s, 6) for s in SURNAMES], dtype=float)
SURNAME_WEIGHTS /= SURNAME_WEIGHTS.sum()

MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳峰建国文志海东庆春成德兵振"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲燕萍红梅莉兰英慧巧美婷雪琳晶颖倩玉桂凤洁荣琴云"
# Whole given names of the generations born 1940-1990; many people are called exactly this.
COMMON_GIVEN = (
    "秀兰", "秀英", "桂英", "玉兰", "秀珍", "凤英", "桂兰", "秀梅", "玉梅", "春梅", "海燕", "丽娟",
    "建国", "建华", "建军", "志强", "志刚", "国庆", "振华", "文静", "俊杰", "浩然", "子涵", "欣怡",
)
GIVEN = tuple(MALE_CHARS) + tuple(FEMALE_CHARS) + COMMON_GIVEN

MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187",
    "188", "189", "191", "198", "199",
)
ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"


@cache
def pinyin_token(token: str) -> tuple[str, str]:
    """(full pinyin, initials) of one name token: lowercase, no tones, no spaces."""
    found = syllables(token)
    return "".join(found), "".join(s[0] for s in found)


def pinyin_of(tokens: tuple[str, ...]) -> tuple[str, str]:
    """Pinyin of an organisation's name made of cached tokens; a short one (a person's
    length) is read as console.pinyin reads it, so a later edit keeps the same keys."""
    name = "".join(tokens)
    if len(name) <= 4:
        return pinyin_keys(name)
    parts = [pinyin_token(t) for t in tokens]
    return "".join(p[0] for p in parts), "".join(p[1] for p in parts)


def person_names(rng: np.random.Generator, n: int) -> tuple[list[str], list[str], list[str]]:
    """Names, pinyin and initials of n people: 王伟, 张秀兰, 李建国…"""
    sur = rng.choice(len(SURNAMES), size=n, p=SURNAME_WEIGHTS)
    first = rng.integers(0, len(GIVEN), size=n)
    # About 30 % have a one-character given name (王伟); the rest two characters.
    second = np.where(rng.random(n) < 0.30, -1, rng.integers(0, len(GIVEN), size=n))
    second = np.where(first >= len(MALE_CHARS) + len(FEMALE_CHARS), -1, second)
    second_pool = np.where(first < len(MALE_CHARS), 0, 1)
    names, full, initials = [], [], []
    for s, f, t, pool in zip(sur.tolist(), first.tolist(), second.tolist(), second_pool.tolist(), strict=False):
        chars = MALE_CHARS if pool == 0 else FEMALE_CHARS
        given = GIVEN[f] + ("" if t < 0 else chars[t % len(chars)])
        # The same reading as a customer entered at the counter (console.pinyin): 曾 is zeng.
        py, ini = person_keys(SURNAMES[s], given)
        names.append(SURNAMES[s] + given)
        full.append(py)
        initials.append(ini)
    return names, full, initials


def mobile_numbers(rng: np.random.Generator, n: int) -> list[str]:
    prefix = rng.integers(0, len(MOBILE_PREFIXES), size=n)
    rest = rng.integers(0, 10**8, size=n)
    return [f"{MOBILE_PREFIXES[p]}{r:08d}" for p, r in zip(prefix.tolist(), rest.tolist(), strict=False)]


def id_numbers(rng: np.random.Generator, regions: np.ndarray, birth_days: np.ndarray) -> list[str]:
    """18-character resident ID numbers with the GB 11643 (ISO 7064 MOD 11-2) check.

    `regions` are 6-digit codes (3717xx), `birth_days` numpy datetime64[D].
    """
    n = len(regions)
    days = birth_days.astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    year = months.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    ymd_int = year * 10000 + month * 100 + day
    seq = rng.integers(1, 1000, size=n)
    body = regions.astype(np.int64) * 10**11 + ymd_int * 1000 + seq
    digits = (body[:, None] // (10 ** np.arange(16, -1, -1, dtype=np.int64))) % 10
    check = (digits * ID_WEIGHTS).sum(axis=1) % 11
    return [f"{b:017d}{ID_CHECK[c]}" for b, c in zip(body.tolist(), check.tolist(), strict=False)]


def id_check_char(first17: str) -> str:
    """The check character for 17 digits; the tests use it to verify."""
    total = sum(int(d) * int(w) for d, w in zip(first17, ID_WEIGHTS, strict=False))
    return ID_CHECK[total % 11]
