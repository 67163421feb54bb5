"""Seal batches and the lifecycle rules, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from console import ids
from console.errors import PermissionDenied, ValidationError
from console.models import AuditEvent, Seal, SealEvent
from console.services import seals
from console.services.seals import SealRefused
from tests.seals.helpers import World, build


def _batch(db, w: World, **kw) -> seals.BatchView:
    args = {"seal_type": "plastic", "colour": "红", "year": 2026, "manufacturer": "鲁电封印厂",
            "unit_id": w.unit}
    return seals.create_batch(db, w.admin, **{**args, **kw})


def _rule(excinfo) -> str:
    return excinfo.value.params["rule"]


@pytest.fixture
def w(db) -> World:
    return build(db)


def test_batch_by_quantity_makes_valid_consecutive_seal_numbers(db, w):
    batch = _batch(db, w, quantity=5)
    assert batch.quantity == 5 and batch.counts == {"in_stock": 5} and len(batch.key_id) == 8
    assert batch.first_no == ids.make_asset_code("37001", "09", 1)
    assert batch.last_no == ids.make_asset_code("37001", "09", 5)
    more = _batch(db, w, quantity=3)
    assert more.first_no == ids.make_asset_code("37001", "09", 6) and more.batch_no != batch.batch_no
    with db.session() as s:
        numbers = s.scalars(select(Seal.seal_no).order_by(Seal.seal_no)).all()
        events = s.scalar(select(func.count()).select_from(SealEvent))
        audits = s.scalars(select(AuditEvent.action).where(AuditEvent.action == "seal.batch_created")).all()
    assert len(numbers) == 8 and all(ids.is_valid_asset_code(n) for n in numbers)
    assert events == 8 and len(audits) == 2


def test_a_batch_request_sent_twice_makes_one_batch(db, w):
    first = _batch(db, w, quantity=4, idempotency_key="batch-dialog-1")
    again = _batch(db, w, quantity=4, idempotency_key="batch-dialog-1")
    assert (again.id, again.first_no, again.counts) == (first.id, first.first_no, {"in_stock": 4})
    other = _batch(db, w, quantity=4, idempotency_key="batch-dialog-2")
    assert other.id != first.id and other.first_no == ids.make_asset_code("37001", "09", 5)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Seal)) == 8


def test_batch_by_range_of_serials_or_codes(db, w):
    batch = _batch(db, w, first_no=101, last_no=150)
    assert batch.quantity == 50 and batch.first_no[7:21] == f"{101:014d}"
    code_a, code_b = ids.make_asset_code("37001", "09", 151), ids.make_asset_code("37001", "09", 160)
    assert _batch(db, w, first_no=code_a, last_no=code_b).quantity == 10
    # By quantity continues after the highest number ever made.
    assert _batch(db, w, quantity=1).first_no == ids.make_asset_code("37001", "09", 161)


@pytest.mark.parametrize("first, last", [(120, 130), (90, 101), (150, 200), (100, 151)])
def test_overlapping_range_is_refused_and_nothing_written(db, w, first, last):
    _batch(db, w, first_no=101, last_no=150)
    with pytest.raises(SealRefused) as err:
        _batch(db, w, first_no=first, last_no=last)
    assert _rule(err) == "range_overlap"
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Seal)) == 50


def test_duplicate_seal_number_is_impossible_in_the_database(db, w):
    batch = _batch(db, w, quantity=1)
    with pytest.raises(Exception), db.session() as s:  # noqa: B017 - the engine's unique violation
        s.add(Seal(seal_no=batch.first_no, batch_id=batch.id, unit_id=w.unit, state="in_stock"))
        s.flush()


@pytest.mark.parametrize("kw, rule", [
    ({"quantity": 0}, "range_too_large"),
    ({"quantity": 100_001}, "range_too_large"),
    ({"first_no": 50, "last_no": 10}, "bad_range"),
    ({"first_no": 1}, "bad_range"),
    ({"quantity": 5, "first_no": 1, "last_no": 5}, "bad_range"),
    ({"first_no": ids.make_asset_code("37001", "09", 1), "last_no": ids.make_asset_code("37002", "09", 9)},
     "range_mixed"),
    ({"quantity": 5, "unit_id": 999_999}, "unknown_unit"),
])
def test_bad_batch_requests_are_refused(db, w, kw, rule):
    with pytest.raises(SealRefused) as err:
        _batch(db, w, **kw)
    assert _rule(err) == rule


@pytest.mark.parametrize("kw", [
    {"seal_type": "wood", "quantity": 1}, {"colour": "", "quantity": 1},
    {"year": 1999, "quantity": 1}, {"manufacturer": "  ", "quantity": 1},
    {"first_no": "3700109000000000000012", "last_no": "3700109000000000000029"},  # check digits
    {"first_no": ids.make_asset_code("37001", "01", 1), "last_no": ids.make_asset_code("37001", "01", 2)},
])
def test_bad_batch_fields_are_validation_errors(db, w, kw):
    with pytest.raises(ValidationError):
        _batch(db, w, **kw)


def test_only_admins_create_batches(db, w):
    with pytest.raises(PermissionDenied):
        seals.create_batch(db, w.fitter, seal_type="lead", colour="蓝", year=2026,
                           manufacturer="x", unit_id=w.unit, quantity=1)


def test_list_batches_counts_by_state_and_unit(db, w):
    batch = _batch(db, w, quantity=10)
    seals.issue_to_unit(db, w.admin, w.other_unit, first_no=batch.first_no,
                        last_no=ids.make_asset_code("37001", "09", 3))
    seals.issue_to_installer(db, w.admin, w.fitter.user_id, seal_nos=[batch.last_no])
    [view] = seals.list_batches(db, w.admin)
    assert view.counts == {"in_stock": 6, "issued_unit": 3, "issued_person": 1}
    assert {(c.unit_id, c.state, c.count) for c in view.by_unit} == {
        (w.unit, "in_stock", 6), (w.other_unit, "issued_unit", 3), (w.unit, "issued_person", 1)}
    [there] = seals.list_batches(db, w.admin, unit_id=w.other_unit)
    assert there.counts == {"issued_unit": 3}


# -- lifecycle ---------------------------------------------------------------


@pytest.fixture
def stock(db, w) -> list[str]:
    _batch(db, w, quantity=6)  # the six seals the codes below name
    return [ids.make_asset_code("37001", "09", n) for n in range(1, 7)]


def _history(db, seal_no: str) -> list[tuple[str | None, str]]:
    with db.session() as s:
        rows = s.execute(select(SealEvent.from_state, SealEvent.to_state).join(Seal)
                         .where(Seal.seal_no == seal_no).order_by(SealEvent.id)).all()
    return [tuple(r) for r in rows]


def test_full_life_of_a_seal_with_events_and_audit(db, w, stock):
    no = stock[0]
    seals.issue_to_unit(db, w.admin, w.unit, seal_nos=[no])
    seals.issue_to_installer(db, w.admin, w.fitter.user_id, seal_nos=[no])
    done = seals.install(db, w.fitter, no, meter_id=w.meter, position="meter_cover",
                         idempotency_key="k-install-1")
    assert (done.to_state, done.meter_id, done.position) == ("installed", w.meter, "meter_cover")
    seals.remove(db, w.fitter, no, reason="换表", meter_id=w.meter)
    seals.scrap(db, w.admin, seal_nos=[no], reason="销毁")
    assert _history(db, no) == [(None, "in_stock"), ("in_stock", "issued_unit"),
                                ("issued_unit", "issued_person"), ("issued_person", "installed"),
                                ("installed", "removed"), ("removed", "scrapped")]
    with db.session() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("seal.%"))
                            .order_by(AuditEvent.seq)).all()
    assert actions == ["seal.batch_created", "seal.issue_unit", "seal.issue_person", "seal.install",
                       "seal.remove", "seal.scrap"]


def test_range_move_writes_one_event_per_seal_and_one_audit(db, w, stock):
    result = seals.issue_to_installer(db, w.admin, w.fitter.user_id, first_no=stock[1], last_no=stock[4])
    assert result.seal_nos == tuple(stock[1:5])
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SealEvent)
                        .where(SealEvent.to_state == "issued_person")) == 4
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "seal.issue_person")) == 1


def test_install_is_idempotent_per_key(db, w, stock):
    seals.issue_to_installer(db, w.admin, w.fitter.user_id, seal_nos=stock[:2])
    first = seals.install(db, w.fitter, stock[0], meter_id=w.meter, position="meter_cover",
                          idempotency_key="scan-42")
    again = seals.install(db, w.fitter, stock[0], meter_id=w.meter, position="meter_cover",
                          idempotency_key="scan-42")
    assert again.replayed and not first.replayed and again.seal_nos == first.seal_nos
    assert _history(db, stock[0])[-1] == ("issued_person", "installed")
    assert len(_history(db, stock[0])) == 3
    with pytest.raises(SealRefused) as err:
        seals.remove(db, w.fitter, stock[0], reason="x", idempotency_key="scan-42")
    assert _rule(err) == "idempotency_conflict"


def _issued(db, w, stock, fitter=None) -> None:
    seals.issue_to_installer(db, w.admin, (fitter or w.fitter).user_id, seal_nos=stock)


@pytest.mark.parametrize("exit_move, rule", [
    ("scrap", "seal_scrapped"), ("mark_lost", "seal_lost"), ("mark_damaged", "seal_damaged")])
def test_scrapped_lost_damaged_are_never_reused(db, w, stock, exit_move, rule):
    _issued(db, w, stock[:1])
    getattr(seals, exit_move)(db, w.admin, seal_nos=stock[:1], reason="坏了")
    with pytest.raises(SealRefused) as err:
        seals.install(db, w.fitter, stock[0], meter_id=w.meter, position="meter_cover")
    assert _rule(err) == rule
    for move in (lambda: seals.return_to_stock(db, w.admin, seal_nos=stock[:1]),
                 lambda: seals.issue_to_unit(db, w.admin, w.unit, seal_nos=stock[:1])):
        with pytest.raises(SealRefused) as err:
            move()
        assert _rule(err) == rule


def test_someone_elses_seal_needs_a_transfer(db, w, stock):
    _issued(db, w, stock[:1])
    with pytest.raises(SealRefused) as err:
        seals.install(db, w.fitter2, stock[0], meter_id=w.meter, position="meter_cover")
    assert _rule(err) == "held_by_other"
    seals.issue_to_installer(db, w.admin, w.fitter2.user_id, seal_nos=stock[:1])  # the transfer
    assert seals.install(db, w.fitter2, stock[0], meter_id=w.meter, position="meter_cover").count == 1


def test_seal_in_stock_or_another_units_drawer_cannot_be_installed(db, w, stock):
    with pytest.raises(SealRefused) as err:
        seals.install(db, w.fitter, stock[0], meter_id=w.meter, position="meter_cover")
    assert _rule(err) == "not_issued"
    seals.issue_to_unit(db, w.admin, w.other_unit, seal_nos=stock[:2])
    with pytest.raises(SealRefused) as err:
        seals.install(db, w.fitter, stock[0], meter_id=w.meter, position="meter_cover")
    assert _rule(err) == "held_by_other"
    # The other unit's own installer takes it from their drawer.
    assert seals.install(db, w.far_fitter, stock[0], meter_id=w.other_meter,
                         position="ct_pt").to_state == "installed"


def test_two_seals_at_one_position_are_refused(db, w, stock):
    _issued(db, w, stock[:2])
    seals.install(db, w.fitter, stock[0], meter_id=w.meter, position="meter_cover")
    with pytest.raises(SealRefused) as err:
        seals.install(db, w.fitter, stock[1], meter_id=w.meter, position="meter_cover")
    assert _rule(err) == "position_taken" and err.value.params["seal_no"] == stock[0]
    assert seals.install(db, w.fitter, stock[1], meter_id=w.meter, position="terminal_cover").count == 1
    with pytest.raises(SealRefused) as err:
        seals.install(db, w.fitter, stock[1], meter_id=w.meter, position="metering_box")
    assert _rule(err) == "already_installed"


def test_removing_a_seal_that_is_not_there(db, w, stock):
    _issued(db, w, stock[:2])
    with pytest.raises(SealRefused) as err:
        seals.remove(db, w.fitter, stock[0], reason="换表")
    assert _rule(err) == "not_installed"
    seals.install(db, w.fitter, stock[0], meter_id=w.meter, position="meter_cover")
    with pytest.raises(SealRefused) as err:
        seals.remove(db, w.fitter, stock[0], reason="换表", meter_id=w.other_meter)
    assert _rule(err) == "not_on_meter"
    with pytest.raises(SealRefused) as err:
        seals.remove(db, w.fitter, stock[0], reason=" ")
    assert _rule(err) == "reason_required"
    seals.remove(db, w.fitter, stock[0], reason="换表")
    with pytest.raises(SealRefused) as err:
        seals.remove(db, w.fitter, stock[0], reason="换表")
    assert _rule(err) == "not_installed"


def test_a_range_with_one_bad_seal_moves_nothing(db, w, stock):
    seals.mark_lost(db, w.admin, seal_nos=[stock[2]], reason="遗失")
    with pytest.raises(SealRefused) as err:
        seals.issue_to_unit(db, w.admin, w.other_unit, first_no=stock[0], last_no=stock[5])
    assert _rule(err) == "seal_lost" and err.value.params["seal_nos"] == [stock[2]]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Seal).where(Seal.state == "issued_unit")) == 0


def test_return_to_stock_goes_home_and_clears_the_holder(db, w, stock):
    seals.issue_to_unit(db, w.admin, w.other_unit, seal_nos=stock[:1])
    seals.issue_to_installer(db, w.admin, w.far_fitter.user_id, seal_nos=stock[:1])
    seals.return_to_stock(db, w.admin, seal_nos=stock[:1])
    with db.session() as s:
        seal = s.scalar(select(Seal).where(Seal.seal_no == stock[0]))
        assert (seal.state, seal.unit_id, seal.holder_id) == ("in_stock", w.unit, None)


def test_installers_report_their_own_seals_lost_but_not_others(db, w, stock):
    _issued(db, w, stock[:1])
    _issued(db, w, stock[1:2], fitter=w.fitter2)
    with pytest.raises(SealRefused) as err:
        seals.mark_lost(db, w.fitter, seal_nos=stock[:2], reason="丢了")
    assert _rule(err) == "held_by_other"
    assert seals.mark_lost(db, w.fitter, seal_nos=stock[:1], reason="丢了").to_state == "lost"


@pytest.mark.parametrize("call, rule", [
    (lambda db, w, s: seals.install(db, w.fitter, s[0], meter_id=w.meter, position="roof"),
     "unknown_position"),
    (lambda db, w, s: seals.install(db, w.fitter, s[0], meter_id=987654, position="ct_pt"),
     "unknown_meter"),
    (lambda db, w, s: seals.install(db, w.fitter, "3700000000000000000000", meter_id=w.meter,
                                    position="ct_pt"), "unknown_seal"),
    (lambda db, w, s: seals.install(db, w.fitter, ids.make_asset_code("37001", "09", 999),
                                    meter_id=w.meter, position="ct_pt"), "unknown_seal"),
    (lambda db, w, s: seals.issue_to_installer(db, w.admin, w.clerk.user_id, seal_nos=s[:1]),
     "unknown_holder"),
    (lambda db, w, s: seals.issue_to_unit(db, w.admin, 424242, seal_nos=s[:1]), "unknown_unit"),
    (lambda db, w, s: seals.issue_to_unit(db, w.admin, w.unit), "bad_range"),
    (lambda db, w, s: seals.issue_to_unit(db, w.admin, w.unit, first_no=s[3], last_no=s[1]),
     "bad_range"),
    (lambda db, w, s: seals.scrap(db, w.admin, seal_nos=s[:1], reason=""), "reason_required"),
])
def test_bad_input_is_refused_by_rule(db, w, stock, call, rule):
    _issued(db, w, stock[:1])
    with pytest.raises(SealRefused) as err:
        call(db, w, stock)
    assert _rule(err) == rule


def test_permissions(db, w, stock):
    with pytest.raises(PermissionDenied):
        seals.issue_to_unit(db, w.fitter, w.unit, seal_nos=stock[:1])
    with pytest.raises(PermissionDenied):
        seals.install(db, w.clerk, stock[0], meter_id=w.meter, position="ct_pt")
    with pytest.raises(PermissionDenied):
        seals.list_batches(db, w.clerk)


def _at_once(*calls) -> tuple[list, list]:
    """Run the calls in threads at the same moment; their results and exceptions."""
    import threading

    results, errors = [], []
    barrier = threading.Barrier(len(calls))

    def run(call) -> None:
        barrier.wait()
        try:
            results.append(call())
        except Exception as exc:  # the caller looks at them
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_db(request):
    """A database with real commits that several threads share, on each engine."""
    if request.param == "sqlite":
        yield request.getfixturevalue("file_db")
        return
    import uuid

    from console import migrate
    from console.db import Database, make_engine
    from tests.conftest import create_pg_database, drop_pg_database, require_pg

    admin = require_pg()
    name = f"griddesk_seals_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(admin, name)
    engine = make_engine(url)
    migrate.upgrade(engine)
    database = Database(engine)
    yield database
    database.dispose()
    drop_pg_database(admin, name)


def test_batches_created_at_once_get_distinct_numbers(shared_db):
    """No batch fails and no number is made twice (without the unit lock, PostgreSQL's
    second batch was refused as overlapping)."""
    w = build(shared_db)
    results, errors = _at_once(*[lambda: _batch(shared_db, w, quantity=300)] * 3)
    assert errors == [] and len({b.batch_no for b in results}) == 3
    with shared_db.read() as s:
        assert s.scalar(select(func.count(func.distinct(Seal.seal_no)))) == 900


def test_two_installers_sealing_one_position_at_once(shared_db):
    w = build(shared_db)
    batch = _batch(shared_db, w, quantity=2)
    seals.issue_to_installer(shared_db, w.admin, w.fitter.user_id, seal_nos=[batch.first_no])
    seals.issue_to_installer(shared_db, w.admin, w.fitter2.user_id, seal_nos=[batch.last_no])
    results, errors = _at_once(
        lambda: seals.install(shared_db, w.fitter, batch.first_no, meter_id=w.meter,
                              position="meter_cover"),
        lambda: seals.install(shared_db, w.fitter2, batch.last_no, meter_id=w.meter,
                              position="meter_cover"))
    assert len(results) == 1 and [e.params["rule"] for e in errors] == ["position_taken"]
    with shared_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Seal).where(Seal.state == "installed")) == 1
