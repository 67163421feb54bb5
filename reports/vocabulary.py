"""Every code `console/` stores, as the reports print it: one table keyed by the console's
enums, Chinese and English side by side.

Printed documents keep their own wording (a bill status reads 未缴 on paper, the screen
says Unpaid through widgets/vocabulary.py). tests/reports/test_vocabulary.py holds the
table to the enums: every member has both words, and nothing else is in it.
"""

from __future__ import annotations

from enum import StrEnum

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

Names = dict[StrEnum, tuple[str, str]]
"""Per member: (Chinese, English)."""

LABELS: dict[type[StrEnum], Names] = {
    Role: {Role.COUNTER: ("营业员", "counter clerk"), Role.SUPERVISOR: ("班长", "supervisor"),
           Role.ADMIN: ("系统管理员", "administrator"), Role.INSPECTOR: ("用电检查员", "inspector")},
    CustomerCategory: {
        CustomerCategory.RESIDENTIAL: ("居民生活", "residential"),
        CustomerCategory.COMMERCIAL: ("一般工商业", "commercial"),
        CustomerCategory.INDUSTRIAL: ("大工业", "industrial"),
        CustomerCategory.AGRICULTURAL: ("农业生产", "agricultural"),
        CustomerCategory.PUBLIC: ("公共服务", "public")},
    CustomerStatus: {CustomerStatus.ACTIVE: ("正常", "active"),
                     CustomerStatus.CLOSED: ("已销户", "closed")},
    RelayState: {RelayState.CLOSED: ("通电", "power on"), RelayState.OPEN: ("断电", "power off"),
                 RelayState.UNKNOWN: ("未知", "unknown")},
    CostControlMode: {CostControlMode.POSTPAID: ("后付费", "postpaid"),
                      CostControlMode.PREPAID: ("预付费（智能费控）", "prepaid")},
    ControlState: {ControlState.NORMAL: ("正常", "normal"), ControlState.ALERT: ("余额预警", "alert"),
                   ControlState.NOTICE: ("已送达停电通知", "notice served"),
                   ControlState.DISCONNECTED: ("已停电", "disconnected")},
    BillStatus: {BillStatus.OPEN: ("未缴", "open"), BillStatus.PARTIAL: ("部分缴", "part paid"),
                 BillStatus.PAID: ("已缴清", "paid")},
    PaymentMethod: {
        PaymentMethod.CASH: ("现金", "cash"), PaymentMethod.CARD: ("银行卡", "card"),
        PaymentMethod.WECHAT: ("微信支付", "WeChat Pay"), PaymentMethod.ALIPAY: ("支付宝", "Alipay"),
        PaymentMethod.TRANSFER: ("转账", "transfer")},
    PaymentStatus: {PaymentStatus.POSTED: ("已入账", "posted"),
                    PaymentStatus.REVERSED: ("已冲正", "reversed")},
    TariffKind: {TariffKind.TIERED: ("阶梯电价", "tiered"), TariffKind.TOU: ("分时电价", "time of use"),
                 TariffKind.FLAT: ("单一电价", "flat")},
    CalendarKind: {CalendarKind.HOLIDAY: ("节假日", "holiday"),
                   CalendarKind.WORKDAY: ("调休工作日", "worked weekend day"),
                   CalendarKind.BLACKOUT: ("禁止停电", "blackout")},
    # A notice's kind is also the title printed on it.
    NoticeKind: {
        NoticeKind.REMINDER: ("电费催缴通知单", "Payment reminder"),
        NoticeKind.ALERT: ("电费余额预警通知", "Low balance alert"),
        NoticeKind.DISCONNECT: ("停电通知书", "Disconnection notice"),
        NoticeKind.DISCONNECT_REMINDER: ("停电前提醒", "Disconnection in 30 minutes"),
        NoticeKind.RECONNECT: ("复电通知书", "Reconnection notice"),
        NoticeKind.BILL_ISSUED: ("电费账单通知", "Bill issued"),
        NoticeKind.PAYMENT_RECEIVED: ("缴费成功通知", "Payment received")},
    NoticeChannel: {NoticeChannel.SMS: ("短信", "SMS"), NoticeChannel.WECHAT: ("微信", "WeChat"),
                    NoticeChannel.PAPER: ("纸质送达", "paper"), NoticeChannel.PHONE: ("电话", "phone"),
                    NoticeChannel.ALIPAY: ("支付宝", "Alipay")},
    NoticeStatus: {NoticeStatus.PENDING: ("待发送", "pending"), NoticeStatus.SENT: ("已发送", "sent"),
                   NoticeStatus.SERVED: ("已送达", "served"), NoticeStatus.FAILED: ("发送失败", "failed"),
                   NoticeStatus.CANCELLED: ("已撤销", "cancelled")},
    CommandAction: {
        CommandAction.DISCONNECT: ("停电", "disconnect"),
        CommandAction.RECONNECT: ("复电", "reconnect"),
        CommandAction.ALARM_ON: ("告警开启", "alarm on"),
        CommandAction.ALARM_OFF: ("告警解除", "alarm off"),
        CommandAction.GUARANTEE_ON: ("保电投入", "power guarantee on"),
        CommandAction.GUARANTEE_OFF: ("保电解除", "power guarantee off")},
    CommandReason: {
        CommandReason.ARREARS: ("欠费", "arrears"),
        CommandReason.CUSTOMER_REQUEST: ("客户申请", "customer request"),
        CommandReason.INSPECTION: ("检查", "inspection"),
        CommandReason.ACCOUNT_CLOSURE: ("销户", "account closure"),
        CommandReason.SAFETY: ("安全", "safety"), CommandReason.PAYMENT: ("缴费复电", "payment")},
    CommandState: {
        CommandState.REQUESTED: ("待审批", "requested"), CommandState.APPROVED: ("已审批", "approved"),
        CommandState.QUEUED: ("排队中", "queued"), CommandState.SENT: ("已下发", "sent"),
        CommandState.CONFIRMED: ("已确认", "confirmed"), CommandState.REJECTED: ("已拒绝", "rejected"),
        CommandState.FAILED: ("失败", "failed"), CommandState.CANCELLED: ("已撤销", "cancelled"),
        CommandState.EXPIRED: ("已过期", "expired")},
    CommState: {CommState.OK: ("通信正常", "answering"), CommState.UNREACHABLE: ("无应答", "not answering"),
                CommState.UNKNOWN: ("尚未读取", "not read yet")},
    SealState: {
        SealState.IN_STOCK: ("库存", "in stock"), SealState.ISSUED_UNIT: ("已领用(单位)", "issued to unit"),
        SealState.ISSUED_PERSON: ("已领用(个人)", "issued to person"),
        SealState.INSTALLED: ("已安装", "installed"), SealState.REMOVED: ("已拆除", "removed"),
        SealState.SCRAPPED: ("已报废", "scrapped"), SealState.LOST: ("遗失", "lost"),
        SealState.DAMAGED: ("损坏", "damaged")},
    # Short: a seal's label is 40 mm wide.
    SealType: {SealType.LEAD: ("铅封", "lead"), SealType.PLASTIC: ("塑封", "plastic"),
               SealType.ELECTRONIC: ("电子封", "electronic")},
    SealPosition: {
        SealPosition.METER_COVER: ("表盖", "meter cover"),
        SealPosition.TERMINAL_COVER: ("端子盖", "terminal cover"),
        SealPosition.METERING_BOX: ("计量箱", "metering box"), SealPosition.CT_PT: ("互感器", "CT/PT")},
    WorkOrderKind: {
        WorkOrderKind.METER_REPLACEMENT: ("换表", "meter replacement"),
        WorkOrderKind.ACCOUNT_CLOSURE: ("销户", "account closure"),
        WorkOrderKind.NEW_CONNECTION: ("新装", "new connection"),
        WorkOrderKind.INSPECTION: ("用电检查", "inspection"),
        WorkOrderKind.SEAL_CHECK: ("封印核查", "seal check"),
        WorkOrderKind.COMPLAINT: ("投诉", "complaint")},
    WorkOrderState: {
        WorkOrderState.OPEN: ("待派工", "open"), WorkOrderState.ASSIGNED: ("已派工", "assigned"),
        WorkOrderState.IN_PROGRESS: ("处理中", "in progress"), WorkOrderState.DONE: ("已完成", "done"),
        WorkOrderState.CANCELLED: ("已撤销", "cancelled")},
    WorkOrderSource: {
        WorkOrderSource.COUNTER: ("柜台", "counter"),
        WorkOrderSource.SEAL_ENGINE: ("封印核查", "seal check"),
        WorkOrderSource.COST_CONTROL: ("费控", "cost control"),
        WorkOrderSource.ANALYSIS: ("窃电分析", "theft analysis"),
        WorkOrderSource.INSPECTION: ("现场检查", "field inspection"),
        WorkOrderSource.SYSTEM: ("系统", "system")},
    AccessPurpose: {
        AccessPurpose.COUNTER_SERVICE: ("柜台业务办理", "counter service"),
        AccessPurpose.PAYMENT: ("缴费", "payment"),
        AccessPurpose.COMPLAINT: ("投诉处理", "complaint"),
        AccessPurpose.INSPECTION: ("用电检查", "inspection"),
        AccessPurpose.ARREARS: ("欠费催收", "arrears follow-up"),
        AccessPurpose.CONTROL: ("停复电", "disconnect/reconnect"),
        AccessPurpose.REPORTING: ("统计报表", "management report"),
        AccessPurpose.LEGAL: ("依法调取", "legal request")},
}


def name_of(lang: str, vocabulary: type[StrEnum], code: str) -> str:
    """A stored code in words ("en", else Chinese); an unknown code as it is stored.

    A StrEnum member hashes as its value, so a plain stored string finds its member."""
    pair = LABELS[vocabulary].get(code)  # type: ignore[call-overload]
    return code if pair is None else pair[lang == "en"]


def names(lang: str, vocabulary: type[StrEnum]) -> dict[str, str]:
    """The whole vocabulary in one language, by stored value."""
    return {member.value: name_of(lang, vocabulary, member) for member in vocabulary}
