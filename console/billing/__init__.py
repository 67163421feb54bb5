"""Billing arithmetic that needs no database: tiers, late fees."""
