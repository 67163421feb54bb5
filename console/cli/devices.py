"""`python -m console devices fake-printer`: a receipt printer on TCP (or, with --usb, a USB
printer's device file) for tests and the demo."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from console.cli.common import EXIT_FAILED, EXIT_OK
from console.devices.escpos import Paper
from console.devices.fake_printer import FakePrinter, PrinterState


def add_parser(commands: argparse._SubParsersAction) -> None:
    devices = commands.add_parser("devices", help="counter devices: a fake receipt printer")
    kinds = devices.add_subparsers(dest="device", metavar="DEVICE", required=True)
    fake = kinds.add_parser("fake-printer", help="an ESC/POS printer on TCP that writes each "
                                                 "job as .txt, .png and .json")
    fake.add_argument("--listen", default="127.0.0.1:9100", metavar="HOST:PORT")
    fake.add_argument("--out", required=True, type=Path, metavar="DIR",
                      help="folder for job-NNNN.txt/.png/.json")
    fake.add_argument("--paper", type=int, choices=(80, 58), default=80, help="paper width, mm")
    fake.add_argument("--paper-out", action="store_true",
                      help="answer status as out of paper and print nothing")
    fake.add_argument("--offline", action="store_true",
                      help="answer status as offline (cover open) and print nothing")
    fake.add_argument("--drawer-open", action="store_true",
                      help="answer status with the cash drawer open (DLE EOT 1, pin 3 high)")
    fake.add_argument("--usb", type=Path, metavar="LINK",
                      help="be a USB printer's device file instead of listening on TCP: a "
                           "pseudo-terminal linked at LINK (Linux; set LINK as the "
                           "workstation's USB device)")


def run(args: argparse.Namespace) -> int:
    host, _, port = args.listen.rpartition(":")
    paper = Paper.MM80 if args.paper == 80 else Paper.MM58
    state = PrinterState(paper_out=args.paper_out, offline=args.offline,
                         paper_dots=paper.value.dots, drawer_open=args.drawer_open)
    if args.usb is not None:
        return _run_usb(args, state)
    try:
        printer = FakePrinter(args.out, host=host or "127.0.0.1", port=int(port), state=state)
    except (OSError, ValueError) as exc:
        print(f"error: cannot listen on {args.listen}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"fake printer on {':'.join(map(str, printer.address))}, jobs in {args.out}", flush=True)
    try:
        printer.serve_forever()
    except KeyboardInterrupt:
        print("fake printer stopped")
    finally:
        printer.stop()
    return EXIT_OK


def _run_usb(args: argparse.Namespace, state: PrinterState) -> int:
    from console.devices.fake_device import FakeUsbPrinter  # POSIX only: pty, tty

    try:
        device = FakeUsbPrinter(args.out, state=state, link=args.usb)
    except (OSError, ValueError) as exc:
        print(f"error: cannot make the device {args.usb}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"fake USB printer at {device.path}, jobs in {args.out}", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)  # a stopped printer takes its link away
    try:
        device.start()
        threading.Event().wait()
    except KeyboardInterrupt:
        print("fake printer stopped")
    finally:
        device.unplug()
    return EXIT_OK


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt
