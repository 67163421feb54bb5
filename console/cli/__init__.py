"""`python -m console <command>`: the headless entry points, one module per command group.

`app` builds the parser and dispatches; `common` holds what the groups share
(exit codes, `--db`, an open current database). A new command group is a
module with `add_parser(commands)` and `run(args) -> int`, listed in
`app.GROUPS` and `app.COMMANDS`. Within console/, only this package parses
command lines (tests/test_layering.py keeps it so); the report group's options
live in reports/headless.py, next to the documents they name.
"""

from console.cli.app import COMMANDS, build_parser, main

__all__ = ["COMMANDS", "build_parser", "main"]
