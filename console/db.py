"""Engines, sessions and the unit of work.

One engine per process; one session per unit of work (a user action or a
background task), opened in the thread that uses it.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from console.errors import ConcurrentUpdate, DatabaseReadOnly, DatabaseUnavailable

APP_NAME = "GridDesk"


def default_db_path() -> Path:
    """The embedded demo database in the user's data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "griddesk.db"


def resolve_url(url: str | None) -> str:
    """--db, else GRIDDESK_DB, else the embedded SQLite file."""
    url = url or os.environ.get("GRIDDESK_DB") or ""
    if not url:
        return f"sqlite:///{default_db_path()}"
    if url.startswith("postgresql://"):
        # Plain libpq URLs mean psycopg 3, the only driver we ship.
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL opens (None: in memory, or not SQLite).

    `sqlite:///file:/path/g.db?mode=ro&uri=true` is an SQLite URI filename: the file is
    /path/g.db, not a folder named "file:".
    """
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:"):
        path = unquote(urlsplit(database).path)
        return None if path in ("", ":memory:") or parsed.query.get("mode") == "memory" \
            else Path(path)
    return Path(database)


def describe_url(url: str) -> str:
    """What the status bar shows: file path, or host:port/database (no password)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_file(url)
        return str(path) if path else ":memory:"
    port = f":{parsed.port}" if parsed.port else ""
    return f"PostgreSQL {parsed.host or 'localhost'}{port}/{parsed.database}"


def _without_secrets(url: str) -> str:
    """A URL that may not parse, as an error message may show it: its password and its
    query (sslpassword, key paths) left out — a typo in the scheme must not put the
    workstation's password on the screen."""
    parts = urlsplit(url)
    user, at, host = parts.netloc.rpartition("@")
    netloc = f"{user.split(':', 1)[0]}@{host}" if at else host
    return urlunsplit(parts._replace(netloc=netloc, query="", fragment=""))


def workstation_name() -> str:
    return os.environ.get("GRIDDESK_WORKSTATION") or socket.gethostname()


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # DBAPI hook
    # pysqlite's own transaction handling is off so that BEGIN is ours to issue.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA busy_timeout = 10000")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


READ_ONLY = "griddesk_read_only"


def _sqlite_begin(conn) -> None:
    # IMMEDIATE takes the write lock up front: a transaction that reads then
    # writes cannot fail half-way with "database is locked" on upgrade. Pure
    # reads (Database.read) take no lock at all, so a polling chart never
    # queues behind the collector's writes (WAL lets readers run alongside).
    if conn.get_execution_options().get(READ_ONLY):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | None = None, *, echo: bool = False) -> Engine:
    """An engine for the URL, with SQLite tuned for a shared desktop database."""
    url = resolve_url(url)
    try:
        path = sqlite_file(url)
        if path is not None and make_url(url).query.get("mode") not in ("ro", "rw"):
            # A new file's folder is made for it; "ro"/"rw" open only a file that exists.
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        shown = _without_secrets(url)
        raise DatabaseUnavailable(f"not a database URL: {shown}", url=shown,
                                  detail=str(exc).replace(url, shown)) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def check_connection(engine: Engine) -> None:
    """Open a connection and touch the schema, or raise DatabaseUnavailable."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA schema_version").scalar()
    except DBAPIError as exc:
        raise unavailable(engine, exc) from exc


def check_writable(engine: Engine) -> None:
    """Raise DatabaseReadOnly when the database can be read but not written.

    Every login writes (its audit event, the failed-login count): on a read-only
    file or a read-only server nobody could sign in, so say so before anyone tries.
    """
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                # Writes nothing, but SQLite refuses any write statement on a read-only file.
                conn.exec_driver_sql("UPDATE alembic_version SET version_num = version_num "
                                     "WHERE 0")
            elif conn.exec_driver_sql("SHOW transaction_read_only").scalar() == "on":
                raise DatabaseReadOnly("read-only", where=_where(engine))
            conn.rollback()
    except DBAPIError as exc:
        raise unavailable(engine, exc) from exc


def _where(bind: Engine | Connection) -> str:
    return describe_url(bind.engine.url.render_as_string(hide_password=True))


# libpq's words for a TLS refusal → what the user is told to do about it (params["tls"]).
TLS_PROBLEMS = (
    ("certificate verify failed", "untrusted"),  # signed by another CA, or expired
    ("does not match host name", "untrusted"),
    ("root certificate file", "no_ca"),  # sslrootcert names no file on this PC
    ("no encryption", "tls_required"),  # pg_hba.conf: hostnossl … reject
    ("server does not support SSL", "server_without_tls"),
    ("requires a valid client certificate", "client_cert"),
)


def tls_problem(detail: str) -> str:
    """Which TLS refusal a connection error is ("" when it is none)."""
    return next((code for words, code in TLS_PROBLEMS if words in detail), "")


def unavailable(engine: Engine | Connection, exc: Exception) -> DatabaseUnavailable:
    """A DatabaseUnavailable that names the file or server and says why (DatabaseReadOnly
    when it refused to write)."""
    where = _where(engine)
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else ""
    if "readonly database" in detail or "read-only transaction" in detail:
        return DatabaseReadOnly(f"{where}: {detail}", where=where, detail=detail)
    return DatabaseUnavailable(f"{where}: {detail}", where=where, detail=detail,
                               tls=tls_problem(detail))


def table_names(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return inspect(conn).get_table_names()


def _rollback_quietly(session: Session) -> None:
    try:
        session.rollback()
    except SQLAlchemyError:
        pass  # nothing left to undo: the caller reports the original failure


class UnitOfWork:
    """One session and one transaction for one user action.

    `with uow:` commits on success and rolls back on any exception; database
    failures come out as ConsoleErrors the UI knows how to say.
    """

    def __init__(self, session_factory: Callable[[], Session], *, commit: bool = True) -> None:
        self._factory = session_factory
        self._commit = commit
        self.session: Session | None = None

    def __enter__(self) -> Session:
        self.session = self._factory()
        self.session.begin()
        return self.session

    def __exit__(self, exc_type, exc, tb) -> None:
        session, self.session = self.session, None
        assert session is not None
        try:
            if exc_type is None and self._commit:
                session.commit()
            else:
                session.rollback()
        except StaleDataError as stale:
            session.rollback()
            raise ConcurrentUpdate("changed by another workstation") from stale
        except OperationalError as err:
            _rollback_quietly(session)  # the connection may be gone, or COMMIT half done
            raise unavailable(session.get_bind(), err) from err
        finally:
            session.close()
        if isinstance(exc, StaleDataError):
            raise ConcurrentUpdate("changed by another workstation") from exc
        if isinstance(exc, OperationalError):
            raise unavailable(session.get_bind(), exc) from exc


class Database:
    """The engine and session factory one process shares; hands out units of work."""

    def __init__(self, engine: Engine, session_factory: Callable[[], Session] | None = None) -> None:
        self.engine = engine
        # Tests hand in a factory bound to an outer transaction they roll back;
        # then reads and writes share it.
        self.session_factory = session_factory or sessionmaker(
            engine, expire_on_commit=False, autobegin=False
        )
        self.read_session_factory = session_factory or sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False, autobegin=False
        )

    @classmethod
    def open(cls, url: str | None = None) -> Database:
        return cls(make_engine(url))

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def description(self) -> str:
        return describe_url(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def uow(self) -> UnitOfWork:
        """A unit of work that may write."""
        return UnitOfWork(self.session_factory)

    def read(self) -> UnitOfWork:
        """A unit of work that only reads: on SQLite it takes no write lock."""
        return UnitOfWork(self.read_session_factory)

    def glance(self) -> UnitOfWork:
        """A unit of work that reads and ends in a rollback: checks made before a use case's
        own transaction, which leave no trace (not even a commit) behind."""
        return UnitOfWork(self.read_session_factory, commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.uow() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
