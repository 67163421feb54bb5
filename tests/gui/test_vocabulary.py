"""The screens' words for stored codes: one table, held to the console's enums, read in
English (the source) and in Chinese (through the translator)."""

from __future__ import annotations

import re

import pytest

from console.models.enums import PaymentMethod, SealPosition, WorkOrderState
from tests.code_enums import SHOWN
from widgets.domain_labels import method_name
from widgets.labels import role_name
from widgets.seals.texts import order_state_name, position_name
from widgets.vocabulary import LABELS, label
from widgets.work_orders.texts import state_name

CJK = re.compile(r"[\u4e00-\u9fff]")
VOCABULARIES = sorted(SHOWN, key=lambda e: e.__name__)


def test_the_table_words_exactly_the_vocabularies_people_read() -> None:
    assert set(LABELS) == SHOWN


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda e: e.__name__)
def test_every_member_has_a_word_and_nothing_else_is_in_the_table(vocabulary) -> None:
    _context, sources = LABELS[vocabulary]
    assert [key for key in sources if not isinstance(key, vocabulary)] == []
    assert set(sources) == set(vocabulary)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda e: e.__name__)
def test_every_member_reads_in_english_and_in_chinese(english, vocabulary) -> None:
    _context, sources = LABELS[vocabulary]
    assert {m: label(vocabulary, m) for m in vocabulary} == {m: sources[m] for m in vocabulary}
    english("zh_CN")
    untranslated = {m: label(vocabulary, m) for m in vocabulary
                    if not CJK.search(label(vocabulary, m))}
    assert untranslated == {}


def test_a_stored_string_finds_its_word_and_an_unknown_code_shows_as_stored(english) -> None:
    english("zh_CN")
    assert method_name("wechat") == "微信支付"
    assert role_name("counter") == "营业员" and role_name("system") == "系统"
    assert method_name("bitcoin") == "bitcoin" and label(PaymentMethod, None) == ""


def test_a_code_has_one_word_on_every_screen(english) -> None:
    english("zh_CN")
    assert order_state_name(WorkOrderState.DONE) == state_name("done") == "已办结"
    assert position_name("terminal_cover") == label(SealPosition, "terminal_cover") == "端钮盒盖"
