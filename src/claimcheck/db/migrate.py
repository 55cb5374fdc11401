"""Alembic migrations, applied automatically when a command opens a database."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.errors import DatabaseError, database_failure, reason_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from alembic.config import Config
    from sqlalchemy import Connection, Engine

# The newest revision in migrations/versions (a test keeps the two equal). Knowing it here lets a
# command see that a database is current with one query, without importing Alembic (~0.3 s).
HEAD_REVISION = "0013"


def migrations_dir() -> Path:
    """The migrations folder: inside the installed wheel, or at the root of a checkout."""
    packaged = resources.files("claimcheck").joinpath("migrations")
    if packaged.is_dir():
        return Path(str(packaged))
    here = Path(__file__).resolve().parents[3] / "migrations"
    if here.is_dir():
        return here
    raise DatabaseError("claimcheck's migrations are missing from this installation; reinstall it")


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision`; refuse a database from a newer claimcheck.

    The revision is read and the migration run in one transaction that holds the schema lock
    (on SQLite the write lock, taken by BEGIN IMMEDIATE; on PostgreSQL an advisory lock), so
    of several commands started together on a new database one creates the schema and the
    others wait for it, then find it current."""
    if revision == "head" and _stamped(engine) == HEAD_REVISION:
        return
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from sqlalchemy.exc import DBAPIError

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    try:
        with engine.begin() as conn:
            _lock_schema(conn)
            current = MigrationContext.configure(conn).get_current_revision()
            _refuse_newer(current, {r.revision for r in script.walk_revisions()})
            if revision == "head" and current == script.get_current_head():
                return
            if current is None:
                _refuse_foreign(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except DBAPIError as e:
        if database_failure("", reason_of(e)) is not None:
            raise  # read-only, locked, damaged, disk full: the command names the file and says what to do
        raise DatabaseError(
            f"could not bring the database to claimcheck's schema ({reason_of(e)}); the database was left as it was"
        ) from None


def require_schema(engine: Engine, writer: Callable[[], Engine]) -> None:
    """For a command that only reads: the database must hold claimcheck's schema. An empty one is
    refused (nothing to read; a write command creates the schema); an older one is upgraded
    through `writer`'s engine, since the reader's own cannot write."""
    stamped = _stamped(engine)
    if stamped == HEAD_REVISION:
        return
    if stamped is None:
        try:
            _refuse_foreign(engine)
        except DatabaseError:
            # a first `ingest` elsewhere may have committed the schema between the two looks
            # (its tables and its revision appear at once): look at the revision again
            if _stamped(engine) is None:
                raise
            return require_schema(engine, writer)
        raise DatabaseError(
            "this database holds no claimcheck data yet (it is empty, or a first `claimcheck ingest` is "
            "still creating it); `claimcheck ingest` fills it"
        )
    upgrading = writer()
    try:
        upgrade(upgrading)
    finally:
        upgrading.dispose()


_SCHEMA_LOCK = 0x636C6D73  # an arbitrary constant naming claimcheck's schema lock (PostgreSQL)


def _lock_schema(conn: Connection) -> None:
    """On PostgreSQL, one process at a time checks and migrates the schema (until its transaction
    ends); on SQLite the transaction already holds the write lock."""
    from sqlalchemy import text

    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK})


def _refuse_newer(current: str | None, known: set[str]) -> None:
    if current is not None and current not in known:
        raise DatabaseError(
            f"this database is at schema revision {current}, which this claimcheck does not know: "
            "it was made by a newer version. Upgrade claimcheck; the database was left untouched."
        )


def _refuse_foreign(engine: Engine | Connection) -> None:
    """Refuse to add claimcheck's tables to a database that has tables but no claimcheck
    revision: somebody else's file, or a claimcheck database whose revision record was lost.
    Either way, migrating would fail half-way or quietly change a file that is not ours."""
    from sqlalchemy import inspect

    names = inspect(engine)
    found = sorted(
        n
        for n in [*names.get_table_names(), *names.get_view_names()]
        if n != "alembic_version" and not n.startswith("sqlite_")
    )
    if found:
        shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        raise DatabaseError(
            f"this database has tables ({shown}) but was not made by claimcheck (it has no claimcheck "
            "schema revision); point --db at a new file or an empty database. It was left untouched."
        )


def _stamped(engine: Engine) -> str | None:
    """The revision recorded in the database, or None when it has no revision table yet. Any
    other failure (a damaged or unreadable file) is raised, for the command to report."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as e:
        if _no_such_table(reason_of(e)):
            return None
        raise


def _no_such_table(reason: str) -> bool:
    """What SQLite ("no such table") and PostgreSQL ("relation ... does not exist") say."""
    return "no such table" in reason or ("relation" in reason and "does not exist" in reason)
