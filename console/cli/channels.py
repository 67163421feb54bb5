"""`python -m console channels serve|simulate|bank-import|bank-simulate`: the payment-channel
gateway, its simulator, and the bank agency's batch file (console/cli/bank.py)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select

from console import token_watch
from console.channels import simulator
from console.channels.keys import ensure_test_keys, keys_folder, load_keys
from console.channels.server import Gateway, serve
from console.cli import bank, operator
from console.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_db,
    current_database,
    positive_float,
)
from console.db import Database
from console.dbroles import seat
from console.models import Unit


def add_parser(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("channels", help="payment channels: the gateway and its simulator")
    actions = group.add_subparsers(dest="channels_command", metavar="ACTION", required=True)
    run = actions.add_parser("serve", help="take WeChat Pay and Alipay notifications over HTTP")
    add_db(run)
    run.add_argument("--listen", default="127.0.0.1:8660", metavar="HOST:PORT")
    _keys_option(run)
    run.add_argument("--recheck-token", type=positive_float, default=token_watch.DEFAULT_SECONDS,
                     metavar="S", help="seconds between checks that the service token still "
                                       "holds; revoked or replaced, the gateway stops (default 60)")
    run.add_argument("--test-keys", action="store_true",
                     help="make simulator test keys in the keys folder when it has none "
                          "(demo and tests; a real site puts the channels' files there)")
    # It posts payments: a gateway service account's token names who does (issue 17 item 6).
    operator.add_options(run, people=False, services=("gateway",))
    sim = actions.add_parser("simulate", help="send signed test notifications to a gateway")
    add_db(sim)
    sim.add_argument("--to", required=True, metavar="URL", help="the gateway, http://HOST:PORT")
    sim.add_argument("--customer", required=True, metavar="NO", help="customer number (户号)")
    sim.add_argument("--amount", required=True, metavar="YUAN", help="amount, e.g. 50.00")
    _keys_option(sim)
    bank.add_parsers(actions, _keys_option)


def _keys_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keys", type=Path, default=None, metavar="DIR",
                        help="channel keys folder (default: channels/ in the data folder)")


def run(args: argparse.Namespace) -> int:
    if args.channels_command == "serve":
        return _serve(args)
    if args.channels_command == "bank-import":
        return bank.import_file(args, lambda db: _folder(args, db))
    if args.channels_command == "bank-simulate":
        return bank.simulate(args, lambda db: _folder(args, db))
    return _simulate(args)


def _folder(args: argparse.Namespace, db: Database) -> Path:
    return args.keys or keys_folder(db)


def _serve(args: argparse.Namespace) -> int:
    host, _, port = args.listen.rpartition(":")
    if not host or not port.isdigit():
        print("error: --listen wants HOST:PORT", file=sys.stderr)
        return EXIT_USAGE
    with current_database(args.db) as db:
        service = operator.sign_in(db, args)  # a gateway token, or nothing is served
        if seat.wanted() and seat.install(db.engine):
            seat.act_as(db.engine, "gateway", seat.ALL_UNITS)
        print(f"signed in as service account {service.username}", file=sys.stderr)
        folder = _folder(args, db)
        if args.test_keys:
            with db.read() as session:
                top = session.scalar(select(Unit.code).where(Unit.parent_id.is_(None))
                                     .order_by(Unit.id))
            if ensure_test_keys(folder, unit_code=top or ""):
                print(f"made simulator test keys in {folder}", file=sys.stderr)
        keys = load_keys(folder)
        if keys.test_keys:
            print("warning: test keys: only the simulator can sign for this gateway",
                  file=sys.stderr)
        gateway = Gateway(db, keys)
        try:
            allowed = asyncio.run(_serve_while_allowed(
                gateway, host, int(port), operator.token_watch(db, args), args.recheck_token))
        except KeyboardInterrupt:
            print("gateway stopped", file=sys.stderr)
        except OSError as exc:
            print(f"error: cannot listen: {exc}", file=sys.stderr)
            return EXIT_FAILED
        else:
            if not allowed:
                return EXIT_FAILED
    return EXIT_OK


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


async def _serve_while_allowed(gateway: Gateway, host: str, port: int,
                               still_allowed: Callable[[], bool] | None, every: float) -> bool:
    """Serve until Ctrl+C, or until the gateway's token is revoked (then False)."""
    stop, revoked = asyncio.Event(), asyncio.Event()
    watching = (asyncio.create_task(token_watch.watch(still_allowed, every, stop, revoked, _say,
                                                      "gateway"))
                if still_allowed is not None else None)
    try:
        await serve(gateway, host, port, lambda bound: _say(
            f"channel gateway on http://{host}:{bound}"), stop)
    finally:
        if watching is not None:
            watching.cancel()
    return not revoked.is_set()


def _simulate(args: argparse.Namespace) -> int:
    try:
        amount = Decimal(args.amount).quantize(Decimal("0.01"))
    except InvalidOperation:
        print("error: --amount wants yuan, e.g. 50.00", file=sys.stderr)
        return EXIT_USAGE
    db = Database.open(args.db)  # only to find the data folder: nothing is read
    folder = _folder(args, db)
    db.dispose()
    try:
        simulator.run_scenarios(args.to.rstrip("/"), folder, args.customer, amount)
    except (OSError, KeyError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
