"""Work orders and service times (工单与服务时长): by kind and by assignee, with hours from
opening to completion, orders past their due time and satisfaction; every order."""

from __future__ import annotations

from console.models.enums import WorkOrderKind, WorkOrderState
from console.services.report_data.types import WorkOrderGroup, WorkOrdersData
from reports.layout import Column, data_table, local, no_data, render_document, styles
from reports.safe_text import paragraph
from reports.vocabulary import name_of
from reports.words import words

WORDS = ({
    "work_orders": "工单与服务时长报表", "by_kind": "按工单类型", "by_assignee": "按处理人",
    "orders": "工单数", "done": "已完成", "late": "超时", "mean_hours": "平均处理时长（小时）",
    "satisfaction": "满意度（1–5）", "kind": "类型", "assignee": "处理人", "order_no": "工单号",
    "created": "受理时间", "due": "应完成", "finished": "完成时间", "hours": "时长（小时）",
    "order_list": "工单明细", "unassigned": "未派工", "score": "满意度", "wo_note": "工单数据尚少：本期间无新受理工单。",
}, {
    "work_orders": "Work orders and service times", "by_kind": "By kind",
    "by_assignee": "By assignee", "orders": "Orders", "done": "Done", "late": "Late",
    "mean_hours": "Mean hours to finish", "satisfaction": "Satisfaction (1–5)", "kind": "Kind",
    "assignee": "Assignee", "order_no": "Order no.", "created": "Opened", "due": "Due",
    "finished": "Finished", "hours": "Hours", "order_list": "Orders",
    "unassigned": "not assigned", "score": "Score",
    "wo_note": "Little work-order data yet: no order opened in this period.",
})


def render_work_orders(data: WorkOrdersData, *, lang: str = "zh") -> bytes:
    w, st = words(lang, WORDS), styles()
    first, last = data.header.period
    story: list = []
    if data.rows:
        story += [paragraph(w["by_kind"], st["section"]),
                  _groups(data.by_kind, data.totals, w, w["kind"],
                          lambda k: name_of(lang, WorkOrderKind, k)),
                  paragraph(w["by_assignee"], st["section"]),
                  _groups(data.by_assignee, data.totals, w, w["assignee"],
                          lambda n: n or w["unassigned"]),
                  paragraph(w["order_list"], st["section"]), _rows(data, w, lang)]
    else:
        story.append(no_data(w["wo_note"]))
    return render_document(data.header, w, w["work_orders"], story, landscape=True,
                           scope=f"{w['period']}{w['colon']}{first:%Y-%m-%d} — {last:%Y-%m-%d}")


def _cells(g: WorkOrderGroup) -> list[str]:
    return [str(g.count), str(g.done), str(g.overdue),
            "" if g.mean_hours is None else str(g.mean_hours),
            "" if g.satisfaction is None else str(g.satisfaction)]


def _groups(groups, totals: WorkOrderGroup, w, title: str, label) -> object:
    cols = [Column(title, 60), Column(w["orders"], 30, "R"), Column(w["done"], 30, "R"),
            Column(w["late"], 30, "R"), Column(w["mean_hours"], 45, "R"),
            Column(w["satisfaction"], 35, "R")]
    return data_table(cols, [[label(g.name), *_cells(g)] for g in groups],
                      totals=[w["total"], *_cells(totals)])


def _rows(data: WorkOrdersData, w, lang: str) -> object:
    cols = [Column(w["order_no"], 36), Column(w["kind"], 22, "C"), Column(w["status"], 18, "C"),
            Column(w["unit"], 44), Column(w["assignee"], 22), Column(w["created"], 28, "C"),
            Column(w["due"], 28, "C"), Column(w["finished"], 28, "C"), Column(w["hours"], 18, "R"),
            Column(w["late"], 10, "C"), Column(w["score"], 15, "C")]
    rows = [[r.order_no, name_of(lang, WorkOrderKind, r.kind),
             name_of(lang, WorkOrderState, r.state), r.unit_name, r.assignee,
             local(r.created_at), local(r.due_at), local(r.finished_at),
             "" if r.hours is None else str(r.hours), "●" if r.overdue else "",
             "" if r.satisfaction is None else str(r.satisfaction)] for r in data.rows]
    return data_table(cols, rows, font_size=7.5)
