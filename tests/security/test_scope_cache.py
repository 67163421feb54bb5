"""The scope check's cost (console.services.unit_scope, scope_kinds): the unit tree is read
again only when it changed, and a list of objects is checked in one query, on SQLite and
PostgreSQL — and a unit moved, added or made a hall is seen by the very next call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from console.errors import OutOfScope
from console.models import Tariff, Unit
from console.services.acting import Scope, check_objects
from console.services.customers.view import customer_detail
from console.services.payments.counter import amount_due
from tests import factories as f

TREE_READ = "SELECT unit.id, unit.parent_id, unit.kind"


@pytest.fixture
def county(db):
    """曹县 (a county) with a station and a hall below it, and 牡丹区 beside it."""
    with db.session() as s:
        caoxian = f.unit(s, code="37020", name="曹县供电公司")
        station = f.unit(s, code="37021", name="曹县青菏供电所")
        hall = f.unit(s, code="37029", name="曹县城区营业厅")
        mudan = f.unit(s, code="37001", name="牡丹区供电公司")
        station.parent_id = hall.parent_id = caoxian.id
        caoxian.kind, hall.kind = "county", "hall"
        tariff = f.tariff(s)
        ids = {"caoxian": caoxian.id, "station": station.id, "hall": hall.id, "mudan": mudan.id,
               "village": f.customer(s, station, tariff, number="3702100001").id,
               "town": f.customer(s, mudan, tariff, number="3700100001").id,
               "tariff": tariff.id}
        ids["station_clerk"] = f.actor(s, station, username="station1", role="counter")
        ids["supervisor1"] = f.actor(s, mudan, username="supervisor1", role="supervisor")
        return ids


@contextmanager
def statements(db) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def move(db, unit_id: int, **values) -> None:
    with db.session() as s:
        unit = s.get(Unit, unit_id)
        for name, value in values.items():
            setattr(unit, name, value)


def test_the_tree_is_read_once_and_again_only_when_a_unit_changes(db, county):
    c = county
    customer_detail(db, c["supervisor1"], c["town"])
    with statements(db) as seen:
        customer_detail(db, c["supervisor1"], c["town"])
    assert not [s for s in seen if s.startswith(TREE_READ)]
    with db.session() as s:
        f.unit(s, code="37002", name="牡丹区新供电所")
    with statements(db) as seen:
        customer_detail(db, c["supervisor1"], c["town"])
    assert len([s for s in seen if s.startswith(TREE_READ)]) == 1


def test_a_unit_moved_to_another_county_changes_who_sees_it_at_the_next_call(db, county):
    c = county
    with pytest.raises(OutOfScope):
        amount_due(db, c["supervisor1"], c["village"])
    move(db, c["station"], parent_id=c["mudan"])
    assert amount_due(db, c["supervisor1"], c["village"]).customer_id == c["village"]
    move(db, c["station"], parent_id=c["caoxian"])
    with pytest.raises(OutOfScope):
        amount_due(db, c["supervisor1"], c["village"])


def test_a_unit_added_below_or_made_a_hall_is_seen_at_the_next_call(db, county):
    c = county
    with db.session() as s:
        clerk = f.actor(s, s.get(Unit, c["hall"]), username="counter2", role="counter")
        other = f.unit(s, code="37022", name="曹县庄寨供电所")
        far = f.customer(s, other, s.get(Tariff, c["tariff"]), number="3702200001").id
    with pytest.raises(OutOfScope):
        amount_due(db, c["station_clerk"], far)
    assert amount_due(db, clerk, c["village"]).customer_id == c["village"]  # a hall: its county
    with pytest.raises(OutOfScope):
        amount_due(db, clerk, far)  # not yet under the county
    move(db, other.id, parent_id=c["caoxian"])
    assert amount_due(db, clerk, far).customer_id == far
    with pytest.raises(OutOfScope):
        amount_due(db, c["station_clerk"], far)  # a station covers only itself …
    move(db, c["station"], kind="hall")
    assert amount_due(db, c["station_clerk"], far).customer_id == far  # … a hall its county


def test_a_list_of_objects_is_checked_in_one_query_and_the_first_outside_is_named(db, county):
    c = county
    with db.session() as s:
        tariff = s.get(Tariff, c["tariff"])
        station = s.get(Unit, c["station"])
        ours = [f.customer(s, station, tariff, number=f"37021{n:05d}").id for n in range(2, 60)]
    scope = Scope(frozenset({c["caoxian"], c["station"], c["hall"]}))
    with db.read() as s, statements(db) as seen:
        check_objects(s, c["station_clerk"], scope, "customer", [*ours, 10**9])
        with pytest.raises(OutOfScope) as refused:
            check_objects(s, c["station_clerk"], scope, "customer_no",
                          ["3702100001", "3700100001", "nobody"])
    assert len([s for s in seen if s.startswith("SELECT")]) == 2
    assert refused.value.params["id"] == "3700100001"
