"""Notices to customers (reminders, balance alerts, disconnect and reconnect notices) and the
outbox that hands them to their channel.

- issue: Notices to customers: reminders (催费通知单), balance alerts, disconnect notices
  Public: send_reminders, serve_disconnect_notices, send_reconnect_notices, disconnect_spec,
  send_final_reminder, write_notices, live_disconnect_notices, set_state.
- outbox: The notice outbox: pending notices handed to their channel's sender, at least once.
  Public: deliver_pending, mark_served.
"""
