"""Texts of Qt's own dialogs that Qt's shipped Chinese translation leaves in English.

Qt 6 gave some file and print dialog labels a mnemonic ("&Look in:"), and
qtbase_zh_CN.qm still only knows the old text ("Look in:"). Listed here under
Qt's own contexts, lupdate puts them in our .ts; our translator answers when
Qt's has nothing (tests/gui/test_translations.py opens those dialogs in Chinese).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_TEXTS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:"),
    # The file dialog's Type column (Qt 6 moved these from QFileDialog's context).
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Shortcut"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)
