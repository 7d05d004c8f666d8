"""The database engine and sessions: SQLite (WAL, busy timeout, foreign keys) or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"

# A unit of work for the core functions that only run statements: a Session, or a Connection inside a
# transaction (the chat engine's, which needs no ORM Session for taking or moving an order).
Tx = Session | Connection


def connection_of(tx: Tx) -> Connection:
    """The connection a unit of work runs its statements on."""
    return tx if isinstance(tx, Connection) else tx.connection()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`; SQLite connections get WAL, a busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        _sqlite_pragmas(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout
        # instead of failing with "database is locked" when a read turns into a write.
        # Sent on the driver's connection: it runs for every transaction, and SQLAlchemy's
        # statement path costs a third of its time.
        conn.connection.driver_connection.execute("BEGIN IMMEDIATE")


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: commits when the block ends, rolls back everything if it raises."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision` with alembic (creates every table on an empty database)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
