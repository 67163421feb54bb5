"""The demo logins: fixed, documented passwords so a newcomer can sign in at once."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import Connection, insert

from console.demo.reference import UnitRow, build_units
from console.models import User

DEMO_PASSWORD = "Griddesk2026"


@dataclass(frozen=True)
class DemoAccount:
    """A login of the demo database, shown on the login dialog."""

    username: str
    password: str
    role: str
    full_name: str
    unit_name: str


# (username, role, full name, unit code): counters at halls and stations,
# supervisors at county companies (two at 37410), admins at the city company.
_ACCOUNTS = (
    ("counter1", "counter", "王芳", "37419"),
    ("counter2", "counter", "李娜", "37429"),
    ("counter3", "counter", "张秀兰", "37439"),
    ("counter4", "counter", "刘洋", "37449"),
    ("counter5", "counter", "孙静", "37459"),
    ("counter6", "counter", "赵敏", "37469"),
    ("counter7", "counter", "陈丽", "37479"),
    ("counter8", "counter", "杨帆", "37489"),
    ("counter9", "counter", "周婷", "37499"),
    ("counter10", "counter", "黄丽娟", "37411"),
    ("supervisor1", "supervisor", "陈建国", "37410"),
    ("supervisor2", "supervisor", "杨志强", "37430"),
    ("supervisor3", "supervisor", "孔德明", "37470"),
    ("admin1", "admin", "周伟", "37401"),
    ("admin2", "admin", "吴海燕", "37401"),
    ("inspector1", "inspector", "马强", "37412"),
    ("inspector2", "inspector", "徐磊", "37432"),
    ("inspector3", "inspector", "朱军", "37461"),
    # A second supervisor beside supervisor1, so one can approve the other's
    # disconnect request (four eyes). Last in the list: the others keep their ids.
    ("supervisor4", "supervisor", "韩卫东", "37410"),
)
_UNIT_NAMES = {u.code: u.name for u in build_units()}

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = tuple(
    DemoAccount(u, DEMO_PASSWORD, role, name, _UNIT_NAMES[code]) for u, role, name, code in _ACCOUNTS
)


def password_hash(seed: int) -> str:
    """One argon2id hash shared by every demo login.

    All demo accounts have the same password; hashing it once (with a salt from
    the seed) keeps a 3000-customer start fast and the output reproducible.
    """
    salt = hashlib.sha256(f"griddesk-demo-{seed}".encode()).digest()[:16]
    return PasswordHasher().hash(DEMO_PASSWORD, salt=salt)


def insert_users(conn: Connection, units: list[UnitRow], seed: int,
                 setup_at: dt.datetime) -> dict[str, int]:
    """Write the demo logins, created at `setup_at`; returns user id by username."""
    by_code = {u.code: u.id for u in units}
    hashed = password_hash(seed)
    rows: list[dict[str, Any]] = [
        {"id": i + 1, "username": u, "full_name": name, "role": role, "unit_id": by_code[code],
             "password_hash": hashed, "active": True, "failed_logins": 0, "must_change_password": False,
             "created_at": setup_at, "version": 1}
        for i, (u, role, name, code) in enumerate(_ACCOUNTS)
    ]
    conn.execute(insert(User), rows)
    return {r["username"]: r["id"] for r in rows}


def counter_by_county(units: list[UnitRow], user_ids: dict[str, int]) -> dict[int, int]:
    """The counter clerk of each county's service hall: who takes cash there."""
    county_of = {u.code: u.county for u in units}
    return {county_of[code]: user_ids[u] for u, role, _n, code in _ACCOUNTS
            if role == "counter" and code.endswith("9")}


def fitter_by_county(units: list[UnitRow], user_ids: dict[str, int]) -> dict[int, int]:
    """The inspector of each county who carries seals for fitting."""
    county_of = {u.code: u.county for u in units}
    return {county_of[code]: user_ids[u] for u, role, _n, code in _ACCOUNTS if role == "inspector"}
