"""Arrears (欠费): the list of customers with overdue bills and the panel's batch actions on them.

- disconnect: Disconnect requests from the arrears panel: first what would happen, then the
  requests.
  Public: plan_disconnections, request_disconnections.
- listing: Arrears (欠费): every customer with overdue unpaid bills, and batch actions on them.
  Public: list_arrears, first_page, change_marker, send_reminders, serve_disconnect_notices,
  request_disconnections.
- requests: Arrears batch requests recorded without the cost-control services (the fallback).
  Public: send_reminders, serve_disconnect_notices, request_disconnections.
- types: What the arrears panel shows: one row per customer in arrears, and the change marker.
"""
