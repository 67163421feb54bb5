"""What the clerk is told about the receipt printer: its state, and what to do about it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.devices.status import PrinterStatus
from console.devices.transport import PrinterNotReady, ReceiptPrinterUnavailable

translate = QCoreApplication.translate


def problem_text(problem: str) -> str:
    """What stops the printer (PrinterStatus.problem) and what to do about it."""
    texts = {
        "paper_end": lambda: translate(
            "PrinterWords", "The receipt printer is out of paper: load a new roll and close "
            "the cover."),
        "cover_open": lambda: translate(
            "PrinterWords", "The receipt printer's cover is open: close it until it clicks."),
        "offline": lambda: translate(
            "PrinterWords", "The receipt printer is offline: check that it is switched on and "
            "its light is steady."),
        "autocutter_error": lambda: translate(
            "PrinterWords", "The receipt printer's cutter is jammed: open the cover, clear the "
            "paper, close it."),
    }
    maker = texts.get(problem)
    return maker() if maker else translate(
        "PrinterWords", "The receipt printer reports an error: switch it off and on again.")


def failure_text(exc: BaseException) -> str | None:
    """The printer-side reason a job did not print, or None for another error."""
    if isinstance(exc, PrinterNotReady):
        return problem_text(exc.status.problem)
    if isinstance(exc, ReceiptPrinterUnavailable):
        return unavailable_text(str(exc.params.get("detail", "")), str(exc.params.get("where", "")),
                                str(exc.params.get("error", "")))
    return None


def unavailable_text(detail: str, where: str, error: str) -> str:
    """No printer answered (console.devices.transport's detail codes)."""
    texts = {
        "none": lambda: translate("PrinterWords", "No receipt printer is set up on this "
                                  "workstation."),
        "address": lambda: translate("PrinterWords", "The receipt printer's address or port is "
                                     "missing: set it in the workstation settings."),
        "no_pyserial": lambda: translate("PrinterWords", "Serial printers need the pyserial "
                                         "package, which is not installed on this workstation."),
        "no_port": lambda: translate("PrinterWords", "The serial port {where} cannot be opened: "
                                     "check its name and that the printer's cable is plugged "
                                     "in.").format(where=where),
        "usb_missing": lambda: translate("PrinterWords", "No USB printer at {where}: check that "
                                         "its cable is plugged in and it is switched on, then "
                                         "pick its device in the workstation settings."
                                         ).format(where=where),
        "usb_permission": lambda: translate("PrinterWords", "This user may not write to the USB "
                                            "printer {where}: add the user to the \"lp\" group "
                                            "(sudo usermod -aG lp USER), then log out and in "
                                            "again.").format(where=where),
        "usb_busy": lambda: translate("PrinterWords", "The USB printer {where} is in use by "
                                      "another program (a system print queue?): remove it "
                                      "there, or stop that program.").format(where=where),
        "no_status": lambda: translate("PrinterWords", "The device at {where} does not answer "
                                       "as a receipt printer: check the address and that the "
                                       "printer is on.").format(where=where),
        "timeout": lambda: translate("PrinterWords", "The receipt printer {where} did not answer "
                                     "in time: check its power and its cable or network."
                                     ).format(where=where),
        "refused": lambda: translate("PrinterWords", "The receipt printer {where} refused the "
                                     "connection: check that it is switched on and the address "
                                     "is right.").format(where=where),
    }
    maker = texts.get(detail)
    return maker() if maker else translate(
        "PrinterWords", "The receipt printer {where} could not be reached ({error}): check its "
        "power and its cable or network.").format(where=where, error=error)


def status_text(status: PrinterStatus) -> str:
    """One line: ready or what is wrong, and the drawer as the printer reports it."""
    head = translate("PrinterWords", "Printer ready.") if status.ready else problem_text(
        status.problem)
    drawer = (translate("PrinterWords", "Cash drawer open.") if status.drawer_open
              else translate("PrinterWords", "Cash drawer closed."))
    near = translate("PrinterWords", "Paper is running low.") if status.paper_near_end else ""
    return joined(head, near, drawer)


def joined(*sentences: str) -> str:
    """Sentences one after another: with a space in English, none after a Chinese 。"""
    out = ""
    for text in filter(None, sentences):
        out += text if not out or out.endswith(("。", "！", "？", "）", "”")) else " " + text
    return out
