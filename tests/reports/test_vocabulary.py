"""The reports' words for stored codes: one table, held to the console's enums."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from console.models.enums import CommandState, PaymentMethod, SealType
from reports.receipt import ReceiptLabels
from reports.seal_labels import LabelWords
from reports.vocabulary import LABELS, name_of, names
from tests.code_enums import SHOWN

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_table_words_exactly_the_vocabularies_people_read() -> None:
    assert set(LABELS) == SHOWN


@pytest.mark.parametrize("vocabulary", sorted(SHOWN, key=lambda e: e.__name__),
                         ids=lambda e: e.__name__)
def test_every_member_has_chinese_and_english_words_and_nothing_else(vocabulary) -> None:
    table = LABELS[vocabulary]
    assert [key for key in table if not isinstance(key, vocabulary)] == []
    assert set(table) == set(vocabulary)
    for member, (zh, en) in table.items():
        assert CJK.search(zh), (member, zh)
        assert en.strip() and not CJK.search(en), (member, en)


def test_a_code_reads_in_the_language_asked_and_an_unknown_code_as_stored() -> None:
    assert name_of("zh", PaymentMethod, "wechat") == "微信支付"
    assert name_of("en", PaymentMethod, "wechat") == "WeChat Pay"
    assert name_of("zh", CommandState, "requested") == "待审批"
    assert name_of("zh", PaymentMethod, "bitcoin") == "bitcoin"


def test_the_receipt_and_the_seal_label_print_the_tables_words() -> None:
    assert ReceiptLabels().methods == names("zh", PaymentMethod)
    assert ReceiptLabels().methods["card"] == "银行卡"
    assert LabelWords().types == names("zh", SealType) == {
        "lead": "铅封", "plastic": "塑封", "electronic": "电子封"}


def test_loading_a_report_changes_no_other_reports_words() -> None:
    """In a fresh interpreter: the words before and after importing every report agree."""
    script = ("import json, pkgutil, importlib, reports\n"
              "from reports.words import words\n"
              "before = json.dumps([words('zh'), words('en')])\n"
              "for info in pkgutil.iter_modules(reports.__path__):\n"
              "    importlib.import_module('reports.' + info.name)\n"
              "print(before == json.dumps([words('zh'), words('en')]))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "True"
