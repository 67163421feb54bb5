"""`python -m console cost-control run|deliver`: smart cost control (智能费控) and notices."""

from __future__ import annotations

import argparse

from console.cli import operator
from console.cli.common import EXIT_OK, add_db, current_database, print_progress
from console.notices import default_senders
from console.services.cost_control.run import run_cost_control
from console.services.notices.outbox import deliver_pending
from console.services.permissions import Permission, require


def add_parser(commands: argparse._SubParsersAction) -> None:
    cost = commands.add_parser("cost-control", help="smart cost control (智能费控) and notices")
    cost_cmd = cost.add_subparsers(dest="cost_command", metavar="ACTION", required=True)
    run = cost_cmd.add_parser("run", help="draw down prepaid balances; write notices, "
                                           "alarms and disconnect requests")
    add_db(run)
    operator.add_options(run, services=("collector",))
    deliver = cost_cmd.add_parser("deliver", help="send pending notices (paper to the print "
                                                   "queue, SMS/WeChat to JSON-lines files with "
                                                   "the contacts masked)")
    deliver.add_argument("--folder", default="notices", metavar="DIR",
                         help="where the JSON-lines files go (default ./notices)")
    add_db(deliver)
    operator.add_options(deliver, services=("collector",))


def run(args: argparse.Namespace) -> int:
    with current_database(args.db) as db:
        actor = operator.sign_in(db, args)
        if args.cost_command == "deliver":
            if actor.user_id is not None:  # a person: the duty that writes the notices
                require(actor, Permission.REQUEST_CONTROL)
            senders, totals = default_senders(args.folder), [0, 0, 0]
            while (done := deliver_pending(db, senders=senders)).claimed:  # 500 a round
                totals = [t + n for t, n in zip(totals, (done.sent, done.retrying, done.failed),
                                                strict=True)]
            print(f"notices: {totals[0]} sent, {totals[1]} to retry, {totals[2]} given up")
            return EXIT_OK
        result = run_cost_control(db, actor, progress=lambda done, total:
                                  print_progress("accounts", done / total))
    print(f"{result.accounts} accounts looked at: {result.notices} notices, {result.alarms} "
          f"alarms, {result.requests} disconnect requests, {result.cleared} back to normal; "
          f"prepaid draw-down {result.drawdown.amount} yuan on {result.drawdown.charged} meters; "
          f"{result.seconds:.1f} s")
    for name, count in sorted(result.counts.items()):
        print(f"  {name:<40} {count:>9,}")
    return EXIT_OK
