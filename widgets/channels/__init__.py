"""Phone payments (手机缴费) as a supervisor sees them (issue 18).

- labels: held reasons and refusal kinds in words.
- model: the table model of open held payments (HeldModel).
- panel: the held-payments panel: the list, refusals today, post / refund / resolved
  (HeldPanel, held_panel).
- post_dialog: choose and confirm the customer a held payment is posted to (PostHeldDialog).
"""
