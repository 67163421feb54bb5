"""Document numbers of printed reports, and the register of every document generated.

A number is `{prefix}{unit code}{year}{sequence:06d}`, e.g. SF370102026000042: the
prefix names the kind of report (SF daily collection, ZL aging, DZ statement …), the
sequence counts that kind's documents of the unit in the local year. As with receipt
numbers (console.services.payments.receipts) the counter row is incremented inside the
transaction that records the document, and the PDF is drawn inside that transaction
too: a document that fails or is cancelled while it is drawn gives its number back, so
the numbers have no gaps and every number on paper is in the register.

The price is that the counter of that kind and unit is held while the PDF is drawn
(tens of ms for a statement, about a second for a day of 10,000 payments): concurrent
documents of the same kind and unit take turns (PostgreSQL row lock; on SQLite the
write transaction serialises all writers that long). The report's data are read before,
in a read-only transaction, so the long aggregate reads take no lock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import OutOfScope, ValidationError
from console.models import Customer, DocumentCounter, ReportDocument, Unit
from console.models.enums import AccessPurpose
from console.services import audit
from console.services.acting import covers, in_scope, use_case
from console.services.actor import Actor
from console.services.customers.access import PRINTED, check_purpose, record_access
from console.services.permissions import Permission
from console.services.report_data.common import document_no, require_report
from console.services.report_data.types import DocumentHeader
from console.timeutil import LOCAL

PARAMS_LIMIT = 200
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # a page object, not the /Pages tree


@dataclass(frozen=True)
class IssuedDocument:
    """A document as generated and recorded: its number, pages and bytes."""

    doc_no: str
    kind: str
    unit_id: int
    pages: int
    generated_at: dt.datetime
    pdf: bytes = field(repr=False)


@dataclass(frozen=True)
class DocumentRecord:
    """One line of the register: what a printed number stands for."""

    doc_no: str
    kind: str
    unit_id: int
    unit_name: str
    params: str
    generated_by: str
    generated_at: dt.datetime
    pages: int | None


def _ensure_counter(session: Session, kind: str, unit_id: int, year: int) -> None:
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(DocumentCounter).values(kind=kind, unit_id=unit_id, year=year,
                                                   next_no=1).on_conflict_do_nothing())


def next_seq(session: Session, kind: str, unit_id: int, year: int) -> int:
    """Take the next sequence of the kind, unit and year (locks the counter row until the
    transaction ends; a rollback gives the number back)."""
    _ensure_counter(session, kind, unit_id, year)
    return session.execute(
        update(DocumentCounter)
        .where(DocumentCounter.kind == kind, DocumentCounter.unit_id == unit_id,
               DocumentCounter.year == year)
        .values(next_no=DocumentCounter.next_no + 1)
        .returning(DocumentCounter.next_no - 1)
        .execution_options(synchronize_session=False)
    ).scalar_one()


def page_count(pdf: bytes) -> int:
    """Pages of a ReportLab PDF, by its page objects (no parse: ReportLab writes no
    object streams)."""
    return len(_PAGE.findall(pdf))


@use_case(None)  # right: require_report; the unit is the header's (checked below)
def issue_document(db: Database, actor: Actor, kind: str, head: DocumentHeader, params: str,
                   render: Callable[[DocumentHeader], bytes], *,
                   permission: Permission = Permission.VIEW_REPORTS,
                   purpose: str = AccessPurpose.REPORTING,
                   customer_no: str | None = None) -> IssuedDocument:
    """Number `head`, draw the document with `render(numbered head)`, record and audit it,
    all in one transaction. A header with `own_number` (a notice) keeps its number and is
    recorded without taking one. Whatever `render` raises undoes the whole."""
    require_report(actor, permission)
    unit_id = head.unit_id
    if unit_id is None or not head.prefix:
        raise ValidationError("the document has no unit or kind to be numbered by",
                              field="header", reason="unnumbered")
    if not covers(unit_id):
        raise OutOfScope(f"{actor.username} may not issue documents of unit {unit_id}",
                         entity="unit", id=unit_id, unit_id=unit_id)
    chosen = check_purpose(purpose)
    year = head.generated_at.astimezone(LOCAL).year
    with db.uow() as session:
        seq = None if head.own_number else next_seq(session, kind, unit_id, year)
        if seq is not None:
            head = replace(head, doc_no=document_no(head.prefix, head.unit_code,
                                                    head.generated_at, seq))
        pdf = render(head)
        pages = page_count(pdf)
        row = ReportDocument(doc_no=head.doc_no, kind=kind, unit_id=unit_id, year=year,
                             seq=seq, params=params[:PARAMS_LIMIT], generated_by_id=actor.user_id,
                             generated_by=head.generated_by, generated_at=head.generated_at,
                             pages=pages)
        session.add(row)
        session.flush()
        _audit_document(session, actor, row, chosen, customer_no)
        return IssuedDocument(row.doc_no, kind, unit_id, pages, row.generated_at, pdf)


def _audit_document(session: Session, actor: Actor, row: ReportDocument, purpose: AccessPurpose,
                    customer_no: str | None) -> None:
    """The event names the purpose; a document about one customer (`customer_no`) is
    recorded on that customer, so the report of who looked at them lists it."""
    facts = {"doc_no": row.doc_no, "kind": row.kind, "unit_id": row.unit_id,
             "params": row.params, "pages": row.pages}
    customer_id = session.scalar(select(Customer.id).where(
        Customer.customer_no == customer_no)) if customer_no else None
    if customer_id is None:
        audit.record(session, actor, "report.generated", entity_type="report_document",
                     entity_id=row.id, after={**facts, "purpose": purpose.value})
    else:
        record_access(session, actor, customer_id, PRINTED, purpose, **facts)


@use_case(None, filters=True)  # right: require_report
def find_documents(db: Database, actor: Actor, doc_no: str) -> list[DocumentRecord]:
    """Every recording of a printed number in the actor's units, oldest first: one for a
    numbered report, one per printing of a notice; empty if the number was never issued
    here (or by a unit the actor does not see)."""
    require_report(actor, Permission.VIEW_REPORTS)
    with db.read() as session:
        rows = session.execute(
            select(ReportDocument, Unit.name).join(Unit, Unit.id == ReportDocument.unit_id)
            .where(ReportDocument.doc_no == (doc_no or "").strip(),
                   in_scope(ReportDocument.unit_id))
            .order_by(ReportDocument.id)).all()
        return [DocumentRecord(d.doc_no, d.kind, d.unit_id, unit_name, d.params, d.generated_by,
                               d.generated_at, d.pages) for d, unit_name in rows]
