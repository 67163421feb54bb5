"""Chinese in PDFs: the shipped font embeds and the text extracts back."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.pdfgen import canvas

from reports.fonts import register_cjk_font


def test_chinese_text_is_embedded_and_extractable():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont(register_cjk_font(), 14)
    pdf.drawString(72, 720, "国网菏泽供电公司 收费凭证 98.62 元")
    pdf.save()
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert "国网菏泽供电公司 收费凭证 98.62 元" in reader.pages[0].extract_text()
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    wqy = [f for f in fonts if "WenQuanYiMicroHei" in f["/BaseFont"]]
    # Embedded TrueType outlines (a subset), not a reference to a font the viewer lacks.
    assert wqy and all("/FontFile2" in f["/FontDescriptor"].get_object() for f in wqy)
