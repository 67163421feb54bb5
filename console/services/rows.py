"""Rows a stored reference says are there, fetched with a clear error if one is not.

`session.get` answers None for a missing key. Where a foreign key points at the row
(payment → customer, allocation → bill), None means a broken database rather than bad
input: say so by name instead of failing later on an attribute of None.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from console.errors import NotFound

_Row = TypeVar("_Row")


def existing(session: Session, model: type[_Row], key: int | None, entity: str) -> _Row:
    """The `model` row with primary key `key`; NotFound naming `entity` when there is none."""
    row = session.get(model, key) if key is not None else None
    if row is None:
        raise NotFound(f"no such {entity}", entity=entity, id=key)
    return row
