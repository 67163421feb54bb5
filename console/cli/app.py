"""The parser and the dispatch of `python -m console`, one command group per module.

Expected failures print one clear line on stderr and exit non-zero; a
traceback is never what an operator sees.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from console import __version__, logsetup_cli
from console.cli import (
    analysis,
    audit,
    bill_run,
    channels,
    collect,
    cost_control,
    db,
    demo,
    devices,
    inspection,
    operator,
    report,
    seals,
    simulate,
    users,
)
from console.cli.common import EXIT_FAILED, EXIT_USAGE
from console.errors import ConsoleError, SchemaOutdated

# In the order `--help` lists them.
GROUPS = (db, demo, simulate, collect, bill_run, cost_control, inspection, analysis, report,
          seals, audit, users, devices, channels)

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "seals": seals.run,
    "inspection": inspection.run,
    "analysis": analysis.run,
    "report": report.run,
    "db": db.run,
    "demo": demo.run,
    "bill-run": bill_run.run,
    "cost-control": cost_control.run,
    "audit": audit.run,
    "simulate": simulate.run,
    "collect": collect.run,
    "devices": devices.run,
    "users": users.run,
    "channels": channels.run,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m console",
                                     description="GridDesk command line (database, demo data, audit).")
    parser.add_argument("--version", action="version", version=f"GridDesk {__version__}")
    logsetup_cli.add_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for group in GROUPS:
        group.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with logsetup_cli.service_run(args) as outcome:
        outcome.code = _dispatch(args)
    return outcome.code


def _dispatch(args: argparse.Namespace) -> int:
    try:
        operator.require(args)  # before the database is opened: nothing is written
        return COMMANDS[args.command](args)
    except operator.NoOperator as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        logsetup_cli.log.warning("refused: %s", exc.message)
        return EXIT_USAGE
    except SchemaOutdated as exc:
        print(f"error: {exc.message}; run: python -m console db upgrade --db URL", file=sys.stderr)
        logsetup_cli.log.warning("refused: %s", exc.message)
        return EXIT_FAILED
    except ConsoleError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        logsetup_cli.log.warning("refused: %s", exc.message)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_FAILED
