"""Opening a database: URL handling, SQLite pragmas, and migration to the current schema."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.errors import DatabaseError

if TYPE_CHECKING:  # SQLAlchemy is imported when an engine is made: see db/reads.py
    from sqlalchemy import Engine

DEFAULT_DB = "claimcheck.db"
ENV_VAR = "CLAIMCHECK_DB"


def database_file(target: str | None = None) -> Path | None:
    """The SQLite file `--db` (or `CLAIMCHECK_DB`, or the default) names; None for a server."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url(target))
    return Path(url.database).resolve() if url.get_backend_name() == "sqlite" and url.database else None


def database_url(target: str | None = None) -> str:
    """A SQLAlchemy URL from `--db`, `CLAIMCHECK_DB` or the default ./claimcheck.db."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if target is not None and not target.strip():
        raise DatabaseError("--db is empty; give a file path or a database URL")
    target = target or os.environ.get(ENV_VAR) or DEFAULT_DB
    if target.startswith("file:"):  # SQLite's own URI form, which would be taken for a file name
        raise DatabaseError(
            f"{target} is a SQLite URI; give it as a SQLAlchemy URL: sqlite:///{target}"
            + ("&uri=true" if "?" in target else "?uri=true")
        )
    if "://" in target:
        try:
            make_url(target)
        except ArgumentError as e:
            raise DatabaseError(f"not a database URL: {target} ({e})") from None
        return target
    path = Path(target).expanduser()
    if path.exists() and path.is_dir():
        raise DatabaseError(f"{target} is a directory; give a file path for the SQLite database")
    if not path.parent.exists():
        raise DatabaseError(f"cannot create {target}: folder {path.parent} does not exist")
    return f"sqlite:///{path.resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # let SQLAlchemy's "begin" event issue BEGIN itself (see _sqlite_begin)
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=60000")
    if cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        # WAL is a lasting property of the file: set it on a new file or one of ours, never on
        # somebody else's that claimcheck is about to refuse (db/migrate.py)
        empty_or_ours = "SELECT count(*) = 0 OR max(name = 'alembic_version') FROM sqlite_master"
        if cur.execute(empty_or_ours).fetchone()[0]:
            cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    """BEGIN IMMEDIATE: take the write lock when the transaction starts, so that two
    processes wait for each other (busy_timeout) instead of failing with 'database is
    locked' when a reader tries to become a writer halfway through."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine with the pragmas claimcheck relies on (foreign keys, WAL, busy timeout)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError

    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 60})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError) as e:
        raise DatabaseError(f"cannot use database {url}: {e}") from None
    return engine


def open_database(target: str | None = None) -> Engine:
    """Engine for `target`, migrated to the current schema (idempotent)."""
    from claimcheck.db.migrate import upgrade

    engine = make_engine(database_url(target))
    upgrade(engine)
    return engine
