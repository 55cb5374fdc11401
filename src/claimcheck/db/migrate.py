"""Alembic migrations, applied automatically when a command opens a database."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.errors import DatabaseError, reason_of

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

# The newest revision in migrations/versions (a test keeps the two equal). Knowing it here lets a
# command see that a database is current with one query, without importing Alembic (~0.3 s).
HEAD_REVISION = "0011"


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
    """Bring the database to `revision`; refuse a database from a newer claimcheck."""
    if revision == "head" and _stamped(engine) == HEAD_REVISION:
        return
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy.exc import DBAPIError

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    try:
        current = current_revision(engine)
    except DBAPIError as e:
        raise DatabaseError(f"cannot open the database: {e.orig}") from None
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise DatabaseError(
            f"this database is at schema revision {current}, which this claimcheck does not know: "
            "it was made by a newer version. Upgrade claimcheck; the database was left untouched."
        )
    if revision == "head" and current == script.get_current_head():
        return
    if current is None:
        _refuse_foreign(engine)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except DBAPIError as e:
        raise DatabaseError(
            f"could not bring the database to claimcheck's schema ({reason_of(e)}); the database was left as it was"
        ) from None


def _refuse_foreign(engine: Engine) -> None:
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
    """The revision recorded in the database, or None (no table yet, or unreadable)."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None
