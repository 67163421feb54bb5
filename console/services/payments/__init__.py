"""Counter payments, receipts, reversals, the blind cash count and the day close.

- cash_count: The clerk's blind count of the cash drawer, kept until the supervisor closes the
  day.
  Public: record_count, latest_count, clerks_of_day.
- cashup: Day close (cash-up): the clerk counts blind, the supervisor closes the day.
  Public: day_bounds, is_day_closed, require_open_day, close_day, day_close_result.
- counter: Counter payments: what is due, posting a payment once, reversing it.
  Public: amount_due, due_in, post_payment, post_in, payment_by_key.
- operators: Who took a payment by name: the clerk, or the channel (微信支付) for one no
  person took. Public: CHANNEL_NAMES, operator_name, operator_label.
- receipts: Receipt numbers handed out by the database, and the data a printed receipt shows.
  Public: next_receipt_no, lock_counter, company_name, receipt_data.
- receipt_prints: Which receipts came out on paper, and their reprints (补打), audited.
  Public: record_receipt_printed, receipt_print_state.
- drawer: Opening the cash drawer without a sale (supervisor, with a reason, audited).
  Public: open_drawer_without_sale.
- reversals: Reversing a counter payment (supervisor, with a reason, audited).
  Public: reverse_payment.
- types: What the payment services hand to the payment dialog, the receipt and the cash-up:
  frozen values.
"""
