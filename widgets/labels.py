"""Translated names for the closed vocabularies that `console/` stores as codes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def role_name(role: str) -> str:
    """The role as staff call it (counter → 柜台收费员)."""
    names = {
        "counter": _tr("Counter clerk"),
        "supervisor": _tr("Supervisor"),
        "admin": _tr("Administrator"),
        "inspector": _tr("Inspector"),
        "system": _tr("System"),
    }
    return names.get(role, role)


ROLES = ("counter", "supervisor", "admin", "inspector")
