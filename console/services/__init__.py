"""Use cases. Each takes the database (or a unit of work) and the acting user, checks
permission, does the work, audits it, and returns frozen dataclasses.

Where things are (one package per feature; its `__init__` maps its modules):

- customers/     finding customers, the customer view (客户统一视图)
- payments/      counter payments, receipts, reversals, the blind cash count, day close
- channels/      phone payments (WeChat Pay, Alipay) the gateway held for a supervisor
- billing/       the bill run, reviews and adjustments, balances, tariffs, what pure
                 console.billing decides from (reads)
- arrears/       the arrears list and its batch actions
- control/       remote disconnect/reconnect commands (停复电): request, approve, queue,
                 outcome, and whether a disconnect may go ahead now (outlook)
- cost_control/  smart cost control (智能费控): policies, the run, prepaid drawdown, the
                 calendar of days without disconnections
- notices/       reminders and disconnect/reconnect notices, the outbox to their channels
- consumption/   readings for the charts
- seals/         anti-theft seal batches, moves, scans, stock
- work_orders/   work orders, their SLA, and the steps that end them (closure, meter
                 replacement), satisfaction ratings
- inspection/    field route packages and results, theft-suspicion ranking
- report_data/   the data of the printed reports, the document register
- admin/         staff accounts, the site's signing keys

Shared by all, at this level: actor (who acts), permissions (who may), unit_scope (which
units an actor covers), audit (the hash-chained trail), auth (login), rows (fetch what a
stored reference names), health (does the database answer).

A new feature gets its own package here, `widgets/<feature>/` and `tests/<feature>/`
(see the README's "Adding a feature"); pure rules it decides by go to a pure package
(console.billing, console.analysis), command-line code to console/cli/.
"""
