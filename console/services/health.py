"""Whether the database answers: what the status bar asks every few seconds."""

from __future__ import annotations

from console.db import Database, check_connection


def ping(db: Database) -> None:
    """Open a connection and touch the schema, or raise DatabaseUnavailable."""
    check_connection(db.engine)
