"""Every window and dialog fits a 1366×768 counter screen, its buttons inside it.

The session's offscreen screen is 1366×768 (tests/conftest.py). Each role's main
window is walked through all its panels; every dialog class of widgets/ is
opened over it (a new dialog class without a case here fails the first test),
and so are Qt's own file, print and message dialogs.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QDialog,
    QFileDialog,
    QMessageBox,
    QScrollArea,
    QWidget,
)
from sqlalchemy import select

import widgets
import widgets.seals
import widgets.work_orders
from console import migrate
from console.db import Database, make_engine
from console.demo import generate
from console.models import Customer
from console.services.actor import Actor
from console.services.admin import users
from console.services.auth import login
from console.services.billing import tariffs
from console.services.cost_control import policy_admin
from reports.registry import ReportParams
from widgets.desk import Desk as LoginDesk
from widgets.main_window import MainWindow
from widgets.seals import calls
from widgets.task_runner import TaskRunner

SCREEN = QRect(0, 0, 1366, 768)
DEMO_PASSWORD = "Griddesk2026"
ROLES = {"counter": "counter1", "supervisor": "supervisor1", "admin": "admin1",
         "inspector": "inspector1"}


@dataclass
class Desk:
    db: Database
    tasks: TaskRunner
    actors: dict[str, Actor]
    parent: QWidget
    customer_id: int

    def desk(self, role: str) -> LoginDesk:
        """What a panel of this role's login would hand the dialog."""
        return LoginDesk(self.db, self.tasks, self.actors[role])


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A small demo database: real accounts, customers, batches, tariffs, policies."""
    url = f"sqlite:///{tmp_path_factory.mktemp('fit') / 'griddesk.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    generate(engine, customers=60, seed=1)
    engine.dispose()
    database = Database.open(url)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def actors(demo_db: Database) -> dict[str, Actor]:
    return {role: login(demo_db, name, DEMO_PASSWORD) for role, name in ROLES.items()}


@pytest.fixture(autouse=True)
def counter_screen() -> None:
    assert QGuiApplication.primaryScreen().availableGeometry() == SCREEN


def settle(qtbot, tasks: TaskRunner, window: QWidget) -> None:
    """Shown, exposed, and every load it started has come back."""
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=15000)


def assert_fits(window: QWidget) -> None:
    """The whole frame on the screen; every button not in a scroll area inside the window."""
    name = type(window).__name__
    assert SCREEN.contains(window.frameGeometry()), \
        f"{name} {window.frameGeometry()} does not fit {SCREEN}"
    inside = window.rect()
    for button in window.findChildren(QAbstractButton):
        if button.window() is not window or not button.isVisibleTo(window) or _scrolled(button):
            continue
        where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert inside.contains(where), \
            f"{name}: button {button.text()!r} at {where} is outside {inside}"


def _scrolled(widget: QWidget) -> bool:
    """Inside a scroll area, which brings it into view."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


# -- main windows ------------------------------------------------------------------------------


@pytest.fixture
def open_main(qtbot, demo_db, actors, tmp_path) -> Callable[..., MainWindow]:
    runner = TaskRunner()

    def open_as(role: str, settings: QSettings | None = None) -> MainWindow:
        settings = settings or QSettings(str(tmp_path / "griddesk.ini"), QSettings.Format.IniFormat)
        window = MainWindow(demo_db, runner, actors[role], settings=settings)
        qtbot.addWidget(window)
        window.show()
        settle(qtbot, runner, window)
        return window

    open_as.tasks = runner  # type: ignore[attr-defined]
    yield open_as
    runner.shutdown(wait=True)


@pytest.mark.parametrize("role", list(ROLES))
def test_each_panel_of_each_role_fits_the_screen(qtbot, open_main, role) -> None:
    window = open_main(role)
    for key in window.panel_keys():
        window.show_panel(key)
        settle(qtbot, open_main.tasks, window)
        assert window.current_panel_key() == key
        assert_fits(window)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_counter_with_a_customer_open_fits(qtbot, open_main, demo_db, english, lang) -> None:
    english(lang)
    window = open_main("counter")
    # Narrower than what is left under a real window manager (offscreen draws 2 px frames
    # and its fonts differ a little): English at 1366×768 scrolled sideways under openbox.
    window.resize(1200, 730)
    panel = window.panel("lookup")
    panel.open_customer(_a_customer(demo_db))
    settle(qtbot, open_main.tasks, window)
    assert_fits(window)
    # Nothing to scroll sideways: the view is as wide as the panel (English is wider).
    scroll = panel.findChild(QScrollArea, "LookupPages")
    assert not scroll.horizontalScrollBar().isVisible()
    title = panel.view.chart.title_label  # wraps rather than being cut

    def title_whole() -> bool:
        return (title.width() >= title.fontMetrics().horizontalAdvance(title.text())
                or title.height() >= title.heightForWidth(title.width()) > 0)

    # The status chip beside it changes when the meter's first reading lands, after the
    # tasks above; the header is laid out again on the next turns of the event loop.
    qtbot.waitUntil(title_whole, timeout=5000)
    # The chart stays readable (the view scrolls instead of squeezing it to a strip),
    # and the customer's actions show without scrolling.
    assert panel.view.tabs.height() >= 300
    pay = panel.view.actions["payment"]
    where = QRect(pay.mapTo(window, QPoint(0, 0)), pay.size())
    assert window.rect().contains(where) and pay.visibleRegion().boundingRect() == pay.rect()


def test_the_main_window_uses_a_small_screen_whole(qtbot, open_main) -> None:
    window = open_main("counter")
    assert window.frameGeometry().width() >= SCREEN.width() - 16
    assert window.frameGeometry().height() >= SCREEN.height() - 48


def test_a_window_saved_on_a_bigger_screen_opens_on_this_one(qtbot, open_main, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "big.ini"), QSettings.Format.IniFormat)
    big = open_main("supervisor", settings)
    big.setGeometry(600, 300, 1900, 1060)  # as saved on a 2560×1440 desk
    big.close()
    assert isinstance(settings.value("main_window/geometry"), QByteArray)
    assert_fits(open_main("supervisor", settings))


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_lock_screen_covers_the_window_and_its_card_fits(qtbot, open_main, english, lang,
                                                             tmp_path) -> None:
    english(lang)
    window = open_main("counter")
    keeper = window.session
    with qtbot.waitSignal(keeper.lock_screen.sig_locked, timeout=5000):
        keeper.lock()  # as after the idle time
    lock = keeper.lock_screen
    assert lock.geometry() == window.rect()
    assert_fits(window)
    for button in (lock.unlock_button, lock.switch_button):
        assert button.visibleRegion().boundingRect() == button.rect(), button.text()
    lock.grab().save(str(tmp_path / f"lock-{lang}.png"))  # looked at by hand in review
    assert lock.title_label.text() == ("控制台已锁定" if lang == "zh_CN" else
                                       "The console is locked")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_customer_display_preview_from_the_menu_fits(qtbot, open_main, english, lang,
                                                         tmp_path) -> None:
    english(lang)
    window = open_main("counter")
    assert window.devices_action in window.account_menu.actions()
    dialog = window.open_workstation_settings()
    settle(qtbot, open_main.tasks, dialog)
    assert_fits(dialog)
    [page] = [p for p in dialog.pages() if type(p).__name__ == "DisplayPage"]
    dialog.tabs.setCurrentWidget(page)
    page.test_button.click()  # one screen: the preview window
    display = window.devices.display.display
    qtbot.waitExposed(display)
    assert_fits(display)
    for label in display.values.values():  # the figures whole at the preview's size
        if label.isVisible():
            assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())
    display.grab().save(str(tmp_path / f"display-{lang}.png"))
    dialog.grab().save(str(tmp_path / f"devices-{lang}.png"))


# -- dialogs -----------------------------------------------------------------------------------


def _a_customer(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(Customer.id).order_by(Customer.id).limit(1))


def _first(rows: list):
    assert rows, "the demo database has none"
    return rows[0]


def _batch_range(d: Desk) -> dict[str, str]:
    batch = _first(calls.list_batches(d.db, d.actors["admin"]))
    return {"first": batch.first_no, "last": batch.last_no}


def _held_payment():
    from console.services.channels.held import HeldPayment

    return HeldPayment(1, "wechat", "4200000000000000000000000001", "99999999999999999999",
                       None, Decimal("12345.67"), Decimal("12345.00"), "amount_mismatch",
                       dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC), 1)


def _nothing(*_args: object, **_kwargs: object) -> None:
    return None


def _disconnect_plan(d: Desk):
    from console.services.arrears.disconnect import plan_disconnections

    with d.db.session() as session:  # some in arrears, some not: every kind of line
        ids = session.scalars(select(Customer.id).order_by(Customer.id).limit(8)).all()
    return plan_disconnections(d.db, d.actors["supervisor"], ids)


def _cost_control_plan(d: Desk):
    from console.services.cost_control.plan import plan_cost_control

    return plan_cost_control(d.db, d.actors["supervisor"])


def _devices(d: Desk) -> tuple:
    """The customer display and a scan router, living as long as the dialog's parent."""
    from widgets.devices.display_link import DisplayLink
    from widgets.devices.scan_router import ScanRouter
    from widgets.devices.scanner_config import ScannerConfig

    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "fit", "devices")
    return (DisplayLink("牡丹区供电营业厅", settings, d.parent, d.parent),
            ScanRouter(ScannerConfig(), parent=d.parent), settings)


def _workstation_settings(dialog: QDialog, d: Desk) -> QDialog:
    """The settings dialog with every device's tab, as the Account menu opens it."""
    from widgets.devices.counter_devices import add_device_pages

    add_device_pages(dialog, *_devices(d))  # type: ignore[arg-type]
    return dialog


def _widget_dialogs() -> dict[str, Callable[[Desk], QDialog]]:
    from widgets.admin.calendar_tab import CalendarDialog
    from widgets.admin.policy_dialog import PolicyDialog
    from widgets.admin.user_dialogs import CreateUserDialog, ResetPasswordDialog
    from widgets.arrears.cost_control_dialog import CostControlDialog
    from widgets.arrears.disconnect_dialog import DisconnectRequestDialog
    from widgets.billing.bill_run_dialog import BillRunDialog
    from widgets.billing.tariff_dialog import NewVersionDialog
    from widgets.change_password_dialog import ChangePasswordDialog
    from widgets.channels.post_dialog import PostHeldDialog
    from widgets.control.confirm_dialog import ControlConfirmDialog
    from widgets.control.reason_dialog import ReasonDialog
    from widgets.customers.purpose_dialog import PurposeDialog
    from widgets.devices.settings_dialog import WorkstationSettingsDialog
    from widgets.errors import ErrorDialog
    from widgets.inspection.dialogs import (
        ConflictsDialog,
        ExportRouteDialog,
        FindingsDialog,
        ImportResultsDialog,
    )
    from widgets.login_dialog import LoginDialog
    from widgets.messages.consent_dialog import ConsentDialog
    from widgets.payments.cashup_dialog import CashUpDialog
    from widgets.payments.dialog import PaymentDialog
    from widgets.payments.reversal_dialog import ReversalDialog
    from widgets.reports.dialog import ReportDialog
    from widgets.seals.batch_dialog import CreateBatchDialog
    from widgets.seals.issue_dialog import MoveSealsDialog
    from widgets.seals.labels_dialog import LabelsDialog
    from widgets.work_orders.dialogs import (
        AssignDialog,
        NewWorkOrderDialog,
        RatingDialog,
        ResolutionDialog,
    )
    from widgets.work_orders.satisfaction_dialog import SatisfactionSummaryDialog
    from widgets.work_orders.steps import ClosureDialog, ReplacementDialog

    def boss(d: Desk) -> LoginDesk:
        return d.desk("supervisor")

    def admin(d: Desk) -> LoginDesk:
        return d.desk("admin")

    return {
        "BillRunDialog": lambda d: BillRunDialog(boss(d), d.parent),
        "CalendarDialog": lambda d: CalendarDialog(boss(d), d.parent),
        "CashUpDialog": lambda d: CashUpDialog(boss(d), supervisor=True, parent=d.parent),
        "CostControlDialog": lambda d: CostControlDialog(_cost_control_plan(d), d.parent),
        "DisconnectRequestDialog": lambda d: DisconnectRequestDialog(_disconnect_plan(d),
                                                                     d.parent),
        "ChangePasswordDialog": lambda d: ChangePasswordDialog(
            d.desk("counter"), parent=d.parent),
        "ErrorDialog": lambda d: ErrorDialog("数据库连接中断。" * 12, "Traceback\n" * 200, d.parent),
        "ConflictsDialog": lambda d: ConflictsDialog(boss(d), d.parent),
        "ExportRouteDialog": lambda d: ExportRouteDialog(boss(d), d.parent),
        "FindingsDialog": lambda d: FindingsDialog(boss(d), d.parent),
        "ImportResultsDialog": lambda d: ImportResultsDialog(boss(d), d.parent),
        "LoginDialog": lambda d: LoginDialog(d.tasks),
        "ConsentDialog": lambda d: ConsentDialog(d.desk("counter"), d.customer_id, [], d.parent),
        "PaymentDialog": lambda d: PaymentDialog(
            d.desk("counter"), d.customer_id, parent=d.parent),
        "PostHeldDialog": lambda d: PostHeldDialog(boss(d), _held_payment(), d.parent),
        "PolicyDialog": lambda d: PolicyDialog(
            admin(d), _first(policy_admin.list_policies(d.db, d.actors["admin"])), _nothing,
            d.parent),
        "ReportDialog": lambda d: ReportDialog(
            d.desk("counter"), "statement", ReportParams(), d.parent),
        "ReversalDialog": lambda d: ReversalDialog(d.desk("counter"), _nothing, 1, "SF0001",
                                                   d.parent),
        "SatisfactionSummaryDialog": lambda d: SatisfactionSummaryDialog(
            boss(d), lambda: [], d.parent),
        "CreateBatchDialog": lambda d: CreateBatchDialog(
            admin(d), calls.list_units(d.db, d.actors["admin"]), d.parent),
        "MoveSealsDialog": lambda d: MoveSealsDialog(
            admin(d), mode="issue_unit", targets=calls.list_units(d.db, d.actors["admin"]),
            **_batch_range(d), parent=d.parent),
        "LabelsDialog": lambda d: LabelsDialog(admin(d), **_batch_range(d), parent=d.parent),
        "ControlConfirmDialog": lambda d: ControlConfirmDialog(
            boss(d), d.customer_id, parent=d.parent),
        "ReasonDialog": lambda d: ReasonDialog("拒绝", "为什么拒绝这项申请？", "拒绝", d.parent),
        "PurposeDialog": lambda d: PurposeDialog(boss(d), d.parent),
        "WorkstationSettingsDialog": lambda d: _workstation_settings(
            WorkstationSettingsDialog(boss(d), d.parent), d),
        "NewVersionDialog": lambda d: NewVersionDialog(
            admin(d), _first(tariffs.list_tariffs(d.db, d.actors["admin"])), _nothing, d.parent),
        "CreateUserDialog": lambda d: CreateUserDialog(admin(d), users.list_units(d.db),
                                                       _nothing, d.parent),
        "ResetPasswordDialog": lambda d: ResetPasswordDialog(
            admin(d), _first(users.list_users(d.db, d.actors["admin"])), _nothing, d.parent),
        "AssignDialog": lambda d: AssignDialog(boss(d), lambda: [], _nothing, "GD0001", d.parent),
        "NewWorkOrderDialog": lambda d: NewWorkOrderDialog(boss(d), _nothing, "4190000001 姜艳",
                                                           d.parent),
        "RatingDialog": lambda d: RatingDialog(boss(d), _nothing, "GD0001", d.parent),
        "ResolutionDialog": lambda d: ResolutionDialog(boss(d), _nothing, "GD0001", cancel=False,
                                                       parent=d.parent),
        "ClosureDialog": lambda d: ClosureDialog(boss(d), lambda: None, _nothing, _nothing,
                                                 "GD0001", d.parent),
        "ReplacementDialog": lambda d: ReplacementDialog(boss(d), lambda: None, _nothing,
                                                         "GD0001", d.parent),
    }


DIALOGS = _widget_dialogs()
ABSTRACT = {"FormDialog", "WorkOrderForm", "_Dialog", "_AdminDialog", "_StepDialog"}


def _dialog_classes() -> set[str]:
    for package in (widgets, widgets.seals, widgets.work_orders):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")

    def below(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return {c.__name__ for c in below(QDialog) if c.__module__.startswith("widgets.")}


def test_every_dialog_of_the_app_is_measured_here() -> None:
    assert _dialog_classes() - ABSTRACT == set(DIALOGS)


@pytest.fixture
def desk(qtbot, open_main, demo_db, actors) -> Desk:
    """A window as big as the main window opens, for the dialogs to centre over."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1200, 730)
    parent.show()
    qtbot.waitExposed(parent)
    return Desk(demo_db, open_main.tasks, actors, parent, _a_customer(demo_db))


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_each_dialog_fits_the_screen(qtbot, desk, name) -> None:
    dialog = DIALOGS[name](desk)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, desk.tasks, dialog)
    assert_fits(dialog)


def _print_dialog(parent: QWidget) -> QPrintDialog:
    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    dialog.printer_ = printer  # the dialog only points at it
    return dialog


QT_DIALOGS: dict[str, Callable[[QWidget], QDialog]] = {
    "file": lambda parent: QFileDialog(parent, "保存对账单", str(Path.home()), "PDF (*.pdf)"),
    "print": lambda parent: _print_dialog(parent),
    "message": lambda parent: QMessageBox(QMessageBox.Icon.Question, "停电申请",
                                          "申请对该户停电？" * 30, QMessageBox.StandardButton.Yes
                                          | QMessageBox.StandardButton.No, parent),
}


@pytest.mark.parametrize("name", sorted(QT_DIALOGS))
def test_qt_dialogs_fit_the_screen(qtbot, desk, name) -> None:
    dialog = QT_DIALOGS[name](desk.parent)
    if isinstance(dialog, QFileDialog):
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, desk.tasks, dialog)
    assert_fits(dialog)
