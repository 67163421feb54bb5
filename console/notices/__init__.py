"""Notice senders: how a notice leaves the outbox (print queue, file/log, later an SMS gateway)."""

from console.notices.senders import (
    FileSender,
    NoticeSender,
    OutgoingNotice,
    PrintSender,
    SendFailed,
)
from console.notices.templates import TemplateGateway, TemplateMessage, default_senders, render

__all__ = ["FileSender", "NoticeSender", "OutgoingNotice", "PrintSender", "SendFailed",
           "TemplateGateway", "TemplateMessage", "default_senders", "render"]
