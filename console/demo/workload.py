"""The day's open business: arrears notices, switch commands, control states, work orders."""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np

from console.demo.bulk import BulkWriter
from console.demo.calendar import DemoCalendar, local, sqlite_ts
from console.demo.dialect import Dialect
from console.demo.population import ARREARS, PREPAID, Population
from console.demo.prepaid import ALERT_FEN, Settlement, update_from
from console.services.control.commands import REQUEST_TTL

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
BINDING_COLUMNS = ("id", "customer_id", "channel", "address", "consent_at", "consent_by")
# Customers who agreed at the counter to messages (issue 18 item 5): every 10th on WeChat,
# every 30th on Alipay too, so the demo's payments and notices send some.
WECHAT_EVERY, ALIPAY_EVERY = 10, 30
NOTICE_DAYS = 7  # a served disconnect notice runs a week
SERVED_DAYS_AGO = 3  # so the customers under notice still have four days


def _ts(value: dt.datetime) -> str:
    return sqlite_ts(value)


def disconnected_at(cal: DemoCalendar, cid: int) -> dt.datetime:
    """When the collector tripped a customer's relay: a working morning this week."""
    days = cal.weekdays_before(7)
    return local(days[cid % len(days)], 10, cid % 50)


def _arrears(bulk: BulkWriter, d: Dialect, cal: DemoCalendar) -> dict[int, int]:
    """Open amount (fen) per customer with unpaid bills."""
    # Only customers in arrears or prepaid can owe: look at their bills alone.
    rows = bulk.fetch(f"""
        SELECT b.customer_id, SUM({d.fen('b.amount')} - {d.fen('b.paid_amount')})
        FROM demo_meter m CROSS JOIN demo_k k CROSS JOIN bill b
        WHERE m.behaviour IN ({ARREARS}, {PREPAID}) AND k.k < {cal.periods}
          AND b.id = (m.mid - 1) * {cal.periods} + k.k + 1 AND b.status <> 'paid'
        GROUP BY b.customer_id""")
    return {int(c): int(a) for c, a in rows}


def _notices(cal: DemoCalendar, pop: Population, settled: Settlement, owed: dict[int, int],
             supervisor: int) -> list[tuple]:
    """Reminders for arrears, served disconnect notices, balance alerts for prepaid."""
    rows: list[tuple] = []
    issued = local(cal.as_of - dt.timedelta(days=1), 9)

    def add(cid: int, kind: str, channel: str, status: str, amount: int, at: dt.datetime,
            deadline: dt.datetime | None = None) -> None:
        n = len(rows) + 1
        served = _ts(at + dt.timedelta(hours=2)) if status == "served" else None
        rows.append((n, f"TZ{at:%Y%m}{n:08d}", cid, kind, channel, status, amount, _ts(at), served,
                     _ts(deadline) if deadline else None, supervisor))

    for cid in (np.flatnonzero(pop.behaviour == ARREARS) + 1).tolist():
        add(cid, "reminder", "sms", "sent", owed.get(cid, 0), issued)
        if under_notice(pop, cid):
            served = local(cal.as_of - dt.timedelta(days=SERVED_DAYS_AGO), 9)
            add(cid, "disconnect", "paper", "served", owed.get(cid, 0), served,
                served + dt.timedelta(days=NOTICE_DAYS))
    for cid, balance in zip(settled.customer_ids.tolist(), settled.balance.tolist(), strict=False):
        if balance < 0:
            add(cid, "disconnect", "sms", "sent", -balance,
                disconnected_at(cal, cid) - dt.timedelta(days=1))
        elif balance < ALERT_FEN:
            add(cid, "alert", "sms", "sent", balance, issued)
    return rows


def _bindings(cal: DemoCalendar, customers: int, clerk: int):
    """Made-up recipients: an openid-shaped digest of the id, an Alipay-shaped user id."""
    consent = _ts(local(cal.as_of - dt.timedelta(days=40), 10))
    n = 0
    for cid in range(WECHAT_EVERY, customers + 1, WECHAT_EVERY):
        n += 1
        openid = "o" + hashlib.sha256(f"demo:{cid}".encode()).hexdigest()[:27]
        yield (n, cid, "wechat", openid, consent, clerk)
        if cid % ALIPAY_EVERY == 0:
            n += 1
            yield (n, cid, "alipay", f"2088{cid:012d}", consent, clerk)


def under_notice(pop: Population, cid: int) -> bool:
    """Debtors of three or more overdue bills (60 days and more) have been served notice."""
    return bool(pop.arrears_n[cid - 1] >= 3 and not pop.protected[cid - 1])


def _states(pop: Population, settled: Settlement) -> dict[int, str]:
    states = {cid: "notice" for cid in (np.flatnonzero(
        (pop.behaviour == ARREARS) & (pop.arrears_n >= 3) & ~pop.protected) + 1).tolist()}
    for cid, balance in zip(settled.customer_ids.tolist(), settled.balance.tolist(), strict=False):
        if balance < ALERT_FEN:
            states[cid] = "disconnected" if balance < 0 else "alert"
    return states


def _commands(cal: DemoCalendar, states: dict[int, str], supervisor: int) -> list[tuple]:
    """Confirmed disconnects for prepaid accounts under zero; two requests that expired."""
    rows: list[tuple] = []
    for cid in sorted(c for c, s in states.items() if s == "disconnected"):
        n, at = len(rows) + 1, disconnected_at(cal, cid)
        rows.append((n, cid, cid, "disconnect", "arrears", "confirmed", f"demo-cmd-{n:08d}", None,
                     _ts(at), None, _ts(at), _ts(at + dt.timedelta(seconds=5)),
                     _ts(at + dt.timedelta(seconds=9)), 1, "", "", 1, None))
    for cid in sorted(c for c, s in states.items() if s == "notice")[:2]:
        # Asked the day before yesterday and left unapproved: a request nobody
        # approved within REQUEST_TTL ends expired, and blocks nothing.
        n, asked = len(rows) + 1, cal.now - REQUEST_TTL - dt.timedelta(hours=14)
        ends = _ts(asked + REQUEST_TTL)
        rows.append((n, cid, cid, "disconnect", "arrears", "expired", f"demo-cmd-{n:08d}",
                     supervisor, _ts(asked), None, None, None, ends, 0, "", "", 1, ends))
    return rows


def _work_orders(rng: np.random.Generator, cal: DemoCalendar, pop: Population,
                 unit_ids: np.ndarray, staff: dict[str, int]) -> list[tuple]:
    """A few hundred jobs of the last weeks, some still open."""
    count = int(min(400, max(8, pop.n // 100)))
    customers = np.sort(rng.choice(pop.n, size=min(count, pop.n), replace=False)) + 1
    rows = []
    for n, cid in enumerate(customers.tolist(), start=1):
        kind, text, sla = WORK_KINDS[int(rng.integers(len(WORK_KINDS)))]
        created = cal.now - dt.timedelta(hours=int(rng.integers(2, 24 * 12)))
        state = "done" if created < cal.now - dt.timedelta(hours=sla) else str(
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


def _apply_states(bulk: BulkWriter, d: Dialect, cal: DemoCalendar, states: dict[int, str]) -> None:
    """Customers' control states, and open relays for those disconnected."""
    bulk.temp_table("demo_state", f"id BIGINT PRIMARY KEY, state TEXT, at {d.ts_type()}")
    bulk.work_rows("demo_state", ("id", "state", "at"), [
        (cid, state, d.ts_value(disconnected_at(cal, cid) + dt.timedelta(seconds=9)))
        for cid, state in sorted(states.items())])
    update_from(bulk, "customer", "demo_state", {"control_state": "w.state"})
    bulk.sql("DELETE FROM demo_state WHERE state <> 'disconnected'")
    update_from(bulk, "meter", "demo_state", {"relay_state": "'open'", "relay_changed_at": "w.at"})
    bulk.sql("DROP TABLE demo_state")


def insert_workload(rng: np.random.Generator, bulk: BulkWriter, d: Dialect, cal: DemoCalendar,
                    pop: Population, settled: Settlement, unit_ids: np.ndarray,
                    staff: dict[str, int]) -> None:
    """Notices, commands, control states and work orders; `staff` ids by role."""
    owed = _arrears(bulk, d, cal)
    bulk.rows("notice", NOTICE_COLUMNS, _notices(cal, pop, settled, owed, staff["supervisor"]))
    bulk.rows("channel_binding", BINDING_COLUMNS, _bindings(cal, len(pop.behaviour),
                                                            staff["counter"]))
    states = _states(pop, settled)
    bulk.rows("control_command", COMMAND_COLUMNS, _commands(cal, states, staff["supervisor"]))
    _apply_states(bulk, d, cal, states)
    bulk.rows("work_order", ORDER_COLUMNS, _work_orders(rng, cal, pop, unit_ids, staff))
