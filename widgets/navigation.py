"""The panels: one table says, for each, its key, who may open it, its keys and words,
and what builds it. A new panel needs one `PanelSpec` here and nothing else.

Factories are named as "module:callable" and imported on first use, so panels may use
this module's words without an import circle, and a panel's code loads only when a user
opens it. Each factory takes the login's desk and the parent widget.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from console.services.permissions import Permission, allowed
from widgets.desk import Desk

P = Permission

translate = QCoreApplication.translate

Factory = Callable[[Desk, QWidget], QWidget]


@dataclass(frozen=True)
class PanelSpec:
    """One entry of the navigation; any one of `permissions` makes it visible."""

    key: str
    permissions: tuple[Permission, ...]
    function_key: str  # fixed per panel, so training notes hold for every role
    title: Callable[[], str]  # translated when asked: the language may change
    description: Callable[[], str]  # what the panel is for, under its title
    factory: str  # "module:callable" building the panel from (desk, parent)

    def build(self, desk: Desk, parent: QWidget) -> QWidget:
        module, _, name = self.factory.partition(":")
        make: Factory = getattr(importlib.import_module(module), name)
        return make(desk, parent)


PANELS: tuple[PanelSpec, ...] = (
    PanelSpec(
        "lookup", (P.LOOKUP,), "F2",
        lambda: translate("Navigation", "Lookup"),
        lambda: translate(
            "Navigation",
            "Find a customer by number, name, pinyin initials, phone, meter or "
            "address, and open the customer view: account, bills, payments and "
            "meter state."),
        # With the customer view's switch and work-order strips and its documents.
        "widgets.customers.lookup_panel:counter_lookup"),
    PanelSpec(
        "consumption", (P.VIEW_CONSUMPTION,), "F3",
        lambda: translate("Navigation", "Consumption"),
        lambda: translate(
            "Navigation",
            "Consumption by day and month, this year against last, tier "
            "limits marked, and the live power curve of the meter."),
        "widgets.consumption.consumption_panel:ConsumptionPanel"),
    PanelSpec(
        "arrears", (P.VIEW_ARREARS,), "F4",
        lambda: translate("Navigation", "Arrears"),
        lambda: translate(
            "Navigation",
            "Arrears by age bucket and amount, with filters; reminders and "
            "disconnect notices served in one action."),
        "widgets.arrears.panel:ArrearsPanel"),
    PanelSpec(
        # Role-aware inside: supervisors approve and reject, whoever requests control asks.
        "control", (P.REQUEST_CONTROL, P.APPROVE_CONTROL), "F6",
        lambda: translate("Navigation", "Switch control"),
        lambda: translate(
            "Navigation",
            "Disconnect and reconnect requests, approvals, and the state of "
            "each command until the meter confirms it."),
        "widgets.control.panel:ControlPanel"),
    PanelSpec(
        "held_payments", (P.REVIEW_CHANNEL_PAYMENTS,), "F10",
        lambda: translate("Navigation", "Held phone payments"),
        lambda: translate(
            "Navigation",
            "Phone payments (WeChat Pay, Alipay) the gateway could not post: post each to the "
            "right customer, or mark it for refund; refused notifications of the day."),
        "widgets.channels.panel:held_panel"),
    PanelSpec(
        # Role-aware inside: admins get batches, labels, anomalies, holdings and the count.
        "seals", (P.MANAGE_SEALS, P.USE_SEALS), "F7",
        lambda: translate("Navigation", "Seals"),
        lambda: translate(
            "Navigation",
            "Seal batches, labels, issue to units and installers, scan and verify "
            "seals, anomalies."),
        "widgets.seals.seals_panel:SealsPanel"),
    PanelSpec(
        # Role-aware through the services: whoever holds WORK_ORDERS works the list.
        "work_orders", (P.WORK_ORDERS,), "F11",
        lambda: translate("Navigation", "Work orders"),
        lambda: translate(
            "Navigation",
            "Meter replacements, closures, inspections, seal checks and complaints: "
            "due times, overdue orders, assignment, completion and satisfaction."),
        "widgets.work_orders.work_orders_panel:WorkOrdersPanel"),
    PanelSpec(
        "inspection", (P.ANALYSE_THEFT, P.DISPATCH_INSPECTIONS), "F12",
        lambda: translate("Navigation", "Theft & inspection"),
        lambda: translate(
            "Navigation",
            "Meters ranked by signs of electricity theft with the reasons; inspection "
            "orders for suspects; routes exported for inspectors and their results imported."),
        "widgets.inspection.panel:UsageInspectionPanel"),
    PanelSpec(
        "reports", (P.VIEW_REPORTS,), "F8",
        lambda: translate("Navigation", "Reports"),
        lambda: translate(
            "Navigation",
            "Daily collection by operator and method, arrears ageing, monthly "
            "management summary; preview and print."),
        "widgets.reports.panel:ReportsPanel"),
    PanelSpec(
        "admin", (P.MANAGE_USERS,), "F9",
        lambda: translate("Navigation", "Administration"),
        lambda: translate(
            "Navigation",
            "Staff accounts: create, disable, reset passwords and unlock."),
        "widgets.admin.panel:AdminPanel"),
)

_BY_KEY = {spec.key: spec for spec in PANELS}


def visible_panels(role: str) -> list[PanelSpec]:
    """The panels a role may use, in navigation order; the rest are not shown at all."""
    return [spec for spec in PANELS if any(allowed(role, p) for p in spec.permissions)]


def panel_title(key: str) -> str:
    return _BY_KEY[key].title()


def panel_description(key: str) -> str:
    """What the panel is for, or one of its tabs ("admin.tariffs") for the heading."""
    spec = _BY_KEY.get(key)
    return spec.description() if spec else _tab_descriptions()[key]


def _tab_descriptions() -> dict[str, str]:
    # The tabs of panels whose heading follows the tab (or the role) shown.
    return {
        "admin.tariffs": translate(
            "Navigation",
            "Tariffs and their versions: tier limits, time-of-use prices, valid from which day."),
        "admin.policies": translate(
            "Navigation",
            "Cost-control policies: reminder and disconnect thresholds, notice periods, quiet "
            "hours and protected categories."),
        "admin.calendar": translate(
            "Navigation",
            "Holidays and blackout days on which no disconnection is carried out."),
        "admin.security": translate(
            "Navigation",
            "How long an idle console stays open before it locks, and the rules for passwords."),
        "seals.use": translate(
            "Navigation",
            "Scan and verify seals, check them on site, record installs and removals."),
        "seals.issue": translate(
            "Navigation",
            "Issue seals to units and installers and take them back; scan and verify seals, "
            "check them on site, record installs and removals."),
    }
