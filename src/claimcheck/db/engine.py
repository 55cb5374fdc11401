"""Opening a database: URL handling, SQLite pragmas, and migration to the current schema."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.errors import DatabaseError

if TYPE_CHECKING:  # SQLAlchemy is imported when an engine is made: see db/reads.py
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

DEFAULT_DB = "claimcheck.db"
ENV_VAR = "CLAIMCHECK_DB"


def database_file(target: str | None = None) -> Path | None:
    """The SQLite file `--db` (or `CLAIMCHECK_DB`, or the default) names; None for a server."""
    return _sqlite_file(database_url(target))


def _sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names, also in its URI form (sqlite:///file:x.db?uri=true); None for
    a server or an in-memory database."""
    from urllib.parse import unquote

    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:":
        return None
    if parsed.query.get("uri") in ("true", "1") and name.startswith("file:"):
        name = unquote(name.removeprefix("file:").split("?")[0])
        if not name or name == ":memory:" or parsed.query.get("mode") == "memory":
            return None
    return Path(name).resolve()


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


def _sqlite_read_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # BEGIN is issued by _sqlite_begin_deferred
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def _sqlite_begin_deferred(conn) -> None:  # type: ignore[no-untyped-def]
    """A reader's transaction: one snapshot for all its queries, and no write lock to wait for."""
    conn.exec_driver_sql("BEGIN")


def _postgresql_read_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_connection.cursor()
    cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cur.close()
    dbapi_connection.commit()


def read_only_url(url: str) -> str | URL:
    """`url` opened read-only: for a SQLite file, its URI with mode=ro (see sqlite_read_only_uri)."""
    from sqlalchemy.engine import URL, make_url

    path = _sqlite_file(url)
    if path is None:
        return url
    parsed = make_url(url)
    if parsed.query.get("uri") not in ("true", "1"):
        return URL.create("sqlite", database=sqlite_read_only_uri(path), query={**parsed.query, "uri": "true"})
    return parsed.update_query_dict({"mode": "ro", **({"immutable": "1"} if _unshareable(path) else {})})


def sqlite_read_only_uri(path: Path) -> str:
    """SQLite's URI for reading `path` without writing anything, not even a journal (mode=ro),
    and with immutable=1 where SQLite cannot keep its shared-memory index beside the file (a
    read-only folder or mount), which it otherwise needs to read a WAL database."""
    from urllib.parse import quote

    return f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if _unshareable(path) else "")


def _unshareable(path: Path) -> bool:
    """True when SQLite could not create the -shm file beside `path`; refused when a -wal file
    there still holds changes that only a writable folder lets SQLite read."""
    shm, wal = Path(f"{path}-shm"), Path(f"{path}-wal")
    if shm.exists() or os.access(path.parent, os.W_OK):
        return False
    if wal.exists() and wal.stat().st_size > 0:
        raise DatabaseError(
            f"{path}: its latest changes are still in {wal.name}, which SQLite can only read where it may "
            "write beside the file; open it once where the folder is writable, or copy the folder somewhere writable"
        )
    return True


def make_engine(url: str, read_only: bool = False) -> Engine:
    """An engine with the pragmas claimcheck relies on (foreign keys, WAL, busy timeout); with
    `read_only`, one that cannot write (SQLite opened read-only, PostgreSQL read-only transactions)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError

    try:
        if url.startswith("sqlite") and read_only:
            engine = create_engine(read_only_url(url), connect_args={"timeout": 60})
            event.listen(engine, "connect", _sqlite_read_pragmas)
            event.listen(engine, "begin", _sqlite_begin_deferred)
        elif url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 60})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True)
            if read_only and engine.dialect.name == "postgresql":
                event.listen(engine, "connect", _postgresql_read_only)
    except (ArgumentError, ImportError) as e:
        raise DatabaseError(f"cannot use database {url}: {e}") from None
    return engine


def open_database(target: str | None = None) -> Engine:
    """Engine for `target`, created if need be and migrated to the current schema (idempotent)."""
    from claimcheck.db.migrate import upgrade

    url = database_url(target)
    path = _sqlite_file(url)
    if path is not None:
        _require_writable(path)
    engine = make_engine(url)
    upgrade(engine)
    return engine


def _require_writable(path: Path) -> None:
    """Refuse, before SQLite does in its own words, a file a write command cannot write."""
    if not _writable(path):
        raise DatabaseError(
            f"{path} is read-only (the file or its folder cannot be written, or it is on a read-only mount): make "
            "both writable, or work on a copy; commands that only read it (conflicts, claims, export, ...) work as it is"
        )


def _writable(path: Path) -> bool:
    """Whether SQLite can write `path` (or create it): it also writes its journal beside the
    file, so the folder must be writable too."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def open_for_reading(target: str | None = None) -> Engine:
    """Engine for a command that only reads `target`: it is never created and never written (a
    read-only file or folder will do). It must hold claimcheck's schema; an older schema is
    upgraded first, as every command does, which is the one write a reader may make."""
    from claimcheck.db.migrate import require_schema

    url = database_url(target)
    path = _sqlite_file(url)
    if path is not None and not path.is_file():
        raise DatabaseError(f"no database at {path}: check --db (or ${ENV_VAR}); `claimcheck ingest` creates one there")
    engine = make_engine(url, read_only=True)

    def upgrader() -> Engine:  # for a database from an older claimcheck
        if path is not None and not _writable(path):
            raise DatabaseError(
                f"{path} was made by an older claimcheck: it must be upgraded before it can be read, which needs "
                "write access once; make the file and its folder writable (or work on a copy) and run the command again"
            )
        return make_engine(url)

    require_schema(engine, upgrader)
    return engine
