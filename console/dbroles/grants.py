"""What each PostgreSQL duty role may do, table by table.

The matrix is data so that a reader (and a test) can see a duty's rights in one place.
A value is the privileges beyond SELECT that a duty holds on a table; column lists
("UPDATE (status, version)") make the rest of the row unchangeable by that duty.
Every duty may SELECT the tables in its read set; nobody but the owner may DELETE,
except where a row is listed with DELETE (retired calendar days, trimmed password history).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

DUTIES = ("counter", "supervisor", "admin", "inspector", "collector", "reporting", "gateway")
"""The application duties; each is a NOLOGIN role `<prefix>_<duty>`."""

SIGNIN = "signin"
"""What a workstation may do before anyone has logged in: read the user it checks the
password of, count a failed login, write the audit event. Every duty but reporting
holds it too (a logged-in user changes their own password and is audited)."""

OWNER = "owner"
"""Owns the tables: the role migrations run as. It bypasses row-level security, so no
workstation should ever act as it."""

# Old password hashes and the hashes of service tokens: only signing in, changing a password
# and an administrator issuing a token touch them.
SECRET = frozenset({"password_history", "service_account"})
# The site's private signing keys: seal labels, signed notices and field packages are
# signed at these desks. The counter keeps SELECT on the private column: it prints signed
# arrears and disconnection notices (report_data.notices signs each QR), so taking it away
# would stop notices at the counter. What it reads is ciphertext under the site's key file
# (console/keywrap.py); the database login alone no longer signs as the site.
KEY_READERS = frozenset({"counter", "supervisor", "admin", "inspector"})

# The columns a reversal changes; amount, customer and receipt number are never among them.
PAYMENT_REVERSAL = "UPDATE (status, reversal_reason, reversed_at)"
# What settling or reversing a payment changes on a bill.
BILL_SETTLEMENT = "UPDATE (paid_amount, status, late_fee_charged, late_fee_paid, fee_through)"
# A switch command or a payment moves the customer's control state (versioned row).
CUSTOMER_CONTROL = "UPDATE (control_state, version)"

_SIGNIN = {
    "alembic_version": "",  # a workstation checks the schema is its own before login
    "unit": "",
    "setting": "",
    "app_user": "UPDATE (failed_logins, locked_until, last_login_at, password_hash, "
                "must_change_password, session_stamp, version)",
    "password_history": "INSERT, DELETE",
    "service_account": "UPDATE (last_used_at)",  # a service signing in with its token file
    "audit_event": "INSERT",  # append-only: no UPDATE, no DELETE for anyone but the owner
    "audit_head": "UPDATE",
}

# Taking a payment: the payment row, its allocation and ledger lines, the bills it settles,
# the receipt number, and the reconnect it may queue.
_MONEY_IN = {
    "payment": "INSERT",
    "payment_allocation": "INSERT",
    "ledger_entry": "INSERT",
    # Counter QR pay: the clerk opens and cancels an order, the gateway marks it paid.
    "channel_order": "INSERT, UPDATE (state, finished_at, transaction_id, payment_id)",
    "bill": BILL_SETTLEMENT,
    "receipt_counter": "INSERT, UPDATE",
    "receipt_print": "INSERT",  # a paper copy of the receipt came out (issue 19)
    "control_command": "INSERT, UPDATE",
    "notice": "INSERT, UPDATE",
    "prepaid_drawdown": "INSERT, UPDATE",
    "customer": CUSTOMER_CONTROL,
}

# The site's first signing key is made by whoever signs first (a label, a notice, a route),
# and after a revocation the next signature makes the new one; it is stored wrapped.
_FIRST_KEY = {"site_key": "INSERT"}

_WORK = {
    "work_order": "INSERT, UPDATE",
    "satisfaction": "INSERT, UPDATE",
    "report_document": "INSERT",
    "document_counter": "INSERT, UPDATE",
}

_FIELD = {
    "seal": "INSERT, UPDATE",
    "seal_event": "INSERT",
    "seal_scan": "INSERT",
    "seal_anomaly": "INSERT, UPDATE",
    "meter": "INSERT, UPDATE",
    "meter_change": "INSERT",
    "reading": "INSERT",
    "field_package": "INSERT, UPDATE",
    "field_package_order": "INSERT, UPDATE",
    "field_item": "INSERT, UPDATE",
    "field_attachment": "INSERT",
}

# The customer's consent to messages on a phone channel, recorded at the counter (issue 18
# item 5). The gateway and the collector only read bindings (messages they write go to them).
_CONSENT = {
    "channel_binding": "INSERT, UPDATE (address, consent_at, consent_by, withdrawn_at, "
                       "withdrawn_by)",
}

_SUPERVISION = {
    "payment": "INSERT, " + PAYMENT_REVERSAL,
    "payment_allocation": "INSERT",
    "bill": "INSERT, " + BILL_SETTLEMENT,
    "customer": "UPDATE",
    "reading_review": "INSERT, UPDATE",
    "reading": "UPDATE (quality)",  # a bill run holds a lower reading for review
    "day_close": "INSERT",
    "day_close_line": "INSERT",
    "calendar_block": "INSERT, UPDATE, DELETE",
    # Held phone payments: posted to a customer, or marked for refund / resolved.
    "channel_held": "UPDATE (state, customer_id)",
    "channel_notification": "UPDATE (outcome, payment_id)",
}

_ADMINISTRATION = {
    "unit": "INSERT, UPDATE",
    "app_user": "INSERT, UPDATE",
    "setting": "INSERT, UPDATE",
    "tariff": "INSERT, UPDATE",
    "tariff_tier": "INSERT, UPDATE, DELETE",
    "tou_period": "INSERT, UPDATE, DELETE",
    "late_fee_rule": "INSERT, UPDATE",
    "work_order_sla": "INSERT, UPDATE",
    "cost_control_policy": "INSERT, UPDATE",
    "calendar_block": "INSERT, UPDATE, DELETE",
    "site_key": "INSERT, UPDATE",
    "service_account": "INSERT, UPDATE",  # issue and revoke service tokens
    "field_device": "INSERT, UPDATE",
    "seal_batch": "INSERT, UPDATE",
    "seal": "INSERT, UPDATE",
    "seal_event": "INSERT",
    "seal_anomaly": "INSERT, UPDATE",  # an administrator's inspection opens an order too
    # Reversal past a channel's refund window.
    "payment": PAYMENT_REVERSAL,
    "payment_allocation": "UPDATE",
    "ledger_entry": "INSERT",
    "bill": BILL_SETTLEMENT,
    "receipt_counter": "INSERT, UPDATE",
    "customer": CUSTOMER_CONTROL,
}

# The collector stores readings, moves commands and meters, and (with --cost-control)
# writes notices, automatic commands and prepaid drawdown charges. Never a payment.
_COLLECTION = {
    "reading": "INSERT",
    "meter": "UPDATE (relay_state, relay_changed_at, comm_state, last_seen_at, "
             "comm_failures, comm_error, version)",
    "control_command": "INSERT, UPDATE",
    "customer": CUSTOMER_CONTROL,
    "notice": "INSERT, UPDATE",
    "prepaid_drawdown": "INSERT, UPDATE",
    "ledger_entry": "INSERT",  # prepaid drawdown charges, never a payment
}


# The payment-channel gateway (console/channels) posts a verified phone payment exactly as a
# counter does, and records the notification, its nonce, what it held and what it refused.
_CHANNELS_IN = {
    "channel_notification": "INSERT, UPDATE (outcome, payment_id)",
    "channel_nonce": "INSERT, DELETE",  # nonces too old for any replay are forgotten
    "channel_held": "INSERT",
    "channel_rejection": "INSERT",
}


def _merge(*parts: Mapping[str, str]) -> dict[str, str]:
    """Union of privilege lists; a table-wide privilege wins over the same one on columns."""
    merged: dict[str, list[str]] = {}
    for part in parts:
        for table, privileges in part.items():
            have = merged.setdefault(table, [])
            for privilege in _split(privileges):
                if privilege not in have and privilege.split(" ")[0] not in have:
                    have.append(privilege)
    return {t: ", ".join(_widest(p)) for t, p in merged.items()}


def _split(privileges: str) -> list[str]:
    """'INSERT, UPDATE (a, b)' -> ['INSERT', 'UPDATE (a, b)'] (commas inside lists kept)."""
    out, depth, word = [], 0, ""
    for ch in privileges:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            out.append(word.strip())
            word = ""
        else:
            word += ch
    return [w for w in (*out, word.strip()) if w]


def _widest(privileges: list[str]) -> list[str]:
    plain = {p for p in privileges if "(" not in p}
    return [p for p in privileges if p in plain or p.split(" ")[0] not in plain]


WRITES: dict[str, dict[str, str]] = {
    SIGNIN: dict(_SIGNIN),
    "counter": _merge(_MONEY_IN, _WORK, _FIRST_KEY, _CONSENT),
    "supervisor": _merge(_MONEY_IN, _WORK, _FIELD, _SUPERVISION, _FIRST_KEY, _CONSENT),
    "admin": _merge(_WORK, _ADMINISTRATION),
    "inspector": _merge(_WORK, _FIELD, {"customer": CUSTOMER_CONTROL}, _FIRST_KEY),
    "collector": dict(_COLLECTION),
    "reporting": {},
    "gateway": _merge(_MONEY_IN, _CHANNELS_IN),
}

# Reporting sees who did what, never how they log in.
REPORTING_USER_COLUMNS = "SELECT (id, username, full_name, role, unit_id, active, created_at)"


def statements(role: str, duty: str, tables: Iterable[str]) -> list[str]:
    """GRANT statements that give `role` exactly the duty's rights on the existing tables.

    The caller revokes everything first, so a table dropped from a duty loses its grant.
    """
    tables = sorted(tables)
    readable = [t for t in tables if t not in SECRET
                and (t != "site_key" or duty in KEY_READERS)]
    if duty == "reporting":
        readable = [t for t in readable if t != "app_user"]
    if duty == SIGNIN:
        readable = [t for t in tables if t in _SIGNIN]
    out = [f"GRANT SELECT ON TABLE {_q(t)} TO {_q(role)}" for t in readable]
    if duty == "reporting" and "app_user" in tables:
        out.append(f"GRANT {REPORTING_USER_COLUMNS} ON TABLE app_user TO {_q(role)}")
    for table, privileges in sorted(WRITES[duty].items()):
        if table in tables and privileges:
            out.append(f"GRANT {privileges} ON TABLE {_q(table)} TO {_q(role)}")
    return out


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
