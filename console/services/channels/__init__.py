"""Payment channels as supervisors see them (issue 18).

- orders: counter QR pay (扫码支付): create_order, order_state, cancel_order.
- held: notifications the gateway (console.channels) could not post — unknown customer,
  amount not what is due, closed account — waiting for a supervisor; refusal counts.
  Public: held_payments, rejection_counts, CHANNEL_ACTOR.
- bank_access: who may import a bank's daily batch file (代收); the posting is
  console.channels.bank_import's. Public: bank_import_unit.
- review: a supervisor posts a held payment to the customer they chose, or marks it for
  refund / resolved with a note. Public: held_target, post_held, settle_held.
"""
