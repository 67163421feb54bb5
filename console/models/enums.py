"""Closed vocabularies stored as short strings (with a CHECK in the database)."""

from __future__ import annotations

from enum import StrEnum


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


class Role(StrEnum):
    COUNTER = "counter"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    INSPECTOR = "inspector"


class ServiceDuty(StrEnum):
    """What a service account (a program with a token file, not a person) is for."""

    COLLECTOR = "collector"  # polls meters, executes switch commands, cost control
    GATEWAY = "gateway"  # the payment channels' gateway (later)
    REPORTS = "reports"  # scheduled reports


class UnitKind(StrEnum):
    COMPANY = "company"  # 市公司
    COUNTY = "county"  # 县/区公司
    STATION = "station"  # 供电所
    HALL = "hall"  # 营业厅


class CustomerCategory(StrEnum):
    RESIDENTIAL = "residential"
    COMMERCIAL = "commercial"
    INDUSTRIAL = "industrial"
    AGRICULTURAL = "agricultural"
    PUBLIC = "public"  # public service and critical loads


class CustomerStatus(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class CostControlMode(StrEnum):
    POSTPAID = "postpaid"
    PREPAID = "prepaid"  # 智能费控


class ControlState(StrEnum):
    NORMAL = "normal"
    ALERT = "alert"  # balance under the alert threshold
    NOTICE = "notice"  # disconnect notice served
    DISCONNECTED = "disconnected"


class RelayState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    UNKNOWN = "unknown"


class MeterStatus(StrEnum):
    IN_STOCK = "in_stock"
    IN_SERVICE = "in_service"
    REMOVED = "removed"


class ReadingSource(StrEnum):
    COLLECTED = "collected"
    MANUAL = "manual"
    ESTIMATED = "estimated"


class ReadingQuality(StrEnum):
    GOOD = "good"
    SUSPECT = "suspect"  # e.g. lower than the previous reading: held for review


class TariffKind(StrEnum):
    TIERED = "tiered"  # 阶梯电价, annual tiers
    TOU = "tou"  # 分时电价
    FLAT = "flat"


class BillStatus(StrEnum):
    OPEN = "open"
    PARTIAL = "partial"
    PAID = "paid"


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    TRANSFER = "transfer"


class PaymentStatus(StrEnum):
    POSTED = "posted"
    REVERSED = "reversed"


class LedgerKind(StrEnum):
    CHARGE = "charge"  # a bill
    PAYMENT = "payment"
    LATE_FEE = "late_fee"  # 电费违约金
    ADJUSTMENT = "adjustment"
    REVERSAL = "reversal"
    REFUND = "refund"


class NoticeKind(StrEnum):
    REMINDER = "reminder"  # 催费
    ALERT = "alert"  # 余额预警
    DISCONNECT = "disconnect"  # 停电通知
    DISCONNECT_REMINDER = "disconnect_reminder"  # the 30-minute reminder
    RECONNECT = "reconnect"
    # Messages to a customer's bound phone channel (issue 18 item 5), with consent only.
    BILL_ISSUED = "bill_issued"  # 账单通知
    PAYMENT_RECEIVED = "payment_received"  # 缴费成功通知


class NoticeChannel(StrEnum):
    SMS = "sms"
    WECHAT = "wechat"
    PAPER = "paper"
    PHONE = "phone"
    ALIPAY = "alipay"  # Alipay service-window template message


class MessageChannel(StrEnum):
    """A channel a customer may bind and consent to messages on (channel_binding.channel)."""

    WECHAT = "wechat"
    ALIPAY = "alipay"
    SMS = "sms"


class NoticeStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    SERVED = "served"
    FAILED = "failed"
    CANCELLED = "cancelled"


class CommandAction(StrEnum):
    DISCONNECT = "disconnect"
    RECONNECT = "reconnect"
    ALARM_ON = "alarm_on"
    ALARM_OFF = "alarm_off"
    GUARANTEE_ON = "guarantee_on"  # 保电
    GUARANTEE_OFF = "guarantee_off"


class CommandReason(StrEnum):
    ARREARS = "arrears"
    CUSTOMER_REQUEST = "customer_request"
    INSPECTION = "inspection"
    ACCOUNT_CLOSURE = "account_closure"
    SAFETY = "safety"
    PAYMENT = "payment"


class CommandState(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    QUEUED = "queued"
    SENT = "sent"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class SealType(StrEnum):
    LEAD = "lead"
    PLASTIC = "plastic"
    ELECTRONIC = "electronic"


class SealState(StrEnum):
    IN_STOCK = "in_stock"
    ISSUED_UNIT = "issued_unit"
    ISSUED_PERSON = "issued_person"
    INSTALLED = "installed"
    REMOVED = "removed"
    SCRAPPED = "scrapped"
    LOST = "lost"
    DAMAGED = "damaged"


class SealPosition(StrEnum):
    METER_COVER = "meter_cover"
    TERMINAL_COVER = "terminal_cover"
    METERING_BOX = "metering_box"
    CT_PT = "ct_pt"


class WorkOrderKind(StrEnum):
    METER_REPLACEMENT = "meter_replacement"
    ACCOUNT_CLOSURE = "account_closure"
    NEW_CONNECTION = "new_connection"
    INSPECTION = "inspection"
    SEAL_CHECK = "seal_check"
    COMPLAINT = "complaint"


class WorkOrderState(StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class WorkOrderSource(StrEnum):
    """Who opened a work order (work_order.source)."""

    COUNTER = "counter"
    SEAL_ENGINE = "seal_engine"  # a seal scan found an anomaly
    COST_CONTROL = "cost_control"
    ANALYSIS = "analysis"  # theft analysis
    INSPECTION = "inspection"  # a field inspection's finding
    SYSTEM = "system"


class ReviewReason(StrEnum):
    LOWER_THAN_PREVIOUS = "lower_than_previous"  # meter change, rollover or tampering
    ESTIMATE_EXCEEDS_ACTUAL = "estimate_exceeds_actual"  # estimated bills billed too much


class ReviewStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class AccessPurpose(StrEnum):
    """Why someone looks at, reveals, prints or exports a customer's personal data: recorded
    with each such audit event (PIPL: a purpose for every processing)."""

    COUNTER_SERVICE = "counter_service"  # the customer at the counter
    PAYMENT = "payment"
    COMPLAINT = "complaint"
    INSPECTION = "inspection"  # usage inspection, seals, field work
    ARREARS = "arrears"  # arrears follow-up, reminders, notices
    CONTROL = "control"  # disconnect and reconnect
    REPORTING = "reporting"  # management reports over many customers
    LEGAL = "legal"  # a request by a court, the police or a regulator
