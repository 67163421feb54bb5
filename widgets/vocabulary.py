"""Every code `console/` stores, in words: one table keyed by the console's enums.

Each vocabulary keeps the Qt context its words were first translated under, so the
Chinese .ts answers them unchanged; QT_TRANSLATE_NOOP lets lupdate find them here.
tests/gui/test_vocabulary.py holds the table to the enums: every member has a word,
and nothing else is in it. Unknown codes (older data, a newer collector) show as stored.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from console.models.control import CalendarKind
from console.models.customers import CommState
from console.models.enums import (
    AccessPurpose,
    BillStatus,
    CommandAction,
    CommandReason,
    CommandState,
    ControlState,
    CostControlMode,
    CustomerCategory,
    CustomerStatus,
    NoticeChannel,
    NoticeKind,
    NoticeStatus,
    PaymentMethod,
    PaymentStatus,
    RelayState,
    Role,
    SealPosition,
    SealState,
    SealType,
    TariffKind,
    WorkOrderKind,
    WorkOrderSource,
    WorkOrderState,
)

Vocabulary = tuple[str, dict[StrEnum, str]]
"""The Qt context and, per member, the English source of its word."""

LABELS: dict[type[StrEnum], Vocabulary] = {
    Role: ("Labels", {
        Role.COUNTER: QT_TRANSLATE_NOOP("Labels", "Counter clerk"),
        Role.SUPERVISOR: QT_TRANSLATE_NOOP("Labels", "Supervisor"),
        Role.ADMIN: QT_TRANSLATE_NOOP("Labels", "Administrator"),
        Role.INSPECTOR: QT_TRANSLATE_NOOP("Labels", "Inspector"),
    }),
    CustomerCategory: ("Domain", {
        CustomerCategory.RESIDENTIAL: QT_TRANSLATE_NOOP("Domain", "Residential"),
        CustomerCategory.COMMERCIAL: QT_TRANSLATE_NOOP("Domain", "Commercial"),
        CustomerCategory.INDUSTRIAL: QT_TRANSLATE_NOOP("Domain", "Industrial"),
        CustomerCategory.AGRICULTURAL: QT_TRANSLATE_NOOP("Domain", "Agricultural"),
        CustomerCategory.PUBLIC: QT_TRANSLATE_NOOP("Domain", "Public service"),
    }),
    CustomerStatus: ("Domain", {
        CustomerStatus.ACTIVE: QT_TRANSLATE_NOOP("Domain", "Active"),
        CustomerStatus.CLOSED: QT_TRANSLATE_NOOP("Domain", "Closed"),
    }),
    RelayState: ("Domain", {
        RelayState.CLOSED: QT_TRANSLATE_NOOP("Domain", "Power on (relay closed)"),
        RelayState.OPEN: QT_TRANSLATE_NOOP("Domain", "Power off (relay open)"),
        RelayState.UNKNOWN: QT_TRANSLATE_NOOP("Domain", "Unknown"),
    }),
    CostControlMode: ("Domain", {
        CostControlMode.POSTPAID: QT_TRANSLATE_NOOP("Domain", "Postpaid"),
        CostControlMode.PREPAID: QT_TRANSLATE_NOOP("Domain", "Prepaid (smart cost control)"),
    }),
    ControlState: ("Domain", {
        ControlState.NORMAL: QT_TRANSLATE_NOOP("Domain", "Normal"),
        ControlState.ALERT: QT_TRANSLATE_NOOP("Domain", "Low balance alert"),
        ControlState.NOTICE: QT_TRANSLATE_NOOP("Domain", "Disconnect notice served"),
        ControlState.DISCONNECTED: QT_TRANSLATE_NOOP("Domain", "Disconnected"),
    }),
    BillStatus: ("Domain", {
        BillStatus.OPEN: QT_TRANSLATE_NOOP("Domain", "Unpaid"),
        BillStatus.PARTIAL: QT_TRANSLATE_NOOP("Domain", "Part paid"),
        BillStatus.PAID: QT_TRANSLATE_NOOP("Domain", "Paid"),
    }),
    PaymentMethod: ("Domain", {
        PaymentMethod.CASH: QT_TRANSLATE_NOOP("Domain", "Cash"),
        PaymentMethod.CARD: QT_TRANSLATE_NOOP("Domain", "Bank card"),
        PaymentMethod.WECHAT: QT_TRANSLATE_NOOP("Domain", "WeChat Pay"),
        PaymentMethod.ALIPAY: QT_TRANSLATE_NOOP("Domain", "Alipay"),
        PaymentMethod.TRANSFER: QT_TRANSLATE_NOOP("Domain", "Bank transfer"),
    }),
    PaymentStatus: ("CustomerHistory", {
        PaymentStatus.POSTED: QT_TRANSLATE_NOOP("CustomerHistory", "Posted"),
        PaymentStatus.REVERSED: QT_TRANSLATE_NOOP("CustomerHistory", "Reversed"),
    }),
    TariffKind: ("TariffsPanel", {
        TariffKind.TIERED: QT_TRANSLATE_NOOP("TariffsPanel", "Tiered"),
        TariffKind.TOU: QT_TRANSLATE_NOOP("TariffsPanel", "Time of use"),
        TariffKind.FLAT: QT_TRANSLATE_NOOP("TariffsPanel", "Flat"),
    }),
    CalendarKind: ("CalendarTab", {
        CalendarKind.HOLIDAY: QT_TRANSLATE_NOOP("CalendarTab", "Holiday"),
        CalendarKind.WORKDAY: QT_TRANSLATE_NOOP("CalendarTab", "Worked weekend day"),
        CalendarKind.BLACKOUT: QT_TRANSLATE_NOOP("CalendarTab", "Blackout"),
    }),
    NoticeKind: ("Arrears", {
        NoticeKind.REMINDER: QT_TRANSLATE_NOOP("Arrears", "Reminder"),
        NoticeKind.ALERT: QT_TRANSLATE_NOOP("Arrears", "Low balance alert"),
        NoticeKind.DISCONNECT: QT_TRANSLATE_NOOP("Arrears", "Disconnect notice"),
        NoticeKind.DISCONNECT_REMINDER: QT_TRANSLATE_NOOP("Arrears", "Disconnect reminder"),
        NoticeKind.RECONNECT: QT_TRANSLATE_NOOP("Arrears", "Reconnect notice"),
        NoticeKind.BILL_ISSUED: QT_TRANSLATE_NOOP("Arrears", "Bill issued"),
        NoticeKind.PAYMENT_RECEIVED: QT_TRANSLATE_NOOP("Arrears", "Payment received"),
    }),
    NoticeChannel: ("Arrears", {
        NoticeChannel.SMS: QT_TRANSLATE_NOOP("Arrears", "SMS"),
        NoticeChannel.WECHAT: QT_TRANSLATE_NOOP("Arrears", "WeChat"),
        NoticeChannel.PAPER: QT_TRANSLATE_NOOP("Arrears", "Paper"),
        NoticeChannel.PHONE: QT_TRANSLATE_NOOP("Arrears", "Phone call"),
        NoticeChannel.ALIPAY: QT_TRANSLATE_NOOP("Arrears", "Alipay"),
    }),
    NoticeStatus: ("Arrears", {
        NoticeStatus.PENDING: QT_TRANSLATE_NOOP("Arrears", "pending"),
        NoticeStatus.SENT: QT_TRANSLATE_NOOP("Arrears", "sent"),
        NoticeStatus.SERVED: QT_TRANSLATE_NOOP("Arrears", "served"),
        NoticeStatus.FAILED: QT_TRANSLATE_NOOP("Arrears", "failed"),
        NoticeStatus.CANCELLED: QT_TRANSLATE_NOOP("Arrears", "cancelled"),
    }),
    CommandAction: ("Switch", {
        CommandAction.DISCONNECT: QT_TRANSLATE_NOOP("Switch", "Disconnect"),
        CommandAction.RECONNECT: QT_TRANSLATE_NOOP("Switch", "Reconnect"),
        CommandAction.ALARM_ON: QT_TRANSLATE_NOOP("Switch", "Alarm on"),
        CommandAction.ALARM_OFF: QT_TRANSLATE_NOOP("Switch", "Alarm off"),
        CommandAction.GUARANTEE_ON: QT_TRANSLATE_NOOP("Switch", "Power guarantee on (保电)"),
        CommandAction.GUARANTEE_OFF: QT_TRANSLATE_NOOP("Switch", "Power guarantee off"),
    }),
    CommandReason: ("Switch", {
        CommandReason.ARREARS: QT_TRANSLATE_NOOP("Switch", "Arrears"),
        CommandReason.CUSTOMER_REQUEST: QT_TRANSLATE_NOOP("Switch", "Customer request"),
        CommandReason.INSPECTION: QT_TRANSLATE_NOOP("Switch", "Inspection"),
        CommandReason.ACCOUNT_CLOSURE: QT_TRANSLATE_NOOP("Switch", "Account closure"),
        CommandReason.SAFETY: QT_TRANSLATE_NOOP("Switch", "Safety"),
        CommandReason.PAYMENT: QT_TRANSLATE_NOOP("Switch", "Paid"),
    }),
    CommandState: ("Switch", {
        CommandState.REQUESTED: QT_TRANSLATE_NOOP("Switch", "Awaiting approval"),
        CommandState.APPROVED: QT_TRANSLATE_NOOP("Switch", "Approved"),
        CommandState.QUEUED: QT_TRANSLATE_NOOP("Switch", "Queued"),
        CommandState.SENT: QT_TRANSLATE_NOOP("Switch", "Sent to meter"),
        CommandState.CONFIRMED: QT_TRANSLATE_NOOP("Switch", "Confirmed"),
        CommandState.REJECTED: QT_TRANSLATE_NOOP("Switch", "Rejected"),
        CommandState.FAILED: QT_TRANSLATE_NOOP("Switch", "Failed"),
        CommandState.CANCELLED: QT_TRANSLATE_NOOP("Switch", "Cancelled"),
        CommandState.EXPIRED: QT_TRANSLATE_NOOP("Switch", "Expired"),
    }),
    CommState: ("Switch", {
        CommState.OK: QT_TRANSLATE_NOOP("Switch", "Answering"),
        CommState.UNREACHABLE: QT_TRANSLATE_NOOP("Switch", "Not answering"),
        CommState.UNKNOWN: QT_TRANSLATE_NOOP("Switch", "Not read yet"),
    }),
    SealState: ("Seals", {
        SealState.IN_STOCK: QT_TRANSLATE_NOOP("Seals", "In stock"),
        SealState.ISSUED_UNIT: QT_TRANSLATE_NOOP("Seals", "Issued to unit"),
        SealState.ISSUED_PERSON: QT_TRANSLATE_NOOP("Seals", "Issued to installer"),
        SealState.INSTALLED: QT_TRANSLATE_NOOP("Seals", "Installed"),
        SealState.REMOVED: QT_TRANSLATE_NOOP("Seals", "Removed"),
        SealState.SCRAPPED: QT_TRANSLATE_NOOP("Seals", "Scrapped"),
        SealState.LOST: QT_TRANSLATE_NOOP("Seals", "Lost"),
        SealState.DAMAGED: QT_TRANSLATE_NOOP("Seals", "Damaged"),
    }),
    SealType: ("Seals", {
        SealType.LEAD: QT_TRANSLATE_NOOP("Seals", "Lead"),
        SealType.PLASTIC: QT_TRANSLATE_NOOP("Seals", "Plastic"),
        SealType.ELECTRONIC: QT_TRANSLATE_NOOP("Seals", "Electronic"),
    }),
    SealPosition: ("Seals", {
        SealPosition.METER_COVER: QT_TRANSLATE_NOOP("Seals", "Meter cover"),
        SealPosition.TERMINAL_COVER: QT_TRANSLATE_NOOP("Seals", "Terminal cover"),
        SealPosition.METERING_BOX: QT_TRANSLATE_NOOP("Seals", "Metering box"),
        SealPosition.CT_PT: QT_TRANSLATE_NOOP("Seals", "CT/PT"),
    }),
    WorkOrderKind: ("WorkOrders", {
        WorkOrderKind.METER_REPLACEMENT: QT_TRANSLATE_NOOP("WorkOrders", "Meter replacement"),
        WorkOrderKind.ACCOUNT_CLOSURE: QT_TRANSLATE_NOOP("WorkOrders", "Account closure"),
        WorkOrderKind.NEW_CONNECTION: QT_TRANSLATE_NOOP("WorkOrders", "New connection"),
        WorkOrderKind.INSPECTION: QT_TRANSLATE_NOOP("WorkOrders", "Usage inspection"),
        WorkOrderKind.SEAL_CHECK: QT_TRANSLATE_NOOP("WorkOrders", "Seal anomaly check"),
        WorkOrderKind.COMPLAINT: QT_TRANSLATE_NOOP("WorkOrders", "Complaint or enquiry"),
    }),
    WorkOrderState: ("WorkOrders", {
        WorkOrderState.OPEN: QT_TRANSLATE_NOOP("WorkOrders", "Open"),
        WorkOrderState.ASSIGNED: QT_TRANSLATE_NOOP("WorkOrders", "Assigned"),
        WorkOrderState.IN_PROGRESS: QT_TRANSLATE_NOOP("WorkOrders", "In progress"),
        WorkOrderState.DONE: QT_TRANSLATE_NOOP("WorkOrders", "Done"),
        WorkOrderState.CANCELLED: QT_TRANSLATE_NOOP("WorkOrders", "Cancelled"),
    }),
    WorkOrderSource: ("WorkOrders", {
        WorkOrderSource.COUNTER: QT_TRANSLATE_NOOP("WorkOrders", "Counter"),
        WorkOrderSource.SEAL_ENGINE: QT_TRANSLATE_NOOP("WorkOrders", "Seal check"),
        WorkOrderSource.COST_CONTROL: QT_TRANSLATE_NOOP("WorkOrders", "Cost control"),
        WorkOrderSource.ANALYSIS: QT_TRANSLATE_NOOP("WorkOrders", "Theft analysis"),
        WorkOrderSource.INSPECTION: QT_TRANSLATE_NOOP("WorkOrders", "Field inspection"),
        WorkOrderSource.SYSTEM: QT_TRANSLATE_NOOP("WorkOrders", "System"),
    }),
    AccessPurpose: ("Privacy", {
        AccessPurpose.COUNTER_SERVICE: QT_TRANSLATE_NOOP("Privacy", "Counter service"),
        AccessPurpose.PAYMENT: QT_TRANSLATE_NOOP("Privacy", "Payment"),
        AccessPurpose.COMPLAINT: QT_TRANSLATE_NOOP("Privacy", "Complaint"),
        AccessPurpose.INSPECTION: QT_TRANSLATE_NOOP("Privacy", "Usage inspection"),
        AccessPurpose.ARREARS: QT_TRANSLATE_NOOP("Privacy", "Arrears follow-up"),
        AccessPurpose.CONTROL: QT_TRANSLATE_NOOP("Privacy", "Disconnect/reconnect"),
        AccessPurpose.REPORTING: QT_TRANSLATE_NOOP("Privacy", "Management report"),
        AccessPurpose.LEGAL: QT_TRANSLATE_NOOP("Privacy", "Legal request"),
    }),
}


def label(vocabulary: type[StrEnum], code: str | None) -> str:
    """The code's word in the current language; an unknown code as stored ("" for None).

    A StrEnum member hashes as its value, so a plain stored string finds its member."""
    context, sources = LABELS[vocabulary]
    source = sources.get(code or "")  # type: ignore[call-overload]
    return QCoreApplication.translate(context, source) if source else (code or "")
