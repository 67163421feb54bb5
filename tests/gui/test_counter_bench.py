"""The thermal counter benchmark runs end to end on a few customers (issue 19: the scan →
receipt figure with the thermal printer): every receipt printed, a drawer kick each, and
two keys after each scan."""

from __future__ import annotations

from bench import counter_rhythm


def test_the_thermal_counter_prints_every_receipt_with_two_keys_a_customer(qapp):
    result = counter_rhythm.measure_thermal(customers=3, warmup=1)
    assert (result["thermal_receipts"], result["thermal_drawer_kicks"]) == (3, 3)
    assert result["thermal_keystrokes"] == 2
    assert result["thermal_customers"] == 2 and result["thermal_scan_to_receipt_p95_s"] > 0
