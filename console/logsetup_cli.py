"""Logging for `python -m console`: the options, and each command's start, stop,
time taken and unexpected failure in the service's log file."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from console import __version__, logsetup
from console.db import describe_url, resolve_url

log = logging.getLogger("griddesk.cli")

# The long-running commands are services with their own log file and stderr.
SERVICES = {"collect": "collector", "channels": "gateway", "simulate": "simulator"}


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--log-level", default="INFO", choices=logsetup.LEVELS,
                        type=str.upper, help="what the log file records (default INFO)")
    parser.add_argument("--log-json", action="store_true",
                        help="write the log as JSON lines instead of text")


def say(text: str) -> None:
    """A service's progress line: on stdout for whoever watches, and in its log."""
    print(text, flush=True)
    log.info("%s", text)


@dataclass
class Outcome:
    """The exit code the command ended with (1 until it says otherwise)."""

    code: int = 1


def describe(args: argparse.Namespace) -> str:
    """`db backup`, `seals check`: the command without its arguments, which may
    hold passwords (URLs) or customers' data."""
    subs = [str(v) for k, v in sorted(vars(args).items()) if k.endswith("_command") and v]
    return " ".join([args.command, *subs])


def _where(args: argparse.Namespace) -> str:
    try:
        return describe_url(resolve_url(getattr(args, "db", None)))
    except Exception:  # a bad URL is the command's to report
        return "?"


@contextmanager
def service_run(args: argparse.Namespace) -> Iterator[Outcome]:
    """Set up logging for the command's service and log its run; an unexpected
    exception becomes one line on stderr (the traceback goes to the log)."""
    service, what, outcome = SERVICES.get(args.command, "cli"), describe(args), Outcome()
    try:
        path = logsetup.setup(service, level=args.log_level, json_lines=args.log_json,
                              stream=service != "cli")
    except OSError as exc:  # a read-only data folder must not stop the command
        path = None
        print(f"warning: no log file: {exc}", file=sys.stderr)
    log.info("start: %s on %s (GridDesk %s, pid %d)", what, _where(args), __version__,
             os.getpid())
    started = time.perf_counter()
    try:
        # A service runs for days by design; a command over a second is "slow".
        with logsetup.timed(log, what) if service == "cli" else contextlib.nullcontext():
            yield outcome
    except Exception as exc:  # the last line of defence
        log.exception("%s failed unexpectedly", what)
        print(f"error: unexpected {type(exc).__name__}: {exc}"
              + (f" (details in {path})" if path else ""), file=sys.stderr)
        outcome.code = 1
    finally:
        log.info("stop: %s, exit code %d after %.1f s", what, outcome.code,
                 time.perf_counter() - started)
        # The process ends here; a caller that goes on (tests, scripts) gets
        # its logging back as it was.
        logsetup.shutdown()
