"""The one door of every use case: who acts, whether their session still holds, what they may
do, and which supply units they see (issue 16).

    @use_case(Permission.TAKE_PAYMENT, customer="customer_id")
    def post_payment(db, actor, *, customer_id, ...): ...

Before the body runs, the decorator checks the role's permission, re-reads the acting user
(disabled, role, unit or session stamp changed → SessionEnded; a password to change first →
PasswordChangeRequired), works out the actor's units (their unit and every unit below it;
everything for admins and system processes) and refuses an object named by an argument
that lies outside them (OutOfScope) — all before anything is written. Lists filter with
`in_scope(Customer.unit_id)`, which reads the scope of the call in progress.

One short statement per call: the user row with the unit tree's stamp (the tree itself is
kept per process and read again when the stamp moves, console.services.unit_scope), and one
`IN` query per kind of object named, however many are named.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import ColumnElement, bindparam, select, true
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import OutOfScope, PasswordChangeRequired, SessionEnded
from console.models import User
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.permissions import Permission, allowed, require
from console.services.scope_kinds import KINDS, units_of
from console.services.unit_scope import Stamp, stamp_columns, unit_ids_in_scope

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Scope:
    """The units an actor sees; `units` None means every unit."""

    units: frozenset[int] | None

    def covers(self, unit_id: int | None) -> bool:
        return self.units is None or unit_id in self.units

    def clause(self, column: Any) -> ColumnElement[bool]:
        return true() if self.units is None else column.in_(sorted(self.units))


EVERYTHING = Scope(None)
_current: contextvars.ContextVar[Scope] = contextvars.ContextVar("scope", default=EVERYTHING)


@dataclass(frozen=True)
class Rule:
    """What a use case declares: its permission and which arguments name scoped objects."""

    permission: Permission | None
    objects: tuple[tuple[str, str], ...]  # (kind, argument name)
    filters: bool  # its answer is a list that in_scope() narrows
    any_password: bool  # allowed while the password must still be changed
    system: bool = False  # a system process (Actor.system) may run it without the permission


def use_case(permission: Permission | None, *, filters: bool = False,
             any_password: bool = False, system: bool = False,
             **objects: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare a use case's rule; `objects` maps a kind (customer, meter, …) to an argument.
    `system`: the collector, the CLI and the cost-control engine (Actor.system) may run it."""
    unknown = set(objects) - set(KINDS)
    if unknown:
        raise TypeError(f"unknown object kinds {sorted(unknown)}")
    rule = Rule(permission, tuple(objects.items()), filters, any_password, system)

    def wrap(func: Callable[P, R]) -> Callable[P, R]:
        names = func.__code__.co_varnames[:func.__code__.co_argcount + func.__code__.co_kwonlyargcount]
        missing = [arg for _kind, arg in rule.objects if arg not in names]
        if missing:
            raise TypeError(f"{func.__qualname__} has no argument {missing}")

        @functools.wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = _arguments(func, args, kwargs)
            scope = enter(bound["db"], bound["actor"], rule, bound)
            token = _current.set(scope)
            try:
                return func(*args, **kwargs)
            finally:
                _current.reset(token)

        run.__use_case__ = rule  # type: ignore[attr-defined]
        return run

    return wrap


def _arguments(func: Callable[..., Any], args: tuple[Any, ...],
               kwargs: dict[str, Any]) -> dict[str, Any]:
    code = func.__code__
    positional = code.co_varnames[:code.co_argcount]
    return {**dict(zip(positional, args, strict=False)), **kwargs}


def enter(db: Database, actor: Actor, rule: Rule, arguments: dict[str, Any]) -> Scope:
    """The checks of `rule` for this call, in one read; the actor's scope when they pass."""
    if rule.permission is not None and not (rule.system and _is_system(actor)):
        require(actor, rule.permission)
    with db.glance() as session:
        stamp = check_session(session, actor, any_password=rule.any_password)
        scope = scope_of(session, actor, stamp)
        for kind, name in rule.objects:
            check_objects(session, actor, scope, kind, arguments.get(name))
    return scope


def _is_system(actor: Actor) -> bool:
    return actor is not None and actor.user_id is None and actor.role == SYSTEM_ROLE


# Built once: every call of every use case sends it, and building a select costs more than
# running this one on SQLite.
_USER_ROW = select(User.active, User.role, User.unit_id, User.session_stamp,
                   User.must_change_password, *stamp_columns()).where(
    User.id == bindparam("user_id"))


def check_session(session: Session, actor: Actor, *, any_password: bool = False) -> Stamp | None:
    """The user behind `actor` still holds the session they logged in with; returns the unit
    tree's stamp, read in the same statement (None for a system process)."""
    if actor is None or actor.user_id is None:
        return None  # a system process acts on its own authority
    row = session.execute(_USER_ROW, {"user_id": actor.user_id}).first()
    if row is None or not row.active:
        raise SessionEnded("the account was disabled", reason="disabled", user=actor.username)
    if (row.role, row.unit_id, row.session_stamp) != (actor.role, actor.unit_id,
                                                      actor.session_stamp):
        raise SessionEnded("the account was changed", reason="changed", user=actor.username)
    if row.must_change_password and not any_password:
        raise PasswordChangeRequired("change the password first", user=actor.username)
    return tuple(row)[5:]


def scope_of(session: Session, actor: Actor, stamp: Stamp | None = None) -> Scope:
    if actor is None or actor.user_id is None or allowed(actor.role, Permission.ALL_UNITS):
        return EVERYTHING
    return Scope(unit_ids_in_scope(session, actor.unit_id, stamp))


def check_objects(session: Session, actor: Actor, scope: Scope, kind: str, value: Any) -> None:
    """Refuse when an object named by an argument (an id, a code, or several) is out of scope;
    a missing object is left for the use case to report as it always has."""
    if value is None or scope.units is None:
        return
    keys = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    units = units_of(session, kind, keys)
    for key in keys:  # the first one named that is outside, as the user listed them
        unit_id = units.get(key)
        if unit_id is not None and not scope.covers(unit_id):
            raise OutOfScope(f"{kind} {key} is outside {actor.username}'s units", entity=kind,
                             id=key, unit_id=unit_id)


def current_scope() -> Scope:
    """The scope of the use case running in this thread (everything outside one)."""
    return _current.get()


def in_scope(column: Any) -> ColumnElement[bool]:
    """`select(Customer).where(in_scope(Customer.unit_id))`: only the acting user's units."""
    return _current.get().clause(column)


def covers(unit_id: int | None) -> bool:
    return _current.get().covers(unit_id)


@contextmanager
def scoped(scope: Scope) -> Iterator[None]:
    """Run code under a scope outside a use case (tests, a CLI command acting for a user)."""
    token = _current.set(scope)
    try:
        yield
    finally:
        _current.reset(token)


def use_cases(modules: Iterable[Any]) -> dict[str, Rule | None]:
    """Every public function of `modules` that takes (db, actor, …), with its rule or None."""
    found: dict[str, Rule | None] = {}
    for module in modules:
        for name, value in vars(module).items():
            if name.startswith("_") or not callable(value) or getattr(
                    value, "__module__", None) != module.__name__:
                continue
            code = getattr(getattr(value, "__wrapped__", value), "__code__", None)
            if code is not None and code.co_varnames[:2] == ("db", "actor"):
                found[f"{module.__name__}.{name}"] = getattr(value, "__use_case__", None)
    return found
