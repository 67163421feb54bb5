"""Expected failures the user can act on.

`console/` never translates: each error carries a stable `code` and its
parameters; widgets and the CLI turn them into text in the user's language.
"""

from __future__ import annotations


class ConsoleError(Exception):
    """Base of every expected, user-facing failure."""

    code = "error"

    def __init__(self, message: str = "", **params: object) -> None:
        super().__init__(message or self.code)
        self.params = params

    @property
    def message(self) -> str:
        return str(self.args[0])


class ValidationError(ConsoleError):
    code = "validation"


class NotFound(ConsoleError):
    code = "not_found"


class PermissionDenied(ConsoleError):
    code = "permission_denied"


class OutOfScope(PermissionDenied):
    """The object belongs to a unit outside the acting user's (issue 16)."""

    code = "out_of_scope"


class SessionEnded(ConsoleError):
    """The account was disabled or changed since login: log in again."""

    code = "session_ended"


class PasswordChangeRequired(ConsoleError):
    """The password must be changed before anything else."""

    code = "password_change_required"


class AuthenticationFailed(ConsoleError):
    code = "authentication_failed"


class AccountLocked(ConsoleError):
    code = "account_locked"


class AccountDisabled(ConsoleError):
    code = "account_disabled"


class ConcurrentUpdate(ConsoleError):
    """Another workstation changed the row since it was read."""

    code = "concurrent_update"


class DatabaseUnavailable(ConsoleError):
    """The database cannot be reached, opened, or is not a GridDesk database."""

    code = "database_unavailable"


class DatabaseReadOnly(DatabaseUnavailable):
    """The database can be read but not written (a read-only file or server), so nobody
    can sign in: every login writes its audit event. params: where, detail."""

    code = "database_read_only"


class DatabaseNotEmpty(ConsoleError):
    code = "database_not_empty"


class SchemaOutdated(ConsoleError):
    """The database schema is older than this program: run `db upgrade`."""

    code = "schema_outdated"


# Billing and counter payments. Each is a ValidationError (the UI may treat
# them alike) with its own code; `params` say what and why.


class InvalidAmount(ValidationError):
    """An amount that is not a positive, finite yuan value with at most two decimals,
    or above the ceiling. params: field, value, reason."""

    code = "invalid_amount"


class AccountClosed(ValidationError):
    code = "account_closed"


class DayClosed(ValidationError):
    """The operator's day is cashed up: its payments cannot change. params: operator_id, day."""

    code = "day_closed"


class PaymentNotReversible(ValidationError):
    """Already reversed, or a later payment settled the same bills. params: payment_id, why."""

    code = "payment_not_reversible"


class IdempotencyConflict(ValidationError):
    """The idempotency key was used for a different payment. params: key."""

    code = "idempotency_conflict"


class PeriodAlreadyBilled(ValidationError):
    """Every account of the period has its bill. params: period, bills."""

    code = "period_already_billed"


class TariffOverlap(ValidationError):
    """Another version of the tariff code is valid on some of the same days.
    params: code, other_from, other_to."""

    code = "tariff_overlap"


class ControlRefused(ValidationError):
    """A switch command refused, nothing written. params: rule (unknown_customer,
    customer_closed, no_meter, meter_not_in_service, meter_not_of_customer,
    no_relay, meter_busy, in_flight, own_request, expired, already_decided, reason_required,
    reconnect_after_payment, not_retryable, superseded, unknown_command, the collector's
    not_approved, or a control_guards.Guard such as notice_period or blackout),
    and what it concerned."""

    code = "control_refused"
