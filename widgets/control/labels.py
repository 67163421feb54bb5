"""Switch control in words: actions, reasons, states, the meter's failure reasons,
refusals of the workflow, and how old a command is."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from console.errors import ConsoleError
from console.models.customers import CommState
from console.models.enums import CommandAction, CommandReason, CommandState
from console.timeutil import local_time
from widgets.errors import error_text
from widgets.vocabulary import label

translate = QCoreApplication.translate

# State colours: text on the default background, so they read as well when selected.
FAILURE_INK, FAILURE_FILL = QColor("#a61b1b"), QColor("#fdecec")
OPEN_INK, DONE_INK, QUIET_INK = QColor("#8a5a00"), QColor("#1e6b34"), QColor("#6b7785")


def action_name(code: str) -> str:
    return label(CommandAction, code)


def reason_name(code: str) -> str:
    return label(CommandReason, code)


def state_name(code: str) -> str:
    return label(CommandState, code)


def comm_name(code: str) -> str:
    return label(CommState, code)


def _fault_names() -> dict[str, str]:
    return {
        "timeout": translate("Switch", "the meter did not answer in time"),
        "garbled": translate("Switch", "the meter's reply was garbled"),
        "wrong_address": translate("Switch", "another meter answered (wrong address)"),
        "connection": translate("Switch", "no connection to the meter's serial server"),
        "refused": translate("Switch", "the meter refused the command"),
        "password_wrong": translate("Switch", "the meter rejected the operator password"),
        "bad_endpoint": translate("Switch", "the meter's endpoint is not valid"),
        "not_confirmed": translate("Switch", "the meter's status word never showed the change"),
        "not_executed": translate("Switch", "the collector stopped before the meter acted"),
        "no_relay": translate("Switch", "the meter has no relay"),
        "expired": translate("Switch", "not sent in time"),
        "expired before it was sent": translate("Switch", "expired before it was sent"),
        "paid": translate("Switch", "the customer paid"),
    }


def fault_text(error: str, refused_rule: str = "", *, detail: bool = True) -> str:
    """The reason a command ended badly, in words; unknown codes are shown as stored.

    `detail` adds what the collector wrote after the code (technical, English)."""
    if refused_rule:
        return translate("Switch", "stopped by a rule: {rule}").format(
            rule=refusal_rule_text(refused_rule))
    code, _sep, rest = error.partition(": ")
    named = _fault_names().get(code) or _fault_names().get(error)
    if named is None:
        return error
    return f"{named} ({rest})" if detail and rest else named


def refusal_rule_text(rule: str) -> str:
    """Why the workflow or a policy guard refused, in words."""
    return {
        "unknown_customer": translate("Switch", "there is no such customer"),
        "customer_closed": translate("Switch", "the account is closed"),
        "no_meter": translate("Switch", "the customer has no meter in service"),
        "meter_not_in_service": translate("Switch", "the meter is not in service"),
        "meter_not_of_customer": translate("Switch", "the meter is not this customer's"),
        "no_relay": translate("Switch", "the meter has no relay to switch"),
        "meter_busy": translate("Switch", "another command is open on the meter"),
        "in_flight": translate("Switch", "a command is on its way to the meter"),
        "own_request": translate("Switch", "you cannot approve your own request: another "
                                           "supervisor must (four eyes)"),
        "expired": translate("Switch", "the request has expired"),
        "already_decided": translate("Switch", "the command was already decided"),
        "not_approved": translate("Switch", "nobody approved this disconnect"),
        "reason_required": translate("Switch", "a reason is required"),
        "reconnect_after_payment": translate(
            "Switch", "a reconnect after payment cannot be cancelled"),
        "not_retryable": translate("Switch", "only a failed or expired command can be retried"),
        "superseded": translate("Switch", "a newer command for the meter exists"),
        "unknown_command": translate("Switch", "there is no such command"),
        "protected_customer": translate("Switch", "the customer is protected"),
        "protected_category": translate("Switch", "the customer's category is protected"),
        "guarantee": translate("Switch", "the meter is under power guarantee (保电)"),
        "arrears_paid": translate("Switch", "the arrears are paid"),
        "notice_not_served": translate("Switch", "no disconnect notice was served"),
        "notice_pending": translate("Switch", "the disconnect notice is not delivered yet "
                                              "(its period starts on delivery)"),
        "notice_period": translate("Switch", "the notice period is not over"),
        "final_reminder_not_sent": translate("Switch", "the 30-minute reminder was not sent"),
        "final_reminder_wait": translate("Switch", "the 30-minute reminder period is not over"),
        "blackout": translate("Switch", "disconnections are suspended (blackout declared)"),
        "holiday": translate("Switch", "no disconnections on a public holiday"),
        "weekend": translate("Switch", "no disconnections at weekends"),
        "quiet_hours": translate("Switch", "no disconnections in quiet hours"),
        "rate_limit": translate("Switch", "the unit's hourly cap on disconnections is reached"),
        "out_of_scope": translate("Switch", "the customer is not in your units"),
        "already_disconnected": translate("Switch", "the supply is already cut off"),
        "serve_notice": translate("Switch", "no disconnect notice was served"),
        "send_final_reminder": translate("Switch", "the 30-minute reminder was not sent"),
    }.get(rule, rule)


def control_error_text(exc: BaseException) -> str:
    """A refused switch command names its rule; anything else as every panel says it."""
    if isinstance(exc, ConsoleError) and exc.code == "control_refused":
        text = translate("Switch", "Refused: {why}.").format(
            why=refusal_rule_text(str(exc.params.get("rule", ""))))
        if isinstance(ready := exc.params.get("ready_at"), dt.datetime):
            text += " " + translate("Switch", "Possible from {when}.").format(
                when=local_time(ready))
        if exc.params.get("step") == "send_final_reminder":
            text += " " + translate("Switch", "Send the 30-minute reminder with the request.")
        return text
    return error_text(exc)


def age_text(since: dt.datetime | None, now: dt.datetime) -> str:
    """How long ago, coarse enough to read at a glance: 45 s, 12 min, 3 h 05 min, 2 d."""
    if since is None:
        return ""
    seconds = max(0, int((now - since).total_seconds()))
    if seconds < 60:
        return translate("Switch", "{n} s").format(n=seconds)
    if seconds < 3600:
        return translate("Switch", "{n} min").format(n=seconds // 60)
    if seconds < 86400:
        return translate("Switch", "{h} h {m:02d} min").format(h=seconds // 3600,
                                                               m=seconds % 3600 // 60)
    return translate("Switch", "{n} d").format(n=seconds // 86400)


_UNDER_WAY = (CommandState.APPROVED, CommandState.QUEUED, CommandState.SENT)


def state_icon(state: str, *, failure: bool) -> QIcon:
    """A shape as well as a colour, so a failure is seen without telling red from green."""
    pixmap = QStyle.StandardPixmap
    style = QApplication.style()
    if failure:
        return style.standardIcon(pixmap.SP_MessageBoxCritical)
    if state == CommandState.CONFIRMED:
        return style.standardIcon(pixmap.SP_DialogApplyButton)
    if state == CommandState.REQUESTED:
        return style.standardIcon(pixmap.SP_MessageBoxQuestion)
    if state in _UNDER_WAY:
        return style.standardIcon(pixmap.SP_BrowserReload)
    return style.standardIcon(pixmap.SP_DialogCancelButton)


def state_ink(state: str, *, failure: bool) -> QColor:
    if failure:
        return FAILURE_INK
    if state == CommandState.CONFIRMED:
        return DONE_INK
    if state == CommandState.REQUESTED or state in _UNDER_WAY:
        return OPEN_INK
    return QUIET_INK
