"""Hypothesis interleaves payments, requests, approvals, cancellations, notices, 保电,
protection, clock moves, collector steps and collectors dying mid-command; a disconnect
never goes out when it must not, and no command reaches a meter twice."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import select

from console.errors import ControlRefused
from console.metering import collector_command_store as store
from console.metering.collector_command_store import Claimant, Outcome, RetryPolicy
from console.metering.dlt645 import StatusWord3
from console.models import ControlCommand, Customer, Meter, Notice
from console.services.control.commands import approve_command, cancel_command, request_command
from console.services.payments.counter import post_payment
from console.timeutil import LOCAL
from tests import factories as f
from tests.control.test_commands import T, policy, ready_account

_units = itertools.count(50001)
_keys = itertools.count(1)
POLICY = RetryPolicy(3, dt.timedelta(0))
LIVE = Claimant("live#1", dt.timedelta(minutes=5))
DEAD = Claimant("dead#1", -dt.timedelta(seconds=1))  # its claims are stale at once
TRIPS: list[int] = []  # disconnects executed over all examples: the test must reach some
RECONCILED: list[int] = []  # commands taken over from a dead collector: likewise


def machine_for(db, tariff):
    class SwitchControl(RuleBasedStateMachine):
        """Model: what each customer owes, whether protected / 保电 / noticed; the clock."""

        def __init__(self) -> None:
            super().__init__()
            self.db, self.now = db, T
            self.executed: list[int] = []
            self.relay_open: dict[int, bool] = {}  # the meters as the simulator would hold them
            self.deaths = 0
            with db.session() as s:
                unit = f.unit(s, code=f"{next(_units)}")
                policy(s, unit)
                self.actors = {r: f.actor(s, unit, username=f"{r}{unit.code}", role=role)
                               for r, role in (("clerk", "counter"), ("boss", "supervisor"),
                                               ("boss2", "supervisor"))}
                self.people = []
                for _ in range(2):
                    customer, meter = ready_account(s, unit, tariff, at=T)
                    self.people.append({"customer": customer.id, "meter": meter.id,
                                        "owed": Decimal("50.00"), "protected": False,
                                        "guarantee": False, "deadline": T - dt.timedelta(days=1)})

        person = st.integers(0, 1)

        @initialize(then=st.sampled_from(["waits", "claimed", "sent"]))
        def an_approved_disconnect_waits(self, then: str) -> None:
            """Every example starts with a cut approved, then the world changes under it;
            in some, a collector died with it claimed, or with its frame already sent."""
            self.request_and_approve(0)
            if then != "waits":
                self.collector_dies(reached_meter=then == "sent")

        @rule(who=person, amount=st.sampled_from(["10.00", "50.00"]))
        def pay(self, who: int, amount: str) -> None:
            p = self.people[who]
            post_payment(self.db, self.actors["clerk"], customer_id=p["customer"], amount=amount,
                         method="cash", idempotency_key=f"sm-{next(_keys)}")
            p["owed"] -= Decimal(amount)

        @rule(who=person)
        def request(self, who: int) -> None:
            try:
                request_command(self.db, self.actors["boss"], action="disconnect",
                                customer_id=self.people[who]["customer"], reason="arrears",
                                now=self.now)
            except ControlRefused:
                pass

        @rule(who=person)
        def request_and_approve(self, who: int) -> None:
            """The common path in one step, so that examples reach the collector often."""
            try:
                view = request_command(self.db, self.actors["boss"], action="disconnect",
                                       customer_id=self.people[who]["customer"],
                                       reason="arrears", now=self.now)
                approve_command(self.db, self.actors["boss2"], view.command_id, now=self.now)
            except ControlRefused:
                pass

        @rule(pick=st.integers(0, 5), approver=st.sampled_from(["boss", "boss2"]))
        def approve(self, pick: int, approver: str) -> None:
            command_id = self._pick(pick)
            if command_id is not None:
                try:
                    approve_command(self.db, self.actors[approver], command_id, now=self.now)
                except ControlRefused:
                    pass

        @rule(pick=st.integers(0, 5))
        def cancel(self, pick: int) -> None:
            command_id = self._pick(pick)
            if command_id is not None:
                try:
                    cancel_command(self.db, self.actors["boss"], command_id, now=self.now)
                except ControlRefused:
                    pass

        @rule(who=person, flag=st.sampled_from(["protected", "guarantee"]))
        def toggle(self, who: int, flag: str) -> None:
            """Protect the customer, or put the meter under 保电 (and take it away again)."""
            p = self.people[who]
            p[flag] = not p[flag]
            with self.db.session() as s:
                row = s.get(Customer, p["customer"]) if flag == "protected" else \
                    s.get(Meter, p["meter"])
                setattr(row, flag, p[flag])

        @rule(who=person)
        def serve_new_notice(self, who: int) -> None:
            """A fresh notice replaces the old one: the period starts again."""
            p = self.people[who]
            p["deadline"] = self.now + dt.timedelta(days=3)
            n = next(_keys)
            with self.db.session() as s:
                s.add(Notice(doc_no=f"SM{n:010d}", customer_id=p["customer"], kind="disconnect",
                             channel="sms", status="served", created_at=self.now,
                             served_at=self.now, deadline=p["deadline"], dedupe_key=f"sm:{n}"))

        @rule(who=person)
        def remind(self, who: int) -> None:
            n = next(_keys)
            with self.db.session() as s:
                s.add(Notice(doc_no=f"SR{n:010d}", customer_id=self.people[who]["customer"],
                             kind="disconnect_reminder", channel="sms", status="sent",
                             created_at=self.now, sent_at=self.now, dedupe_key=f"sr:{n}"))

        @rule(hours=st.sampled_from([0.25, 0.5, 1, 4, 10, 24, 72]))
        def advance_clock(self, hours: float) -> None:
            self.now += dt.timedelta(hours=hours)

        @rule(reached_meter=st.booleans())
        def collector_dies(self, reached_meter: bool) -> None:
            """A collector claims the first due command and dies, before or after its frame.

            Twice per example at most: a third death on one command would use up its
            attempts and fail it (a failure the panel shows), which `settled` does not model.
            """
            mine = {p["meter"] for p in self.people}
            due = [d for d in store.due_commands(self.db, self.now, limit=500)
                   if d.meter_id in mine]
            if self.deaths < 2 and due and store.claim(self.db, due[0], self.now, DEAD):
                self.deaths += 1
                if reached_meter:
                    self._execute(due[0])

        @rule()
        def collector_step(self) -> None:
            store.expire_overdue(self.db, self.now)
            mine = {p["meter"] for p in self.people}  # earlier examples' rows stay in the database
            for stale in store.stale_claims(self.db, self.now, LIVE, limit=500):
                if stale.meter_id in mine and store.take_over(self.db, stale, self.now, LIVE):
                    RECONCILED.append(stale.id)
                    self._record(stale, reconciled=True)
            for due in store.due_commands(self.db, self.now, limit=500):
                if due.meter_id not in mine or not store.claim(self.db, due, self.now, LIVE):
                    continue
                sends = due.attempts == 0 or not self._shows(due)  # a retry reads first
                if sends:
                    self._execute(due)
                self._record(due, reconciled=not sends)

        def _execute(self, due) -> None:
            self._check_may_execute(due)
            self.executed.append(due.id)
            if due.action == "disconnect":
                TRIPS.append(due.id)
            self.relay_open[due.meter_id] = due.action == "disconnect"

        def _shows(self, due) -> bool:
            return self.relay_open.get(due.meter_id, False) == (due.action == "disconnect")

        def _record(self, due, *, reconciled: bool) -> None:
            """What the meter's status word says, as the collector records it."""
            status = int(StatusWord3.RELAY_OPEN) if self.relay_open.get(due.meter_id) else 0
            outcome = (Outcome(due, True, status_word=status, reconciled=reconciled)
                       if self._shows(due) else
                       Outcome(due, False, reason="not_executed", retryable=True))
            store.record_outcome(self.db, outcome, self.now, POLICY, LIVE)

        def _check_may_execute(self, due) -> None:
            if due.action != "disconnect":
                return
            p = next(p for p in self.people if p["meter"] == due.meter_id)
            local = self.now.astimezone(LOCAL)
            assert not p["protected"], "disconnect executed for a protected customer"
            assert not p["guarantee"], "disconnect executed under 保电"
            assert p["deadline"] <= self.now, "disconnect executed before the notice period ended"
            assert dt.time(8) <= local.time() < dt.time(18), "disconnect executed in quiet hours"
            assert local.weekday() < 5, "disconnect executed on a weekend"
            assert p["owed"] > 0, "disconnect executed after the arrears were paid"

        @rule()
        def settled(self) -> None:
            """After the collector's rounds, nobody who paid stays cut off for arrears."""
            self.collector_step()
            with self.db.session() as s:
                for p in self.people:
                    state = s.get(Customer, p["customer"]).control_state
                    assert p["owed"] > 0 or state != "disconnected", "paid but still disconnected"

        @invariant()
        def no_command_executed_twice(self) -> None:
            assert len(self.executed) == len(set(self.executed))

        def _pick(self, pick: int) -> int | None:
            with self.db.session() as s:
                ids = list(s.scalars(select(ControlCommand.id).where(
                    ControlCommand.customer_id.in_([p["customer"] for p in self.people]))
                    .order_by(ControlCommand.id)))
            return ids[pick % len(ids)] if ids else None

    return SwitchControl


def test_disconnects_only_ever_go_out_when_every_guard_allows(db):
    from hypothesis.stateful import run_state_machine_as_test

    with db.session() as s:
        tariff = f.tariff(s)
    TRIPS.clear()
    RECONCILED.clear()
    run_state_machine_as_test(machine_for(db, tariff), settings=settings(
        max_examples=40, stateful_step_count=30, deadline=None,
        suppress_health_check=list(HealthCheck)))
    assert TRIPS, "no disconnect was ever executed: the machine tested nothing"
    assert RECONCILED, "no collector died mid-command: reconciliation went untested"
