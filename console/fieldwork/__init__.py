"""Offline field-inspection packages: one signed file out, one signed file back."""
