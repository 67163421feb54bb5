"""Remote disconnect/reconnect control (远程停复电, seed paper 2.2): commands on a meter, requested,
approved, sent by the collector and ended.

- checks: Look-ups of switch control that refuse by name (console.services.control.commands).
  Public: decidable, command_row, active_customer, meter_of, check_relay, open_on_meter,
  check_superseded, check_choice.
- commands: Remote switch control (seed paper 2.2): requesting, approving and ending switch
  commands.
  Public: request_command, ask_for, approve_command, reject_command, cancel_command,
  retry_command, list_commands, on_payment, remind_if_missing, refused_by.
- moves: Moving a switch command from state to state, each move one audit event.
  Public: check_disconnect, auto_approve, queue, move, record.
- outlook: Whether a disconnect may go ahead now, and if not, when or after what (switch
  control).
  Public: disconnect_outlook, disconnect_outlooks, may_wait.
- queries: Read-only views of switch control for the switch control panel and the customer view.
  Public: command_queue, customer_commands, meter_detail, control_facts.
- requests: Disconnect requests for arrears: ControlCommand rows in state 'requested'.
  Public: request_disconnections, write_requests, open_disconnects, first_meters, check_batch.
- types: Values the switch-control service hands out (console.services.control.commands).
"""
