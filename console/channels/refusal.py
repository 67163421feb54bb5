"""What a verified notification says, and why one is refused."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


class Refused(Exception):
    """A notification the gateway will not act on; `reason` is counted, `status` answered."""

    def __init__(self, reason: str, detail: str = "", *, status: int = 400) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.status = status


@dataclass(frozen=True)
class Notification:
    """A channel's notification once its signature, time and format have been checked."""

    channel: str  # wechat / alipay / bank (posting.METHOD: the payment method)
    transaction_id: str  # the channel's own number for the trade
    out_trade_no: str  # ours, as the order was created
    customer_no: str  # 户号, carried in attach (WeChat) / passback_params (Alipay)
    amount: Decimal  # yuan, two places
    trade_status: str  # as the channel says it
    paid: bool  # the money has arrived (SUCCESS, TRADE_SUCCESS, TRADE_FINISHED)
    nonce: str  # WeChat's Wechatpay-Nonce, Alipay's notify_id; "" for a bank record

    @property
    def idempotency_key(self) -> str:
        return f"{self.channel}:{self.transaction_id}"
