"""Translated words for work orders: kinds, states, sources, refusals, ratings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.errors import ConsoleError
from console.timeutil import local_time
from widgets.errors import error_text

translate = QCoreApplication.translate
KINDS = ("meter_replacement", "account_closure", "new_connection", "inspection", "seal_check",
         "complaint")
STATES = ("open", "assigned", "in_progress", "done", "cancelled")


def kind_name(code: str) -> str:
    return {
        "meter_replacement": translate("WorkOrders", "Meter replacement"),
        "account_closure": translate("WorkOrders", "Account closure"),
        "new_connection": translate("WorkOrders", "New connection"),
        "inspection": translate("WorkOrders", "Usage inspection"),
        "seal_check": translate("WorkOrders", "Seal anomaly check"),
        "complaint": translate("WorkOrders", "Complaint or enquiry"),
        "counter_visit": translate("WorkOrders", "Counter visit"),
    }.get(code, code)


def state_name(code: str) -> str:
    return {
        "open": translate("WorkOrders", "Open"),
        "assigned": translate("WorkOrders", "Assigned"),
        "in_progress": translate("WorkOrders", "In progress"),
        "done": translate("WorkOrders", "Done"),
        "cancelled": translate("WorkOrders", "Cancelled"),
    }.get(code, code)


def source_name(code: str) -> str:
    return {
        "counter": translate("WorkOrders", "Counter"),
        "seal_engine": translate("WorkOrders", "Seal check"),
        "cost_control": translate("WorkOrders", "Cost control"),
        "analysis": translate("WorkOrders", "Theft analysis"),
        "inspection": translate("WorkOrders", "Field inspection"),
        "system": translate("WorkOrders", "System"),
    }.get(code, code)


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
