"""The day's open business: arrears notices, switch commands, control states, work orders."""

from __future__ import annotations

import datetime as dt

import numpy as np

from console.demo import calendar as cal
from console.demo.bulk import BulkWriter
from console.demo.dialect import Dialect
from console.demo.population import ARREARS, PREPAID, Population
from console.demo.prepaid import ALERT_FEN, Settlement, update_from
from console.services.control import REQUEST_TTL

NOTICE_COLUMNS = ("id", "doc_no", "customer_id", "kind", "channel", "status", "amount", "created_at",
                  "served_at", "deadline", "created_by")
COMMAND_COLUMNS = ("id", "meter_id", "customer_id", "action", "reason", "state", "idempotency_key",
                   "requested_by", "requested_at", "approved_by", "approved_at", "sent_at",
                   "finished_at", "attempts", "refused_rule", "error", "version", "expires_at")
ORDER_COLUMNS = ("id", "order_no", "kind", "state", "unit_id", "customer_id", "meter_id",
                 "assignee_id", "created_by", "created_at", "due_at", "started_at", "finished_at",
                 "description", "resolution", "satisfaction", "satisfaction_comment", "version")
WORK_KINDS = (("inspection", "用电检查", 72), ("seal_check", "封印异常核查", 48),
              ("meter_replacement", "电能表轮换", 120), ("complaint", "客户投诉：电压偏低", 24),
              ("new_connection", "新装用电", 168), ("account_closure", "销户", 72))
DISCONNECTED_AT = cal.local(dt.date(2026, 1, 8), 10)


def _ts(value: dt.datetime) -> str:
    return cal.sqlite_ts(value)


def _arrears(bulk: BulkWriter, d: Dialect) -> dict[int, int]:
    """Open amount (fen) per customer with unpaid bills."""
    # Only customers in arrears or prepaid can owe: look at their bills alone.
    rows = bulk.fetch(f"""
        SELECT b.customer_id, SUM({d.fen('b.amount')} - {d.fen('b.paid_amount')})
        FROM demo_meter m CROSS JOIN demo_k k CROSS JOIN bill b
        WHERE m.behaviour IN ({ARREARS}, {PREPAID}) AND k.k < {cal.PERIODS}
          AND b.id = (m.mid - 1) * {cal.PERIODS} + k.k + 1 AND b.status <> 'paid'
        GROUP BY b.customer_id""")
    return {int(c): int(a) for c, a in rows}


def _notices(pop: Population, settled: Settlement, owed: dict[int, int],
             supervisor: int) -> list[tuple]:
    """Reminders for arrears, served disconnect notices, balance alerts for prepaid."""
    rows: list[tuple] = []
    issued = cal.local(dt.date(2026, 1, 19), 9)

    def add(cid: int, kind: str, channel: str, status: str, amount: int, at: dt.datetime,
            deadline: dt.datetime | None = None) -> None:
        n = len(rows) + 1
        served = _ts(at + dt.timedelta(hours=2)) if status == "served" else None
        rows.append((n, f"TZ{at:%Y%m}{n:08d}", cid, kind, channel, status, amount, _ts(at), served,
                     _ts(deadline) if deadline else None, supervisor))

    for cid in (np.flatnonzero(pop.behaviour == ARREARS) + 1).tolist():
        add(cid, "reminder", "sms", "sent", owed.get(cid, 0), issued)
        if pop.arrears_n[cid - 1] == 3 and not pop.protected[cid - 1]:
            served = cal.local(dt.date(2026, 1, 10), 9)
            add(cid, "disconnect", "paper", "served", owed.get(cid, 0), served,
                served + dt.timedelta(days=7))
    for cid, balance in zip(settled.customer_ids.tolist(), settled.balance.tolist()):
        if balance < 0:
            add(cid, "disconnect", "sms", "sent", -balance, DISCONNECTED_AT - dt.timedelta(days=1))
        elif balance < ALERT_FEN:
            add(cid, "alert", "sms", "sent", balance, issued)
    return rows


def _states(pop: Population, settled: Settlement) -> dict[int, str]:
    states = {cid: "notice" for cid in (np.flatnonzero(
        (pop.behaviour == ARREARS) & (pop.arrears_n == 3) & ~pop.protected) + 1).tolist()}
    for cid, balance in zip(settled.customer_ids.tolist(), settled.balance.tolist()):
        if balance < ALERT_FEN:
            states[cid] = "disconnected" if balance < 0 else "alert"
    return states


def _commands(states: dict[int, str], supervisor: int) -> list[tuple]:
    """Confirmed disconnects for prepaid accounts under zero; two requests that expired."""
    at = DISCONNECTED_AT
    rows = []
    for cid in sorted(c for c, s in states.items() if s == "disconnected"):
        n = len(rows) + 1
        rows.append((n, cid, cid, "disconnect", "arrears", "confirmed", f"demo-cmd-{n:08d}", None,
                     _ts(at), None, _ts(at), _ts(at + dt.timedelta(seconds=5)),
                     _ts(at + dt.timedelta(seconds=9)), 1, "", "", 1, None))
    for cid in sorted(c for c, s in states.items() if s == "notice")[:2]:
        n, asked = len(rows) + 1, cal.NOW - dt.timedelta(hours=1)
        # The demo's "now" is long past on any real day: left 'requested' these would
        # block new requests for the meter forever. A real request nobody approved
        # within REQUEST_TTL ends expired, so that is how the demo records them.
        ends = _ts(asked + REQUEST_TTL)
        rows.append((n, cid, cid, "disconnect", "arrears", "expired", f"demo-cmd-{n:08d}",
                     supervisor, _ts(asked), None, None, None, ends, 0, "", "", 1, ends))
    return rows


def _work_orders(rng: np.random.Generator, pop: Population, unit_ids: np.ndarray,
                 staff: dict[str, int]) -> list[tuple]:
    """A few hundred jobs of the last weeks, some still open."""
    count = int(min(400, max(8, pop.n // 100)))
    customers = np.sort(rng.choice(pop.n, size=min(count, pop.n), replace=False)) + 1
    rows = []
    for n, cid in enumerate(customers.tolist(), start=1):
        kind, text, sla = WORK_KINDS[int(rng.integers(len(WORK_KINDS)))]
        created = cal.NOW - dt.timedelta(hours=int(rng.integers(2, 24 * 12)))
        state = "done" if created < cal.NOW - dt.timedelta(hours=sla) else str(
            rng.choice(["open", "assigned", "in_progress"]))
        started = created + dt.timedelta(hours=3) if state in ("in_progress", "done") else None
        finished = created + dt.timedelta(hours=int(rng.integers(4, sla))) if state == "done" else None
        score = int(rng.choice([3, 4, 5, 5, 5])) if state == "done" else None
        rows.append((n, f"GD{created:%Y%m%d}{n:06d}", kind, state, int(unit_ids[cid - 1]), cid, cid,
                     staff["inspector"] if state != "open" else None, staff["counter"], _ts(created),
                     _ts(created + dt.timedelta(hours=sla)), _ts(started) if started else None,
                     _ts(finished) if finished else None, text, "已处理" if finished else "", score,
                     "满意" if score == 5 else "", 1))
    return rows


def _apply_states(bulk: BulkWriter, d: Dialect, states: dict[int, str]) -> None:
    """Customers' control states, and open relays for those disconnected."""
    bulk.temp_table("demo_state", "id BIGINT PRIMARY KEY, state TEXT")
    bulk.work_rows("demo_state", ("id", "state"), sorted(states.items()))
    update_from(bulk, "customer", "demo_state", {"control_state": "w.state"})
    bulk.sql("DELETE FROM demo_state WHERE state <> 'disconnected'")
    bulk.sql("UPDATE meter SET relay_state = 'open', relay_changed_at = :at"
             " WHERE id IN (SELECT id FROM demo_state)",
             {"at": d.ts_value(DISCONNECTED_AT + dt.timedelta(seconds=9))})
    bulk.sql("DROP TABLE demo_state")


def insert_workload(rng: np.random.Generator, bulk: BulkWriter, d: Dialect, pop: Population,
                    settled: Settlement, unit_ids: np.ndarray, staff: dict[str, int]) -> None:
    """Notices, commands, control states and work orders; `staff` ids by role."""
    owed = _arrears(bulk, d)
    bulk.rows("notice", NOTICE_COLUMNS, _notices(pop, settled, owed, staff["supervisor"]))
    states = _states(pop, settled)
    bulk.rows("control_command", COMMAND_COLUMNS, _commands(states, staff["supervisor"]))
    _apply_states(bulk, d, states)
    bulk.rows("work_order", ORDER_COLUMNS, _work_orders(rng, pop, unit_ids, staff))
