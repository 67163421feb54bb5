"""The GridDesk domain model (SQLAlchemy 2.0, typed)."""

from console.models.audit import AuditEvent, AuditHead
from console.models.base import Base, utcnow
from console.models.billing import (
    Bill,
    LedgerEntry,
    Payment,
    PaymentAllocation,
    Tariff,
    TariffTier,
    TouPeriod,
)
from console.models.billing_rules import (
    LateFeeRule,
    ReadingReview,
    ReviewReason,
    ReviewStatus,
)
from console.models.cash import DayClose, DayCloseLine, ReceiptCounter, ReceiptPrint
from console.models.channel_orders import ChannelOrder
from console.models.channels import (
    ChannelNonce,
    ChannelNotification,
    ChannelRejection,
    HeldNotification,
)
from console.models.control import (
    CalendarBlock,
    CalendarKind,
    ControlCommand,
    CostControlPolicy,
    Notice,
    PrepaidDrawdown,
)
from console.models.customers import Customer, Meter, Reading
from console.models.documents import DocumentCounter, ReportDocument
from console.models.fieldwork import (
    FieldAttachment,
    FieldDevice,
    FieldItem,
    FieldPackage,
    FieldPackageOrder,
)
from console.models.keys import SiteKey
from console.models.messages import ChannelBinding
from console.models.org import PasswordHistory, ServiceAccount, Setting, Unit, User
from console.models.seals import Seal, SealAnomaly, SealBatch, SealEvent, SealScan
from console.models.work import WorkOrder

__all__ = [
    "AuditEvent", "AuditHead", "Base", "Bill", "CalendarBlock", "CalendarKind", "ChannelBinding", "ChannelNonce", "ChannelOrder", "ChannelNotification", "ChannelRejection", "ControlCommand", "CostControlPolicy",
    "Customer", "DayClose", "DayCloseLine", "DocumentCounter", "FieldAttachment", "FieldDevice", "FieldItem", "FieldPackage",
    "FieldPackageOrder", "HeldNotification", "LateFeeRule", "LedgerEntry", "Meter", "Notice",
    "Payment", "PaymentAllocation", "PrepaidDrawdown", "Reading", "ReadingReview", "ReceiptCounter", "ReceiptPrint", "ReportDocument",
    "ReviewReason", "ReviewStatus", "Seal", "SealAnomaly", "SealBatch", "SealEvent", "SealScan", "Setting", "SiteKey", "Tariff",
    "TariffTier", "TouPeriod", "Unit", "User", "WorkOrder", "utcnow", "PasswordHistory", "ServiceAccount",
]
