"""`python -m console report NAME … -o FILE.pdf`: the console side of reports.headless."""

from __future__ import annotations

import argparse

from console.cli import operator
from console.cli.common import current_database
from reports import headless


def add_parser(commands: argparse._SubParsersAction) -> None:
    operator.add_options(headless.add_parser(commands), services=("reports",))


def run(args: argparse.Namespace) -> int:
    return headless.run(args, current_database, operator.sign_in)
