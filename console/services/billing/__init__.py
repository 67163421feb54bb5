"""The monthly bill run, reviews and ledger adjustments, balances, tariffs. The pricing rules
themselves are pure, in console.billing.

- bill_run: The monthly bill run: `run_bills(db, actor, "2026-10")`, batch by batch.
  Public: run_bills.
- bulk_sql: Set-based reads and writes of many rows without the per-row ORM type machinery.
  Public: core_table, gc_paused, probe_plans, dialect_of.
- ledger: Balances derived from the ledger (payment +, charge and late fee −).
  Public: balance_of, require_reason.
- meter_changes: Bill across meter replacements: what the replaced meters advanced before the
  current one.
- reads: What pure billing decides from: a customer's open bills, the late-fee rules of a day.
  Public: open_bills, load_rules.
- review: After the bill run: readings held for review, and ledger adjustments (bills never
  change).
  Public: list_reading_reviews, adjust.
- run_data: What the bill run reads for a batch of customers: a few set-based queries per batch.
  Public: member, accounts, history, year_kwh, readings_by_id, latest_readings.
- run_inputs: Everything `bill_calc.compute` needs for each account of a bill-run batch, read
  set-wise.
  Public: batch_inputs.
- tariffs: Tariffs as data: list, create, and version them by effective date (admins).
  Public: list_tariffs, create_tariff, new_version.
"""
