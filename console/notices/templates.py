"""Template messages (模板消息) for WeChat and Alipay, one template per notice kind.

A channel's template message is a template id and named fields; the channel's API fills
its own wording around them. `render` builds the fields of a notice: the customer's name
masked, the amount, the date and a remark. `TemplateGateway` is the gateway behind the
channel's FileSender (console.notices.senders): it renders the message and hands it to
`transport`, the client of the channel's API, which answers the message id. Without a
transport (the demo, the tests) it answers a reference of its own, and the FileSender's
file is the record of what went out. A transport that raises has the outbox try again
(attempts, last_error on the notice row) and give up after MAX_ATTEMPTS.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from console.models.enums import NoticeKind
from console.notices.senders import (
    FileSender,
    NoticeSender,
    OutgoingNotice,
    PrintSender,
    SendFailed,
)
from console.privacy import mask_name
from console.timeutil import LOCAL

# kind -> (template id, headline, remark). The ids are the demo's; a site enters its own
# template ids, as the channel's platform assigns them, here.
TEMPLATES: Mapping[str, tuple[str, str, str]] = {
    NoticeKind.BILL_ISSUED: ("GD-BILL-01", "您的电费账单已出", "请在缴费期限内缴纳电费。"),
    NoticeKind.PAYMENT_RECEIVED: ("GD-PAID-01", "缴费成功", "感谢您及时缴纳电费。"),
    NoticeKind.REMINDER: ("GD-REMIND-01", "电费催缴提醒", "您的电费已逾期，请尽快缴纳。"),
    NoticeKind.ALERT: ("GD-ALERT-01", "余额不足提醒", "您的电费余额不足，请及时充值。"),
    NoticeKind.DISCONNECT: ("GD-CUT-01", "停电通知", "欠费停电前的通知，缴清电费后不再停电。"),
    NoticeKind.DISCONNECT_REMINDER: ("GD-CUT-02", "停电前提醒", "缴清电费可避免停电。"),
    NoticeKind.RECONNECT: ("GD-RESTORE-01", "恢复供电通知", "您的电费已结清，供电已恢复。"),
}

Transport = Callable[["TemplateMessage"], str]


@dataclass(frozen=True)
class TemplateMessage:
    """What a channel's template-message API takes: recipient, template id and fields."""

    channel: str
    touser: str
    template_id: str
    fields: tuple[tuple[str, str], ...]  # (name, value) in the template's order

    def payload(self) -> dict[str, object]:
        """The request body in the channel's shape (WeChat: data; Alipay: context)."""
        values = {name: {"value": value} for name, value in self.fields}
        if self.channel == "alipay":
            return {"to_user_id": self.touser,
                    "template": {"template_id": self.template_id, "context": values}}
        return {"touser": self.touser, "template_id": self.template_id, "data": values}


def render(channel: str, notice: OutgoingNotice) -> TemplateMessage:
    """The template message of a notice; SendFailed for a kind without a template."""
    if notice.kind not in TEMPLATES:
        raise SendFailed(f"no template for {notice.kind}")
    template_id, first, remark = TEMPLATES[notice.kind]
    when = notice.deadline if notice.kind == NoticeKind.DISCONNECT else notice.created_at
    fields = (("first", first), ("keyword1", mask_name(notice.customer_name)),
              ("keyword2", notice.customer_no),
              ("keyword3", "" if notice.amount is None else f"{notice.amount:.2f}元"),
              ("keyword4", f"{(when or notice.created_at).astimezone(LOCAL):%Y-%m-%d %H:%M}"),
              ("remark", remark))
    return TemplateMessage(channel, notice.recipient, template_id, fields)


class TemplateGateway:
    """Renders a notice as its template message and hands it to `transport`."""

    def __init__(self, channel: str, transport: Transport | None = None) -> None:
        self.channel, self.transport = channel, transport

    def send(self, notice: OutgoingNotice) -> str:
        if not notice.recipient:  # a notice sent this way without a binding (not a message)
            if self.transport is None:
                return f"file:{notice.dedupe_key}"  # as the plain FileSender: the file only
            raise SendFailed(f"no {self.channel} binding for this customer")
        message = render(self.channel, notice)
        if self.transport is None:
            return f"{message.template_id}:{notice.dedupe_key}"[:64]
        return self.transport(message)


def default_senders(folder: Path | str,
                    gateways: Mapping[str, NoticeSender] | None = None) -> dict[str, NoticeSender]:
    """Print for paper; per electronic channel its gateway (if any) and a masked JSON-lines
    record of what was sent. WeChat and Alipay without a gateway of their own render
    template messages (TemplateGateway with no transport: the file is the record)."""
    folder, gateways = Path(folder), gateways or {}
    return {"paper": PrintSender(),
            "sms": FileSender(folder / "sms.jsonl", gateways.get("sms")),
            **{channel: FileSender(folder / f"{channel}.jsonl",
                                   gateways.get(channel) or TemplateGateway(channel))
               for channel in ("wechat", "alipay")}}
