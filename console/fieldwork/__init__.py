"""Offline field-inspection packages: one sealed, signed file out, one back (see package.py)."""
