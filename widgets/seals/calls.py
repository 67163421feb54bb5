"""Every seal service call the widgets make, in one place; all run in task-runner workers.

The seal services (console/services/seals/) and label renderers (reports/seal_labels*,
reports/label_printer) are another module's; this adapter keeps their signatures out of
the widgets, so a change there touches one file here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication

from console import ids
from console.db import Database
from console.errors import ConsoleError
from console.services import seals
from console.services.actor import Actor
from console.services.seals.batches import record_label_print
from console.services.seals.types import (
    AnomalyView,
    BatchView,
    Choice,
    CountResult,
    Holding,
    InspectionResult,
    MeterInfo,
    MoveResult,
    ScanResult,
)
from reports import seal_labels, seal_labels_text
from widgets.errors import error_text

translate = QCoreApplication.translate


@dataclass(frozen=True)
class BatchSpec:
    """What the new-batch dialog asks for; quantity or first/last number."""

    seal_type: str
    colour: str
    year: int
    manufacturer: str
    unit_id: int
    quantity: int | None = None
    first_no: str | None = None
    last_no: str | None = None

    def with_quantity(self, quantity: int) -> BatchSpec:
        return replace(self, quantity=quantity)

    def with_range(self, first_no: str, last_no: str) -> BatchSpec:
        return replace(self, first_no=first_no, last_no=last_no)


def seal_numbers(first: str, last: str) -> list[str]:
    """Every seal number from `first` to `last` (same unit and asset type), check digits made."""
    first, last = ids.normalise_digits(first), ids.normalise_digits(last)
    prefix = first[:7]
    return [ids.make_asset_code(prefix[:5], prefix[5:7], serial)
            for serial in range(int(first[7:21]), int(last[7:21]) + 1)]


# -- batches ----------------------------------------------------------------------------------

def list_batches(db: Database, actor: Actor) -> list[BatchView]:
    return seals.list_batches(db, actor)


def list_units(db: Database, actor: Actor) -> list[Choice]:
    return seals.units(db, actor)


def list_installers(db: Database, actor: Actor) -> list[Choice]:
    return seals.installers(db, actor)


def create_batch(db: Database, actor: Actor, spec: BatchSpec, *,
                 idempotency_key: str = "") -> BatchView:
    # One key per dialog: OK pressed again after a lost answer returns the batch already made.
    return seals.create_batch(
        db, actor, seal_type=spec.seal_type, colour=spec.colour, year=spec.year,
        manufacturer=spec.manufacturer, unit_id=spec.unit_id, quantity=spec.quantity,
        first_no=spec.first_no, last_no=spec.last_no, idempotency_key=idempotency_key or None)


# -- moves --------------------------------------------------------------------------------------

def move_seals(db: Database, actor: Actor, mode: str, first: str, last: str, *,
               target: int | None, reason: str = "", idempotency_key: str = "") -> int:
    """Issue to a unit / an installer, return to stock, scrap, or record as lost or damaged
    every seal first..last; how many moved."""
    picked = {"first_no": first, "last_no": last, "idempotency_key": idempotency_key or None}
    if mode == "issue_unit":
        result = seals.issue_to_unit(db, actor, target, **picked)
    elif mode == "issue_installer":
        result = seals.issue_to_installer(db, actor, target, **picked)
    elif mode == "return":
        result = seals.return_to_stock(db, actor, reason=reason, **picked)
    else:  # side exits: the seal is never used again
        exit_move = {"scrap": seals.scrap, "lost": seals.mark_lost,
                     "damaged": seals.mark_damaged}[mode]
        result = exit_move(db, actor, reason=reason, **picked)
    return result.count


# -- scanning -----------------------------------------------------------------------------------

def scan(db: Database, actor: Actor, text: str, *, idempotency_key: str = "") -> ScanResult:
    return seals.scan(db, actor, text, idempotency_key=idempotency_key)


def find_meter(db: Database, actor: Actor, text: str) -> MeterInfo:
    return seals.find_meter(db, actor, text)


def inspection_check(db: Database, actor: Actor, meter_id: int, scanned: Sequence[str], *,
                     idempotency_key: str = "") -> InspectionResult:
    return seals.inspection_check(db, actor, meter_id, list(scanned),
                                  idempotency_key=idempotency_key)


def install_scanned(db: Database, actor: Actor, text: str, *, meter_id: int, position: str,
                    idempotency_key: str) -> tuple[ScanResult, MoveResult | None]:
    """Verify the scan, then record the seal on the meter; a forged or junk scan installs
    nothing (the scan is still logged)."""
    result = seals.scan(db, actor, text, idempotency_key=f"{idempotency_key}#scan")
    if result.verdict not in ("genuine", "barcode") or not result.known:
        return result, None
    return result, seals.install(db, actor, result.seal_no, meter_id=meter_id,
                                 position=position, idempotency_key=idempotency_key)


def remove_seal(db: Database, actor: Actor, seal_no: str, *, meter_id: int, reason: str,
                idempotency_key: str) -> MoveResult:
    return seals.remove(db, actor, seal_no, reason=reason, meter_id=meter_id,
                        idempotency_key=idempotency_key)


def list_anomalies(db: Database, actor: Actor) -> list[AnomalyView]:
    return seals.anomalies(db, actor)


def list_holdings(db: Database, actor: Actor) -> list[Holding]:
    return seals.holdings(db, actor)


def inventory_count(db: Database, actor: Actor, scope: tuple[str, int],
                    scanned: Sequence[str]) -> CountResult:
    kind, scope_id = scope
    where = {"holder_id": scope_id} if kind == "holder" else {"unit_id": scope_id}
    return seals.inventory_count(db, actor, list(scanned), **where)


# -- labels -------------------------------------------------------------------------------------

def _labels(db: Database, actor: Actor, first: str, last: str, reprint: bool):
    # Never recorded here: the dialog records a printing only once it really happened.
    return seals.label_data(db, actor, seal_nos=seal_numbers(first, last), reprint=reprint,
                            record=False)


def label_pdf(db: Database, actor: Actor, first: str, last: str, *, layout: str,
              reprint: bool) -> bytes:
    """The labels first..last as a PDF: an A4 sheet of 3 × 10 or 40 × 30 mm thermal labels.
    Making it records nothing (it may be a preview); see `record_labels`."""
    labels = _labels(db, actor, first, last, reprint)
    return (seal_labels.render_sheet(labels) if layout == "a4"
            else seal_labels.render_thermal(labels))


def label_job(db: Database, actor: Actor, first: str, last: str, *, language: str,
              reprint: bool) -> bytes:
    """The labels as one raw printer job in ZPL (Zebra) or TSPL (TSC, Gprinter). A job is
    made only to be sent, so it is recorded as printed."""
    labels = _labels(db, actor, first, last, reprint)
    job = seal_labels_text.zpl(labels) if language == "zpl" else seal_labels_text.tspl(labels)
    record_labels(db, actor, first, last, how=language, reprint=reprint)
    return job


def record_labels(db: Database, actor: Actor, first: str, last: str, *, how: str,
                  reprint: bool) -> int:
    """Audit that the labels first..last were printed, saved ("pdf") or sent."""
    return record_label_print(db, actor, seal_nos=seal_numbers(first, last), how=how,
                              reprint=reprint)


def pdf_page_count(pdf: bytes) -> int:
    from widgets.seals.pdf_pages import page_count

    return page_count(pdf)


# -- errors in words ----------------------------------------------------------------------------

def _rule_texts() -> dict[str, str]:
    return {
        "range_overlap": translate(
            "Seals", "The numbers overlap an existing batch: a seal number is never made twice."),
        "range_too_large": translate("Seals", "The range is too large for one step."),
        "range_mixed": translate(
            "Seals", "The first and last numbers belong to different units."),
        "bad_range": translate("Seals", "The last number comes before the first."),
        "not_issued": translate("Seals", "Seal {seal_no} has not been issued yet."),
        "held_by_other": translate(
            "Seals", "Seal {seal_no} is held by someone else: transfer it first."),
        "seal_scrapped": translate(
            "Seals", "Seal {seal_no} was scrapped and can never be used again."),
        "seal_lost": translate(
            "Seals", "Seal {seal_no} was reported lost and can never be used again."),
        "seal_damaged": translate(
            "Seals", "Seal {seal_no} was reported damaged and can never be used again."),
        "already_installed": translate("Seals", "Seal {seal_no} is already installed."),
        "installed": translate(
            "Seals", "Seal {seal_no} is installed on a meter: remove it first."),
        "wrong_state": translate(
            "Seals", "Seal {seal_no} cannot make this move in its present state."),
        "reason_required": translate("Seals", "Please give a reason."),
        "position_taken": translate(
            "Seals", "Seal {seal_no} is already at this position: remove it first."),
        "not_on_meter": translate("Seals", "Seal {seal_no} is not on this meter."),
        "not_installed": translate("Seals", "Seal {seal_no} is not installed."),
        "unknown_position": translate("Seals", "Please choose a position."),
        "unknown_seal": translate("Seals", "No seal {seal_no} on record."),
        "unknown_meter": translate("Seals", "No meter or customer has this number."),
        "unknown_holder": translate("Seals", "Please choose an installer."),
        "unknown_unit": translate("Seals", "Please choose a unit."),
    }


def seal_error_text(exc: BaseException) -> str:
    """A refused seal move in words; anything else as the shared error texts say it."""
    if isinstance(exc, ConsoleError) and exc.code == "printer_unavailable":
        return translate("Seals", "The label printer at {host}:{port} did not answer ({detail}).")\
            .format(host=exc.params.get("host", ""), port=exc.params.get("port", ""),
                    detail=exc.params.get("detail", ""))
    if isinstance(exc, ConsoleError) and exc.code == "seal_refused":
        template = _rule_texts().get(str(exc.params.get("rule", "")))
        if template:
            numbers = exc.params.get("seal_nos") or ()
            seal_no = exc.params.get("seal_no") or (numbers[0] if numbers else "")
            return template.format(seal_no=seal_no)
    return error_text(exc)
