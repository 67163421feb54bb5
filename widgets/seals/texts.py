"""Translated words for the seal codes `console/` stores and returns."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def _lookup(table: dict[str, str], code: str | None) -> str:
    return table.get(code or "", code or "")


def state_name(code: str | None) -> str:
    return _lookup({
        "in_stock": translate("Seals", "In stock"),
        "issued_unit": translate("Seals", "Issued to unit"),
        "issued_person": translate("Seals", "Issued to installer"),
        "installed": translate("Seals", "Installed"),
        "removed": translate("Seals", "Removed"),
        "scrapped": translate("Seals", "Scrapped"),
        "lost": translate("Seals", "Lost"),
        "damaged": translate("Seals", "Damaged"),
    }, code)


def type_name(code: str | None) -> str:
    return _lookup({
        "lead": translate("Seals", "Lead"),
        "plastic": translate("Seals", "Plastic"),
        "electronic": translate("Seals", "Electronic"),
    }, code)


def position_name(code: str | None) -> str:
    return _lookup({
        "meter_cover": translate("Seals", "Meter cover"),
        "terminal_cover": translate("Seals", "Terminal cover"),
        "metering_box": translate("Seals", "Metering box"),
        "ct_pt": translate("Seals", "CT/PT"),
    }, code)


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
    return _lookup({
        "open": translate("Seals", "Open"),
        "assigned": translate("Seals", "Assigned"),
        "in_progress": translate("Seals", "In progress"),
        "done": translate("Seals", "Done"),
        "cancelled": translate("Seals", "Cancelled"),
    }, code)


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


SEAL_TYPES = ("plastic", "lead", "electronic")
POSITIONS = ("meter_cover", "terminal_cover", "metering_box", "ct_pt")


def finding_detail(outcome: str, detail: str) -> str:
    """The service's detail of an inspection finding, in words of the current language."""
    if outcome == "missing":
        return translate("Seals", "On record on this meter, not found")
    if outcome == "unknown":
        return translate("Seals", "No such seal on record")
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
