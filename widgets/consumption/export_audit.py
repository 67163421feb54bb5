"""The consumption chart's exports, asked for a purpose and recorded on the customer before
the file is written (PIPL; console.services.customers.access.record_export)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, Qt

from console.services.customers.access import record_export
from widgets.consumption.chart import ConsumptionChart, Page
from widgets.customers.purpose_dialog import PurposeDialog
from widgets.desk import Desk
from widgets.save_files import ask_save_path

translate = QCoreApplication.translate


def audit_exports(chart: ConsumptionChart, desk: Desk) -> ConsumptionChart:
    """Route the chart's Export buttons through a purpose, the save dialog and the record."""
    for button, suffix in ((chart.export_csv_button, "csv"), (chart.export_png_button, "png")):
        button.clicked.disconnect()
        button.clicked.connect(partial(_on_export_clicked, chart, desk, suffix))
    return chart


def _on_export_clicked(chart: ConsumptionChart, desk: Desk, suffix: str) -> None:
    if chart.customer_id is None:
        return
    dialog = PurposeDialog(desk, chart, prompt=translate(
        "ConsumptionChart", "Why is this customer's consumption exported? The purpose is "
        "recorded with your name in the audit trail."),
        ok_text=translate("ConsumptionChart", "Continue"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.sig_purpose_chosen.connect(partial(_on_purpose_chosen, chart, desk, suffix))
    dialog.open()


def _on_purpose_chosen(chart: ConsumptionChart, desk: Desk, suffix: str, purpose: str) -> None:
    customer_id = chart.customer_id
    if customer_id is None:
        return
    if suffix == "csv":
        kind, title, filters = ("consumption_data", translate("ConsumptionChart", "Export data"),
                                translate("ConsumptionChart", "CSV files (*.csv)"))
    else:
        kind, title, filters = ("consumption_picture",
                                translate("ConsumptionChart", "Export picture"),
                                translate("ConsumptionChart", "PNG images (*.png)"))
    path = ask_save_path(chart, kind=kind, title=title, name=chart.suggested_name(suffix),
                         filters=filters)
    if path is None:
        return
    export = chart.export_csv if suffix == "csv" else chart.export_png
    what = f"consumption {Page(chart.tabs.currentIndex()).name.lower()} {suffix}"
    db, actor = desk.db, desk.actor
    # Recorded first: a file is written only for an export the trail holds.
    desk.run(lambda: record_export(db, actor, customer_id, what=what, purpose=purpose), chart,
             lambda _none: chart._export(export, str(path)), chart.message_bar.show_error,
             write=True)
