"""The CJK font every document embeds.

ReportLab embeds TrueType outlines only: the Noto CJK fonts are CFF and are
refused, and its built-in STSong-Light is not embedded (blank on most
viewers). WenQuanYi Micro Hei is TrueType and ships in resources/fonts
(read through console.assets, so an installed wheel finds it too).
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from console import assets

FONT_FILE = ("fonts", "wqy-microhei.ttc")
CJK_FONT = "WenQuanYiMicroHei"


@cache
def register_cjk_font() -> str:
    """Register the font with ReportLab once; the name to use in styles."""
    pdfmetrics.registerFont(TTFont(CJK_FONT, str(assets.file_path(*FONT_FILE)), subfontIndex=0))
    return CJK_FONT
