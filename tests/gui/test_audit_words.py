"""Every action the services write to the audit trail has words, in English and Chinese:
the customer view's audit tab never shows a code such as `payment.posted`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from console.models.enums import CommandState, NoticeKind
from console.seals import rules
from widgets.audit_words import WORDS, action_words

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
CODE = re.compile(r"^[a-z_]+(\.[a-z_]+)?$")


def written_literally() -> set[str]:
    """The action of every `audit.record(session, actor, "…")` in console/."""
    found = set()
    for path in (ROOT / "console").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("audit.record") \
                    and len(node.args) >= 3 and isinstance(node.args[2], ast.Constant):
                found.add(node.args[2].value)
    return found


# Actions composed at run time from a vocabulary, or handed to a helper that records them.
COMPOSED = (
    {f"command.{state.value}" for state in CommandState}
    | {f"seal.{move}" for move in rules.MOVES}
    | {f"notice.{kind.value}_requested" for kind in NoticeKind}
    | {f"arrears.{action}" for action in ("reminder", "disconnect_notice", "disconnect_request")}
    | {f"work_order.{past}" for past in ("assigned", "started", "done", "cancelled")}
    | {"tariff.created", "tariff.versioned", "cash.counted", "meter.unreachable",
       "meter.reachable", "notice.reminders", "notice.disconnect_notices",
       "notice.reconnect_notices", "login", "session.unlocked", "customer.viewed", "customer.printed", "customer.exported"}
)


def test_the_scan_finds_the_services_actions():
    assert {"payment.posted", "user.created", "seal.batch_created"} <= written_literally()


def test_every_written_action_has_words():
    assert sorted((written_literally() | COMPOSED) - set(WORDS)) == []


def test_the_words_read_in_english_and_in_chinese(english):
    assert action_words("payment.posted") == "Payment posted"
    assert action_words("robot.dance") == "robot.dance"  # a newer program's action, as stored
    english("zh_CN")
    untranslated = sorted(code for code in WORDS if not CJK.search(action_words(code)))
    assert untranslated == []
    assert all(CODE.match(code) for code in WORDS)
