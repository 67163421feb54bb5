"""`python -m bench.table_columns`: what fitted, remembered columns cost the arrears list.

Measures, offscreen, the median of five reloads of 50,000 arrears rows into the arrears
model under a shown table: `reload_ms_plain` without the column helper,
`reload_ms_fitted` with widgets.table_columns fitting the columns to their text after
each reload. The last line of stdout is one JSON object (with the load average).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import tempfile
import time
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # after the platform is chosen
from PySide6.QtWidgets import QApplication, QTableView

from bench.machine import machine
from console.services.arrears.types import ArrearsRow
from widgets.arrears.model import ArrearsModel
from widgets.table_columns import remember_columns

ROWS = 50_000


def _rows() -> list[ArrearsRow]:
    return [ArrearsRow(i, f"37{i:08d}", "王建国", 1, "牡丹区城区营业厅", "residential", False,
                       2, Decimal("96.40"), Decimal("2.22"), Decimal("98.62"),
                       dt.date(2026, 1, 18), 323, 3, "disconnect", "served", "normal",
                       "postpaid") for i in range(ROWS)]


def _reload_ms(app: QApplication, rows: list[ArrearsRow], *, fitted: bool) -> float:
    model = ArrearsModel()
    view = QTableView()
    view.setModel(model)
    if fitted:
        remember_columns(view, "bench.arrears")
    view.resize(1300, 600)
    view.show()
    app.processEvents()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        model.set_rows(rows)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    view.close()
    return round(statistics.median(times), 1)


def main() -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="bench-settings-"))
    app = QApplication.instance() or QApplication([])
    rows = _rows()
    result = {"rows": ROWS, "reload_ms_plain": _reload_ms(app, rows, fitted=False),
              "reload_ms_fitted": _reload_ms(app, rows, fitted=True),
              "load_average": os.getloadavg(),
              "machine": {**machine(), "qpa": os.environ.get("QT_QPA_PLATFORM", "")}}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
