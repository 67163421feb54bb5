"""Data of the supervisors' operational reports: the disconnect/reconnect log, seal
inventory and movements, work orders and their service times.

These read the models directly (control_command, seal, seal_event,
work_order) rather than the seal and work-order services, so the reports do
not depend on how those screens group things; where a table is empty the
report says so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from console.db import Database
from console.models import ControlCommand, Customer, Meter, Seal, SealEvent, User, WorkOrder, utcnow
from console.models.enums import CommandAction, CommandState, SealState
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission
from console.services.report_data.common import (
    OUTCOMES,
    SWITCHES,
    check_range,
    header,
    range_bounds,
    require_report,
    scope,
)
from console.services.report_data.types import (
    CommandLogRow,
    ControlLogData,
    SealInventoryData,
    SealMoveRow,
    WorkOrderGroup,
    WorkOrderRow,
    WorkOrdersData,
)


def _mean(values: list[Decimal], places: str = "0.1") -> Decimal | None:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal(places)) if values else None


def _hours(start: dt.datetime, end: dt.datetime) -> Decimal:
    return Decimal((end - start).total_seconds()) / 3600


# -- disconnect / reconnect log -----------------------------------------------------------------

@use_case(None, filters=True, unit="unit_id")  # right: require_report
def control_log_data(db: Database, actor: Actor, *, start: dt.date | None, end: dt.date | None,
                     unit_id: int | None = None, now: dt.datetime | None = None) -> ControlLogData:
    """Every disconnect and reconnect requested in the range for the unit's customers:
    who asked and approved, the outcome and how long it took."""
    require_report(actor, Permission.VIEW_ARREARS)
    start, end = check_range(start, end)
    with db.read() as session:
        unit, units = scope(session, actor, unit_id)
        first, last = range_bounds(start, end)
        rows, raw = _commands(session, units, first, last)
        return ControlLogData(header(session, actor, unit, "TF", period=(start, end), now=now),
                              tuple(rows), *_command_figures(raw))


def _commands(session: Session, units: dict[int, str], first: dt.datetime, last: dt.datetime):
    asker, approver = aliased(User), aliased(User)
    c = ControlCommand
    found = session.execute(
        select(c.requested_at, c.action, c.reason, Customer.customer_no, Customer.name,
               Meter.asset_no, c.state, asker.full_name, approver.full_name, c.finished_at,
               c.refused_rule, c.error, c.meter_id)
        .join(Customer, Customer.id == c.customer_id).join(Meter, Meter.id == c.meter_id)
        .outerjoin(asker, asker.id == c.requested_by).outerjoin(approver, approver.id == c.approved_by)
        .where(Customer.unit_id.in_(list(units)), c.action.in_(SWITCHES),
               c.requested_at >= first, c.requested_at < last)
        .order_by(c.requested_at, c.id)).all()
    rows = [CommandLogRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "", r[8] or "", r[9],
                          r[10] or (r[11] or "")[:40]) for r in found]
    return rows, found


def _command_figures(found) -> tuple:
    counts = Counter((r[1], r[6]) for r in found)
    confirmed, failed = (sum(n for (_a, s), n in counts.items() if s == state)
                         for state in OUTCOMES)
    rate = (Decimal(confirmed * 100) / (confirmed + failed)).quantize(Decimal("0.1")) \
        if confirmed + failed else None
    done = [r for r in found if r[6] == CommandState.CONFIRMED and r[9]]
    minutes = [_hours(r[0], r[9]) * 60 for r in done]
    dark: list[Decimal] = []
    cut: dict[int, dt.datetime] = {}
    for r in sorted(done, key=lambda r: r[9]):
        if r[1] == CommandAction.DISCONNECT:
            cut[r[12]] = r[9]
        elif r[12] in cut:
            dark.append(_hours(cut.pop(r[12]), r[9]))
    by_state = tuple(sorted((a, s, n) for (a, s), n in counts.items()))
    return by_state, rate, _mean(minutes), len(dark), _mean(dark)


# -- seal inventory and movements ---------------------------------------------------------------

@use_case(None, filters=True, unit="unit_id")  # right: require_report
def seal_inventory_data(db: Database, actor: Actor, *, start: dt.date | None,
                        end: dt.date | None, unit_id: int | None = None,
                        now: dt.datetime | None = None) -> SealInventoryData:
    """Seals held per unit and state today, and every move in the range by unit and person."""
    require_report(actor, Permission.VIEW_REPORTS)
    start, end = check_range(start, end)
    with db.read() as session:
        unit, units = scope(session, actor, unit_id)
        first, last = range_bounds(start, end)
        states = tuple(s.value for s in SealState)
        stock: dict[int, list[int]] = defaultdict(lambda: [0] * len(states))
        for uid, state, count in session.execute(
                select(Seal.unit_id, Seal.state, func.count()).where(Seal.unit_id.in_(list(units)))
                .group_by(Seal.unit_id, Seal.state)):
            stock[uid][states.index(state)] = int(count)
        moves = _seal_moves(session, units, first, last)
        by_unit = Counter((m.unit_name, m.to_state) for m in moves)
        people: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
        for m in moves:
            if m.to_state in (SealState.INSTALLED, SealState.REMOVED):
                people[m.actor][0 if m.to_state == SealState.INSTALLED else 1] += 1
        return SealInventoryData(
            header(session, actor, unit, "FY", period=(start, end), now=now), states,
            tuple((units[uid], tuple(row)) for uid, row in sorted(stock.items(),
                                                                 key=lambda i: units[i[0]])),
            tuple(sorted((u, s, n) for (u, s), n in by_unit.items())),
            tuple(sorted((who, a, b) for who, (a, b) in people.items())), moves)


def _seal_moves(session: Session, units: dict[int, str], first: dt.datetime,
                last: dt.datetime) -> tuple[SealMoveRow, ...]:
    e = SealEvent
    found = session.execute(
        select(e.at, Seal.seal_no, e.from_state, e.to_state, e.unit_id, User.full_name,
               Meter.asset_no, e.position)
        .join(Seal, Seal.id == e.seal_id).outerjoin(User, User.id == e.actor_id)
        .outerjoin(Meter, Meter.id == e.meter_id)
        .where(func.coalesce(e.unit_id, Seal.unit_id).in_(list(units)), e.at >= first, e.at < last)
        .order_by(e.at, e.id)).all()
    # A move recorded without a unit (coalesced to the seal's unit only for the filter)
    # shows no unit name.
    return tuple(SealMoveRow(at, no, before or "", after,
                             "" if uid is None else units.get(uid, ""), who or "",
                             meter or "", position or "")
                 for at, no, before, after, uid, who, meter, position in found)


# -- work orders --------------------------------------------------------------------------------

@use_case(None, filters=True, unit="unit_id")  # right: require_report
def work_orders_data(db: Database, actor: Actor, *, start: dt.date | None, end: dt.date | None,
                     unit_id: int | None = None, now: dt.datetime | None = None) -> WorkOrdersData:
    """Work orders opened in the range: by kind and by assignee, service hours, lateness
    against the due time, satisfaction; and every order."""
    require_report(actor, Permission.VIEW_REPORTS)
    start, end = check_range(start, end)
    moment = now or utcnow()
    with db.read() as session:
        unit, units = scope(session, actor, unit_id)
        first, last = range_bounds(start, end)
        w = WorkOrder
        found = session.execute(
            select(w.order_no, w.kind, w.state, w.unit_id, User.full_name, w.created_at,
                   w.due_at, w.finished_at, w.satisfaction)
            .outerjoin(User, User.id == w.assignee_id)
            .where(w.unit_id.in_(list(units)), w.created_at >= first, w.created_at < last)
            .order_by(w.created_at, w.id)).all()
        rows = tuple(_order(r, units, moment) for r in found)
        return WorkOrdersData(header(session, actor, unit, "GD", period=(start, end), now=now),
                              _groups(rows, lambda r: r.kind), _groups(rows, lambda r: r.assignee),
                              _group("", list(rows)), rows)


def _order(r, units: dict[int, str], now: dt.datetime) -> WorkOrderRow:
    number, kind, state, uid, who, created, due, finished, score = r
    hours = None if finished is None else _hours(created, finished)
    late = (finished or now) > due and state != "cancelled"
    return WorkOrderRow(number, kind, state, units[uid], who or "", created, due, finished,
                        hours.quantize(Decimal("0.1")) if hours is not None else None, late, score)


def _groups(rows: tuple[WorkOrderRow, ...], key) -> tuple[WorkOrderGroup, ...]:
    grouped: dict[str, list[WorkOrderRow]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return tuple(_group(name, items) for name, items in sorted(grouped.items()))


def _group(name: str, rows: list[WorkOrderRow]) -> WorkOrderGroup:
    done = [r for r in rows if r.state == "done"]
    scores = [Decimal(r.satisfaction) for r in rows if r.satisfaction is not None]
    return WorkOrderGroup(name, len(rows), len(done), sum(1 for r in rows if r.overdue),
                          _mean([r.hours for r in done if r.hours is not None]),
                          _mean(scores, "0.01"))
