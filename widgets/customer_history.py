"""The customer view's history tabs: which columns each table shows."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from widgets.domain_labels import (
    bill_status_name, method_name, money, relay_name, seal_position_name,
)
from widgets.errors import local_time
from widgets.rows_model import ColumnSpec

translate = QCoreApplication.translate


def _t(text: str) -> str:
    return translate("CustomerHistory", text)


def bill_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(_t("Period"), lambda b: b.period),
        ColumnSpec(_t("Bill no."), lambda b: b.bill_no),
        ColumnSpec(_t("kWh"), lambda b: money(b.kwh) + (" *" if b.estimated else ""), True),
        ColumnSpec(_t("Amount (yuan)"), lambda b: money(b.amount), True),
        ColumnSpec(_t("Paid (yuan)"), lambda b: money(b.paid_amount), True),
        ColumnSpec(_t("Due"), lambda b: b.due_date.isoformat()),
        ColumnSpec(_t("Status"), lambda b: bill_status_name(b.status)),
    ]


def payment_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(_t("Time"), lambda p: local_time(p.received_at)),
        ColumnSpec(_t("Receipt no."), lambda p: p.receipt_no),
        ColumnSpec(_t("Amount (yuan)"), lambda p: money(p.amount), True),
        ColumnSpec(_t("Method"), lambda p: method_name(p.method)),
        ColumnSpec(_t("Operator"), lambda p: p.operator),
        ColumnSpec(_t("Status"), lambda p: _t("Reversed") if p.status == "reversed" else _t("Posted")),
    ]


def notice_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(_t("Created"), lambda n: local_time(n.created_at)),
        ColumnSpec(_t("Document no."), lambda n: n.doc_no),
        ColumnSpec(_t("Kind"), lambda n: n.kind),
        ColumnSpec(_t("Channel"), lambda n: n.channel),
        ColumnSpec(_t("Status"), lambda n: n.status),
        ColumnSpec(_t("Served"), lambda n: local_time(n.served_at)),
        ColumnSpec(_t("Amount (yuan)"), lambda n: money(n.amount), True),
    ]


def command_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(_t("Requested"), lambda c: local_time(c.requested_at)),
        ColumnSpec(_t("Action"), lambda c: c.action),
        ColumnSpec(_t("Reason"), lambda c: c.reason),
        ColumnSpec(_t("State"), lambda c: c.state),
        ColumnSpec(_t("Finished"), lambda c: local_time(c.finished_at)),
        ColumnSpec(_t("Refused by rule / error"), lambda c: c.refused_rule or c.error),
    ]


def seal_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(_t("Seal no."), lambda s: s.seal_no),
        ColumnSpec(_t("Meter"), lambda s: s.meter_asset_no),
        ColumnSpec(_t("Position"), lambda s: seal_position_name(s.position)),
        ColumnSpec(_t("Installed"), lambda s: local_time(s.installed_at)),
    ]


def work_order_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(_t("Order no."), lambda w: w.order_no),
        ColumnSpec(_t("Kind"), lambda w: w.kind),
        ColumnSpec(_t("State"), lambda w: w.state),
        ColumnSpec(_t("Created"), lambda w: local_time(w.created_at)),
        ColumnSpec(_t("Due"), lambda w: local_time(w.due_at)),
        ColumnSpec(_t("Satisfaction"), lambda w: "★" * (w.satisfaction or 0)),
    ]


def audit_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(_t("Time"), lambda a: local_time(a.at)),
        ColumnSpec(_t("Who"), lambda a: a.actor_name),
        ColumnSpec(_t("Workstation"), lambda a: a.workstation),
        ColumnSpec(_t("What"), lambda a: a.action),
    ]


def meter_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(_t("Asset no."), lambda m: m.asset_no),
        ColumnSpec(_t("Address"), lambda m: m.address),
        ColumnSpec(_t("Phases"), lambda m: str(m.phases), True),
        ColumnSpec(_t("Multiplier"), lambda m: str(m.multiplier), True),
        ColumnSpec(_t("Relay"), lambda m: relay_name(m.relay_state)),
        ColumnSpec(_t("Last reading (kWh)"), lambda m: money(m.last_energy), True),
        ColumnSpec(_t("Read at"), lambda m: local_time(m.last_reading_at)),
    ]


# (tab title, columns factory, CustomerDetail attribute)
TABS = (
    (QT_TRANSLATE_NOOP("CustomerHistory", "Bills"), bill_columns, "bills"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Payments"), payment_columns, "payments"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Meters"), meter_columns, "meters"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Seals"), seal_columns, "seals"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Notices"), notice_columns, "notices"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Switch commands"), command_columns, "commands"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Work orders"), work_order_columns, "work_orders"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Audit trail"), audit_columns, "audit"),
)
