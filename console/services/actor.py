"""Who is acting: the logged-in staff member, or a named system process."""

from __future__ import annotations

from dataclasses import dataclass

from console.db import workstation_name

SYSTEM_ROLE = "system"
"""The role of a process acting on its own authority; no staff member holds it."""


@dataclass(frozen=True)
class Actor:
    """The caller of a service: identity, role and where they sit."""

    user_id: int | None
    username: str
    full_name: str
    role: str
    unit_id: int | None
    unit_name: str = ""
    unit_code: str = ""
    workstation: str = ""
    must_change_password: bool = False
    session_stamp: int = 0  # the user row's stamp at login: a change ends the session

    @classmethod
    def system(cls, name: str) -> Actor:
        """A process (CLI, collector, demo loader) acting on its own authority."""
        return cls(None, name, name, SYSTEM_ROLE, None, workstation=workstation_name())
