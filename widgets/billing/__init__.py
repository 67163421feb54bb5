"""Billing in the GUI: the bill run dialog and the tariffs panel with its dialog."""
