"""Payment channels as supervisors see them (issue 18).

- held: notifications the gateway (console.channels) could not post — unknown customer,
  amount not what is due, closed account — waiting for a supervisor; refusal counts.
  Public: held_payments, rejection_counts.
- bank_import: a bank's verified daily batch file (代收) posted record by record like phone
  payments, held where they would be. Public: bank_import_unit, post_bank_batch.
"""
