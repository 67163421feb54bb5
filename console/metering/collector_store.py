"""The collector's side of the database: which meters to poll, and writing what it read.

Plain synchronous functions over a Database; the collector runs them on its
one database thread (SQLite has one writer, and sessions never cross threads).
A batch of readings, communication states, relay changes and their audit
events goes in as one transaction, so a failed write leaves nothing half done
and can simply be tried again.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import InterfaceError, OperationalError

from console.db import Database
from console.errors import DatabaseUnavailable
from console.models import Meter, Reading, Setting
from console.models.customers import CommState
from console.models.enums import MeterStatus
from console.services import audit
from console.services.actor import Actor

log = logging.getLogger(__name__)
# A database that is down, locked or unreachable: keep the data, try again later.
OUTAGE = (DatabaseUnavailable, OperationalError, InterfaceError)
ACTOR = Actor.system("collector")
_T = TypeVar("_T")
# Who the collector's rows are audited as: the built-in "collector" (the embedded console),
# or the service account a `collect --token-file` signed in as. Set around each call on the
# collector's database thread (`as_identity`), so the store functions need no extra argument.
_identity: contextvars.ContextVar[Actor] = contextvars.ContextVar("collector_identity",
                                                                  default=ACTOR)


def identity() -> Actor:
    return _identity.get()


def as_identity(actor: Actor, fn: Callable[..., _T], *args: object, **kwargs: object) -> _T:
    """`fn(*args, **kwargs)` with its audit rows written as `actor`."""
    token = _identity.set(actor)
    try:
        return fn(*args, **kwargs)
    finally:
        _identity.reset(token)
RECONNECT_SETTING = "collector.reconnect_mode"  # "direct" (1CH 1CH) or "allowed" (1BH)
_IN_CHUNK = 500  # ids per IN (...) list: well inside every engine's parameter limit


@dataclass(frozen=True, slots=True)
class MeterTarget:
    """One meter to poll, with the communication state the database last had."""

    id: int
    address: str
    endpoint: str
    comm_state: str
    comm_failures: int
    comm_error: str
    last_seen_at: dt.datetime | None


@dataclass(slots=True)
class CommStatus:
    """What the collector knows of a meter's link; written back as meter.comm_*."""

    state: str = CommState.UNKNOWN
    failures: int = 0
    error: str = ""
    last_seen_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class CommTransition:
    """A meter became unreachable or reachable again: one audit event."""

    meter_id: int
    address: str
    before: str
    after: str
    error: str = ""
    detail: str = ""


@dataclass(slots=True)
class Batch:
    """One transaction's worth of writes."""

    readings: list[dict] = field(default_factory=list)
    comm: dict[int, CommStatus] = field(default_factory=dict)
    relays: dict[int, tuple[str, dt.datetime]] = field(default_factory=dict)  # newest seen
    transitions: list[CommTransition] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.readings or self.comm or self.relays or self.transitions)


def load_targets(db: Database) -> list[MeterTarget]:
    """Every in-service meter, in bus order (endpoint, address)."""
    query = (select(Meter.id, Meter.address, Meter.endpoint, Meter.comm_state,
                    Meter.comm_failures, Meter.comm_error, Meter.last_seen_at)
             .where(Meter.status == MeterStatus.IN_SERVICE)
             .order_by(Meter.endpoint, Meter.address))
    with db.session() as session:
        return [MeterTarget(*row) for row in session.execute(query)]


def reconnect_mode(db: Database) -> str:
    """The site's reconnect setting: "direct" closes the relay, "allowed" lets the customer."""
    with db.session() as session:
        value = session.scalar(select(Setting.value).where(Setting.key == RECONNECT_SETTING))
    return "allowed" if (value or "").strip().lower() == "allowed" else "direct"


def write_batch(db: Database, batch: Batch, *, actor: Actor | None = None) -> None:
    """Readings (one executemany), comm states, relay changes and audit events, one transaction."""
    actor = actor or identity()
    with db.session() as session:
        conn = session.connection()
        if batch.readings:
            conn.execute(_insert_readings(conn.dialect.name), batch.readings)
        if batch.comm:
            conn.execute(_COMM_UPDATE, [_comm_params(mid, c) for mid, c in batch.comm.items()])
        for event in batch.transitions:
            action = "meter.unreachable" if event.after == CommState.UNREACHABLE else "meter.reachable"
            audit.record(session, actor, action, entity_type="meter",
                         entity_id=event.meter_id, before={"comm_state": event.before},
                         after={"comm_state": event.after, "address": event.address,
                                "error": event.error, "detail": event.detail})
        _apply_relays(session, batch.relays, actor)


def write_isolating(db: Database, batch: Batch) -> list[tuple[dict, str]]:
    """``write_batch``; if the database refuses the batch itself (not an outage), the
    readings go in halves down to single rows, so one bad row costs only itself, and
    the states alone. Returns the refused rows with the database's reason.
    """
    try:
        write_batch(db, batch)
        return []
    except OUTAGE:
        raise
    except Exception:  # a constraint or bad value somewhere in the batch
        pass
    refused = _refused(db, batch.readings)
    states = Batch(comm=batch.comm, relays=batch.relays, transitions=batch.transitions)
    try:
        if states:
            write_batch(db, states)
    except OUTAGE:
        raise
    except Exception:  # a bug: the next poll sets comm and relay states again
        log.exception("the database refused %d state changes; dropped",
                      len(states.comm) + len(states.relays) + len(states.transitions))
    return refused


def _refused(db: Database, rows: list[dict]) -> list[tuple[dict, str]]:
    if not rows:
        return []
    try:
        write_batch(db, Batch(readings=rows))
        return []
    except OUTAGE:
        raise
    except Exception as exc:  # narrowing down which row it is
        if len(rows) == 1:
            return [(rows[0], f"{type(exc).__name__}: {str(exc).splitlines()[0]}"[:500])]
    half = len(rows) // 2
    return _refused(db, rows[:half]) + _refused(db, rows[half:])


def _insert_readings(dialect: str):  # an Insert
    """Insert readings, skipping any already stored (same meter, same time).

    A batch whose commit landed but whose reply was lost, or a spool record
    replayed after a kill before its acknowledgement, comes again: the rows
    already there are skipped, so each reading is stored exactly once.
    """
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(cast(Table, Reading.__table__)).on_conflict_do_nothing(index_elements=["meter_id", "read_at"])


_METER = cast(Table, Meter.__table__)
_COMM_UPDATE = (
    update(_METER).where(_METER.c.id == bindparam("m_id"))
    .values(comm_state=bindparam("m_state"), comm_failures=bindparam("m_failures"),
            comm_error=bindparam("m_error"), last_seen_at=bindparam("m_seen"))
)


def _comm_params(meter_id: int, comm: CommStatus) -> dict:
    return {"m_id": meter_id, "m_state": comm.state, "m_failures": comm.failures,
            "m_error": comm.error[:200], "m_seen": comm.last_seen_at}


def _apply_relays(session, relays: dict[int, tuple[str, dt.datetime]], actor: Actor) -> None:
    """Store relay states that differ from the database's, each with an audit event."""
    ids = list(relays)
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start:start + _IN_CHUNK]
        stored = session.execute(select(_METER.c.id, _METER.c.relay_state)
                                 .where(_METER.c.id.in_(chunk))).all()
        for meter_id, before in stored:
            after, at = relays[meter_id]
            if after != before:
                set_relay(session, meter_id, before=before, after=after, at=at,
                          actor=actor, source="poll")


def set_relay(session, meter_id: int, *, before: str, after: str, at: dt.datetime,
              actor: Actor, source: str, command_id: int | None = None) -> None:
    """Record a relay change the meter reported (status word 3), audited."""
    # A relay change is a real state change: bump the version so an edit
    # dialog opened on the old state does not overwrite it.
    session.execute(update(_METER).where(_METER.c.id == meter_id)
                    .values(relay_state=after, relay_changed_at=at,
                            version=_METER.c.version + 1))
    extra = {"command_id": command_id} if command_id is not None else {}
    audit.record(session, actor, "meter.relay_changed", entity_type="meter", entity_id=meter_id,
                 before={"relay_state": before}, after={"relay_state": after, "source": source,
                                                        **extra})
