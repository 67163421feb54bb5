"""Row-level security: a duty sees and writes only the rows of the units its session names.

The application sets `griddesk.units` on each connection after login (console.dbroles.seat):
the ids of the units in the user's scope, comma-separated, or `*` for every unit (an
administrator, the collector, a reporting reader). Unset or empty means no unit: a
connection that never said whom it serves sees no customer at all.

Each table reaches its unit in one of three ways: a `unit_id` column of its own, its
customer (then the customer's own policy decides), or a parent row (a payment's allocation
through the payment, a seal's events through the seal). Policies on a parent apply inside
the check, so the customer's unit is decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

UNITS = "current_setting('griddesk.units', true)"
UNITS_SETTING = "griddesk.units"
ALL_UNITS = "*"


@dataclass(frozen=True)
class Reach:
    """How rows of `table` reach a unit: `column` is a unit id, or a key of `parent`."""

    table: str
    column: str
    parent: str = ""  # "" = the column holds the unit id
    nullable: bool = False  # a NULL key is a row of no unit (a scan of an unknown seal…)


REACHES = (
    Reach("customer", "unit_id"),
    # The customer's unit, not payment.unit_id: a service hall takes payments for the
    # stations of its county, and the station's supervisor reverses them.
    Reach("payment", "customer_id", "customer"),
    Reach("payment_allocation", "payment_id", "payment"),
    Reach("receipt_print", "payment_id", "payment"),
    Reach("ledger_entry", "customer_id", "customer"),
    Reach("bill", "customer_id", "customer"),
    Reach("notice", "customer_id", "customer"),
    Reach("control_command", "customer_id", "customer", nullable=True),
    Reach("prepaid_drawdown", "customer_id", "customer"),
    Reach("reading_review", "customer_id", "customer"),
    Reach("meter_change", "customer_id", "customer"),
    Reach("work_order", "unit_id"),
    Reach("satisfaction", "unit_id"),
    Reach("seal_batch", "unit_id"),
    Reach("seal", "unit_id"),
    Reach("seal_event", "seal_id", "seal"),
    Reach("seal_scan", "seal_id", "seal", nullable=True),
    Reach("seal_anomaly", "unit_id"),
    Reach("report_document", "unit_id"),
    Reach("field_package", "unit_id", nullable=True),
    Reach("field_package_order", "customer_id", "customer"),
    Reach("field_item", "customer_id", "customer"),
    Reach("field_attachment", "item_id", "field_item"),
    # Held phone payments: the customer's unit, or the merchant account's for an unknown one.
    Reach("channel_held", "unit_id"),
    # Scan-to-pay orders: the customer's unit, copied on the row.
    Reach("channel_order", "unit_id"),
    # A customer's message channels and consent (openids, phone numbers): personal data.
    Reach("channel_binding", "customer_id", "customer"),
)
"""Tables under row-level security. Not here: meters and readings (no personal data,
and the collector's hot path), the receipt and document counters (a hall numbers
receipts for a whole county), configuration and users (read before the login knows a
unit)."""


def unit_check(column: str) -> str:
    """True when the unit id in `column` is one the session names (or it names all)."""
    # PostgreSQL does not promise to stop at a true OR: "*" must not reach the cast. The
    # sub-selects run once per query (an InitPlan), not once per row: a 500,000-row scan
    # took 78 ms instead of 290 ms. The outer cast keeps ANY from reading a sub-query.
    setting = f"(SELECT {UNITS})"
    ids = (f"(SELECT string_to_array(nullif(nullif({UNITS}, ''), '{ALL_UNITS}'), ',')"
           "::integer[])::integer[]")
    return f"({setting} = '{ALL_UNITS}' OR {column} = ANY ({ids}))"


def row_check(reach: Reach) -> str:
    """The policy expression for one table."""
    column = f"{reach.table}.{reach.column}"
    if not reach.parent:
        check = unit_check(column)
    else:
        # A session of every unit (administrator, collector, reporting, a site-wide run)
        # skips the parent's lookup: its rows are all visible anyway, and each row of a
        # 100,000-account bill run paid for the EXISTS twice (read and write).
        check = (f"((SELECT {UNITS}) = '{ALL_UNITS}'"
                 f" OR EXISTS (SELECT 1 FROM {reach.parent} p WHERE p.id = {column}))")
    return f"({column} IS NULL OR {check})" if reach.nullable else check


def policy_name(prefix: str) -> str:
    return f"{prefix}_units"


def statements(reach: Reach, *, prefix: str, roles: list[str]) -> list[str]:
    """Idempotent: the policy is dropped and made again, so a changed rule takes effect."""
    name, check = policy_name(prefix), row_check(reach)
    return [
        f"ALTER TABLE {reach.table} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS {name} ON {reach.table}",
        f"CREATE POLICY {name} ON {reach.table} FOR ALL TO {', '.join(roles)} "
        f"USING ({check}) WITH CHECK ({check})",
    ]
