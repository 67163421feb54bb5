"""Payment channels as supervisors see them (issue 18).

- held: notifications the gateway (console.channels) could not post — unknown customer,
  amount not what is due, closed account — waiting for a supervisor; refusal counts.
  Public: held_payments, rejection_counts, CHANNEL_ACTOR.
- review: a supervisor posts a held payment to the customer they chose, or marks it for
  refund / resolved with a note. Public: held_target, post_held, settle_held.
"""
