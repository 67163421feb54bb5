"""Shipped resources: icons, the style sheet, the CJK font, translations."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QByteArray, QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from console import assets

log = logging.getLogger(__name__)

I18N = assets.root() / "i18n"
FONT_FILE = ("fonts", "wqy-microhei.ttc")
CJK_FAMILY = "WenQuanYi Micro Hei"
LANGUAGES = ("zh_CN", "en")

# Colours the style sheet also uses; icons are tinted to match it.
INK = "#38506b"
NAV_INK = "#c9d8ea"
WHITE = "#ffffff"


def _pixmap(name: str, color: str, size: int) -> QPixmap:
    svg = assets.read_text("icons", f"{name}.svg").replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


@cache
def icon(name: str, color: str = INK, selected: str | None = None) -> QIcon:
    """An SVG icon tinted `color` (and `selected` when its item is selected)."""
    result = QIcon()
    for size in (16, 24, 32, 48):
        result.addPixmap(_pixmap(name, color, size), QIcon.Mode.Normal)
        if selected:
            result.addPixmap(_pixmap(name, selected, size), QIcon.Mode.Selected)
    return result


def style_sheet() -> str:
    return assets.read_text("style.qss")


def install_font(app: QApplication) -> None:
    """Ship our own CJK font so Chinese renders anywhere, even offscreen."""
    font_id = QFontDatabase.addApplicationFont(str(assets.file_path(*FONT_FILE)))
    if font_id < 0:
        log.warning("could not load %s", "/".join(FONT_FILE))
        return
    font = QFont(app.font())
    # Latin from the platform font when it has one; CJK falls back to ours.
    font.setFamilies([font.family(), CJK_FAMILY])
    font.setPointSize(10)
    app.setFont(font)


def system_language() -> str:
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


_installed: list[QTranslator] = []


def install_translators(lang: str | None = None) -> str:
    """Load ours and Qt's own translations for `lang` (default: the system's).

    English is the source language; its translation only holds the plural forms
    ("1 match", "2 matches" for "%n match(es)").
    """
    app = QCoreApplication.instance()
    lang = lang or system_language()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = str(assets.file_path("i18n", f"griddesk_{lang}.qm"))
    files = [(ours, "")] + ([] if lang == "en" else [(f"qtbase_{lang}", qt_dir)])
    # Installed last, Qt's own is asked first; ours fills what it lacks (widgets/qt_texts.py).
    for name, folder in files:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no translation %s in %s", name, folder)
    return lang
