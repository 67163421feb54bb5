"""Translated words for work orders: kinds, states, sources, refusals, ratings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.errors import ConsoleError
from console.models.enums import WorkOrderKind, WorkOrderSource, WorkOrderState, values
from console.models.work import COUNTER_VISIT
from console.timeutil import local_time
from widgets.errors import error_text
from widgets.vocabulary import label

translate = QCoreApplication.translate
KINDS = values(WorkOrderKind)
STATES = values(WorkOrderState)


def kind_name(code: str) -> str:
    if code == COUNTER_VISIT:
        return translate("WorkOrders", "Counter visit")
    return label(WorkOrderKind, code)


def state_name(code: str) -> str:
    return label(WorkOrderState, code)


def source_name(code: str) -> str:
    return label(WorkOrderSource, code)


def stars(rating: int | None) -> str:
    return "" if rating is None else "★" * rating + "☆" * (5 - rating)


def due_text(order) -> str:  # a WorkOrderView
    text = local_time(order.due_at)
    return translate("WorkOrders", "{time} (overdue)").format(time=text) if order.overdue \
        else text


_REASONS = {
    "lower_than_last": lambda p: translate(
        "WorkOrders", "The reading {value} is lower than the meter's last reading {last}. "
        "Check the register.").format(value=p.get("value", ""), last=p.get("last", "")),
    "not_after_last": lambda p: translate(
        "WorkOrders", "The meter has a reading at or after this time already."),
    "not_a_reading": lambda p: translate(
        "WorkOrders", "\"{value}\" is not a meter reading: type kWh with at most two "
        "decimals, e.g. 1234.56.").format(value=p.get("value", "")),
    "steps_required": lambda p: translate(
        "WorkOrders", "A meter replacement or closure is completed with its steps "
        "(readings, seals, bill)."),
    "already_open": lambda p: translate(
        "WorkOrders", "Order {order} of this kind is still open for the customer.").format(
            order=p.get("order_no", "")),
    "bad_state": lambda p: translate(
        "WorkOrders", "The order is {state} now: refresh the list.").format(
            state=state_name(str(p.get("state", "")))),
    "required": lambda p: translate("WorkOrders", "Please write what was done or why."),
    "no_meter": lambda p: translate("WorkOrders", "The customer has no meter in service."),
    "meter_busy": lambda p: translate(
        "WorkOrders", "Meter {value} is not in stock: it is installed elsewhere or removed.")
    .format(value=p.get("value", "")),
    "bad_meter": lambda p: translate(
        "WorkOrders", "The new meter needs a valid 22-digit asset number and a 12-digit "
        "address."),
    "address_taken": lambda p: translate("WorkOrders", "Another meter has address {value}.")
    .format(value=p.get("value", "")),
    "unknown_seal": lambda p: translate("WorkOrders", "There is no seal {value}.").format(
        value=p.get("value", "")),
    "seal_not_available": lambda p: translate(
        "WorkOrders", "Seal {value} cannot be installed: it is {state}.").format(
            value=p.get("value", ""), state=p.get("state", "")),
    "same_position": lambda p: translate("WorkOrders", "Two seals at one position."),
    "reading_held": lambda p: translate(
        "WorkOrders", "The final reading does not fit the meter's history; a supervisor "
        "reviews it first."),
    "final_bill_exists": lambda p: translate(
        "WorkOrders", "This month is billed already for the customer."),
    "already_rated": lambda p: translate("WorkOrders", "This order has its rating already."),
    "not_done": lambda p: translate("WorkOrders", "Only a finished order can be rated."),
    "out_of_range": lambda p: translate("WorkOrders", "Choose a rating from 1 to 5."),
}


def work_order_error(exc: BaseException) -> str:
    """The refusal in words: the work-order reasons here, everything else as usual."""
    if isinstance(exc, ConsoleError):
        reason = exc.params.get("reason")
        if reason in _REASONS:
            return _REASONS[reason](exc.params)
    return error_text(exc)
