"""Notices to customers: payment reminder (催费通知单), disconnect notice (停电通知书: amount,
deadline and the rule it rests on), reconnect notice (复电通知书). Each carries a QR
with its number and the site's Ed25519 signature (console.services.report_data.notices).

    pdf = render_notice(notice_data(db, actor, doc_no="TZ20261100000042"))
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from console.models.enums import NoticeKind
from console.services.report_data.types import NoticeData
from reports.layout import Column, data_table, facts_table, local, money, render_document, styles
from reports.money_words import yuan_in_words
from reports.safe_text import paragraph
from reports.vocabulary import name_of
from reports.words import words

QR_SIZE = 34 * mm

WORDS = ({
    "dear": "尊敬的{name}（户号 {no}）：",
    "body_reminder": "截至{day}，您户尚有电费{amount}元（{words}）未缴纳。请于{deadline}前到供电营业厅"
                     "或通过网上国网、微信、支付宝等渠道缴纳。逾期未缴将按规定加收电费违约金。",
    "body_alert": "您户电费余额已低于预警值，截至{day}应缴{amount}元（{words}）。请及时充值，以免影响正常用电。",
    "body_disconnect": "截至{day}，您户欠缴电费{amount}元（{words}），经催缴仍未结清。依据下列规定，"
                       "如您未能在{deadline}前缴清欠费，我单位将对您户中止供电。缴清欠费及违约金后即行恢复供电。",
    "body_disconnect_reminder": "您户将于30分钟后因欠费中止供电，欠费{amount}元（{words}）。现在缴费可避免停电。",
    "body_reconnect": "您户欠缴电费已于{paid_at}结清（凭证号 {receipt}，金额 {paid} 元），"
                      "我单位已恢复对您户的供电。感谢您的支持与配合。",
    "soon": "收到本通知后7日", "soon_fact": "收到本通知后7日内", "meter_no": "电能表", "owed": "欠费金额",
    "owed_today": "今日应缴", "yuan": "{amount} 元", "with_fees": "{amount} 元（含违约金）", "deadline": "缴费期限", "notice_no": "通知书编号",
    "unpaid_bills": "欠费明细", "unpaid": "未缴金额（元）", "basis": "依据",
    "rule": "触发规则", "qr_caption": "扫码核验真伪\n编号 {doc_no}\n签名密钥 {key_id}",
    "issuer": "供电单位（盖章）", "issued_on": "日期：{day}",
    "law_disconnect": "《供电营业规则》第六十六条：用户逾期未交付电费，经供电企业催交仍未交付者，"
                      "供电企业可依照规定程序停止供电；第六十七条：停电前三至七天内，将停电通知书送达用户。"
                      "本通知送达后 {days} 日为缴费期限。",
    "law_reminder": "《供电营业规则》第九十八条：用户在供电企业规定的期限内未交清电费时，应承担电费滞纳的违约责任。",
}, {
    "dear": "Dear {name} (account {no}),",
    "body_reminder": "On {day} your account owes {amount} yuan ({words}). Please pay by {deadline} at "
                     "a service hall or online. Late fees are charged on overdue bills.",
    "body_alert": "Your balance is below the alert level; {amount} yuan ({words}) is due on {day}.",
    "body_disconnect": "On {day} your account owes {amount} yuan ({words}) after reminders. Under the "
                       "rules below, supply will be suspended unless it is paid by {deadline}.",
    "body_disconnect_reminder": "Supply will be suspended in 30 minutes for {amount} yuan ({words}).",
    "body_reconnect": "Your arrears were cleared on {paid_at} (receipt {receipt}, {paid} yuan); "
                      "supply has been restored.",
    "soon": "7 days after receipt", "soon_fact": "within 7 days of receipt", "meter_no": "Meter", "owed": "Owed",
    "owed_today": "Due today", "yuan": "{amount} yuan", "with_fees": "{amount} yuan with late fees", "deadline": "Pay by", "notice_no": "Notice no.",
    "unpaid_bills": "Unpaid bills", "unpaid": "Unpaid (yuan)", "basis": "Basis", "rule": "Rule",
    "qr_caption": "Scan to verify\nNo. {doc_no}\nKey {key_id}", "issuer": "Issued by (seal)",
    "issued_on": "Date: {day}",
    "law_disconnect": "Supply Business Rules Art. 66 (suspension after reminders) and Art. 67 "
                      "(notice served 3 to 7 days before); payment period {days} days.",
    "law_reminder": "Supply Business Rules Art. 98: late fees on electricity not paid when due.",
})
RULES = ({
    "manual": "人工发起", "overdue": "电费逾期未缴", "low_balance": "余额低于预警值",
    "below_disconnect_balance": "欠费超过停电阈值且逾期", "recovered": "欠费结清",
}, {
    "manual": "by staff", "overdue": "bills overdue", "low_balance": "balance below alert",
    "below_disconnect_balance": "arrears past the disconnection line", "recovered": "cleared",
})
"""Why a notice was issued (`notice.rule`), Chinese and English."""


def render_notice(data: NoticeData, *, lang: str = "zh") -> bytes:
    """The notice as PDF bytes (A4 portrait, one page)."""
    w, st = words(lang, WORDS), styles()
    # The name, like every value from the database, is text: never markup (issue 16).
    story = [paragraph(w["dear"], st["big"], name=data.name, no=data.customer_no),
             Spacer(1, 2 * mm), paragraph(w[f"body_{data.kind}"], st["big"], **_body(data, w)),
             Spacer(1, 4 * mm),
             facts_table(_facts(data, w, lang), colon=w["colon"])]
    if data.bills and data.kind != "reconnect":
        story += [paragraph(w["unpaid_bills"], st["section"]), _bills(data, w)]
    law = {"disconnect": "law_disconnect", "disconnect_reminder": "law_disconnect",
           "reminder": "law_reminder"}.get(data.kind)
    if law:
        story += [paragraph(w["basis"], st["section"]),
                  paragraph(w[law], st["body"], days=data.notice_days)]
    story += [Spacer(1, 8 * mm), _signature_block(data, w, st)]
    return render_document(data.header, w, name_of(lang, NoticeKind, data.kind), story)


def _body(data: NoticeData, w) -> dict[str, str]:
    """The fields of the notice's body text."""
    amount = data.amount if data.amount is not None else data.owed_today
    paid_at, receipt, paid = data.last_payment or (None, "", Decimal("0.00"))
    return dict(
        day=local(data.created_at, "%Y-%m-%d"), amount=money(amount),
        words=yuan_in_words(max(amount, Decimal(0))),
        deadline=local(data.deadline) if data.deadline else w["soon"],
        paid_at=local(paid_at), receipt=receipt, paid=money(paid))


def _facts(data: NoticeData, w, lang: str) -> list[tuple[str, str]]:
    facts = [(w["notice_no"], data.doc_no), (w["customer_no"], data.customer_no),
             (w["customer_name"], data.name), (w["meter_no"], data.meter_no),
             (w["address"], data.address)]
    if data.kind != "reconnect":
        facts += [(w["owed"], w["yuan"].format(amount=money(data.amount))),
                  (w["owed_today"], w["with_fees"].format(amount=money(data.owed_today))),
                  (w["deadline"], local(data.deadline) if data.deadline else w["soon_fact"]),
                  (w["rule"], RULES[lang == "en"].get(data.rule, data.rule))]
    return facts


def _bills(data: NoticeData, w) -> object:
    cols = [Column(w["bill_period"], 40, "C"), Column(w["due_date"], 50, "C"),
            Column(w["unpaid"], 50, "R")]
    rows = [[b.period, f"{b.due_date:%Y-%m-%d}", money(b.unpaid)] for b in data.bills]
    total = sum((b.unpaid for b in data.bills), Decimal("0.00"))
    return data_table(cols, rows, totals=[w["total"], "", money(total)], font_size=9)


def qr_drawing(text: str, size: float = QR_SIZE) -> Drawing:
    """The QR of `text` at `size` points square, level M, quiet zone included."""
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _signature_block(data: NoticeData, w, st) -> object:
    caption = paragraph(w["qr_caption"], st["small"], doc_no=data.doc_no, key_id=data.key_id)
    issuer = paragraph(f"{{unit}}\n{w['issuer']}\n\n{w['issued_on']}", st["body"],
                       unit=data.header.unit_name, day=local(data.created_at, "%Y-%m-%d"))
    table = Table([[qr_drawing(data.qr_text), caption, issuer]],
                  colWidths=[QR_SIZE + 4 * mm, 62 * mm, 80 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("ALIGN", (2, 0), (2, 0), "RIGHT")]))
    return KeepTogether([table])
