"""Errors meant for users: each message says what went wrong and what to do."""

from __future__ import annotations

import shlex


class ClaimcheckError(Exception):
    """Base class for errors a user can act on (the CLI shows the message, exit 1)."""


class ReadError(ClaimcheckError):
    """A document could not be read or decoded."""

    def __init__(self, path: str, problem: str, advice: str = "") -> None:
        self.path = path
        self.problem = problem
        self.advice = advice
        message = f"{path}: {problem}"
        if advice:
            message += f" ({advice})"
        super().__init__(message)


class DatabaseError(ClaimcheckError):
    """The database cannot be opened, migrated or queried."""


class NotFoundError(ClaimcheckError):
    """A claim, group or source the user named does not exist."""


def reason_of(e: BaseException) -> str:
    """The first line of what a database (or anything else) said when it refused: the DB-API
    error inside SQLAlchemy's wrapper, or the exception's own message, or its type's name."""
    text = str(getattr(e, "orig", None) or e).strip()
    return text.splitlines()[0] if text else type(getattr(e, "orig", None) or e).__name__


# What SQLite and PostgreSQL say when the database itself cannot go on, and what to do about it.
_DATABASE_ADVICE = (
    (("readonly", "read-only"), "the database is read-only: make the file and its folder writable, or work on a copy"),
    (("locked",), "another process is using the database: try again when it has finished"),
    (("full",), "the disk is full: free some space and run the command again"),
    (("disk i/o",), "the disk failed to read or write: check it, then run the command again"),
)
_DAMAGED = ("malformed", "not a database")  # a damaged file, or none of SQLite's: no retry helps
_UNCHANGED = "What was stored before this command is unchanged"


def database_failure(database: str, reason: str, fallback: str | None = None) -> str | None:
    """One line for a database that refused to go on with `reason` (see reason_of): the
    `database` named, what happened and what to do; None when the reason is none of those
    (a bug, or data a constraint refused) and no `fallback` advice is given."""
    lowered = reason.lower()
    if any(k in lowered for k in _DAMAGED):
        return (
            f"{database} is damaged or is not a SQLite database ({reason}); recover what can be read with "
            f'`sqlite3 {shlex.quote(database)} ".recover" | sqlite3 recovered.db` and use --db recovered.db, '
            "or restore a copy"
        )
    advice = next((a for keys, a in _DATABASE_ADVICE if any(k in lowered for k in keys)), fallback)
    if advice is None:
        return None
    return f"{database}: the database refused to go on ({reason}); {advice}. {_UNCHANGED}"
