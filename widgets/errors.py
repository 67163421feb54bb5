"""Errors in words: ConsoleError codes to translated text, the inline message bar,
and the friendly dialog for the unexpected.

`console/` never translates; it raises errors with a code and parameters and
this module says them in the user's language.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Sequence
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console import logsetup
from console.errors import ConsoleError
from console.timeutil import local_time
from widgets.connection_hints import unavailable_text

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

LOG_LINES_SHOWN = 100



def _validation_text(exc: ConsoleError) -> str:
    # The services' messages are stable English sentences; say the known ones well.
    known = {
        "password too short":
            translate("Errors", "The password must have at least {minimum} characters."),
        "password needs letters and digits":
            translate("Errors", "The password needs both letters and digits."),
        "new password equals the old one":
            translate("Errors", "The new password must differ from the old one."),
        "password contains the user name":
            translate("Errors", "The password must not contain the user name."),
        "password used recently":
            translate("Errors", "The password must not be one of your last {count} passwords."),
        "policy value out of range":
            translate("Errors", "Please choose a value from {minimum} to {maximum}."),
        "user name: letters and digits, no spaces":
            translate("Errors", "User names use letters and digits only, without spaces."),
        "full name required": translate("Errors", "Please enter the full name."),
        "unknown role": translate("Errors", "Please choose a role."),
        "user name taken": translate("Errors", "The user name \"{value}\" is already taken."),
        "you cannot disable your own account":
            translate("Errors", "You cannot disable your own account."),
        "a reason of 1 to 200 characters is required":
            translate("Errors", "Please give a reason (at most 200 characters)."),
        "the period is YYYY-MM": translate("Errors", "Please pick a billing month."),
        "the period is not over yet":
            translate("Errors", "The month {value} is not over yet: it can be billed from "
                      "the first day of the next month."),
        "a day cannot be closed before it ends":
            translate("Errors", "A day in the future cannot be closed."),
        "select 1 to 5000 customers":
            translate("Errors", "Select between 1 and {maximum} customers."),
        "tier limits must rise and the last tier be open":
            translate("Errors", "Tier limits must be above zero and rise from tier to tier."),
        "a code (up to 20) and a name are required":
            translate("Errors", "Please enter the tariff's name."),
        "ends before it starts": translate("Errors", "The version ends before it starts."),
        "unknown message channel": translate("Errors", "Please choose WeChat, Alipay or SMS."),
        "not a mobile number":
            translate("Errors", "Please enter the customer's 11-digit mobile number."),
        "not a channel user id":
            translate("Errors", "Please enter the customer's user id on the channel (openid: "
                      "6 to 64 letters, digits, - or _), as the customer's phone shows it."),
    }
    template = known.get(exc.message)
    if template is None:
        return translate("Errors", "Please check the input: {message}").format(
            message=exc.message)
    return template.format(**{k: str(v) for k, v in exc.params.items()})


def _authentication_text(exc: ConsoleError) -> str:
    # One text for a wrong name, a wrong password and a locked account (no enumeration).
    attempts, minutes = exc.params.get("attempts"), exc.params.get("lock_minutes")
    if not isinstance(attempts, int) or not isinstance(minutes, int):
        return translate("Errors", "Wrong user name or password.")
    return translate("Errors", "Wrong user name or password. After {attempts} wrong passwords "
                     "in a row an account is locked for {minutes} minutes.").format(
                         attempts=attempts, minutes=minutes)


def _price_text(exc: ConsoleError) -> str:
    p = exc.params
    texts = {
        "too_many_decimals": translate(
            "Errors", "The price {value} has more than four decimals, e.g. 0.5469."),
        "above_ceiling": translate(
            "Errors", "The price {value} is above {ceiling} yuan per kWh. Check for a typing "
                      "error."),
    }
    template = texts.get(str(p.get("reason")), translate(
        "Errors", "The price {value} is not valid: type yuan per kWh above zero, e.g. 0.5469."))
    return template.format(value=p.get("value", ""), ceiling=p.get("ceiling", ""))


def _overlap_text(exc: ConsoleError) -> str:
    p = exc.params
    if p.get("other_to"):
        return translate(
            "Errors", "Tariff {code} already has a version valid from {start} to {end}: "
            "choose a later day.").format(
                code=p.get("code", ""), start=p.get("other_from", ""), end=p.get("other_to"))
    return translate(
        "Errors", "Tariff {code} already has a version valid from {start}: "
        "choose a day after {start}.").format(code=p.get("code", ""),
                                              start=p.get("other_from", ""))


def _amount_text(exc: ConsoleError) -> str:
    p = exc.params
    if str(p.get("field", "")).endswith("price"):
        return _price_text(exc)
    what = (translate("Errors", "The amount tendered") if p.get("field") == "tendered"
            else translate("Errors", "The amount"))
    texts = {
        "negative": translate("Errors", "{what} cannot be negative."),
        "zero": translate("Errors", "{what} must be more than 0.00 yuan."),
        "not_finite": translate("Errors", "{what} must be a real number of yuan."),
        "too_many_decimals": translate(
            "Errors", "{what} has more than two decimals: yuan and fen only, e.g. 98.62."),
        "not_a_number": translate(
            "Errors", "{what} “{value}” is not a number. Type yuan and fen, e.g. 98.62."),
        "not_exact": translate("Errors", "{what} must be typed exactly, e.g. 98.62."),
        "above_ceiling": translate(
            "Errors", "{what} is above the limit of {ceiling} yuan for one payment. "
            "Check for a typing error."),
        "less_than_amount": translate(
            "Errors", "The amount tendered is less than the amount to pay."),
    }
    reason = str(p.get("reason"))
    if reason == "not_a_number" and not str(p.get("value", "")).strip():
        # Enter on an empty box (a customer who owes nothing): ask, don't call "" a number.
        texts["not_a_number"] = translate("Errors", "Type {what_lower}, e.g. 98.62.")
    template = texts.get(reason, translate("Errors", "{what} is not valid."))
    what_lower = (translate("Errors", "the amount tendered") if p.get("field") == "tendered"
                  else translate("Errors", "the amount to pay"))
    return template.format(what=what, what_lower=what_lower, value=p.get("value", ""),
                           ceiling=p.get("ceiling", ""))


def _not_reversible_text(exc: ConsoleError) -> str:
    if exc.params.get("why") == "reversed":
        return translate("Errors", "This payment has been reversed already.")
    if exc.params.get("why") == "own_payment":
        return translate("Errors", "You took this payment yourself: another supervisor must "
                         "reverse it. Nothing was changed.")
    if exc.params.get("why") == "refund_window":
        return translate(
            "Errors", "This online payment is older than its channel's refund window of {days} "
            "days: the channel can no longer refund it. Only an administrator can reverse it "
            "now.").format(days=exc.params.get("days", ""))
    return translate("Errors", "A later payment settled the same bills: reverse that one first.")


def _billing_texts(exc: ConsoleError) -> dict[str, Callable[[], str]]:
    p = exc.params
    return {
        "invalid_amount": lambda: _amount_text(exc),
        "account_closed": lambda: translate(
            "Errors", "The account is closed: it cannot take payments."),
        "day_closed": lambda: translate(
            "Errors", "The cash-up of {day} is done: payments of that day can no longer be "
            "taken or changed.").format(day=p.get("day", "")),
        "payment_not_reversible": lambda: _not_reversible_text(exc),
        "idempotency_conflict": lambda: translate(
            "Errors", "This payment was already posted with other figures. Close the dialog, "
            "check the customer's payments and start again."),
        "period_already_billed": lambda: translate(
            "Errors", "{period} is billed already: every account has its bill.").format(
                period=p.get("period", "")),
    }


def _out_of_scope_text(exc: ConsoleError) -> str:
    """What is outside the user's units, in the words of the object refused."""
    kinds = {"customer": translate("Errors", "This customer"), "meter": translate("Errors", "This meter"),
             "seal": translate("Errors", "This seal"), "payment": translate("Errors", "This payment"),
             "work_order": translate("Errors", "This work order"),
             "batch": translate("Errors", "This seal batch"),
             "package": translate("Errors", "This inspection route"),
             "field_item": translate("Errors", "This inspection result"),
             "user": translate("Errors", "This staff member"),
             "unit": translate("Errors", "This supply unit"),
             "notice": translate("Errors", "This notice"),
             "notice_no": translate("Errors", "This notice"),
             "payment_key": translate("Errors", "This payment"),
             "customer_no": translate("Errors", "This customer"),
             "document": translate("Errors", "This document"),
             "command": translate("Errors", "This switch command"),
             "calendar_block": translate("Errors", "This calendar block"),
             "policy": translate("Errors", "This policy")}
    if exc.params.get("entity") == "unit":
        return translate("Errors", "This supply unit is outside your own unit and the units "
                         "below it; you can only see and act on those.")
    if exc.params.get("entity") == "all_units":  # a block or policy of every unit
        return translate("Errors", "This holds for every supply unit; only a user who sees "
                         "every unit may change it. Choose your own unit instead.")
    what = kinds.get(str(exc.params.get("entity")), translate("Errors", "This record"))
    return translate("Errors", "{what} belongs to another supply unit; you can only see and "
                     "act on your own unit and the units below it.").format(what=what)


def _duty_text(exc: ConsoleError) -> str:
    """A right kept apart from others (issue 16 item 2): say who holds it."""
    duties = {
        "close_accounts": lambda: translate(
            "Errors", "Closing an account is a supervisor's task. The closure order stays open "
            "for a supervisor to carry out; nothing was changed."),
        "replace_meters": lambda: translate(
            "Errors", "Replacing a meter is done by an inspector or a supervisor. The order "
            "stays open; nothing was changed."),
        "cancel_field_orders": lambda: translate(
            "Errors", "Only a supervisor may cancel an inspection or seal-check order; nothing "
            "was changed."),
        "create_seal_batches": lambda: translate(
            "Errors", "Only an administrator may create seal batches or print their labels."),
        "open_drawer": lambda: translate(
            "Errors", "Only a supervisor may open the cash drawer without a payment; nothing "
            "was opened."),
        "issue_seals": lambda: translate(
            "Errors", "Issuing seals or taking them back to stock needs a supervisor or an "
            "administrator."),
    }
    maker = duties.get(str(exc.params.get("permission")))
    return maker() if maker else translate("Errors", "Your role does not allow this action.")


def _key_text(exc: ConsoleError) -> str:
    """The site's signing key is locked: the key file is missing, damaged or another site's."""
    path = str(exc.params.get("path") or "")
    if exc.params.get("kind") == "route":
        return translate("Errors", "The key file {path} does not open this route's results "
                         "(missing, damaged or another site's). Nothing was imported; ask the "
                         "administrator for the site's key file.").format(path=path)
    if exc.params.get("reason") == "wrong_kek":
        return translate("Errors", "The key file {path} does not unlock the site's signing key: "
                         "it belongs to another site or was replaced. Nothing was signed; ask "
                         "the administrator for the site's key file.").format(path=path)
    return translate("Errors", "The site's key file {path} is missing or damaged, so nothing "
                     "can be signed on this workstation. Ask the administrator to copy the "
                     "site's key file there.").format(path=path)


def _text_for_code(exc: ConsoleError) -> str | None:
    p = exc.params
    texts = {
        "account_locked": lambda: translate(
            "Errors", "This account is locked after too many wrong passwords until {until}. "
            "Ask an administrator to unlock it.").format(until=local_time(p.get("until"))),
        "account_disabled": lambda: translate(
            "Errors", "This account is disabled. Please contact your administrator."),
        "permission_denied": lambda: _duty_text(exc),
        "out_of_scope": lambda: _out_of_scope_text(exc),
        "session_ended": lambda: translate(
            "Errors", "Your account was disabled or changed by an administrator. Please sign in "
            "again.") if p.get("reason") == "changed" else translate(
            "Errors", "Your account was disabled by an administrator. Nothing was saved."),
        "password_change_required": lambda: translate(
            "Errors", "Please change your password before you go on."),
        "validation": lambda: _validation_text(exc),
        "not_found": lambda: translate(
            "Errors", "The record was not found; it may have been removed."),
        "concurrent_update": lambda: translate(
            "Errors", "Another workstation changed this record meanwhile. Refresh and try again."),
        "database_read_only": lambda: translate(
            "Errors", "The database {where} is read-only. GridDesk records every sign-in and "
            "every change in it, so nobody can sign in. Ask the administrator for write access "
            "to the database (for a file: to the file and its folder).").format(
                where=p.get("where") or ""),
        "database_unavailable": lambda: unavailable_text(p),
        "schema_outdated": lambda: translate(
            "Errors", "The database is older than this program. Ask the administrator to run "
            "“python -m console db upgrade --db URL” and start again."),
        "database_not_empty": lambda: translate(
            "Errors", "The database already holds data; it was left unchanged."),
        "authentication_failed": lambda: _authentication_text(exc),
        "tariff_overlap": lambda: _overlap_text(exc),
        "key_protection": lambda: _key_text(exc),
        **_billing_texts(exc),
    }
    maker = texts.get(exc.code)
    return maker() if maker else None


def error_text(exc: BaseException) -> str:
    """What to tell the user about `exc`, in their language."""
    if isinstance(exc, ConsoleError):
        return _text_for_code(exc) or exc.message
    return translate("Errors", "Unexpected error: {kind}").format(kind=type(exc).__name__)


class MessageBar(QWidget):
    """An inline, dismissable message above a form or table: error, success or info.

    With `reserve_space` the bar keeps its place (one line high) while no message shows:
    a message appearing or vanishing by itself then never shifts the table under the
    user's cursor."""

    class Kind(Enum):
        ERROR = "error"
        SUCCESS = "success"
        INFO = "info"

    def __init__(self, parent: QWidget | None = None, *, reserve_space: bool = False) -> None:
        super().__init__(parent)
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        if reserve_space:
            self._reserve_one_line()
        self.hide()

    def _reserve_one_line(self) -> None:
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        margins = self.layout().contentsMargins()
        line = max(self.label.fontMetrics().lineSpacing(), self.close_button.height())
        self.setMinimumHeight(line + margins.top() + margins.bottom() + 2)  # + the border

    def _build_ui(self) -> None:
        self.setObjectName("MessageBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton("×", self)
        self.close_button.setObjectName("MessageBarClose")
        self.close_button.setFlat(True)
        self.close_button.setFixedSize(22, 22)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 6, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)

    def _connect_signals(self) -> None:
        self.close_button.clicked.connect(self.clear)
        self._hide_timer.timeout.connect(self.clear)

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(self.tr("Dismiss"))

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisibleTo(self.parentWidget()) else ""

    def show_message(self, text: str, kind: MessageBar.Kind = Kind.INFO, *,
                     rich: bool = False) -> None:
        """`rich`: the text is our own markup (its untrusted parts escaped by the caller).
        Qt 6 takes a text for rich only when it starts with a tag, so a sentence with a
        bold receipt number in the middle showed its <b> tags."""
        self._hide_timer.stop()
        self.label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.AutoText)
        self.setProperty("kind", kind.value)
        # A dynamic property only restyles after an unpolish/polish.
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.show()

    def show_error(self, exc: BaseException | str) -> None:
        self.show_message(exc if isinstance(exc, str) else error_text(exc), self.Kind.ERROR)
        if not isinstance(exc, (str, ConsoleError)):
            log.error("unexpected error", exc_info=exc)

    def show_success(self, text: str, *, timeout_ms: int = 6000) -> None:
        self.show_message(text, self.Kind.SUCCESS)
        self._hide_timer.start(timeout_ms)

    def clear(self) -> None:
        self._hide_timer.stop()
        self.label.clear()
        self.hide()


class ErrorDialog(QDialog):
    """A friendly summary with the technical details and the last log lines folded away,
    and a button that copies all of it for the administrator."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None, *,
                 log_lines: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self._summary, self._details, self._log = summary, details, "\n".join(log_lines)
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.summary_label = QLabel(self._summary, self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("ErrorSummary")
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.details_button = QPushButton(self)
        self.details_button.setCheckable(True)
        self.details_edit = self._text_box(self._details, 180)
        self.log_label = QLabel(self)
        self.log_edit = self._text_box(self._log, 140)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details_edit, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(self.log_edit, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._on_details_button_toggled(False)

    def _text_box(self, text: str, height: int) -> QPlainTextEdit:
        box = QPlainTextEdit(text, self)
        box.setReadOnly(True)
        box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        box.setMinimumHeight(height)
        return box

    def _connect_signals(self) -> None:
        self.details_button.toggled.connect(self._on_details_button_toggled)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("GridDesk — something went wrong"))
        self.hint_label.setText(self.tr(
            "Your data is safe; the action did not complete. If it happens again, press "
            "“Copy report” and send it to your administrator."))
        self.log_label.setText(self.tr("Recent log lines (phone and ID numbers masked):"))
        self.copy_button.setText(self.tr("Copy report"))
        self._on_details_button_toggled(self.details_button.isChecked())

    def report_text(self) -> str:
        """What "Copy report" puts on the clipboard: summary, details and the log."""
        return "\n\n".join((self._summary, self._details, self.log_label.text(), self._log))

    def _on_details_button_toggled(self, shown: bool) -> None:
        for widget in (self.details_edit, self.log_label, self.log_edit):
            widget.setVisible(shown)
        if shown:  # the newest lines matter most
            self.log_edit.verticalScrollBar().setValue(self.log_edit.verticalScrollBar().maximum())
        self.details_button.setText(self.tr("Hide details") if shown else self.tr("Show details"))

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.copy_button.setText(self.tr("Copied"))


_open_dialogs: set[ErrorDialog] = set()


def show_error(parent: QWidget | None, exc: BaseException, *, logged: bool = False) -> ErrorDialog:
    """Log `exc` (unless `logged` already) and show it in a friendly, non-blocking dialog."""
    if not logged and not isinstance(exc, ConsoleError):
        log.error("unexpected error", exc_info=exc)
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    dialog = ErrorDialog(error_text(exc), details, parent,
                         log_lines=logsetup.recent_lines(LOG_LINES_SHOWN))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    # Without a parent nothing else holds the wrapper: keep it until it closes.
    _open_dialogs.add(dialog)
    dialog.finished.connect(lambda _result: _open_dialogs.discard(dialog))
    dialog.open()
    return dialog
