"""How a command opens its database, for cli.py and cli_verdicts.py alike.

A command that writes opens it read-write: created if missing, migrated, and brought up to
date (groups an interrupted ingest left to recompute, stale TruthFinder scores). A command that
only reads opens it read-only: it never creates, regroups or rescores, so it does not wait
behind a running ingest and works on a read-only file, folder or mount; when something is left
to recompute it shows what is stored and says so once on stderr.
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
    """Recompute what an interrupted ingest left: its pending groups, then TruthFinder's scores."""
    from sqlalchemy.orm import Session

    from claimcheck.db import store

    with Session(eng) as s, s.begin():
        if store.pending_keys(s):
            from claimcheck.pipeline import people as entities

            entities.settle(s)
        if store.trust_is_stale(s):
            from claimcheck import verdicts

            verdicts.refresh_trust(s)


def _note_stale(eng: Engine) -> None:
    """Say once, on stderr, that what a read shows is not fully recomputed, and what fixes it."""
    from sqlalchemy.orm import Session

    from claimcheck.db import store

    with Session(eng) as s:
        pending, trust = store.left_to_recompute(s)
    if not pending and not trust:
        return
    what = [f"{pending} group{'s' if pending != 1 else ''} to regroup"] if pending else []
    what += ["source trust to rescore"] if trust else []
    err_console().print(
        f"note: {' and '.join(what)} (an ingest is running, or was interrupted); this shows what is "
        "stored, and the next `claimcheck ingest` (or any command that writes) brings it up to date"
    )
