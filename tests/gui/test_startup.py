"""Starting up: arguments, unreachable or wrong databases, errors in words, translations."""

from __future__ import annotations

import datetime as dt
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt

import main
from console.errors import AccountLocked, AuthenticationFailed, ValidationError
from tests.backup.fixtures import count_in
from widgets.errors import ErrorDialog, error_text
from widgets.resources import I18N

UNREACHABLE_PG = "postgresql+psycopg://nobody@127.0.0.1:1/x"


def test_unknown_arguments_print_usage_and_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main.parse_args(["--colour", "blue"])
    assert exit_.value.code == 2
    assert "usage: griddesk" in capsys.readouterr().err


def test_unreachable_postgresql_is_a_clear_message_naming_the_host():
    text = main.startup_error_text(UNREACHABLE_PG)
    assert text.startswith("Cannot reach the database PostgreSQL 127.0.0.1:1/x.")
    assert "Traceback" not in text


def test_a_corrupt_sqlite_file_is_named(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database, just some bytes " * 200)
    text = main.startup_error_text(f"sqlite:///{path}")
    assert text.startswith(f"Cannot reach the database {path}.")


def test_an_old_schema_says_to_run_db_upgrade(tmp_path):
    text = main.startup_error_text(f"sqlite:///{tmp_path / 'empty.db'}")
    assert "python -m console db upgrade --db" in text


def test_a_migrated_database_opens(file_db):
    assert main.startup_error_text(file_db.url) == ""


def test_the_embedded_database_is_created_migrated_and_filled(tmp_path, monkeypatch):
    filled = []
    monkeypatch.setattr(main, "_fill_demo", lambda engine, progress: filled.append(engine.url))
    db = main.prepare_database(f"sqlite:///{tmp_path / 'new.db'}", embedded=True)
    assert main.startup_error_text(db.url) == ""  # schema current
    db.dispose()
    assert len(filled) == 1


def test_the_login_dialog_says_why_the_database_is_unreachable(qtbot, tasks):
    shell = main.Shell(tasks, UNREACHABLE_PG, embedded=False)
    qtbot.addWidget(shell.login)
    shell.start()
    qtbot.waitUntil(lambda: shell.login.retry_button.isVisible(), timeout=10_000)
    assert "127.0.0.1:1" in shell.login.message_bar.text
    assert not shell.login.login_button.isEnabled()


def test_errors_in_chinese_with_the_lock_time_in_shanghai(english):
    english("zh_CN")
    until = dt.datetime(2026, 3, 1, 2, 15, tzinfo=dt.UTC)
    assert error_text(AccountLocked("x", until=until)) == (
        "密码错误次数过多，账号已锁定至 2026-03-01 10:15。请联系系统管理员解锁。")
    assert error_text(AuthenticationFailed("x", attempts=5, lock_minutes=15)) == (
        "用户名或密码错误。连续输错 5 次密码，账号将被锁定 15 分钟。")
    assert error_text(ValidationError("password too short", minimum=8)) == "密码至少需要 8 位。"


def test_unexpected_exceptions_reach_a_friendly_dialog(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    main.install_excepthook()
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    dialog = next(w for w in main.QApplication.allWidgets() if isinstance(w, ErrorDialog))
    qtbot.addWidget(dialog)
    assert dialog.summary_label.text() == "Unexpected error: RuntimeError"
    assert "disk on fire" in dialog.details_edit.toPlainText()
    assert not dialog.details_edit.isVisible()


def test_every_string_is_translated_to_chinese():
    root = ET.parse(I18N / "griddesk_zh_CN.ts").getroot()
    untranslated = [
        msg.findtext("source")
        for msg in root.iter("message")
        if (tr := msg.find("translation")).get("type") in ("unfinished", "obsolete", "vanished")
        or not ("".join(tr.itertext())).strip()
    ]
    assert untranslated == []
    assert (I18N / "griddesk_zh_CN.qm").stat().st_mtime >= (I18N / "griddesk_zh_CN.ts").stat().st_mtime - 5


class _NoMetering:
    """Stands in for the embedded simulator and collector: these tests are about the data."""

    def __init__(self, *_args, **_kwargs) -> None:
        pass

    def start(self) -> None:
        pass

    def stop(self) -> bool:
        return True


@pytest.fixture
def old_demo(sqlite_template, tmp_path, monkeypatch):
    """An embedded demo file as of 2026-01-20 (the old frozen day), 40 customers."""
    import shutil

    from console.db import make_engine
    from console.demo import generate

    monkeypatch.setattr(main, "EmbeddedMetering", _NoMetering)
    path = tmp_path / "demo.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    generate(engine, customers=40, seed=4, as_of=dt.date(2026, 1, 20))
    engine.dispose()
    return f"sqlite:///{path}"


def _as_of(url: str) -> tuple[dt.date, int]:
    from console.db import make_engine
    from console.demo import demo_info

    engine = make_engine(url)
    info = demo_info(engine)
    engine.dispose()
    return info.as_of, info.customers


def _shell_asking(qtbot, tasks, url):
    shell = main.Shell(tasks, url, embedded=True)
    qtbot.addWidget(shell.login)
    shell.start()
    qtbot.waitUntil(lambda: shell.refresh_box is not None and shell.refresh_box.isVisible(),
                    timeout=20_000)
    return shell


def test_an_old_embedded_demo_offers_to_refresh_it_to_today(qtbot, tasks, old_demo):
    shell = _shell_asking(qtbot, tasks, old_demo)
    assert "2026-01-20" in shell.refresh_box.text()
    qtbot.mouseClick(shell.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.login.login_button.isEnabled(), timeout=60_000)
    assert _as_of(old_demo) == (main.local_today(), 40)  # same size, as of today
    shell.shutdown()


def test_keeping_the_old_demo_opens_it_as_it_was(qtbot, tasks, old_demo):
    shell = _shell_asking(qtbot, tasks, old_demo)
    keep = [b for b in shell.refresh_box.buttons() if b is not shell.refresh_button][0]
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.login.login_button.isEnabled(), timeout=20_000)
    assert _as_of(old_demo) == (dt.date(2026, 1, 20), 40)
    shell.shutdown()


def test_a_demo_of_today_is_not_questioned(old_demo):
    from console.demo import generate

    db = main.prepare_database(old_demo, embedded=True)
    assert main.stale_demo_day(db) == dt.date(2026, 1, 20)
    generate(db.engine, customers=10, seed=1, force=True)
    assert main.stale_demo_day(db) is None
    db.dispose()


def test_a_demo_file_from_before_the_rolling_demo_is_seen_as_old(old_demo):
    """Files written by the frozen demo carry no demo.as_of: they describe 2026-01-20."""
    from sqlalchemy import delete

    from console.demo.loader import AS_OF_KEY
    from console.models import Setting

    db = main.prepare_database(old_demo, embedded=True)
    with db.session() as s:
        s.execute(delete(Setting).where(Setting.key == AS_OF_KEY))
    assert main.stale_demo_day(db) == dt.date(2026, 1, 20)
    db.dispose()


def _take_a_payment(url: str) -> str:
    from decimal import Decimal

    from sqlalchemy import select

    from console.db import Database
    from console.models import Customer, User
    from console.services.auth import login
    from console.services.payments.counter import post_payment

    db = Database.open(url)
    with db.read() as s:  # a clerk and a customer of her own unit (issue 16: unit scope)
        customer, username = s.execute(
            select(Customer.id, User.username).join(User, User.unit_id == Customer.unit_id)
            .where(User.role == "counter").order_by(Customer.id).limit(1)).one()
    post_payment(db, login(db, username, "Griddesk2026"), customer_id=customer,
                 amount=Decimal("12.00"), method="cash", idempotency_key="kept-1")
    db.dispose()
    return username


def test_an_old_demo_a_clerk_worked_in_is_kept_not_offered_for_refreshing(qtbot, tasks,
                                                                          old_demo):
    from console.errors import DatabaseNotEmpty
    from console.models import Payment

    clerk = _take_a_payment(old_demo)
    payments = count_in(old_demo, Payment)
    shell = _shell_asking(qtbot, tasks, old_demo)
    text = shell.refresh_box.text()
    assert shell.refresh_button is None and len(shell.refresh_box.buttons()) == 1
    assert "2026-01-20" in text and "will not be replaced" in text
    # who took the payment, in words: never the audit log's English action code
    assert clerk in text and "payment." not in text
    qtbot.mouseClick(shell.refresh_box.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.login.login_button.isEnabled(), timeout=20_000)
    assert _as_of(old_demo) == (dt.date(2026, 1, 20), 40)
    with pytest.raises(DatabaseNotEmpty, match="changes made after the demo was loaded"):
        main.refresh_demo(shell.db)  # and should anything call it anyway
    assert count_in(old_demo, Payment) == payments
    shell.shutdown()


def test_the_first_start_never_wipes_a_file_the_demo_did_not_write(sqlite_template, tmp_path):
    import shutil

    from console.db import Database
    from console.errors import DatabaseNotEmpty
    from console.models import Customer
    from console.services.payments.counter import post_payment
    from tests.billing_helpers import service_hall

    shutil.copy(sqlite_template, tmp_path / "hall.db")
    url = f"sqlite:///{tmp_path / 'hall.db'}"
    db = Database.open(url)
    hall = service_hall(db)  # a hall's own file, put where the embedded demo lives
    post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount="10.00",
                 method="cash", idempotency_key="hall-1")
    db.dispose()
    with pytest.raises(DatabaseNotEmpty, match="no demo marker"):
        main.prepare_database(url, embedded=True)
    assert count_in(url, Customer) == 1


def test_the_first_start_finishes_a_load_cut_short(sqlite_template, tmp_path, monkeypatch):
    import shutil

    from console.db import Database
    from console.demo import demo_info
    from tests import factories as f
    from tests.billing_helpers import account

    monkeypatch.setattr(main, "EMBEDDED_CUSTOMERS", 20)
    shutil.copy(sqlite_template, tmp_path / "cut.db")
    url = f"sqlite:///{tmp_path / 'cut.db'}"
    db = Database.open(url)
    with db.session() as s:  # rows, but no audit event and no completion mark
        account(s, f.unit(s), f.tariff(s))
    db.dispose()
    db = main.prepare_database(url, embedded=True)
    assert demo_info(db.engine).customers == 20
    db.dispose()


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_read_only_database_says_nobody_can_sign_in_and_why(engine, request):
    if engine == "sqlite":
        db = request.getfixturevalue("file_db")
        url = f"sqlite:///file:{db.engine.url.database}?mode=ro&uri=true"
    else:
        url = f"{request.getfixturevalue('pg_url')}?options=-c%20default_transaction_read_only%3Don"
    text = main.startup_error_text(url)
    assert "is read-only" in text and "nobody can sign in" in text and "write access" in text
    assert "Traceback" not in text and "attempt to write" not in text
