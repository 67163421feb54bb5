"""Seals in the GUI: scan and verify, inspection check, batches, labels, inventory."""
