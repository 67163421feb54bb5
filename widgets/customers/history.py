"""The customer view's history tabs: which columns each table shows."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from console.models.enums import (
    CommandAction,
    CommandReason,
    CommandState,
    NoticeChannel,
    NoticeKind,
    NoticeStatus,
    PaymentStatus,
    WorkOrderKind,
    WorkOrderState,
)
from console.timeutil import local_time
from widgets.audit_words import action_words
from widgets.control.labels import fault_text
from widgets.domain_labels import (
    bill_status_name,
    method_name,
    money,
    relay_name,
    seal_position_name,
)
from widgets.rows_model import ColumnSpec
from widgets.vocabulary import label

translate = QCoreApplication.translate


def bill_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("CustomerHistory", "Period"), lambda b: b.period),
        ColumnSpec(translate("CustomerHistory", "Bill no."), lambda b: b.bill_no),
        ColumnSpec(translate("CustomerHistory", "kWh"), lambda b: money(b.kwh) + (" *" if b.estimated else ""), True),
        ColumnSpec(translate("CustomerHistory", "Amount (yuan)"), lambda b: money(b.amount), True),
        ColumnSpec(translate("CustomerHistory", "Paid (yuan)"), lambda b: money(b.paid_amount), True),
        ColumnSpec(translate("CustomerHistory", "Due"), lambda b: b.due_date.isoformat()),
        ColumnSpec(translate("CustomerHistory", "Status"), lambda b: bill_status_name(b.status)),
    ]


def payment_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("CustomerHistory", "Time"), lambda p: local_time(p.received_at)),
        ColumnSpec(translate("CustomerHistory", "Receipt no."), lambda p: p.receipt_no),
        ColumnSpec(translate("CustomerHistory", "Amount (yuan)"), lambda p: money(p.amount), True),
        ColumnSpec(translate("CustomerHistory", "Method"), lambda p: method_name(p.method)),
        ColumnSpec(translate("CustomerHistory", "Operator"), lambda p: p.operator),
        ColumnSpec(translate("CustomerHistory", "Status"), lambda p: label(PaymentStatus, p.status)),
    ]


def notice_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("CustomerHistory", "Created"), lambda n: local_time(n.created_at)),
        ColumnSpec(translate("CustomerHistory", "Document no."), lambda n: n.doc_no),
        ColumnSpec(translate("CustomerHistory", "Kind"), lambda n: label(NoticeKind, n.kind)),
        ColumnSpec(translate("CustomerHistory", "Channel"), lambda n: label(NoticeChannel, n.channel)),
        ColumnSpec(translate("CustomerHistory", "Status"), lambda n: label(NoticeStatus, n.status)),
        ColumnSpec(translate("CustomerHistory", "Served"), lambda n: local_time(n.served_at)),
        ColumnSpec(translate("CustomerHistory", "Amount (yuan)"), lambda n: money(n.amount), True),
    ]


def command_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("CustomerHistory", "Requested"), lambda c: local_time(c.requested_at)),
        ColumnSpec(translate("CustomerHistory", "Action"), lambda c: label(CommandAction, c.action)),
        ColumnSpec(translate("CustomerHistory", "Reason"), lambda c: label(CommandReason, c.reason)),
        ColumnSpec(translate("CustomerHistory", "State"), lambda c: label(CommandState, c.state)),
        ColumnSpec(translate("CustomerHistory", "Finished"), lambda c: local_time(c.finished_at)),
        ColumnSpec(translate("CustomerHistory", "Refused by rule / error"), 
                  lambda c: fault_text(c.error or "", c.refused_rule or "", detail=False)),
    ]


def seal_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("CustomerHistory", "Seal no."), lambda s: s.seal_no),
        ColumnSpec(translate("CustomerHistory", "Meter"), lambda s: s.meter_asset_no),
        ColumnSpec(translate("CustomerHistory", "Position"), lambda s: seal_position_name(s.position)),
        ColumnSpec(translate("CustomerHistory", "Installed"), lambda s: local_time(s.installed_at)),
    ]


def work_order_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("CustomerHistory", "Order no."), lambda w: w.order_no),
        ColumnSpec(translate("CustomerHistory", "Kind"), lambda w: label(WorkOrderKind, w.kind)),
        ColumnSpec(translate("CustomerHistory", "State"), lambda w: label(WorkOrderState, w.state)),
        ColumnSpec(translate("CustomerHistory", "Created"), lambda w: local_time(w.created_at)),
        ColumnSpec(translate("CustomerHistory", "Due"), lambda w: local_time(w.due_at)),
        ColumnSpec(translate("CustomerHistory", "Satisfaction"), lambda w: "★" * (w.satisfaction or 0)),
    ]


def audit_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("CustomerHistory", "Time"), lambda a: local_time(a.at)),
        ColumnSpec(translate("CustomerHistory", "Who"), lambda a: a.actor_name),
        ColumnSpec(translate("CustomerHistory", "Workstation"), lambda a: a.workstation),
        ColumnSpec(translate("CustomerHistory", "What"), lambda a: action_words(a.action)),
    ]


def meter_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("CustomerHistory", "Asset no."), lambda m: m.asset_no),
        ColumnSpec(translate("CustomerHistory", "Address"), lambda m: m.address),
        ColumnSpec(translate("CustomerHistory", "Phases"), lambda m: str(m.phases), True),
        ColumnSpec(translate("CustomerHistory", "Multiplier"), lambda m: str(m.multiplier), True),
        ColumnSpec(translate("CustomerHistory", "Relay"), lambda m: relay_name(m.relay_state)),
        ColumnSpec(translate("CustomerHistory", "Last reading (kWh)"), lambda m: money(m.last_energy), True),
        ColumnSpec(translate("CustomerHistory", "Read at"), lambda m: local_time(m.last_reading_at)),
    ]


# (tab title, columns factory, CustomerDetail attribute)
TABS = (
    (QT_TRANSLATE_NOOP("CustomerHistory", "Bills"), bill_columns, "bills"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Payments"), payment_columns, "payments"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Meters"), meter_columns, "meters"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Seals"), seal_columns, "seals"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Notices"), notice_columns, "notices"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Disconnect/reconnect commands"), command_columns, "commands"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Work orders"), work_order_columns, "work_orders"),
    (QT_TRANSLATE_NOOP("CustomerHistory", "Audit trail"), audit_columns, "audit"),
)
