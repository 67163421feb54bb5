"""Payment channels as supervisors see them (issue 18).

- orders: counter QR pay (扫码支付): create_order, order_state, cancel_order.
- held: notifications the gateway (console.channels) could not post — unknown customer,
  amount not what is due, closed account — waiting for a supervisor; refusal counts.
  Public: held_payments, rejection_counts.
"""
