"""PostgreSQL duty roles and row-level security (issue 17, items 1 and 2).

PostgreSQL only: roles and policies are its features. The module makes a scratch database
of its own and roles named after it (roles are cluster-wide), and drops both afterwards,
so no other test — nor a second run at the same time — meets them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

import pytest
from sqlalchemy import Engine, Table, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

from console import keywrap, migrate
from console.cli import main as cli
from console.db import Database, make_engine
from console.dbroles import DUTIES, apply_roles, seat
from console.dbroles.grants import OWNER, SIGNIN
from console.errors import DatabaseUnavailable
from console.models import Customer, LedgerEntry, Payment, SiteKey, utcnow
from console.services.admin import site_keys
from console.services.auth import login
from console.services.billing.bulk_sql import BulkInsert
from console.services.customers.view import customer_detail
from console.services.payments.counter import post_payment
from console.services.payments.drawer import open_drawer_without_sale
from console.services.payments.receipt_prints import receipt_print_state, record_receipt_printed
from console.services.payments.reversals import reverse_payment
from console.signing import Signer
from console.timeutil import local_today
from tests import factories as f
from tests.billing_helpers import add_bill, days_ago
from tests.conftest import create_pg_database, drop_pg_database, require_pg

pytestmark = pytest.mark.postgres

DENIED = "42501"  # insufficient_privilege
PASSWORD = uuid.uuid4().hex


@dataclass(frozen=True)
class Site:
    admin_url: str  # a superuser on the scratch database
    login_url: str  # the workstations' login: no rights until it takes a duty
    prefix: str
    ids: dict[str, int]


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    admin = require_pg()
    name = f"griddesk_roles_{uuid.uuid4().hex[:8]}"
    url = create_pg_database(admin, name)
    login_role = f"{name}_ws"
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            # Both logins share one password: CI may check passwords, the local server trusts.
            conn.execute(text(f"CREATE ROLE {login_role} LOGIN PASSWORD '{PASSWORD}'"))
            conn.execute(text(f"CREATE ROLE {name}_bi LOGIN PASSWORD '{PASSWORD}'"))
            conn.execute(text(f"ALTER ROLE {name}_bi IN DATABASE {name} "
                              "SET griddesk.units = '*'"))
        apply_roles(engine, prefix=name, logins={login_role: DUTIES, f"{name}_bi": ["reporting"]})
        ids = _two_units(engine)
        login_url = make_url(url).set(username=login_role, password=PASSWORD) \
            .render_as_string(hide_password=False)
        yield Site(url, login_url, name, ids)
    finally:
        engine.dispose()
        drop_pg_database(admin, name)
        _drop_roles(admin, name, login_role)


def _two_units(engine: Engine) -> dict[str, int]:
    """Unit A with a customer, a bill, a payment and a clerk; unit B with a customer."""
    with Session(engine) as s, s.begin():
        unit_a, unit_b = f.unit(s, code="37001"), f.unit(s, code="37002", name="定陶区供电所")
        tariff = f.tariff(s)
        a1, b1 = (f.customer(s, unit_a, tariff, number="3700000001"),
                  f.customer(s, unit_b, tariff, number="3700000002"))
        meter = f.meter(s, unit_a, a1)
        add_bill(s, a1, meter, period="2026-09", amount="96.40", due=days_ago(23))
        payment = Payment(customer_id=a1.id, unit_id=unit_a.id, amount=Decimal("10.00"),
                          method="cash", receipt_no="R1", idempotency_key="seed-1")
        s.add(payment)
        clerk = f.user(s, unit_a, username="clerk_a", role="counter")
        f.user(s, unit_a, username="boss_a", role="supervisor")
        s.flush()
        return {"unit_a": unit_a.id, "unit_b": unit_b.id, "a1": a1.id, "b1": b1.id,
                "payment": payment.id, "clerk": clerk.id}


def _drop_roles(admin_url: str, prefix: str, login_role: str) -> None:
    engine = make_engine(admin_url)
    with engine.begin() as conn:
        for duty in (login_role.removeprefix(prefix + "_"), "bi", OWNER, SIGNIN, *DUTIES):
            conn.execute(text(f"DROP ROLE IF EXISTS {prefix}_{duty}"))
    engine.dispose()


def seated(site: Site, duty: str, units: list[int] | str) -> Engine:
    """An engine on the workstation login whose connections act as `duty` for `units`."""
    engine = make_engine(site.login_url)
    assert seat.install(engine, prefix=site.prefix)
    seat.act_as(engine, duty, units)
    return engine


def refused(engine: Engine, sql: str, **params: object) -> str:
    """The SQLSTATE PostgreSQL refused `sql` with ("" if it ran)."""
    try:
        with engine.begin() as conn:
            conn.execute(text(sql), params)
    except ProgrammingError as exc:
        return getattr(exc.orig, "sqlstate", "") or ""
    finally:
        engine.dispose()
    return ""


def test_a_counter_of_unit_a_sees_no_customer_of_unit_b(site: Site) -> None:
    engine = seated(site, "counter", [site.ids["unit_a"]])
    with engine.connect() as conn:
        visible = set(conn.scalars(text("SELECT id FROM customer")))
        other = conn.scalar(text("SELECT count(*) FROM customer WHERE id = :b"),
                            {"b": site.ids["b1"]})
        bills = conn.scalar(text("SELECT count(*) FROM bill"))
        changed = conn.execute(text("UPDATE customer SET control_state = control_state "
                                    "WHERE id = :b"), {"b": site.ids["b1"]}).rowcount
    engine.dispose()
    assert visible == {site.ids["a1"]} and other == 0 and bills == 1
    assert changed == 0  # the row is not there for this unit, so nothing changes


def test_a_connection_nobody_logged_in_on_sees_no_customer(site: Site) -> None:
    engine = make_engine(site.login_url)
    seat.install(engine, prefix=site.prefix)  # signin until a login seats someone
    assert refused(engine, "SELECT count(*) FROM customer") == DENIED
    engine = seated(site, "counter", [])  # a duty, but no unit named
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM customer")) == 0
    engine.dispose()


def test_no_application_role_can_change_what_a_payment_was(site: Site) -> None:
    counter = seated(site, "counter", [site.ids["unit_a"]])
    assert refused(counter, "UPDATE payment SET amount = amount * 10 WHERE id = :p",
                   p=site.ids["payment"]) == DENIED
    supervisor = seated(site, "supervisor", [site.ids["unit_a"]])
    assert refused(supervisor, "UPDATE payment SET amount = amount * 10") == DENIED
    assert refused(supervisor, "UPDATE payment SET status = status WHERE id = :p",
                   p=site.ids["payment"]) == ""  # a reversal's own columns stay open to it
    for duty in DUTIES:
        for column in ("amount", "customer_id", "receipt_no"):
            assert not _may(site, duty, "payment", "UPDATE", column), (duty, column)


def test_the_collector_cannot_record_a_payment(site: Site) -> None:
    collector = seated(site, "collector", seat.ALL_UNITS)
    assert refused(collector, "INSERT INTO payment (customer_id, unit_id, amount, method, "
                   "received_at, workstation, receipt_no, idempotency_key, status, "
                   "reversal_reason) VALUES (:c, :u, 5, 'cash', now(), '', 'X9', 'x9', "
                   "'posted', '')", c=site.ids["a1"], u=site.ids["unit_a"]) == DENIED
    assert refused(seated(site, "collector", seat.ALL_UNITS),
                   "UPDATE control_command SET state = state") == ""


def test_reporting_reads_everything_and_changes_nothing(site: Site) -> None:
    reporting = seated(site, "reporting", seat.ALL_UNITS)
    with reporting.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM customer")) == 2
    assert refused(reporting, "UPDATE customer SET name = name") == DENIED
    for table in _tables(site):
        for privilege in ("INSERT", "UPDATE", "DELETE", "TRUNCATE"):
            assert not _may(site, "reporting", table, privilege), (table, privilege)


def test_audit_and_ledger_are_append_only_for_every_duty(site: Site) -> None:
    for duty in (SIGNIN, *DUTIES):
        for table in ("audit_event", "ledger_entry"):
            assert not _may(site, duty, table, "UPDATE"), (duty, table)
            assert not _may(site, duty, table, "DELETE"), (duty, table)
    counter = seated(site, "counter", [site.ids["unit_a"]])
    assert refused(counter, "DELETE FROM ledger_entry") == DENIED


def test_db_roles_twice_succeeds_and_puts_back_what_was_widened(site: Site, capsys) -> None:
    before = _grants(site)
    engine = make_engine(site.admin_url)
    with engine.begin() as conn:  # someone widened a role by hand
        conn.execute(text(f"GRANT UPDATE (name) ON customer TO {site.prefix}_reporting"))
    engine.dispose()
    assert cli(["db", "roles", "--db", site.admin_url, "--prefix", site.prefix]) == 0
    assert cli(["db", "roles", "--db", site.admin_url, "--prefix", site.prefix]) == 0
    assert "row-level security on 26 tables" in capsys.readouterr().out
    assert _grants(site) == before


def test_leakproof_like_is_a_choice_db_roles_makes_only_when_asked(site: Site, capsys) -> None:
    functions = ("textlike(text, text)", '"right"(text, integer)')  # the phone tail's index
    leakproof = "SELECT bool_or(proleakproof) FROM pg_proc WHERE oid IN ({})".format(
        ", ".join(f"'{name}'::regprocedure" for name in functions))
    engine = make_engine(site.admin_url)
    with engine.connect() as conn:
        assert conn.scalar(text(leakproof)) is False
    assert cli(["db", "roles", "--db", site.admin_url, "--prefix", site.prefix,
                "--leakproof-like"]) == 0
    assert "LIKE and right() marked leakproof" in capsys.readouterr().out
    with engine.connect() as conn:
        assert conn.scalar(text(leakproof.replace("bool_or", "bool_and"))) is True
        for name in functions:
            conn.execute(text(f"ALTER FUNCTION pg_catalog.{name} NOT LEAKPROOF"))
        conn.commit()
    engine.dispose()


def test_a_clerk_logged_in_through_the_roles_takes_a_payment(site: Site) -> None:
    """The application itself, seated as the counter duty, does the counter's work."""
    db = Database(make_engine(site.login_url))
    try:
        seat.install(db.engine, prefix=site.prefix)
        clerk = login(db, "clerk_a", f.PASSWORD)
        assert seat.current(db.engine) == seat.Seat(f"{site.prefix}_counter",
                                                     str(site.ids["unit_a"]))
        posted = post_payment(db, clerk, customer_id=site.ids["a1"], amount="50.00",
                              method="cash", idempotency_key="journey-1")
        assert posted.amount == Decimal("50.00")
        assert customer_detail(db, clerk, site.ids["a1"]).account.arrears < Decimal("96.40")
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT current_user")) == f"{site.prefix}_counter"
    finally:
        seat.sign_out(db.engine)
        db.dispose()


def test_a_supervisor_logged_in_through_the_roles_reverses_the_clerks_payment(site: Site) -> None:
    db = Database(make_engine(site.login_url))
    try:
        seat.install(db.engine, prefix=site.prefix)
        clerk = login(db, "clerk_a", f.PASSWORD)
        posted = post_payment(db, clerk, customer_id=site.ids["a1"], amount="20.00",
                              method="cash", idempotency_key="journey-2")
        boss = login(db, "boss_a", f.PASSWORD)
        reversed_ = reverse_payment(db, boss, posted.payment_id, "wrong customer")
        assert reversed_.receipt_no == posted.receipt_no
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT current_user")) == f"{site.prefix}_supervisor"
            assert conn.scalar(text("SELECT status FROM payment WHERE id = :p"),
                               {"p": posted.payment_id}) == "reversed"
    finally:
        db.dispose()


def test_the_counter_duty_records_its_printed_receipt_and_a_boss_opens_the_drawer(
        site: Site) -> None:
    """Issue 19 under the roles: receipt_print is the counter's to insert, its rows reach
    their unit through the payment, and the drawer opening is one more audit row."""
    db = Database(make_engine(site.login_url))
    try:
        seat.install(db.engine, prefix=site.prefix)
        clerk = login(db, "clerk_a", f.PASSWORD)
        posted = post_payment(db, clerk, customer_id=site.ids["a1"], amount="10.00",
                              method="cash", idempotency_key="journey-print")
        copy = record_receipt_printed(db, clerk, posted.payment_id, reprint=True,
                                      device="network 127.0.0.1:9100")
        assert copy.copy_no == 1 and receipt_print_state(db, clerk, posted.payment_id).printed
        boss = login(db, "boss_a", f.PASSWORD)
        assert open_drawer_without_sale(db, boss, reason="换零钱").reason == "换零钱"
    finally:
        seat.sign_out(db.engine)
        db.dispose()
    engine = make_engine(site.admin_url)
    with engine.begin() as conn:  # the counter's seat of unit A sees the row, of unit B not
        conn.execute(text(f"SET LOCAL ROLE {site.prefix}_counter"))
        seen = []
        for unit in ("unit_a", "unit_b"):
            conn.execute(text("SELECT set_config('griddesk.units', :u, true)"),
                         {"u": str(site.ids[unit])})
            seen.append(conn.scalar(text("SELECT count(*) FROM receipt_print")))
        assert seen == [1, 0]
    engine.dispose()


def test_a_reporting_login_reads_all_units_without_any_setup(site: Site) -> None:
    """A reporting tool connects with its own login and no GridDesk code at all."""
    url = make_url(site.login_url).set(username=f"{site.prefix}_bi")
    engine = make_engine(url.render_as_string(hide_password=False))
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT current_user")) == f"{site.prefix}_reporting"
        assert conn.scalar(text("SELECT count(*) FROM customer")) == 2
    assert refused(engine, "UPDATE bill SET amount = 0") == DENIED
    assert refused(engine, f"SET ROLE {site.prefix}_counter") == DENIED


def test_a_login_not_granted_the_duty_is_told_so(site: Site) -> None:
    url = make_url(site.login_url).set(username=f"{site.prefix}_bi")
    engine = make_engine(url.render_as_string(hide_password=False))
    seat.install(engine, prefix=site.prefix)
    seat.act_as(engine, "counter", [site.ids["unit_a"]])
    with pytest.raises(DatabaseUnavailable, match=f"set role.*{site.prefix}_counter"):
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    engine.dispose()


def test_bulk_rows_pass_the_policy_where_row_security_applies(site: Site) -> None:
    """A supervisor's bill run: COPY into the table is refused under row-level security, so
    the rows are staged in a temporary table and moved by one INSERT the policy checks."""
    engine = seated(site, "supervisor", [site.ids["unit_a"]])
    bulk = BulkInsert(cast(Table, LedgerEntry.__table__), ["customer_id", "amount"],
                      ["kind", "memo", "posted_at"], engine.dialect)
    fixed = {"kind": "adjustment", "memo": "test", "posted_at": utcnow()}
    memo_rows = "SELECT count(*) FROM ledger_entry WHERE memo = 'test'"
    with engine.connect() as conn:  # rolled back when it closes
        bulk.execute(conn, [(site.ids["a1"], Decimal("-1.00"))], fixed)
        bulk.execute(conn, [(site.ids["a1"], Decimal("-2.00"))] * 2, fixed)  # a second batch
        assert conn.scalar(text(memo_rows)) == 3
        assert conn.scalar(text("SELECT count(*) FROM gd_stage_ledger_entry")) == 0
    # One row of another unit among its own: the whole batch is refused, none written.
    with pytest.raises(ProgrammingError, match="row-level security"):
        with engine.begin() as conn:
            bulk.execute(conn, [(site.ids["a1"], Decimal("-1.00")),
                                (site.ids["b1"], Decimal("-1.00"))], fixed)
    with engine.connect() as conn:
        assert conn.scalar(text(memo_rows)) == 0
    engine.dispose()


def test_a_workstation_with_roles_on_opens_the_database_as_signin(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    import main  # the composition root: where a workstation turns the roles on

    monkeypatch.setenv(seat.ENV_ON, "1")
    monkeypatch.setenv(seat.ENV_PREFIX, site.prefix)
    db = main.prepare_database(site.login_url, embedded=False)
    try:
        assert seat.current(db.engine) == seat.Seat(f"{site.prefix}_signin", "")
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT current_user")) == f"{site.prefix}_signin"
    finally:
        db.dispose()


def test_the_collector_runs_as_its_duty(site: Site, tmp_path, monkeypatch, capsys) -> None:
    """An administrator issues the collector's token through the workstation login (the
    admin duty writes service_account), and the collector signs in with it."""
    from tests.operators import as_user, ensure_user
    monkeypatch.setenv(seat.ENV_ON, "1")
    monkeypatch.setenv(seat.ENV_PREFIX, site.prefix)
    owner = Database.open(site.admin_url)
    ensure_user(owner, "admin_roles", "admin")
    owner.dispose()
    token = tmp_path / "collector.token"
    assert cli(["users", "token", "--service", "collector-roles", "--out", str(token),
                "--db", site.login_url, *as_user(monkeypatch, "admin_roles")]) == 0, \
        capsys.readouterr()
    code = cli(["collect", "--once", "--db", site.login_url, "--spool", str(tmp_path / "spool"),
                "--token-file", str(token)])
    assert code == 0, capsys.readouterr()
    # signed in as `signin` (reads the token's hash, notes its use), then took the duty
    engine = make_engine(site.admin_url)
    with engine.connect() as conn:
        used = conn.scalar(text("SELECT last_used_at FROM service_account "
                                "WHERE name = 'collector-roles'"))
        who = conn.scalar(text("SELECT actor_name FROM audit_event ORDER BY seq DESC LIMIT 1"))
    engine.dispose()
    assert used is not None and who == "collector-roles"


def test_a_person_at_the_command_line_acts_as_their_duty(site: Site, monkeypatch, capsys) -> None:
    """bill-run through the workstation login: the supervisor's login seats the supervisor
    duty for their unit (console.services.auth), as in the console."""
    from console.timeutil import local_today
    from tests.operators import as_user
    monkeypatch.setenv(seat.ENV_ON, "1")
    monkeypatch.setenv(seat.ENV_PREFIX, site.prefix)
    period = f"{local_today().replace(day=1) - dt.timedelta(days=1):%Y-%m}"  # last month
    code = cli(["bill-run", "--period", period, "--db", site.login_url,
                *as_user(monkeypatch, "boss_a")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith(f"{period}: ")
    engine = make_engine(site.admin_url)
    with engine.connect() as conn:
        who = conn.scalar(text("SELECT actor_name FROM audit_event WHERE action = 'login.cli' "
                               "ORDER BY seq DESC LIMIT 1"))
    engine.dispose()
    assert who == "boss_a"


def _may(site: Site, duty: str, table: str, privilege: str, column: str = "") -> bool:
    role = f"{site.prefix}_{duty}"
    engine = make_engine(site.admin_url)
    with engine.connect() as conn:
        if column:
            sql, params = ("SELECT has_column_privilege(:r, :t, :c, :p)",
                           {"r": role, "t": table, "c": column, "p": privilege})
        else:
            sql = ("SELECT has_table_privilege(:r, :t, :p) "
                   "OR has_any_column_privilege(:r, :t, :p)")
            params = {"r": role, "t": table,
                      "p": privilege}
            if privilege in ("DELETE", "TRUNCATE"):
                sql = "SELECT has_table_privilege(:r, :t, :p)"
        allowed = bool(conn.scalar(text(sql), params))
    engine.dispose()
    return allowed


def _tables(site: Site) -> list[str]:
    engine = make_engine(site.admin_url)
    with engine.connect() as conn:
        tables = list(conn.scalars(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
    engine.dispose()
    return tables


def _grants(site: Site) -> set[tuple]:
    engine = make_engine(site.admin_url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT grantee, table_name, column_name, privilege_type "
            "FROM information_schema.column_privileges WHERE grantee LIKE :p "
            "UNION SELECT grantee, table_name, '', privilege_type "
            "FROM information_schema.role_table_grants WHERE grantee LIKE :p"),
            {"p": site.prefix + "\\_%"}).all()
    engine.dispose()
    return {tuple(r) for r in rows}


def test_the_counter_reads_only_wrapped_site_keys_and_still_signs(site: Site) -> None:
    """Issue 17 item 4: the counter keeps SELECT on site_key (it signs notices), but what it
    reads is ciphertext. A row from before wrapping still signs at the counter, which may
    not UPDATE site_key; the administrator's next rotation wraps it."""
    legacy = Signer.generate()
    owner = make_engine(site.admin_url)
    with Session(owner) as s, s.begin():
        s.add(SiteKey(key_id=legacy.key_id, public_key=legacy.public_key,
                      private_key=legacy.private_key))
    owner.dispose()
    counter = seated(site, "counter", [site.ids["unit_a"]])
    with Session(counter) as s, s.begin():
        assert site_keys.active_signer(s) == legacy
    counter.dispose()
    admin = seated(site, "admin", seat.ALL_UNITS)
    with Session(admin) as s, s.begin():
        new = site_keys.rotate_key(s)
    admin.dispose()
    counter = seated(site, "counter", [site.ids["unit_a"]])
    with counter.connect() as conn:
        stored = [bytes(b) for b in conn.scalars(text("SELECT private_key FROM site_key"))]
    counter.dispose()
    assert len(stored) == 2 and all(keywrap.is_wrapped(b) for b in stored)
    assert not any(k in b for b in stored for k in (legacy.private_key, new.private_key))


def test_the_gateway_duty_posts_a_phone_payment_and_holds_what_it_cannot(site: Site) -> None:
    """Issue 18: the payment-channel gateway acts as its own duty, for every unit: it posts
    through the counter's service and writes its channel rows, and can change no payment."""
    from console.channels.posting import accept
    from console.channels.refusal import Notification
    from console.models import ChannelNotification, HeldNotification
    from console.services.payments.counter import due_in

    engine = seated(site, "gateway", "*")
    db = Database(engine)
    try:
        with db.read() as s:
            customer = s.get(Customer, site.ids["a1"])
            due = due_in(s, customer, local_today()).total
        paid = accept(db, Notification("wechat", "4200009001", "GD1", "3700000001", due,
                                       "SUCCESS", True, "nonce-1"), unit_id=site.ids["unit_a"])
        held = accept(db, Notification("alipay", "2026009001", "GD2", "3799999999",
                                       Decimal("1.00"), "TRADE_SUCCESS", True, "nonce-2"),
                      unit_id=site.ids["unit_a"])
        assert (paid.outcome, held.outcome) == ("posted", "held")
        with db.read() as s:
            assert s.get(Payment, paid.payment_id).method == "wechat"
            assert s.scalar(select(func.count()).select_from(HeldNotification)) == 1
            assert s.scalar(select(func.count()).select_from(ChannelNotification)) == 2
    finally:
        db.dispose()
    assert not _may(site, "gateway", "payment", "UPDATE")
    assert not _may(site, "gateway", "channel_rejection", "UPDATE")
    assert refused(seated(site, "gateway", "*"),
                   "UPDATE payment SET amount = 1 WHERE id = :id", id=paid.payment_id) == DENIED


def test_the_bank_file_is_imported_through_the_workstation_login(site: Site, tmp_path,
                                                                 monkeypatch, capsys) -> None:
    """Issue 18 (bank agency): a supervisor of the merchant unit, then the gateway's token,
    import the day's signed file through the login with no rights of its own; the records
    post in the gateway's duty. Last in this module: it pays a1's bill."""
    from console.channels.keys import ensure_test_keys
    from console.channels.simulator import BankSigner
    from console.models import HeldNotification, LedgerEntry
    from console.services.payments.counter import due_in
    from tests.operators import as_user, token_file

    monkeypatch.setenv(seat.ENV_ON, "1")
    monkeypatch.setenv(seat.ENV_PREFIX, site.prefix)
    keys = tmp_path / "keys"
    ensure_test_keys(keys, unit_code="37001")
    owner = Database.open(site.admin_url)
    with owner.uow() as s:  # earlier tests paid a1 up: something new to pay
        s.add(LedgerEntry(customer_id=site.ids["a1"], kind="charge", amount=Decimal("-50.00"),
                          memo="电费"))
    with owner.read() as s:
        due = due_in(s, s.get(Customer, site.ids["a1"]), local_today()).total
    assert due > 0
    token = token_file(owner, tmp_path / "gateway.token", name="gateway-roles", duty="gateway")
    signer, day = BankSigner.from_folder(keys), local_today()
    path, _sig = signer.write(tmp_path, day, signer.records(
        day, [("3700000001", due), ("3799999999", Decimal("3.00"))]))
    command = ["channels", "bank-import", str(path), "--db", site.login_url, "--keys", str(keys)]
    code = cli([*command, *as_user(monkeypatch, "boss_a")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"posted: 1 ({due} yuan)" in out and "held for a supervisor: 1" in out
    assert cli([*command, "--token-file", str(token)]) == 0, capsys.readouterr()
    assert "nothing new" in capsys.readouterr().out
    with owner.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment).where(
            Payment.method == "transfer")) == 1
        assert s.scalar(select(func.count()).select_from(HeldNotification)) == 2  # + gateway's
    owner.dispose()


def test_a_supervisor_logged_in_through_the_roles_posts_held_phone_money(site: Site) -> None:
    """Issue 18: what the gateway held, the supervisor's duty posts to the customer they
    chose (row security and column grants on channel_held / channel_notification)."""
    from console.channels.posting import accept
    from console.channels.refusal import Notification
    from console.models import HeldNotification
    from console.services.channels.held import held_payments
    from console.services.channels.review import post_held

    gateway = Database(seated(site, "gateway", "*"))
    try:
        assert accept(gateway, Notification("wechat", "4200009101", "GD3", "3798888888",
                                            Decimal("2.00"), "SUCCESS", True, "nonce-9101"),
                      unit_id=site.ids["unit_a"]).outcome == "held"
    finally:
        gateway.dispose()
    db = Database(make_engine(site.login_url))
    try:
        seat.install(db.engine, prefix=site.prefix)
        boss = login(db, "boss_a", f.PASSWORD)
        [held] = [h for h in held_payments(db, boss) if h.transaction_id == "4200009101"]
        decision = post_held(db, boss, held_id=held.held_id, customer_id=site.ids["a1"])
        with db.read() as s:
            payment = s.get(Payment, decision.payment_id)
            assert (payment.amount, payment.method, payment.operator_id) == (
                Decimal("2.00"), "wechat", None)
            assert s.get(HeldNotification, held.held_id).state == "resolved"
    finally:
        seat.sign_out(db.engine)
        db.dispose()
