"""Deterministic demo data: a Heze-like county supply company, fast enough for a million customers.

    result = generate(engine, customers=3000, seed=1)   # as of today (or as_of=DATE)

Logins are DEMO_ACCOUNTS (every password is `Griddesk2026`).
"""

from console.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount
from console.demo.loader import DemoInfo, DemoResult, demo_info, generate

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoAccount", "DemoInfo", "DemoResult", "demo_info",
           "generate"]
