"""What theft reasons, findings, conflicts and package problems say, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.errors import ConsoleError
from console.services.inspection.theft import Reason
from widgets.errors import error_text

translate = QCoreApplication.translate


def reason_text(reason: Reason) -> str:
    f = reason.figures
    texts = {
        "drop": lambda: translate(
            "Theft", "use fell {drop}% for {days} days: {before} → {after} kWh/day "
            "(similar customers {peers} kWh/day)").format(
                drop=f["drop_pct"], days=f["days_low"], before=f["baseline_kwh_day"],
                after=f["recent_kwh_day"], peers=f["peer_kwh_day"]),
        "near_zero": lambda: translate(
            "Theft", "almost no use ({kwh} kWh/day for {days} days) with the relay closed").format(
                kwh=f["kwh_per_day"], days=f["days"]),
        "reverse_energy": lambda: translate(
            "Theft", "reverse energy: {negative} readings with negative power, {down} register "
            "decreases").format(negative=f["negative_power_readings"],
                                down=f["register_decreases"]),
        "phase_imbalance": lambda: translate(
            "Theft", "phase currents unbalanced in {share}% of {readings} readings").format(
                share=f["share_pct"], readings=f["readings"]),
        # A count after a colon needs no plural (lupdate marks translate() plurals
        # only for a literal count, so "%n seal(s)" would stay "(s)" in English).
        "seal_anomaly": lambda: translate(
            "Theft", "seals found broken or lost this year: {count}").format(count=f["events"]),
        "tamper_history": lambda: translate(
            "Theft", "earlier inspection findings of tampering: {count}").format(
                count=f["findings"]),
    }
    maker = texts.get(reason.code)
    return maker() if maker else reason.code


def reasons_text(reasons: tuple[Reason, ...]) -> str:
    return translate("Theft", "; ").join(reason_text(r) for r in reasons)


def finding_name(code: str) -> str:
    names = {
        "none": translate("Inspection", "nothing found"),
        "tampering": translate("Inspection", "tampering"),
        "bypass": translate("Inspection", "bypass"),
        "broken_seal": translate("Inspection", "broken seal"),
        "meter_fault": translate("Inspection", "meter fault"),
        "": "",
    }
    return names.get(code, code)


def item_type_name(code: str) -> str:
    names = {
        "reading": translate("Inspection", "reading"),
        "seal_check": translate("Inspection", "seal check"),
        "finding": translate("Inspection", "finding"),
        "visit": translate("Inspection", "visit"),
    }
    return names.get(code, code)


def observation_text(item_type: str, detail: dict) -> str:
    """What a reading, seal check or visit recorded, in a few words."""
    if item_type == "reading":
        return translate("Inspection", "{kwh} kWh").format(kwh=detail.get("energy_total", ""))
    if item_type == "seal_check":
        states = {"intact": translate("Inspection", "seal {seal} intact"),
                  "broken": translate("Inspection", "seal {seal} broken"),
                  "missing": translate("Inspection", "seal {seal} missing")}
        text = states.get(str(detail.get("state")), "{seal}")
        return text.format(seal=str(detail.get("seal_no", ""))[-6:])
    if item_type == "visit":
        return (translate("Inspection", "done") if detail.get("status") == "done"
                else translate("Inspection", "no access"))
    return ""


def conflict_name(code: str) -> str:
    names = {
        "order_cancelled": translate("Inspection", "order cancelled meanwhile"),
        "order_done": translate("Inspection", "order already completed"),
        "account_closed": translate("Inspection", "account closed meanwhile"),
        "meter_replaced": translate("Inspection", "meter replaced meanwhile"),
        "unknown_seal": translate("Inspection", "seal unknown here"),
        "seal_moved": translate("Inspection", "seal no longer on this meter"),
        "reading_lower": translate("Inspection", "reading lower than the stored one"),
        "reading_exists": translate("Inspection", "a reading at that time exists"),
    }
    return names.get(code, code)


def package_error_text(exc: BaseException) -> str:
    """A package problem in words an inspector's supervisor can act on; else the usual text."""
    if isinstance(exc, ConsoleError) and exc.params.get("reason") in ("no_device", "not_inspector"):
        return _inspector_text(exc)
    if not isinstance(exc, ConsoleError) or exc.code != "package_invalid":
        return error_text(exc)
    p = exc.params
    texts = {
        **_limit_texts(p),
        "not_a_package": translate("Inspection", "This file is not a GridDesk field package."),
        "truncated": translate("Inspection", "The package is cut short (copied only in part?). "
                                             "Nothing was imported."),
        "bad_signature": translate("Inspection", "The package was changed after it was signed. "
                                                 "Nothing was imported."),
        "unknown_key": translate("Inspection", "The package is signed with a key this site did "
                                               "not issue (another site's package?). Nothing was "
                                               "imported."),
        "wrong_kind": translate("Inspection", "This is a route package; import the inspector's "
                                              "results file instead."),
        "wrong_route": translate("Inspection", "The results answer another route."),
        "not_in_route": translate("Inspection", "Result {item} is for customer {customer}, who "
                                                "is not on this route. Nothing was imported.").format(
            item=p.get("item", ""), customer=p.get("customer_no", "")),
        "not_an_image": translate("Inspection", "Attachment {name} of result {item} is not a "
                                                "photo (PNG or JPEG). Nothing was imported.").format(
            name=p.get("name", ""), item=p.get("item", "")),
        "bad_item": translate("Inspection", "Result {item} is incomplete or malformed ({problem}). "
                                            "Nothing was imported.").format(
            item=p.get("item", ""), problem=p.get("problem", "")),
    }
    return texts.get(str(p.get("why")), translate(
        "Inspection", "The package content is damaged. Nothing was imported."))


def _limit_texts(p: dict) -> dict[str, str]:
    """The file's shape refused before anything in it was read, and seals that do not open."""
    return {
        "too_large": translate("Inspection", "The package or one of its entries is too large "
                                             "({size} bytes). Nothing was imported.").format(
            size=p.get("size", "")),
        "too_many_entries": translate("Inspection", "The package holds too many entries "
                                                    "({entries}). Nothing was imported.").format(
            entries=p.get("entries", "")),
        "compressed": translate("Inspection", "The package holds a compressed entry; GridDesk "
                                              "packages are never compressed. Nothing was "
                                              "imported."),
        "bad_name": translate("Inspection", "The package holds an unexpected entry \"{name}\". "
                                            "Nothing was imported.").format(name=p.get("name", "")),
        "bad_ciphertext": translate("Inspection", "The package does not open: its sealed content "
                                                  "was changed. Nothing was imported."),
        "not_for_this_key": translate("Inspection", "The package is sealed for another key. "
                                                    "Nothing was imported."),
        "old_format": translate("Inspection", "The package is of the earlier, unencrypted "
                                              "format. Export the route again. Nothing was "
                                              "imported."),
    }


def no_device_text(inspector: str) -> str:
    return translate("Inspection", "{inspector} has no enrolled field device: an "
                                   "administrator enrols one first (python -m console "
                                   "inspection enrol-device).").format(inspector=inspector)


def _inspector_text(exc: ConsoleError) -> str:
    if exc.params.get("reason") == "no_device":
        return no_device_text(exc.params.get("inspector", ""))
    return translate("Inspection", "Choose an active inspector to carry the route.")
