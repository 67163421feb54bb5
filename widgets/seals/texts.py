"""Translated words for the seal codes `console/` stores and returns (the stored
vocabularies' words are in widgets/vocabulary.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.models.enums import SealPosition, SealState, SealType, WorkOrderState, values
from widgets.vocabulary import label

translate = QCoreApplication.translate


def _lookup(table: dict[str, str], code: str | None) -> str:
    return table.get(code or "", code or "")


def state_name(code: str | None) -> str:
    return label(SealState, code)


def type_name(code: str | None) -> str:
    return label(SealType, code)


def position_name(code: str | None) -> str:
    return label(SealPosition, code)


def outcome_name(code: str | None) -> str:
    """An inspection check's finding for one seal."""
    return _lookup({
        "intact": translate("Seals", "Intact"),
        "mismatch": translate("Seals", "Mismatch — seal from elsewhere"),
        "missing": translate("Seals", "Missing — not found on the meter"),
        "unknown": translate("Seals", "Unknown — no such seal on record"),
        "forged": translate("Seals", "Forged — signature does not verify"),
        "not_a_seal": translate("Seals", "Not a seal code"),
    }, code)


def order_state_name(code: str | None) -> str:
    """The state of the work order an anomaly opened."""
    return label(WorkOrderState, code)


def anomaly_name(code: str | None) -> str:
    return _lookup({
        "mismatch": translate("Seals", "Seal from elsewhere"),
        "missing": translate("Seals", "Seal missing"),
        "unknown": translate("Seals", "Unknown seal"),
        "forged": translate("Seals", "Forged seal"),
    }, code)


COLOURS = ("红", "黄", "蓝", "绿", "白", "黑")


def colour_name(code: str | None) -> str:
    """Batches store the colour as printed on the order (红, 黄 …); English shows words."""
    return _lookup({
        "红": translate("Seals", "Red"), "黄": translate("Seals", "Yellow"),
        "蓝": translate("Seals", "Blue"), "绿": translate("Seals", "Green"),
        "白": translate("Seals", "White"), "黑": translate("Seals", "Black"),
    }, code)


SEAL_TYPES = (SealType.PLASTIC.value, SealType.LEAD.value, SealType.ELECTRONIC.value)
POSITIONS = values(SealPosition)


def finding_detail(outcome: str, detail: str) -> str:
    """The service's detail of an inspection finding, in words of the current language."""
    if outcome == "missing":
        return translate("Seals", "On record on this meter, not found")
    if outcome == "unknown":
        return translate("Seals", "No such seal on record")
    if outcome == "forged" and detail == "signed with a revoked key":
        return translate("Seals", "Signed with a revoked key: not proof of a genuine seal")
    if outcome == "forged":
        return translate("Seals", "The QR signature does not verify")
    if outcome == "mismatch" and detail.startswith("recorded as "):
        state, *where = detail.removeprefix("recorded as ").split()
        text = translate("Seals", "Recorded as {state}").format(state=state_name(state))
        if len(where) == 2:
            text += translate("Seals", ", on meter {meter} ({position})").format(
                meter=where[0], position=position_name(where[1]))
        return text
    return detail


def joined(*parts: str) -> str:
    """Parts of one value, with the list separator of the language (", " or "，")."""
    return translate("Seals", ", ").join(p for p in parts if p)
