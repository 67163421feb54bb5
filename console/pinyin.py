"""Pinyin keys of Chinese names, computed once at write time (pypinyin).

pypinyin reads a character the way it is most often read, and a surname is
often read otherwise: 曾国藩 is Zeng, not Ceng; 单 is Shan, 仇 Qiu, 解 Xie,
朴 Piao. A clerk types what the customer says, so a name that looks like a
person's (two to four Chinese characters) takes its surname's own reading,
compound surnames (欧阳, 尉迟…) first. Longer names are organisations and
are read as written, with the place names pypinyin gets wrong fixed (单县).
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin, load_phrases_dict

# Surnames whose reading differs from the character's usual one, as syllables.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",), "单": ("shan",), "仇": ("qiu",), "解": ("xie",), "朴": ("piao",),
    "区": ("ou",), "查": ("zha",), "盖": ("ge",), "乐": ("yue",), "翟": ("zhai",), "覃": ("qin",),
    "缪": ("miao",), "秘": ("bi",), "召": ("shao",), "员": ("yun",), "种": ("chong",),
    "繁": ("po",), "隗": ("wei",), "句": ("gou",), "折": ("she",), "尉": ("wei",), "长": ("chang",),
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "长孙": ("zhang", "sun"), "单于": ("chan", "yu"),
    "令狐": ("ling", "hu"), "澹台": ("tan", "tai"), "欧阳": ("ou", "yang"),
}
# Place names read wrongly as phrases (单县 is Shanxian, a county of Heze).
load_phrases_dict({"单县": [["shàn"], ["xiàn"]]})
PERSON_LENGTH = range(2, 5)


def syllables(text: str) -> list[str]:
    """Lower-case toneless syllables of the Chinese in `text` (other characters dropped)."""
    found = [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore")]
    return [s for s in found if s.isascii() and s.isalpha()]


def surname_of(name: str) -> str:
    """The surname of a person's name: a compound one if listed, else the first character."""
    return name[:2] if name[:2] in SURNAME_READINGS else name[:1]


def looks_like_person(name: str) -> bool:
    return len(name) in PERSON_LENGTH and all("\u4e00" <= c <= "\u9fff" for c in name)


@lru_cache(maxsize=4096)
def surname_syllables(surname: str) -> tuple[str, ...]:
    return SURNAME_READINGS.get(surname) or tuple(syllables(surname))


@lru_cache(maxsize=65536)
def given_syllables(given: str) -> tuple[str, ...]:
    return tuple(syllables(given))


def keys(parts: list[str] | tuple[str, ...]) -> tuple[str, str]:
    return "".join(parts), "".join(s[0] for s in parts)


def person_keys(surname: str, given: str) -> tuple[str, str]:
    """(full pinyin, initials) of a person: the surname's own reading, then the given name."""
    return keys(surname_syllables(surname) + given_syllables(given))


@lru_cache(maxsize=65536)
def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) in lower case without tones: 张伟 -> ("zhangwei", "zw"),
    曾庆春 -> ("zengqingchun", "zqc")."""
    if looks_like_person(name):
        surname = surname_of(name)
        return person_keys(surname, name[len(surname):])
    return keys(syllables(name))
