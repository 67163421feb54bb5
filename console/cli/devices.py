"""`python -m console devices fake-printer`: a receipt printer on TCP for tests and the demo."""

from __future__ import annotations

import argparse
import sys
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


def run(args: argparse.Namespace) -> int:
    host, _, port = args.listen.rpartition(":")
    paper = Paper.MM80 if args.paper == 80 else Paper.MM58
    state = PrinterState(paper_out=args.paper_out, offline=args.offline,
                         paper_dots=paper.value.dots, drawer_open=args.drawer_open)
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
