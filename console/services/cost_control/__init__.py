"""Smart cost control (智能费控): policies, the run that turns balances into alerts and disconnect
requests, prepaid drawdown, the calendar of days without disconnections.

- calendar_blocks: Days without disconnections: holidays and worked weekends (admins), blackouts
  (supervisors).
  Public: declare_block, list_blocks, remove_block.
- data: What the cost-control run reads: the accounts worth a look, then their facts, chunk by
  chunk.
  Public: day_start, candidate_ids, load_accounts.
- drawdown: Prepaid (智能费控) balances drawn down from readings between bills.
  Public: draw_down.
- plan: Smart cost control as a dry run: what `run_cost_control` would write now, written
  nowhere.
  Public: plan_cost_control.
- policy: Reading cost-control policies and the calendar into the plain values cost_rules
  decides from.
  Public: to_policy, load_policies, load_calendar.
- policy_admin: Cost-control policies as a rule table that administrators edit.
  Public: list_policies, update_policy, parse_time.
- run: Smart cost control (智能费控), seed paper 2.2: the run that turns balances into
  Public: run_cost_control, start_run, run_scheduled, notice_specs, alarm_rows.
"""
