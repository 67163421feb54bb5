"""GridDesk GUI: `python main.py [--db URL] [--lang zh_CN|en]`.

The composition root: arguments, logging, font, translations, style, the task
runner and the database; then the login dialog and the main window.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLocale, QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from console import __version__, logsetup, logsetup_cli, migrate
from console.backup.schedule import DailyBackups, backups_folder
from console.channels.embedded import EmbeddedChannels
from console.channels.keys import keys_folder
from console.db import (
    Database,
    check_connection,
    check_writable,
    default_db_path,
    make_engine,
    resolve_url,
)
from console.dbroles import seat
from console.demo_guard import WorkSince, guard_first_fill, guard_refresh, work_since_demo
from console.errors import ConsoleError
from console.metering.embedded import EmbeddedMetering
from console.models import Setting
from console.services.actor import Actor
from console.timeutil import local_time, local_today
from widgets.devices.demo_printer import FOLDER, DemoPrinter, forget_demo_printer
from widgets.errors import error_text, show_error
from widgets.gc_guard import install_main_thread_gc
from widgets.login_dialog import DemoAccount, LoginDialog
from widgets.main_window import MainWindow
from widgets.plain_text import install_plain_labels
from widgets.resources import LANGUAGES, icon, install_font, install_translators, style_sheet
from widgets.screen_fit import install_screen_fit
from widgets.task_runner import TaskRunner

log = logging.getLogger("griddesk")

Progress = Callable[[str, float], None]

EMBEDDED_CUSTOMERS = 3000
# The embedded demo reads each simulated meter every two minutes, a twelfth of
# them every 10 s, so the live power curve moves while the console at rest stays
# under 5 % of a core: reading the 3,000 demo meters costs ~2-3 CPU-s, and all of
# them every 10 s cost 15-40 % (bench/idle.py). A real site's collector runs as a
# service on its own schedule.
EMBEDDED_POLL_SECONDS, EMBEDDED_POLL_SLICES = 120.0, 12
DAILY_BACKUPS_KEPT = 7


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="griddesk", description="GridDesk power supply service hall console.")
    parser.add_argument("--db", metavar="URL",
                        help="database URL (default: GRIDDESK_DB, else the embedded demo file)")
    parser.add_argument("--lang", choices=LANGUAGES,
                        help="user interface language (default: the system's)")
    parser.add_argument("--backups", type=int, metavar="N",
                        default=_env_count("GRIDDESK_BACKUPS", DAILY_BACKUPS_KEPT),
                        help="embedded database only: back it up daily into the data folder, "
                             "keeping the newest N (default: GRIDDESK_BACKUPS, else "
                             f"{DAILY_BACKUPS_KEPT}; 0: no backups)")
    logsetup_cli.add_options(parser)
    parser.add_argument("--smoke", metavar="FOLDER", type=Path,
                        help="check this installation offscreen: write a picture of the login "
                             "window and a sample receipt PDF to FOLDER, exit 0 if all loaded")
    # Unknown arguments are an error (usage text, exit 2), not silently ignored.
    return parser.parse_args(argv)


def _env_count(name: str, default: int) -> int:
    """A whole number from the environment; the default when unset or not a number."""
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else default


def is_embedded(db_arg: str | None) -> bool:
    return not db_arg and not os.environ.get("GRIDDESK_DB")


# -- the database --------------------------------------------------------------------------


def demo_accounts() -> list[DemoAccount]:
    """The demo logins to list on the login dialog, if the demo package is installed."""
    try:
        from console.demo import DEMO_ACCOUNTS
    except ImportError:
        return []
    return [_account(a) for a in DEMO_ACCOUNTS]


def _account(account: object) -> DemoAccount:
    return (account.username, getattr(account, "full_name", ""),  # type: ignore[attr-defined]
            account.role, account.password)  # type: ignore[attr-defined]


def _fill_demo(engine, progress: Progress | None) -> None:  # an Engine
    """First start of the embedded database: demo data, so a newcomer sees everything.

    A first start cut short (power, kill) leaves rows but no completion mark:
    the next start wipes them and loads the demo again.
    """
    try:
        from console.demo import generate
    except ImportError:
        log.warning("console.demo is not installed: the embedded database stays empty")
        return
    guard_first_fill(engine)  # a real hall's file put in the demo's place stays as it is
    generate(engine, customers=EMBEDDED_CUSTOMERS, seed=1, progress=progress, force=True)


def _demo_loaded(engine) -> bool:  # an Engine
    """The demo loader writes its settings last: their presence means it finished."""
    with engine.connect() as conn:
        return conn.scalar(select(Setting.value).where(Setting.key == "demo.customers")) is not None


def stale_demo_day(db: Database) -> dt.date | None:
    """The day an embedded demo describes, if that is before today (else None).

    A demo is a picture of one day: opened weeks later, every debt looks
    months overdue. Runs in a worker thread (it reads the database).
    """
    try:
        from console.demo import demo_info
    except ImportError:
        return None
    info = demo_info(db.engine)
    return info.as_of if info is not None and info.as_of < local_today() else None


def refresh_demo(db: Database, progress: Progress | None = None) -> None:
    """Load the embedded demo again as of today, with its size and seed (worker thread).
    Never over work somebody did in it (DatabaseNotEmpty): the offer is not made then."""
    from console.demo import demo_info, generate

    guard_refresh(db.engine)
    info = demo_info(db.engine)
    generate(db.engine, customers=info.customers if info else EMBEDDED_CUSTOMERS,
             seed=info.seed if info else 1, progress=progress, force=True)


def prepare_database(url: str | None, *, embedded: bool,
                     progress: Progress | None = None) -> Database:
    """Open the database; the embedded one is created, migrated and filled on first start.

    Raises ConsoleError (DatabaseUnavailable, SchemaOutdated) the login dialog can show.
    Runs in a worker thread: may take a minute on first start, or wait on the network.
    """
    engine = make_engine(resolve_url(url))
    try:
        check_connection(engine)
        if embedded:
            # Our own file: keep it current ourselves, a newcomer has no CLI to hand.
            migrate.upgrade(engine)
            if not _demo_loaded(engine):
                _fill_demo(engine, progress)
        else:
            migrate.require_current(engine)
        check_writable(engine)
        if not embedded and seat.wanted():
            seat.install(engine)  # from here on a connection acts as signin, then the user
    except BaseException:
        engine.dispose()
        raise
    return Database(engine)


def startup_error_text(url: str | None, *, embedded: bool = False) -> str:
    """What the login dialog would say about `url`; "" when the database is fine."""
    try:
        prepare_database(url, embedded=embedded).dispose()
    except ConsoleError as exc:
        return error_text(exc)
    return ""


# -- the shell -----------------------------------------------------------------------------


class Shell(QObject):
    """Startup → login → main window → logout → login, for the life of the process."""

    sig_progress = Signal(str, float)
    """First-start work progressed: (stage, fraction); emitted from a worker thread."""

    def __init__(self, tasks: TaskRunner, url: str | None, *, embedded: bool,
                 settings: QSettings | None = None, backups: int = 0) -> None:
        super().__init__()
        self._tasks, self._url, self._embedded = tasks, url, embedded
        self._settings, self._backups_kept = settings, backups
        self.db: Database | None = None
        self.refresh_box: QMessageBox | None = None
        self.refresh_button = None
        self.metering: EmbeddedMetering | None = None
        self.channels: EmbeddedChannels | None = None
        self.printer: DemoPrinter | None = None
        self.backups: DailyBackups | None = None
        self.window: MainWindow | None = None
        self.login = LoginDialog(tasks)
        self.login.setWindowIcon(icon("logo"))
        self.login.sig_logged_in.connect(self._on_login_logged_in)
        self.login.sig_retry_requested.connect(self.start)
        self.sig_progress.connect(self._on_progress)

    def start(self) -> None:
        self.login.show()
        where = "" if self._embedded else resolve_url(self._url)
        self.login.show_busy(
            self.tr("Preparing the database...") if self._embedded else
            self.tr("Connecting to the database..."))
        log.info("opening database %s", where or default_db_path())
        url, embedded, progress = self._url, self._embedded, self.sig_progress.emit

        def prepare() -> tuple[Database, dt.date | None, WorkSince | None]:
            db = prepare_database(url, embedded=embedded, progress=progress)
            stale = stale_demo_day(db) if embedded else None
            return db, stale, work_since_demo(db.engine) if stale else None

        self._tasks.run(prepare, self._on_database_prepared, self._on_database_failed, write=True)

    def shutdown(self) -> None:
        """Stop the embedded meters and collector, then let go of the database."""
        if self.metering is not None:
            if not self.metering.stop():
                log.warning("embedded metering did not stop in time")
            else:
                log.info("embedded simulator and collector stopped")
            self.metering = None
        if self.channels is not None:
            if not self.channels.stop():
                log.warning("embedded payment channels did not stop in time")
            self.channels = None
        if self.backups is not None:
            self.backups.stop()
            self.backups = None
        if self.printer is not None:
            self.printer.stop()  # the workstation's printer setting is "none" again
            self.printer = None
        if self.db is not None:
            self.db.dispose()

    def _on_progress(self, stage: str, fraction: float) -> None:
        text = (self.tr("Refreshing the demo database ({percent} %)... {stage}")
                if self.refresh_box is not None else
                self.tr("First start: creating the demo database ({percent} %)... {stage}"))
        self.login.show_busy(text.format(percent=int(fraction * 100),
                                         stage=self.stage_text(stage)), fraction)

    def _on_database_prepared(self, prepared: tuple[Database, dt.date | None, WorkSince | None]) -> None:
        db, stale, worked = prepared
        if stale is None:
            self._on_database_ready(db)
            return
        self.db = db
        if worked is not None:
            self._tell_demo_kept(stale, worked)
            return
        self.refresh_box = box = QMessageBox(QMessageBox.Icon.Question, self.tr("GridDesk"), self.tr(
            "The demo data describes {date}: debts, readings and bills stop on that day. Load it "
            "again as of today? What was done in the demo since is replaced.").format(
                date=stale.isoformat()), parent=self.login)
        box.setObjectName("refreshDemoBox")
        self.refresh_button = box.addButton(self.tr("Refresh the demo"),
                                            QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.refresh_button)
        box.finished.connect(self._on_refresh_box_finished)
        box.open()

    def _work_words(self, work: WorkSince) -> str:
        """Who worked in the demo and when, in the console's language (the audit action
        code is English, so it is left out)."""
        if work.at is not None:
            return self.tr("{actor}, {time}").format(actor=work.actor, time=local_time(work.at))
        if work.extra_customers > 0:
            return self.tr("customers the demo did not load: {count}").format(
                count=work.extra_customers)
        return self.tr("data the demo did not write")

    def _tell_demo_kept(self, stale: dt.date, worked: WorkSince) -> None:
        """An old demo somebody has worked in: say why it is not offered for refreshing."""
        self.refresh_box = box = QMessageBox(QMessageBox.Icon.Information, self.tr("GridDesk"), self.tr(
            "The demo data describes {date}, but somebody has worked in it since ({first}). "
            "It is kept as it is and will not be replaced by a demo of today.").format(
                date=stale.isoformat(), first=self._work_words(worked)), parent=self.login)
        box.setObjectName("demoKeptBox")
        self.refresh_button = None
        box.addButton(self.tr("Open it as it is"), QMessageBox.ButtonRole.AcceptRole)
        box.finished.connect(self._on_refresh_box_finished)
        box.open()

    def _on_refresh_box_finished(self, _result: int) -> None:
        db = self.db
        assert db is not None
        assert self.refresh_box is not None
        if self.refresh_box.clickedButton() is not self.refresh_button:
            self._on_database_ready(db)
            return
        self.login.show_busy(self.tr("Refreshing the demo database ({percent} %)... {stage}")
                             .format(percent=0, stage=""), 0.0)
        progress = self.sig_progress.emit
        self._tasks.run(lambda: (refresh_demo(db, progress), db)[1], self._on_database_ready,
                        self._on_database_failed, write=True)

    def stage_text(self, stage: str) -> str:
        """The demo loader's step (console.demo.loader) in the user's language."""
        texts = {
            "wipe": self.tr("clearing an unfinished start"), "reference": self.tr("units and staff"),
            "work tables": self.tr("preparing"), "readings": self.tr("meter readings"),
            "bills": self.tr("bills"), "payments": self.tr("payments"),
            "allocations": self.tr("payment allocations"), "ledger": self.tr("ledger"),
            "customers": self.tr("customers"), "meters": self.tr("meters"),
            "seals": self.tr("seals"), "prepaid": self.tr("prepaid accounts"),
            "receipts": self.tr("receipt numbers"),
            "workload": self.tr("work orders and notices"), "indexes": self.tr("indexes"),
            "done": self.tr("done"),
        }
        return texts.get(stage, "")  # a step named later shows no English word

    def _on_database_ready(self, db: Database) -> None:
        self.db = db
        if self._embedded and self.metering is None:
            # Simulator and collector inside the process: live charts and working
            # switches from the first start, with nothing else to run.
            self.metering = EmbeddedMetering(
                db, interval=EMBEDDED_POLL_SECONDS, slices=EMBEDDED_POLL_SLICES,
                notice_folder=str(default_db_path().with_name("notices")))
            self.metering.start()
            log.info("embedded simulator and collector started")
        if self._embedded and self.channels is None:
            # The payment-channel gateway and a phone customer who pays a disconnected
            # account's arrears now and then (test keys, loopback only).
            self.channels = EmbeddedChannels(db, keys_folder(db))
            self.channels.start()
        self._start_demo_printer(db)
        if self._embedded and self.backups is None and self._backups_kept > 0:
            self.backups = DailyBackups(db.url, backups_folder(Path(db.engine.url.database or "")),
                                        keep=self._backups_kept)
            self.backups.start()
        accounts = demo_accounts() if self._embedded else []
        self.login.set_database(db, accounts)
        if self._embedded and not accounts:
            self.login.message_bar.show_message(self.tr(
                "The demo data is not part of this installation, so the built-in database "
                "has no accounts yet. Start GridDesk with --db and your site's database URL."))

    def _start_demo_printer(self, db: Database) -> None:
        """Embedded: a fake receipt printer in the process, which an unconfigured workstation
        prints to (receipts-printer/ beside the database). Otherwise a demo's left-over
        setting (a killed demo) is taken back; a real printer's never."""
        if not self._embedded:
            forget_demo_printer()
            return
        if self.printer is None:
            folder = Path(db.engine.url.database or default_db_path()).with_name(FOLDER)
            try:
                self.printer = DemoPrinter(folder)
                self.printer.start()
            except OSError:
                log.warning("the demo receipt printer did not start", exc_info=True)
                self.printer = None

    def _on_database_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ConsoleError):
            log.error("cannot open the database", exc_info=exc)
        self.login.show_problem(error_text(exc))

    def _on_login_logged_in(self, actor: Actor) -> None:
        assert self.db is not None
        log.info("%s logged in as %s", actor.username, actor.role)
        self.window = MainWindow(self.db, self._tasks, actor, settings=self._settings)
        self.window.sig_logout_requested.connect(self._on_window_logout_requested)
        self.window.sig_session_ended.connect(self._on_window_session_ended)
        self.window.show()

    def _on_window_session_ended(self, text: str) -> None:
        """The services ended the login: the login dialog comes back and says why."""
        log.info("session ended: %s", text)
        self._on_window_logout_requested()
        self.login.message_bar.show_error(text)

    def _on_window_logout_requested(self) -> None:
        if self.db is not None:
            seat.sign_out(self.db.engine)
        self.login.show()
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None


# -- process-wide setup --------------------------------------------------------------------


def setup_logging(args: argparse.Namespace) -> Path:
    """The GUI's rotating log in the data folder (griddesk.log), personal data masked."""
    return logsetup.setup("gui", level=args.log_level, json_lines=args.log_json, stream=True)


def install_excepthook() -> None:
    """Unexpected exceptions: logged, then a friendly dialog instead of a dead window."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(kind, exc, tb))
        if QApplication.instance() is not None and not isinstance(exc, KeyboardInterrupt):
            show_error(QApplication.activeWindow(), exc, logged=True)

    sys.excepthook = hook


def make_app(lang: str | None) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("GridDesk")
    app.setApplicationName("GridDesk")
    app.setWindowIcon(icon("logo"))
    install_font(app)
    chosen = install_translators(lang)
    if chosen == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    app.setStyle("Fusion")  # the same look on every desktop; the style sheet builds on it
    app.setStyleSheet(style_sheet())
    install_screen_fit(app)  # every window and dialog fits a 1366×768 screen
    install_plain_labels(app)  # a customer's name shows as written, never as markup
    install_main_thread_gc(app)  # Qt objects are only ever collected on the GUI thread
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.smoke:  # no display needed, nothing written to the data folder
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from widgets.smoke import run_smoke

        return run_smoke(make_app("zh_CN"), args.smoke)
    setup_logging(args)
    log.info("GridDesk %s started (pid %d)", __version__, os.getpid())
    app = make_app(args.lang)
    install_excepthook()
    tasks = TaskRunner()
    shell = Shell(tasks, args.db, embedded=is_embedded(args.db), backups=args.backups)
    shell.start()
    code = app.exec()
    tasks.shutdown(wait=False)
    shell.shutdown()
    log.info("GridDesk stopped, exit code %d", code)
    return code


if __name__ == "__main__":
    sys.exit(main())
