"""A QR code as a picture on screen: the scan-to-pay code in the payment dialog and on the
customer display. Sharp modules (whole pixels each, no smoothing) and the standard's
four-module quiet zone, so a phone held at the screen reads it at once."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPixmap

from reports.qr_matrix import matrix

QUIET = 4  # modules of white around the code (ISO/IEC 18004)


def qr_pixmap(text: str, side: int) -> QPixmap:
    """`text` as a QR code at most `side` pixels square (at least one pixel per module)."""
    modules = np.pad(matrix(text.encode("utf-8")), QUIET)
    scale = max(1, side // len(modules))
    grey = np.where(modules, 0, 255).astype(np.uint8)
    grey = np.ascontiguousarray(np.kron(grey, np.ones((scale, scale), dtype=np.uint8)))
    height, width = grey.shape
    image = QImage(grey.data, width, height, width, QImage.Format.Format_Grayscale8)
    return QPixmap.fromImage(image.copy())  # copy: the array goes when this returns
