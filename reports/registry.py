"""Every report by name: what it needs, who may ask, and how it is made.

    pdf = generate(db, actor, "daily_collection", ReportParams(start=day, end=day))

Every document is numbered and recorded as it is drawn (console.services.report_data.documents):
two documents never share a number, and a cancelled one gives its number back.
The CLI (`python -m console report NAME`) and the reports panel both come
here, so they write the same document. `generate` reports progress and can be
cancelled between pages: it runs in a worker thread, and the page hook of
reports.layout calls back into the `Progress` set for that thread.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from console.db import Database
from console.services.actor import Actor
from console.services.permissions import Permission
from console.services.report_data.documents import IssuedDocument
from console.services.report_data.types import DocumentHeader
from reports import layout

ProgressFn = Callable[[float, str], None]


@dataclass
class _Run:
    """The running `generate_document` (per thread, like layout.PAGE_HOOK): its cancel
    check, and the documents it issued."""

    cancelled: Callable[[], bool]
    issued: list = field(default_factory=list)


_RUN: contextvars.ContextVar[_Run | None] = contextvars.ContextVar("report_run", default=None)


class ReportCancelled(Exception):  # a request, not a failure
    """The person who asked for the report cancelled it; nothing was written."""


@dataclass(frozen=True)
class ReportParams:
    """What a report is about. Reports ignore what they do not need."""

    start: dt.date | None = None
    end: dt.date | None = None
    unit_id: int | None = None
    customer_no: str | None = None
    operator_id: int | None = None
    notice_no: str | None = None
    lang: str = "zh"
    # Why it is made (an AccessPurpose code), recorded with it; "" = the report's default.
    purpose: str = ""


@dataclass(frozen=True)
class ReportSpec:
    name: str
    needs: frozenset[str]  # "range", "as_of", "month", "customer", "notice", "unit", "operator"
    permission: Permission
    for_customers: bool
    make: Callable[[Database, Actor, ReportParams], bytes] = field(repr=False)


def _issued(db: Database, actor: Actor, p: ReportParams, kind: str, data: Any,
            render: Callable[..., bytes]) -> bytes:
    """Draw `data` under a document number of its own, recorded with the document."""
    from console.services.report_data.documents import issue_document

    run = _RUN.get()

    def draw(head: DocumentHeader) -> bytes:
        pdf = render(replace(data, header=head), lang=p.lang)
        if run is not None and run.cancelled():  # still inside the transaction: undone
            raise ReportCancelled(kind)
        return pdf

    spec = REPORTS[kind]
    issued = issue_document(db, actor, kind, data.header, summary(p), draw,
                            permission=spec.permission, purpose=p.purpose or default_purpose(kind),
                            customer_no=getattr(data, "customer_no", None)
                            if spec.for_customers else None)
    if run is not None:
        run.issued.append(issued)
    return issued.pdf


def default_purpose(name: str) -> str:
    """What a document is made for unless the person says otherwise: a notice for arrears
    follow-up, another customer's document for the customer at the counter, the rest are
    management reports."""
    if name == "notice":
        return "arrears"
    return "counter_service" if REPORTS[name].for_customers else "reporting"


def summary(p: ReportParams) -> str:
    """The parameters in one line for the register, e.g. "from=2026-11-01 to=… unit=3"."""
    named = (("from", p.start), ("to", p.end), ("unit", p.unit_id), ("customer", p.customer_no),
             ("operator", p.operator_id), ("notice", p.notice_no), ("lang", p.lang))
    return " ".join(f"{name}={value}" for name, value in named if value not in (None, ""))


def _statement(db: Database, actor: Actor, p: ReportParams) -> bytes:
    from console.services.report_data.common import statement_data
    from reports.statement import render_statement

    return _issued(db, actor, p, "statement",
                   statement_data(db, actor, customer_no=p.customer_no, today=p.end),
                   render_statement)


def _daily_collection(db: Database, actor: Actor, p: ReportParams) -> bytes:
    from console.services.report_data.cash import daily_collection_data
    from reports.daily_collection import render_daily_collection

    data = daily_collection_data(db, actor, start=p.start, end=p.end, unit_id=p.unit_id,
                                 operator_id=p.operator_id)
    return _issued(db, actor, p, "daily_collection", data, render_daily_collection)


def _aging(db: Database, actor: Actor, p: ReportParams) -> bytes:
    from console.services.report_data.cash import aging_data
    from reports.aging import render_aging

    return _issued(db, actor, p, "aging", aging_data(db, actor, as_of=p.end, unit_id=p.unit_id),
                   render_aging)


def _notice(db: Database, actor: Actor, p: ReportParams) -> bytes:
    from console.services.report_data.notices import notice_data
    from reports.notices import render_notice

    return _issued(db, actor, p, "notice", notice_data(db, actor, doc_no=p.notice_no or ""),
                   render_notice)


def _ranged(data_name: str, render_name: str):
    """A supervisors' report over a date range and a unit (report_data_ops + its module)."""

    def make(db: Database, actor: Actor, p: ReportParams) -> bytes:
        import importlib

        from console.services.report_data import ops as report_data_ops

        data = getattr(report_data_ops, f"{data_name}_data")(
            db, actor, start=p.start, end=p.end, unit_id=p.unit_id)
        render = getattr(importlib.import_module(f"reports.{render_name}"), f"render_{render_name}")
        return _issued(db, actor, p, data_name, data, render)

    return make


def _monthly_summary(db: Database, actor: Actor, p: ReportParams) -> bytes:
    from console.services.report_data.monthly import monthly_summary_data
    from reports.monthly_summary import render_monthly_summary

    data = monthly_summary_data(db, actor, month=p.start, unit_id=p.unit_id)
    return _issued(db, actor, p, "monthly_summary", data, render_monthly_summary)


def _access_trail(db: Database, actor: Actor, p: ReportParams) -> bytes:
    from console.services.admin.access_trail import access_trail_data
    from reports.access_trail import render_access_trail

    return _issued(db, actor, p, "access_trail",
                   access_trail_data(db, actor, customer_no=p.customer_no), render_access_trail)


REPORTS: dict[str, ReportSpec] = {}


def register(spec: ReportSpec) -> None:
    REPORTS[spec.name] = spec


for _spec in (
    ReportSpec("statement", frozenset({"customer"}), Permission.LOOKUP, True, _statement),
    ReportSpec("daily_collection", frozenset({"range", "unit", "operator"}),
               Permission.VIEW_REPORTS, False, _daily_collection),
    ReportSpec("aging", frozenset({"as_of", "unit"}), Permission.VIEW_ARREARS, False, _aging),
    ReportSpec("notice", frozenset({"notice"}), Permission.LOOKUP, True, _notice),
    ReportSpec("control_log", frozenset({"range", "unit"}), Permission.VIEW_ARREARS, False,
               _ranged("control_log", "control_log")),
    ReportSpec("seal_inventory", frozenset({"range", "unit"}), Permission.VIEW_REPORTS, False,
               _ranged("seal_inventory", "seal_inventory")),
    ReportSpec("work_orders", frozenset({"range", "unit"}), Permission.VIEW_REPORTS, False,
               _ranged("work_orders", "work_orders")),
    ReportSpec("monthly_summary", frozenset({"month", "unit"}), Permission.VIEW_ARREARS, False,
               _monthly_summary),
    # Who looked at one customer: admins, and supervisors for their units (not recorded on
    # the customer: it shows the looks, not the person).
    ReportSpec("access_trail", frozenset({"customer"}), Permission.VIEW_AUDIT, False,
               _access_trail),
):
    register(_spec)


def generate(db: Database, actor: Actor, name: str, params: ReportParams, *,
             progress: ProgressFn | None = None,
             cancelled: Callable[[], bool] | None = None) -> bytes:
    """The named report as PDF bytes. Raises KeyError for an unknown name, ConsoleErrors for
    bad parameters, ReportCancelled when `cancelled()` turns true before the last page."""
    return generate_document(db, actor, name, params, progress=progress,
                             cancelled=cancelled).pdf


def generate_document(db: Database, actor: Actor, name: str, params: ReportParams, *,
                      progress: ProgressFn | None = None,
                      cancelled: Callable[[], bool] | None = None) -> IssuedDocument:
    """`generate`, with the number the document was recorded under and its page count.
    A cancel while pages are drawn undoes the record: the number is not used up."""
    spec = REPORTS[name]
    tell = progress or (lambda _f, _t: None)
    check = cancelled or (lambda: False)

    def on_page(number: int) -> None:
        if check():
            raise ReportCancelled(name)
        tell(0.3 + 0.65 * (1 - 1 / (1 + number / 4)), "page")

    tell(0.05, "data")
    if check():
        raise ReportCancelled(name)
    run = _Run(check)
    tokens = layout.PAGE_HOOK.set(on_page), _RUN.set(run)
    try:
        pdf = spec.make(db, actor, params)
    finally:
        layout.PAGE_HOOK.reset(tokens[0])
        _RUN.reset(tokens[1])
    if run.issued:  # recorded: a cancel that comes after the commit is too late to undo it
        tell(1.0, "done")
        return run.issued[-1]
    if check():
        raise ReportCancelled(name)
    tell(1.0, "done")
    return IssuedDocument("", name, 0, 0, dt.datetime.now(dt.UTC), pdf)
