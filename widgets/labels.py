"""Translated names for the closed vocabularies that `console/` stores as codes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def role_name(role: str) -> str:
    """The role as staff call it (counter → 营业员)."""
    names = {
        "counter": translate("Labels", "Counter clerk"),
        "supervisor": translate("Labels", "Supervisor"),
        "admin": translate("Labels", "Administrator"),
        "inspector": translate("Labels", "Inspector"),
        "system": translate("Labels", "System"),
    }
    return names.get(role, role)


ROLES = ("counter", "supervisor", "admin", "inspector")
