"""`python -m console <command>`: the headless entry points.

Expected failures print one clear line on stderr and exit non-zero; a
traceback is never what an operator sees.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from console import __version__, logsetup_cli
from console.db import Database, check_connection, make_engine
from console.errors import ConsoleError, SchemaOutdated

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL",
                        help="database URL (default: $GRIDDESK_DB, else the embedded SQLite file)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m console",
                                     description="GridDesk command line (database, demo data, audit).")
    parser.add_argument("--version", action="version", version=f"GridDesk {__version__}")
    logsetup_cli.add_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    db = commands.add_parser("db", help="schema migrations")
    db_cmd = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    for name, text in (("upgrade", "migrate the schema to the newest revision"),
                       ("downgrade", "migrate down to a revision (default: base)"),
                       ("current", "print the schema revision")):
        sub = db_cmd.add_parser(name, help=text)
        _add_db(sub)
        if name != "current":
            sub.add_argument("revision", nargs="?", default="head" if name == "upgrade" else "base")
    _add_backup(db_cmd)

    demo = commands.add_parser("demo", help="fill an empty database with demo data")
    demo.add_argument("--customers", type=_positive, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD",
                      help="the day the demo describes (default: today); the same seed and"
                           " day give the same data")
    demo.add_argument("--force", action="store_true",
                      help="wipe a demo database first (never one with other rows)")
    demo.add_argument("--yes-destroy", metavar="NAME",
                      help="with --force: the database's name (file name or PostgreSQL "
                           "database), instead of typing it at the prompt")
    _add_db(demo)

    _add_simulate(commands)
    _add_collect(commands)

    bills = commands.add_parser("bill-run", help="bill every active account for a month")
    bills.add_argument("--period", required=True, metavar="YYYY-MM")
    bills.add_argument("--batch", type=_positive, default=5000, metavar="N",
                       help="accounts per transaction (default 5000)")
    _add_db(bills)

    _add_cost_control(commands)
    _add_fieldwork(commands)
    _add_report(commands)
    _add_seals(commands)

    audit = commands.add_parser("audit", help="audit trail")
    audit_cmd = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    _add_db(audit_cmd.add_parser("verify", help="check the hash chain; exit 0 when intact"))
    return parser


def _add_backup(db_cmd: argparse._SubParsersAction) -> None:
    from console.backup import commands as backup_commands

    backup_commands.add_parsers(db_cmd, _add_db)


def _add_simulate(commands: argparse._SubParsersAction) -> None:
    sim = commands.add_parser("simulate", help="serve simulated DL/T 645 meters over TCP")
    source = sim.add_mutually_exclusive_group()
    source.add_argument("--db", metavar="URL",
                        help="serve this database's meters, one listener per meter endpoint "
                             "(default: $GRIDDESK_DB, else the embedded SQLite file)")
    source.add_argument("--meters", type=_positive, metavar="N", help="serve N synthetic meters")
    sim.add_argument("--listen", default="127.0.0.1:8645", metavar="HOST:PORT",
                     help="endpoint for synthetic meters and for meters without one")
    sim.add_argument("--buses", type=_positive, default=1, metavar="B",
                     help="spread synthetic meters over B endpoints on consecutive ports")
    sim.add_argument("--seed", type=int, default=1, metavar="S")


def _add_collect(commands: argparse._SubParsersAction) -> None:
    collect = commands.add_parser("collect", help="poll meters, store readings, execute commands")
    _add_db(collect)
    collect.add_argument("--interval", type=_positive_float, default=900.0, metavar="S",
                         help="seconds from the start of one poll cycle to the next (default 900)")
    collect.add_argument("--once", action="store_true",
                         help="execute due commands and poll every meter once, then exit")
    collect.add_argument("--timeout", type=_positive_float, default=2.0, metavar="S",
                         help="seconds to wait for a meter's answer (default 2)")
    collect.add_argument("--max-buses", type=_positive, default=64, metavar="N",
                         help="serial servers polled at once (default 64)")
    collect.add_argument("--cost-control", type=_positive_float, default=None, metavar="S",
                         help="run smart cost control every S seconds (default: never)")
    collect.add_argument("--name", default="", metavar="NAME",
                         help="this collector's name, one per site: restarted under the same name "
                              "it reconciles at once the commands it left on the wire "
                              "(default: unnamed, reconciled when their 60 s lease runs out)")
    collect.add_argument("--spool", type=Path, default=None, metavar="DIR",
                         help="where readings wait on disk while the database is away, one "
                              "folder per collector (default: spool/collector-NAME in the data "
                              "folder)")


def _add_cost_control(commands: argparse._SubParsersAction) -> None:
    cost = commands.add_parser("cost-control", help="smart cost control (智能费控) and notices")
    cost_cmd = cost.add_subparsers(dest="cost_command", metavar="ACTION", required=True)
    _add_db(cost_cmd.add_parser("run", help="draw down prepaid balances; write notices, "
                                             "alarms and disconnect requests"))
    deliver = cost_cmd.add_parser("deliver", help="send pending notices (paper to the print "
                                                   "queue, SMS/WeChat to JSON-lines files)")
    deliver.add_argument("--folder", default="notices", metavar="DIR",
                         help="where the JSON-lines files go (default ./notices)")
    _add_db(deliver)


def _add_report(commands: argparse._SubParsersAction) -> None:
    from reports import headless

    headless.add_parser(commands)


def _add_fieldwork(commands: argparse._SubParsersAction) -> None:
    from console.fieldwork import commands as fieldwork

    fieldwork.add_parsers(commands, _add_db)


def _add_seals(commands: argparse._SubParsersAction) -> None:
    from console.seals import commands as seal_commands

    seal_commands.add_parsers(commands, _add_db)


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be a positive number")
    return value


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date like 2026-12-07") from None


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive number")
    return value


def cmd_db(args: argparse.Namespace) -> int:
    from console import migrate

    if args.db_command in ("backup", "restore"):
        from console.backup import commands as backup_commands

        return backup_commands.run(args)
    engine = make_engine(args.db)
    try:
        check_connection(engine)
        if args.db_command == "current":
            print(migrate.current_revision(engine) or "(empty)")
        elif args.db_command == "upgrade":
            migrate.upgrade(engine, args.revision)
            print(f"schema at {migrate.current_revision(engine)}: {Database(engine).description}")
        else:
            migrate.downgrade(engine, args.revision)
            print(f"schema at {migrate.current_revision(engine) or 'base'}")
    finally:
        engine.dispose()
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from console import migrate
    from console.demo import generate
    from console.demo.progress import ProgressMeter

    engine = make_engine(args.db)
    try:
        check_connection(engine)
        migrate.upgrade(engine)
        if args.force:
            from console.demo_guard import guard_force

            guard_force(engine, typed=args.yes_destroy, ask=input if sys.stdin.isatty() else None)
        result = generate(engine, customers=args.customers, seed=args.seed, force=args.force,
                          progress=ProgressMeter(_print_line), as_of=args.as_of)
    finally:
        engine.dispose()
    print(f"{result.customers} customers as of {result.as_of} in {result.seconds:.1f} s")
    for table, count in sorted(result.rows.items()):
        print(f"  {table:<20} {count:>12,}")
    print("demo accounts (user / password / role):")
    for account in result.accounts:
        print(f"  {account.username:<14} {account.password:<16} {account.role:<11} "
              f"{account.full_name} {account.unit_name}")
    return EXIT_OK


@contextmanager
def current_database(url: str | None) -> Iterator[Database]:
    """An open database whose schema is this program's, disposed afterwards."""
    from console import migrate

    db = Database.open(url)
    try:
        check_connection(db.engine)
        migrate.require_current(db.engine)
        yield db
    finally:
        db.dispose()


def _print_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _print_progress(stage: str, fraction: float) -> None:
    print(f"\r{stage:<30} {fraction:6.1%}", end="", file=sys.stderr, flush=True)
    if fraction >= 1:
        print(file=sys.stderr)


def cmd_audit(args: argparse.Namespace) -> int:
    from console.services import audit

    with current_database(args.db) as db, db.read() as session:
        result = audit.verify(session)
    if result.ok:
        print(f"audit chain intact: {result.checked} events")
        return EXIT_OK
    print(f"audit chain BROKEN at event {result.bad_seq}: {result.problem} "
          f"({result.checked} events before it verified)", file=sys.stderr)
    return EXIT_FAILED


def cmd_simulate(args: argparse.Namespace) -> int:
    import asyncio

    from console.metering import sim_run

    sim = sim_run.build(db_url=args.db, meters=args.meters, listen=args.listen,
                        buses=args.buses, seed=args.seed)
    try:
        asyncio.run(sim_run.serve(sim))
    except KeyboardInterrupt:  # Windows: no signal handler, Ctrl+C lands here
        print("simulator stopped")
    except OSError as exc:
        print(f"error: cannot listen: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_collect(args: argparse.Namespace) -> int:
    import asyncio

    from console.metering import collector_run

    try:
        with current_database(args.db) as db:
            collector = collector_run.build(db, interval=args.interval, timeout=args.timeout,
                                            max_buses=args.max_buses,
                                            cost_control=args.cost_control or 0.0,
                                            name=args.name, spool_dir=args.spool)
            say = logsetup_cli.say  # progress on stdout and in the collector's log
            if args.once:
                return EXIT_OK if asyncio.run(collector_run.once(collector, report=say)) \
                    else EXIT_FAILED
            asyncio.run(collector_run.serve(collector, report=say))
    except KeyboardInterrupt:  # Windows: no signal handler, Ctrl+C lands here
        print("collector stopped")
    return EXIT_OK


def cmd_bill_run(args: argparse.Namespace) -> int:
    from console.services.actor import Actor
    from console.services.bill_run import run_bills

    with current_database(args.db) as db:
        result = run_bills(db, Actor.system("bill-run"), args.period, batch_size=args.batch,
                           progress=lambda done, total: _print_progress("bills", done / total))
    print(f"{result.period}: {result.billed} bills ({result.estimated} estimated), "
          f"{result.amount} yuan; {result.held} held for review, {result.skipped} skipped; "
          f"{result.seconds:.1f} s")
    return EXIT_OK


def cmd_cost_control(args: argparse.Namespace) -> int:
    with current_database(args.db) as db:
        if args.cost_command == "deliver":
            from console.notices import default_senders
            from console.services.notice_outbox import deliver_pending

            senders, totals = default_senders(args.folder), [0, 0, 0]
            while (done := deliver_pending(db, senders=senders)).claimed:  # 500 a round
                totals = [t + n for t, n in zip(totals, (done.sent, done.retrying, done.failed),
                                                strict=True)]
            print(f"notices: {totals[0]} sent, {totals[1]} to retry, {totals[2]} given up")
            return EXIT_OK
        from console.services.actor import Actor
        from console.services.cost_control import run_cost_control

        result = run_cost_control(db, Actor.system("cost-control"), progress=lambda done, total:
                                  _print_progress("accounts", done / total))
    print(f"{result.accounts} accounts looked at: {result.notices} notices, {result.alarms} "
          f"alarms, {result.requests} disconnect requests, {result.cleared} back to normal; "
          f"prepaid draw-down {result.drawdown.amount} yuan on {result.drawdown.charged} meters; "
          f"{result.seconds:.1f} s")
    for name, count in sorted(result.counts.items()):
        print(f"  {name:<40} {count:>9,}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from reports import headless

    return headless.run(args, current_database)


def cmd_inspection(args: argparse.Namespace) -> int:
    from console.fieldwork import commands as fieldwork

    return fieldwork.run_inspection(args, current_database)


def cmd_analysis(args: argparse.Namespace) -> int:
    from console.fieldwork import commands as fieldwork

    return fieldwork.run_analysis(args, current_database)


def cmd_seals(args: argparse.Namespace) -> int:
    from console.seals import commands as seal_commands

    return seal_commands.run(args, current_database)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "seals": cmd_seals,
    "inspection": cmd_inspection,
    "analysis": cmd_analysis,
    "report": cmd_report,
    "db": cmd_db,
    "demo": cmd_demo,
    "bill-run": cmd_bill_run,
    "cost-control": cmd_cost_control,
    "audit": cmd_audit,
    "simulate": cmd_simulate,
    "collect": cmd_collect,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with logsetup_cli.service_run(args) as outcome:
        outcome.code = _dispatch(args)
    return outcome.code


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
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
