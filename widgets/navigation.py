"""Which panels exist, who may open them, and their keys."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from console.services.permissions import Permission, allowed

P = Permission

translate = QCoreApplication.translate


@dataclass(frozen=True)
class PanelSpec:
    """One entry of the navigation; any one of `permissions` makes it visible."""

    key: str
    permissions: tuple[Permission, ...]
    function_key: str  # fixed per panel, so training notes hold for every role


PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("lookup", (P.LOOKUP,), "F2"),
    PanelSpec("consumption", (P.VIEW_CONSUMPTION,), "F3"),
    PanelSpec("arrears", (P.VIEW_ARREARS,), "F4"),
    PanelSpec("control", (P.REQUEST_CONTROL, P.APPROVE_CONTROL), "F6"),
    PanelSpec("seals", (P.MANAGE_SEALS, P.USE_SEALS), "F7"),
    PanelSpec("work_orders", (P.WORK_ORDERS,), "F11"),
    PanelSpec("inspection", (P.ANALYSE_THEFT, P.DISPATCH_INSPECTIONS), "F12"),
    PanelSpec("reports", (P.VIEW_REPORTS,), "F8"),
    PanelSpec("admin", (P.MANAGE_USERS,), "F9"),
)


def visible_panels(role: str) -> list[PanelSpec]:
    """The panels a role may use, in navigation order; the rest are not shown at all."""
    return [spec for spec in PANELS if any(allowed(role, p) for p in spec.permissions)]


def panel_title(key: str) -> str:
    titles = {
        "lookup": translate("Navigation", "Lookup"),
        "consumption": translate("Navigation", "Consumption"),
        "arrears": translate("Navigation", "Arrears"),
        "control": translate("Navigation", "Switch control"),
        "seals": translate("Navigation", "Seals"),
        "work_orders": translate("Navigation", "Work orders"),
        "inspection": translate("Navigation", "Theft & inspection"),
        "reports": translate("Navigation", "Reports"),
        "admin": translate("Navigation", "Administration"),
    }
    return titles[key]


def panel_description(key: str) -> str:
    """What the panel is for; the placeholder shows it until the panel is built."""
    descriptions = {
        "lookup": translate(
            "Navigation",
            "Find a customer by number, name, pinyin initials, phone, meter or "
            "address, and open the customer view: account, bills, payments and "
            "meter state."),
        "consumption": translate(
            "Navigation",
            "Consumption by day and month, this year against last, tier "
            "limits marked, and the live power curve of the meter."),
        "arrears": translate(
            "Navigation",
            "Arrears by age bucket and amount, with filters; reminders and "
            "disconnect notices served in one action."),
        "control": translate(
            "Navigation",
            "Disconnect and reconnect requests, approvals, and the state of "
            "each command until the meter confirms it."),
        "seals": translate(
            "Navigation",
            "Seal batches, labels, issue to units and installers, scan and verify "
            "seals, anomalies."),
        "work_orders": translate(
            "Navigation",
            "Meter replacements, closures, inspections, seal checks and complaints: "
            "due times, overdue orders, assignment, completion and satisfaction."),
        "inspection": translate(
            "Navigation",
            "Meters ranked by signs of electricity theft with the reasons; inspection "
            "orders for suspects; routes exported for inspectors and their results imported."),
        "reports": translate(
            "Navigation",
            "Daily collection by operator and method, arrears ageing, monthly "
            "management summary; preview and print."),
        "admin": translate(
            "Navigation",
            "Staff accounts: create, disable, reset passwords and unlock."),
        # The tabs of panels whose heading follows the tab (or the role) shown.
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
        "seals.use": translate(
            "Navigation",
            "Scan and verify seals, check them on site, record installs and removals."),
    }
    return descriptions[key]
