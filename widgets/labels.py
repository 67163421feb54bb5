"""Translated names of the staff roles `console/` stores (the words are in vocabulary.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.models.enums import Role, values
from console.services.actor import SYSTEM_ROLE
from widgets.vocabulary import label


def role_name(role: str) -> str:
    """The role as staff call it (counter → 营业员)."""
    if role == SYSTEM_ROLE:
        return QCoreApplication.translate("Labels", "System")
    return label(Role, role)


ROLES = values(Role)
