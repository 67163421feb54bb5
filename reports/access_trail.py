"""Who looked at a customer (客户信息查阅记录): every view, reveal, print and export of one
customer's data with time, user, unit, workstation and purpose, for an administrator or
the customer's supervisor (console.services.admin.access_trail)."""

from __future__ import annotations

from reportlab.platypus import Spacer

from console.models.enums import AccessPurpose
from console.services.admin.access_trail import AccessTrailData
from reports.layout import Column, data_table, local, no_data, render_document, styles
from reports.safe_text import paragraph
from reports.vocabulary import name_of
from reports.words import words

WORDS = ({
    "access_trail": "客户信息查阅记录", "looks": "查阅明细", "at": "时间", "user": "用户",
    "user_unit": "用户所属单位", "workstation": "工作站", "what": "操作", "purpose": "用途",
    "document": "单据/导出内容", "customer_unit": "客户所属单位", "cut": "记录过多，仅列最近 {n} 条。",
    "customer.viewed": "查看客户视图", "customer.contact_revealed": "显示完整联系方式",
    "customer.printed": "打印单据", "customer.exported": "导出数据",
}, {
    "access_trail": "Who looked at this customer", "looks": "Looks", "at": "Time",
    "user": "User", "user_unit": "User's unit", "workstation": "Workstation", "what": "Action",
    "purpose": "Purpose", "document": "Document / export", "customer_unit": "Customer's unit",
    "cut": "Too many records: the latest {n} are listed.",
    "customer.viewed": "opened the customer view", "customer.contact_revealed": "revealed contact",
    "customer.printed": "printed a document", "customer.exported": "exported data",
})


def render_access_trail(data: AccessTrailData, *, lang: str = "zh") -> bytes:
    w, st = words(lang, WORDS), styles()
    # Plain table cells, never markup: names and workstations are typed by people.
    about = data_table([Column(w["customer_no"], 40), Column(w["customer_name"], 40),
                        Column(w["customer_unit"], 60)],
                       [[data.customer_no, data.name, data.unit_name]])
    story = [about, Spacer(1, 8), paragraph(w["looks"], st["section"]), _rows(data, w, lang)]
    if data.cut:
        story.append(paragraph(w["cut"], st["body"], n=len(data.rows)))
    return render_document(data.header, w, w["access_trail"], story, landscape=True)


def _rows(data: AccessTrailData, w, lang: str) -> object:
    if not data.rows:
        return no_data(w["no_data"])
    cols = [Column(w["at"], 32, "C"), Column(w["user"], 40), Column(w["user_unit"], 50),
            Column(w["workstation"], 36), Column(w["what"], 36), Column(w["purpose"], 30),
            Column(w["document"], 50)]
    rows = [[local(r.at, "%Y-%m-%d %H:%M:%S"), f"{r.full_name} ({r.username})", r.unit_name,
             r.workstation, w.get(r.action, r.action), name_of(lang, AccessPurpose, r.purpose),
             r.document] for r in data.rows]
    return data_table(cols, rows, font_size=7.5)
