"""How a command opens its database, for cli.py and cli_verdicts.py alike.

A command that writes opens it read-write: created if missing, migrated, and brought up to
date (groups an interrupted ingest left to recompute). A command that only reads opens it
read-only: it never creates, regroups or rescores, so it does not wait behind a running ingest
and works on a read-only file, folder or mount; when groups are left to recompute it shows what
is stored and says so once on stderr. TruthFinder's scores are no part of either: a command
that shows them computes them when the stored ones are stale (`ingest --trust` stores them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from claimcheck.console import err_console

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session


def engine(ctx: click.Context, *, write: bool) -> Engine:
    """The command's engine: read-write and up to date when it `write`s, else read-only."""
    obj = ctx.ensure_object(dict)
    if write and not obj.get("writable"):
        from claimcheck.db.engine import open_database

        obj["engine"], obj["writable"] = open_database(obj.get("db")), True
        _catch_up(obj["engine"])
    elif "engine" not in obj:
        from claimcheck.db.engine import open_for_reading

        obj["engine"], obj["writable"] = open_for_reading(obj.get("db")), False
        _note_stale(obj["engine"])
    return obj["engine"]


def session(ctx: click.Context, *, write: bool = False) -> Session:
    """A session on the command's database (see `engine`)."""
    from sqlalchemy.orm import Session

    return Session(engine(ctx, write=write))


def _catch_up(eng: Engine) -> None:
    """Recompute the groups an interrupted ingest left pending."""
    from sqlalchemy.orm import Session

    from claimcheck.db import store

    with Session(eng) as s, s.begin():
        if store.pending_keys(s):
            from claimcheck.pipeline import people as entities

            entities.settle(s)


def _note_stale(eng: Engine) -> None:
    """Say once, on stderr, that what a read shows is not fully recomputed, and what fixes it."""
    from sqlalchemy.orm import Session

    from claimcheck.db import store

    with Session(eng) as s:
        pending = store.left_to_recompute(s)
    if not pending:
        return
    err_console().print(
        f"note: {pending} group{'s' if pending != 1 else ''} to regroup (an ingest is running, or was "
        "interrupted); this shows what is stored, and the next `claimcheck ingest` (or any command "
        "that writes) brings it up to date"
    )
