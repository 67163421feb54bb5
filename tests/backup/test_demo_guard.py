"""`demo --force` wipes a demo database only, and only with its name typed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from console.cli import main as cli
from console.db import Database, make_engine
from console.demo import generate
from console.demo_guard import database_name, guard_force
from console.errors import DatabaseNotEmpty, ValidationError
from console.models import Customer, Payment, User
from console.services.auth import login
from console.services.payments.counter import post_payment
from tests import factories as f
from tests.backup.fixtures import Pair, count_in, pair as pair, pg_template as pg_template
from tests.billing_helpers import account


def _demo(url: str) -> str:
    engine = make_engine(url)
    generate(engine, customers=60, seed=3)
    name = database_name(engine)
    engine.dispose()
    return name


def test_force_needs_the_name_typed(pair: Pair, capsys):
    name = _demo(pair.source)
    demo = ["demo", "--customers", "40", "--force", "--db", pair.source]
    assert cli(demo) == 1  # no terminal to ask at (pytest's stdin)
    assert f"--yes-destroy {name}" in capsys.readouterr().err
    assert cli([*demo, "--yes-destroy", name + "x"]) == 1
    assert "nothing was changed" in capsys.readouterr().err
    assert count_in(pair.source, Customer) == 60
    assert cli([*demo, "--yes-destroy", name]) == 0
    assert count_in(pair.source, Customer) == 40


def test_the_name_may_be_typed_at_the_prompt(pair: Pair):
    name = _demo(pair.source)
    engine = make_engine(pair.source)
    prompts = []
    guard_force(engine, typed=None, ask=lambda p: prompts.append(p) or f"{name}\n")
    with pytest.raises(ValidationError, match="the name typed is not"):
        guard_force(engine, typed=None, ask=lambda p: "griddesk")
    engine.dispose()
    assert name in prompts[0]


def test_signing_in_keeps_a_demo_a_demo_but_a_payment_does_not(pair: Pair, capsys):
    name = _demo(pair.source)
    db = Database.open(pair.source)
    actor = login(db, "counter1", "Griddesk2026")
    engine = make_engine(pair.source)
    guard_force(engine, typed=name, ask=None)  # only a sign-in since the load
    customer = _first_customer(db, actor.unit_id)
    post_payment(db, actor, customer_id=customer, amount=Decimal("12.00"), method="cash",
                 idempotency_key="guard-1")
    db.dispose()
    with pytest.raises(DatabaseNotEmpty, match="1 changes made after the demo was loaded"):
        guard_force(engine, typed=name, ask=None)
    engine.dispose()
    payments = count_in(pair.source, Payment)
    assert cli(["demo", "--customers", "40", "--force", "--yes-destroy", name,
                "--db", pair.source]) == 1
    assert "payment" in capsys.readouterr().err and count_in(pair.source, Payment) == payments


def _first_customer(db: Database, unit_id: int | None) -> int:
    """The first customer of the clerk's hall: one of another unit is refused (issue 16)."""
    with db.read() as s:
        return s.scalar(select(Customer.id).where(Customer.unit_id == unit_id)
                        .order_by(Customer.id).limit(1))


def test_a_database_the_demo_did_not_write_is_never_wiped(pair: Pair, capsys):
    db = Database.open(pair.source)
    with db.session() as s:
        account(s, f.unit(s), f.tariff(s))
    db.dispose()
    engine = make_engine(pair.source)
    name = database_name(engine)
    engine.dispose()
    assert cli(["demo", "--customers", "40", "--force", "--yes-destroy", name,
                "--db", pair.source]) == 1
    assert "no demo marker" in capsys.readouterr().err
    assert count_in(pair.source, Customer) == 1 and count_in(pair.source, User) == 0


def test_the_demo_benchmark_wipes_only_with_the_name_given(pair: Pair, capsys):
    from bench import demo_data

    name = _demo(pair.source)
    bench = ["--customers", "40", "--seed", "3", "--db", pair.source, "--force"]
    assert demo_data.main(bench) == 1
    assert f"--yes-destroy {name}" in capsys.readouterr().err
    assert demo_data.main([*bench, "--yes-destroy", name + "x"]) == 1
    assert count_in(pair.source, Customer) == 60
    db = Database.open(pair.source)
    clerk = login(db, "counter1", "Griddesk2026")
    post_payment(db, clerk, customer_id=_first_customer(db, clerk.unit_id),
                 amount=Decimal("12.00"), method="cash", idempotency_key="guard-bench")
    db.dispose()
    payments = count_in(pair.source, Payment)
    assert demo_data.main([*bench, "--yes-destroy", name]) == 1
    assert "payment" in capsys.readouterr().err
    assert (count_in(pair.source, Customer), count_in(pair.source, Payment)) == (60, payments)


def test_the_demo_benchmark_loads_a_demo_nobody_worked_in_when_named(pair: Pair, capsys):
    from bench import demo_data

    name = _demo(pair.source)
    assert demo_data.main(["--customers", "40", "--seed", "3", "--db", pair.source,
                           "--force", "--yes-destroy", name]) == 0
    assert '"customers": 40' in capsys.readouterr().out
    assert count_in(pair.source, Customer) == 40
