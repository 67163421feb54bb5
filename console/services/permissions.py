"""Who may do what. Checked inside the services, whatever the UI shows."""

from __future__ import annotations

from enum import StrEnum

from console.errors import PermissionDenied
from console.models.enums import Role


class Permission(StrEnum):
    LOOKUP = "lookup"  # find customers, open the customer view
    VIEW_CONSUMPTION = "view_consumption"
    TAKE_PAYMENT = "take_payment"
    REVEAL_PERSONAL_DATA = "reveal_personal_data"  # full phone / ID numbers
    VIEW_ARREARS = "view_arrears"
    REQUEST_CONTROL = "request_control"
    APPROVE_CONTROL = "approve_control"
    RUN_BILLS = "run_bills"
    CLOSE_DAY = "close_day"
    REVERSE_PAYMENT = "reverse_payment"
    # An online payment past its channel's refund window (reversals.REFUND_WINDOW_DAYS).
    REVERSE_AFTER_REFUND_WINDOW = "reverse_after_refund_window"
    VIEW_REPORTS = "view_reports"
    MANAGE_SEALS = "manage_seals"
    USE_SEALS = "use_seals"  # scan, install, remove
    MANAGE_USERS = "manage_users"
    MANAGE_TARIFFS = "manage_tariffs"
    MANAGE_POLICIES = "manage_policies"
    VIEW_AUDIT = "view_audit"
    INSPECT = "inspect"  # field inspection packages
    WORK_ORDERS = "work_orders"  # open, take and complete work orders; record satisfaction
    MANAGE_KEYS = "manage_keys"  # rotate the site signing key
    DISPATCH_INSPECTIONS = "dispatch_inspections"  # export routes, import results, settle conflicts
    ANALYSE_THEFT = "analyse_theft"  # run the theft-suspicion analysis
    ALL_UNITS = "all_units"  # see and act on every unit, not only one's own and those below
    # Separation of duties in work orders and seals (issue 16 item 2): each of these used to
    # ride on WORK_ORDERS or MANAGE_SEALS, so a counter clerk could close any account.
    CLOSE_ACCOUNTS = "close_accounts"  # final bill, settlement, meter removed, customer closed
    REPLACE_METERS = "replace_meters"  # swap a customer's meter and seal the new one
    CANCEL_FIELD_ORDERS = "cancel_field_orders"  # cancel inspection and seal-check orders
    CREATE_SEAL_BATCHES = "create_seal_batches"  # new seal numbers and their (re)printed labels
    ISSUE_SEALS = "issue_seals"  # hand seals to a unit or an installer, take them back to stock
    # Kick the cash drawer with no payment (issue 19): a supervisor's, audited with a reason.
    OPEN_DRAWER = "open_drawer"
    # Money a payment channel took that its gateway held: unknown customer, amount not due.
    REVIEW_CHANNEL_PAYMENTS = "review_channel_payments"
    # A customer's consent to messages on WeChat / Alipay / SMS, and its withdrawal.
    RECORD_CONSENT = "record_consent"


P = Permission

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COUNTER: frozenset({P.LOOKUP, P.VIEW_CONSUMPTION, P.TAKE_PAYMENT, P.VIEW_REPORTS,
                             P.WORK_ORDERS, P.RECORD_CONSENT}),
    Role.SUPERVISOR: frozenset(
        {
            P.LOOKUP, P.VIEW_CONSUMPTION, P.TAKE_PAYMENT, P.REVEAL_PERSONAL_DATA,
            P.VIEW_ARREARS, P.REQUEST_CONTROL, P.APPROVE_CONTROL, P.RUN_BILLS,
            P.CLOSE_DAY, P.REVERSE_PAYMENT, P.VIEW_REPORTS, P.USE_SEALS, P.VIEW_AUDIT,
            P.WORK_ORDERS, P.DISPATCH_INSPECTIONS, P.ANALYSE_THEFT,
            P.CLOSE_ACCOUNTS, P.REPLACE_METERS, P.CANCEL_FIELD_ORDERS, P.ISSUE_SEALS,
            P.OPEN_DRAWER,
            P.REVIEW_CHANNEL_PAYMENTS, P.RECORD_CONSENT,
        }
    ),
    Role.ADMIN: frozenset(
        {
            P.LOOKUP, P.VIEW_CONSUMPTION, P.REVEAL_PERSONAL_DATA, P.VIEW_REPORTS,
            P.MANAGE_SEALS, P.USE_SEALS, P.MANAGE_USERS, P.MANAGE_TARIFFS,
            P.MANAGE_POLICIES, P.VIEW_AUDIT, P.MANAGE_KEYS, P.REVERSE_AFTER_REFUND_WINDOW,
            P.ALL_UNITS, P.CREATE_SEAL_BATCHES, P.ISSUE_SEALS,
        }
    ),
    Role.INSPECTOR: frozenset({P.LOOKUP, P.VIEW_CONSUMPTION, P.USE_SEALS, P.INSPECT,
                               P.WORK_ORDERS, P.REPLACE_METERS}),
}


def allowed(role: str, permission: Permission) -> bool:
    """False for any role we do not know (system actors are checked where they act)."""
    try:
        return permission in ROLE_PERMISSIONS.get(Role(role), frozenset())
    except ValueError:
        return False


def require(actor, permission: Permission) -> None:  # any Actor-like
    """Raise PermissionDenied unless the actor's role grants the permission."""
    if actor is None or not allowed(actor.role, permission):
        raise PermissionDenied(
            f"{getattr(actor, 'username', 'nobody')} may not {permission.value}",
            permission=permission.value,
            role=getattr(actor, "role", ""),
        )
