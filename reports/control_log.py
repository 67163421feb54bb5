"""Disconnect/reconnect log (停复电记录): every switch command of the range with who asked,
who approved, the outcome and how long it took; success rate and outage hours."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Table

from console.models.enums import CommandAction, CommandReason, CommandState
from console.services.report_data.types import ControlLogData
from reports.layout import Column, data_table, days, local, no_data, render_document, styles
from reports.safe_text import paragraph
from reports.vocabulary import name_of
from reports.words import words

WORDS = ({
    "control_log": "停复电操作记录", "outcomes": "执行结果统计", "action": "操作", "reason": "原因",
    "requested_by": "申请人", "approved_by": "审批人", "requested_at": "申请时间",
    "finished_at": "完成时间", "minutes": "用时（分）", "refused": "拒绝规则/错误",
    "success_rate": "执行成功率（确认/（确认+失败））", "mean_minutes": "平均执行时长（分钟）",
    "outages": "停电后复电户次", "indicator": "指标", "value": "数值", "mean_outage": "平均停电时长（小时）", "commands": "操作明细",
}, {
    "control_log": "Disconnect/reconnect log", "outcomes": "Outcomes", "action": "Action",
    "reason": "Reason", "requested_by": "Requested by",
    "approved_by": "Approved by", "requested_at": "Requested", "finished_at": "Finished",
    "minutes": "Minutes", "refused": "Refused by / error",
    "success_rate": "Success rate (confirmed / (confirmed + failed))",
    "mean_minutes": "Mean time to execute (minutes)", "outages": "Outages ended by a reconnect",
    "mean_outage": "Mean outage (hours)", "indicator": "Figure", "value": "Value", "commands": "Commands",
})


def render_control_log(data: ControlLogData, *, lang: str = "zh") -> bytes:
    w, st = words(lang, WORDS), styles()
    first, last = days(data.header)
    story = [paragraph(w["outcomes"], st["section"]), _summary(data, w, lang),
             paragraph(w["commands"], st["section"]), _rows(data, w, lang)]
    return render_document(data.header, w, w["control_log"], story, landscape=True,
                           scope=f"{w['period']}{w['colon']}{first:%Y-%m-%d} — {last:%Y-%m-%d}")


def _summary(data: ControlLogData, w, lang: str) -> object:
    if not data.by_state:
        return no_data(w["no_data"])
    counts = data_table([Column(w["action"], 40, "C"), Column(w["status"], 40, "C"),
                         Column(w["count"], 30, "R")],
                        [[name_of(lang, CommandAction, a), name_of(lang, CommandState, s), str(n)]
                         for a, s, n in data.by_state],
                        totals=[w["total"], "", str(sum(n for _a, _s, n in data.by_state))])
    facts = data_table([Column(w["indicator"], 110), Column(w["value"], 40, "R")], [
        [w["success_rate"], "" if data.success_rate is None else f"{data.success_rate}%"],
        [w["mean_minutes"], "" if data.mean_minutes is None else str(data.mean_minutes)],
        [w["outages"], str(data.outages)],
        [w["mean_outage"], "" if data.mean_outage_hours is None else str(data.mean_outage_hours)]])
    return Table([[counts, facts]], colWidths=[120 * mm, 155 * mm],
                 style=[("VALIGN", (0, 0), (-1, -1), "TOP")])


def _rows(data: ControlLogData, w, lang: str) -> object:
    if not data.rows:
        return no_data(w["no_data"])
    cols = [Column(w["requested_at"], 27, "C"), Column(w["action"], 12, "C"),
            Column(w["reason"], 18, "C"), Column(w["customer_no"], 22, "C"),
            Column(w["customer_name"], 32), Column(w["meter"], 44), Column(w["status"], 16, "C"),
            Column(w["requested_by"], 18), Column(w["approved_by"], 18),
            Column(w["finished_at"], 27, "C"), Column(w["minutes"], 15, "R"),
            Column(w["refused"], 20)]
    rows = []
    for r in data.rows:
        minutes = "" if r.finished_at is None else \
            f"{(r.finished_at - r.requested_at).total_seconds() / 60:.0f}"
        rows.append([local(r.requested_at), name_of(lang, CommandAction, r.action),
                     name_of(lang, CommandReason, r.reason), r.customer_no, r.customer_name[:14],
                     r.meter_no, name_of(lang, CommandState, r.state), r.requested_by,
                     r.approved_by, local(r.finished_at), minutes, r.refused[:12]])
    return data_table(cols, rows, font_size=7.5)
