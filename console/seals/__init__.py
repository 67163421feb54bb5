"""Seal logic without a database: the QR payload and the lifecycle rules."""
