"""The audit trail's actions in words: `payment.posted` reads 缴费入账 on a Chinese screen.

Audit actions are codes the services write (`audit.record(session, actor, "payment.posted")`),
some composed from a stored vocabulary (`command.<state>`, `seal.<move>`); the test
tests/gui/test_audit_words.py finds them in console/ and holds this table to them. An
action this table does not know (a newer program's) shows as stored.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "AuditWords"

WORDS: dict[str, str] = {
    "login": QT_TRANSLATE_NOOP("AuditWords", "Signed in"),
    "login.failed": QT_TRANSLATE_NOOP("AuditWords", "Sign-in failed"),
    "session.unlocked": QT_TRANSLATE_NOOP("AuditWords", "Unlocked after the idle lock"),
    "security.policy_changed": QT_TRANSLATE_NOOP("AuditWords", "Password and session rules changed"),
    "login.refused_disabled": QT_TRANSLATE_NOOP("AuditWords", "Sign-in refused: account disabled"),
    "login.refused_locked": QT_TRANSLATE_NOOP("AuditWords", "Sign-in refused: account locked"),
    "user.created": QT_TRANSLATE_NOOP("AuditWords", "Staff account created"),
    "user.enabled": QT_TRANSLATE_NOOP("AuditWords", "Staff account enabled"),
    "user.disabled": QT_TRANSLATE_NOOP("AuditWords", "Staff account disabled"),
    "user.locked": QT_TRANSLATE_NOOP("AuditWords", "Staff account locked"),
    "user.unlocked": QT_TRANSLATE_NOOP("AuditWords", "Staff account unlocked"),
    "user.password_changed": QT_TRANSLATE_NOOP("AuditWords", "Password changed"),
    "user.password_reset": QT_TRANSLATE_NOOP("AuditWords", "Password reset"),
    "site_key.created": QT_TRANSLATE_NOOP("AuditWords", "Site signing key created"),
    "site_key.retired": QT_TRANSLATE_NOOP("AuditWords", "Site signing key retired"),
    "site_key.revoked": QT_TRANSLATE_NOOP("AuditWords", "Site signing key revoked"),
    "site_key.wrapped": QT_TRANSLATE_NOOP("AuditWords", "Site signing key encrypted at rest"),
    "customer.closed": QT_TRANSLATE_NOOP("AuditWords", "Account closed"),
    "customer.contact_revealed": QT_TRANSLATE_NOOP("AuditWords", "Full phone and ID shown"),
    "customer.viewed": QT_TRANSLATE_NOOP("AuditWords", "Customer record opened"),
    "customer.printed": QT_TRANSLATE_NOOP("AuditWords", "Document about the customer printed"),
    "customer.exported": QT_TRANSLATE_NOOP("AuditWords", "Customer data exported to a file"),
    "customer.control_state_changed": QT_TRANSLATE_NOOP("AuditWords", "Supply state changed"),
    "payment.posted": QT_TRANSLATE_NOOP("AuditWords", "Payment posted"),
    "payment.reversed": QT_TRANSLATE_NOOP("AuditWords", "Payment reversed"),
    "channel.payment_held": QT_TRANSLATE_NOOP("AuditWords", "Phone payment held for review"),
    "cash.counted": QT_TRANSLATE_NOOP("AuditWords", "Cash drawer counted"),
    "day.closed": QT_TRANSLATE_NOOP("AuditWords", "Day closed"),
    "ledger.adjusted": QT_TRANSLATE_NOOP("AuditWords", "Account adjusted"),
    "bill_run.batch": QT_TRANSLATE_NOOP("AuditWords", "Bills run"),
    "tariff.created": QT_TRANSLATE_NOOP("AuditWords", "Tariff created"),
    "tariff.versioned": QT_TRANSLATE_NOOP("AuditWords", "Tariff changed"),
    "policy.updated": QT_TRANSLATE_NOOP("AuditWords", "Cost-control policy changed"),
    "calendar_block.declared": QT_TRANSLATE_NOOP("AuditWords", "No-disconnection day declared"),
    "calendar_block.removed": QT_TRANSLATE_NOOP("AuditWords", "No-disconnection day removed"),
    "cost_control.batch": QT_TRANSLATE_NOOP("AuditWords", "Cost control run"),
    "cost_control.drawdown": QT_TRANSLATE_NOOP("AuditWords", "Prepaid balance drawn down"),
    "arrears.reminder": QT_TRANSLATE_NOOP("AuditWords", "Reminders sent from the arrears list"),
    "arrears.disconnect_notice": QT_TRANSLATE_NOOP(
        "AuditWords", "Disconnect notices served from the arrears list"),
    "arrears.disconnect_request": QT_TRANSLATE_NOOP(
        "AuditWords", "Disconnections requested from the arrears list"),
    "arrears.disconnect_requested": QT_TRANSLATE_NOOP("AuditWords", "Disconnection requested"),
    "notice.reminders": QT_TRANSLATE_NOOP("AuditWords", "Payment reminders issued"),
    "notice.disconnect_notices": QT_TRANSLATE_NOOP("AuditWords", "Disconnect notices issued"),
    "notice.reconnect_notices": QT_TRANSLATE_NOOP("AuditWords", "Reconnect notices issued"),
    "notice.final_reminder": QT_TRANSLATE_NOOP("AuditWords", "Reminder before disconnection"),
    "notice.served": QT_TRANSLATE_NOOP("AuditWords", "Notice delivered"),
    "notice.failed": QT_TRANSLATE_NOOP("AuditWords", "Notice could not be delivered"),
    "notice.reminder_requested": QT_TRANSLATE_NOOP("AuditWords", "Reminder requested"),
    "notice.alert_requested": QT_TRANSLATE_NOOP("AuditWords", "Low balance alert requested"),
    "notice.disconnect_requested": QT_TRANSLATE_NOOP("AuditWords", "Disconnect notice requested"),
    "notice.disconnect_reminder_requested": QT_TRANSLATE_NOOP(
        "AuditWords", "Disconnect reminder requested"),
    "notice.reconnect_requested": QT_TRANSLATE_NOOP("AuditWords", "Reconnect notice requested"),
    "command.requested": QT_TRANSLATE_NOOP("AuditWords", "Command requested"),
    "command.disconnect_requested": QT_TRANSLATE_NOOP("AuditWords", "Disconnection requested"),
    "command.approved": QT_TRANSLATE_NOOP("AuditWords", "Command approved"),
    "command.rejected": QT_TRANSLATE_NOOP("AuditWords", "Command rejected"),
    "command.queued": QT_TRANSLATE_NOOP("AuditWords", "Command queued"),
    "command.sent": QT_TRANSLATE_NOOP("AuditWords", "Command sent to the meter"),
    "command.confirmed": QT_TRANSLATE_NOOP("AuditWords", "Meter confirmed the command"),
    "command.failed": QT_TRANSLATE_NOOP("AuditWords", "Command failed"),
    "command.cancelled": QT_TRANSLATE_NOOP("AuditWords", "Command cancelled"),
    "command.expired": QT_TRANSLATE_NOOP("AuditWords", "Command expired"),
    "command.reclaimed": QT_TRANSLATE_NOOP("AuditWords", "Command taken back after a restart"),
    "meter.relay_changed": QT_TRANSLATE_NOOP("AuditWords", "Meter relay switched"),
    "meter.replaced": QT_TRANSLATE_NOOP("AuditWords", "Meter replaced"),
    "meter.unreachable": QT_TRANSLATE_NOOP("AuditWords", "Meter stopped answering"),
    "meter.reachable": QT_TRANSLATE_NOOP("AuditWords", "Meter answers again"),
    "seal.batch_created": QT_TRANSLATE_NOOP("AuditWords", "Seal batch created"),
    "seal.labels_reprinted": QT_TRANSLATE_NOOP("AuditWords", "Seal labels reprinted"),
    "seal.scanned": QT_TRANSLATE_NOOP("AuditWords", "Seal scanned"),
    "seal.inspected": QT_TRANSLATE_NOOP("AuditWords", "Seal inspected"),
    "seal.inspection_checked": QT_TRANSLATE_NOOP("AuditWords", "Seals checked on site"),
    "seal.inventory_counted": QT_TRANSLATE_NOOP("AuditWords", "Seal inventory counted"),
    "seal.issue_unit": QT_TRANSLATE_NOOP("AuditWords", "Seals issued to a unit"),
    "seal.issue_person": QT_TRANSLATE_NOOP("AuditWords", "Seals issued to an installer"),
    "seal.return": QT_TRANSLATE_NOOP("AuditWords", "Seals returned to stock"),
    "seal.install": QT_TRANSLATE_NOOP("AuditWords", "Seal installed"),
    "seal.remove": QT_TRANSLATE_NOOP("AuditWords", "Seal removed"),
    "seal.scrap": QT_TRANSLATE_NOOP("AuditWords", "Seal scrapped"),
    "seal.lose": QT_TRANSLATE_NOOP("AuditWords", "Seal reported lost"),
    "seal.damage": QT_TRANSLATE_NOOP("AuditWords", "Seal reported damaged"),
    "work_order.created": QT_TRANSLATE_NOOP("AuditWords", "Work order opened"),
    "work_order.assigned": QT_TRANSLATE_NOOP("AuditWords", "Work order assigned"),
    "work_order.started": QT_TRANSLATE_NOOP("AuditWords", "Work order started"),
    "work_order.done": QT_TRANSLATE_NOOP("AuditWords", "Work order completed"),
    "work_order.cancelled": QT_TRANSLATE_NOOP("AuditWords", "Work order cancelled"),
    "work_order.sla_changed": QT_TRANSLATE_NOOP("AuditWords", "Work order time limits changed"),
    "satisfaction.recorded": QT_TRANSLATE_NOOP("AuditWords", "Satisfaction recorded"),
    "field.route_exported": QT_TRANSLATE_NOOP("AuditWords", "Inspection route exported"),
    "field.results_imported": QT_TRANSLATE_NOOP("AuditWords", "Inspection results imported"),
    "field.conflict_resolved": QT_TRANSLATE_NOOP("AuditWords", "Inspection conflict settled"),
    "field.device_enrolled": QT_TRANSLATE_NOOP("AuditWords", "Field device enrolled"),
    "report.generated": QT_TRANSLATE_NOOP("AuditWords", "Report printed"),
    "demo.generated": QT_TRANSLATE_NOOP("AuditWords", "Demo data loaded"),
}


def action_words(action: str) -> str:
    """An audit action in the interface language; an unknown one as it is stored."""
    source = WORDS.get(action)
    return action if source is None else QCoreApplication.translate(CONTEXT, source)
