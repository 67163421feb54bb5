"""No English in the Chinese UI, no "(s)" in the English one.

Qt's own dialogs speak Chinese (qtbase_zh_CN plus what it lacks, widgets/qt_texts.py),
the first start's progress names its steps in Chinese, and every plural message
has its forms: "1 match" / "2 matches" in English, "共 2 条匹配" in Chinese.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QFileIconProvider,
    QLabel,
    QWidget,
)

import main
from console.demo import generate
from widgets.resources import I18N

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PLURALS = [(context.findtext("name"), message.findtext("source"))
           for context in ET.parse(I18N / "griddesk_en.ts").getroot().iter("context")
           for message in context.iter("message")]


def english_words(dialog: QWidget) -> list[str]:
    """Visible label and button texts with a Latin word in them (a file name filter aside)."""
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)
             if w.isVisibleTo(dialog)]
    return [t for t in texts if LATIN_WORD.search(t.replace("PDF", ""))]


@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptSave,
                                  QFileDialog.AcceptMode.AcceptOpen])
def test_qt_file_dialog_speaks_chinese(qtbot, english, tmp_path, mode) -> None:
    english("zh_CN")
    dialog = QFileDialog(None, "保存对账单", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert english_words(dialog) == []
    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "文件夹"  # the Type column


def test_qt_print_dialog_speaks_chinese(qtbot, english) -> None:
    english("zh_CN")
    printer = QPrinter()
    dialog = QPrintDialog(printer, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert english_words(dialog) == []
    combos = [c.itemText(i) for c in dialog.findChildren(QComboBox) for i in range(c.count())]
    assert not [t for t in combos if LATIN_WORD.search(t.replace("PDF", ""))]


def test_first_start_names_each_step_in_chinese(qtbot, english, file_db, tasks) -> None:
    steps: list[str] = []
    generate(file_db.engine, customers=60, progress=lambda step, _f: steps.append(step))
    english("zh_CN")
    shell = main.Shell(tasks, None, embedded=True)
    qtbot.addWidget(shell.login)
    texts = {step: shell.stage_text(step) for step in steps}
    assert "bills" in texts and texts["bills"] == "电费账单"
    assert all(text and not LATIN_WORD.search(text) for text in texts.values()), texts
    shell._on_progress("ledger", 0.46)
    assert "账务明细" in shell.login.message_bar.label.text()


@pytest.mark.parametrize(("context", "source"), PLURALS, ids=[s for _c, s in PLURALS])
def test_english_plurals_have_their_forms(english, context, source) -> None:
    english("en")
    one = QCoreApplication.translate(context, source, "", 1)
    many = QCoreApplication.translate(context, source, "", 2)
    assert "(s)" not in one + many and "(es)" not in one + many
    assert "1" in one and "2" in many


def test_the_lookup_counts_matches_in_each_language(english) -> None:
    def matches(n: int) -> str:
        return QCoreApplication.translate("CustomerLookup", "%n match(es)", "", n)

    english("en")
    assert (matches(1), matches(3)) == ("1 match", "3 matches")
    english("zh_CN")
    assert matches(3) == "共 3 条匹配"
    assert QCoreApplication.translate("CustomerView", "(%n day(s) overdue)", "", 323) \
        == "（已逾期 323 天）"


def test_every_plural_of_the_gui_is_in_the_english_file() -> None:
    chinese = ET.parse(I18N / "griddesk_zh_CN.ts").getroot()
    plural = {m.findtext("source") for m in chinese.iter("message") if m.get("numerus") == "yes"}
    assert plural == {source for _context, source in PLURALS}
    with_s = {m.findtext("source") for m in chinese.iter("message")
              if re.search(r"\((s|es)\)", m.findtext("source") or "")}
    assert with_s <= plural, "a '(s)' string without %n stays '(s)' in English"
