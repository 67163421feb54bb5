"""The demo's one field device: inspector1's tablet, enrolled when the demo is loaded.

Routes are sealed for an inspector's enrolled device (console/services/inspection/
devices.py); without one, a supervisor's route export in the embedded demo ends in a
hint to run the command line. So the demo enrols a device for inspector1, as an
administrator would with `python -m console inspection enrol-device`.

Its private key is derived from the demo's seed instead of drawn at random, so the same
seed gives the same rows (tests/demo) and the demo's stand-in device (`python -m console
inspection demo-results`) can open the routes without a key file lying about. Anyone who
knows the seed can then open what is sealed for it — acceptable ONLY because demo data
is invented: no real person's address ever goes out sealed for this key. A real device
is enrolled with a random key whose private half leaves the site on the device alone;
enrolling one for inspector1 retires this one.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import Connection, insert

from console.fieldwork.sealing import BoxKey
from console.models import FieldDevice

DEMO_INSPECTOR = "inspector1"


def demo_device_key(seed: int) -> BoxKey:
    """The demo device's X25519 private key for `seed` (any 32 bytes are a valid key)."""
    return BoxKey(hashlib.sha256(f"griddesk-demo-field-device-{seed}".encode()).digest())


def insert_device(conn: Connection, seed: int, user_ids: dict[str, int],
                  enrolled_at: dt.datetime) -> None:
    """Enrol the demo device for inspector1, by admin1, at `enrolled_at`."""
    key = demo_device_key(seed)
    conn.execute(insert(FieldDevice), [{
        "id": 1, "key_id": key.key_id, "public_key": key.public_key,
        "user_id": user_ids[DEMO_INSPECTOR], "enrolled_by": user_ids["admin1"],
        "enrolled_at": enrolled_at, "retired_at": None}])
