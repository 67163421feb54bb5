"""Which move a seal may make from which state (pure).

    in_stock -> issued_unit -> issued_person -> installed -> removed -> scrapped
    lost and damaged are side exits from anywhere before scrapped; never reused.
    issued_unit / issued_person go back to stock; a unit or person hands on (transfer).

Who may take a seal (someone else's seal needs a transfer first) and where it
goes (one seal per position) need the database and are checked by the services.
"""

from __future__ import annotations

from console.models.enums import SealState as S

ISSUE_UNIT, ISSUE_PERSON, RETURN = "issue_unit", "issue_person", "return"
INSTALL, REMOVE, SCRAP, LOSE, DAMAGE = "install", "remove", "scrap", "lose", "damage"

TERMINAL = (S.SCRAPPED, S.LOST, S.DAMAGED)

# move -> (states it may start from, state it leads to)
MOVES: dict[str, tuple[tuple[str, ...], str]] = {
    ISSUE_UNIT: ((S.IN_STOCK, S.ISSUED_UNIT), S.ISSUED_UNIT),
    ISSUE_PERSON: ((S.IN_STOCK, S.ISSUED_UNIT, S.ISSUED_PERSON), S.ISSUED_PERSON),
    RETURN: ((S.ISSUED_UNIT, S.ISSUED_PERSON), S.IN_STOCK),
    INSTALL: ((S.ISSUED_UNIT, S.ISSUED_PERSON), S.INSTALLED),
    REMOVE: ((S.INSTALLED,), S.REMOVED),
    SCRAP: ((S.IN_STOCK, S.ISSUED_UNIT, S.ISSUED_PERSON, S.REMOVED), S.SCRAPPED),
    LOSE: ((S.IN_STOCK, S.ISSUED_UNIT, S.ISSUED_PERSON, S.INSTALLED, S.REMOVED), S.LOST),
    DAMAGE: ((S.IN_STOCK, S.ISSUED_UNIT, S.ISSUED_PERSON, S.INSTALLED, S.REMOVED), S.DAMAGED),
}

# Moves that must say why (the reason goes into the seal's history).
NEEDS_REASON = (REMOVE, SCRAP, LOSE, DAMAGE)


def refusal(move: str, state: str) -> str:
    """'' when `move` may start from `state`; else the rule that forbids it."""
    allowed, _ = MOVES[move]
    if state in allowed:
        return ""
    if state in TERMINAL:
        return f"seal_{state}"  # seal_scrapped / seal_lost / seal_damaged: never reused
    if move == INSTALL:
        return "already_installed" if state == S.INSTALLED else (
            "not_issued" if state == S.IN_STOCK else "wrong_state")
    if move == REMOVE:
        return "not_installed"
    if state == S.INSTALLED:
        return "installed"  # remove it first
    return "wrong_state"


def target(move: str) -> str:
    return MOVES[move][1]
